import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../src/domain/types.ts';
import { SqliteArticleRepo } from '../src/store/sqlite/articles.ts';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { openMigratedDatabase } from './support/ingestStore.ts';
import { GENEVA_TALKS, GENEVA_TALKS_OTHER_OUTLET, GENEVA_TALKS_SYNDICATED, ISTANBUL_TALKS } from './support/ingestFixtures.ts';

function article(overrides: Partial<ArticleInput>): ArticleInput {
  return {
    url: null,
    file: null,
    title: 'Talks',
    text: GENEVA_TALKS,
    publishedAt: '2025-11-23',
    publishedInferred: false,
    feedId: null,
    fetchedAt: '2025-11-24T08:00:00.000Z',
    ...overrides,
  };
}

describe('SqliteArticleRepo', () => {
  let db: SqliteDatabase;
  let repo: SqliteArticleRepo;
  beforeEach(async () => {
    db = await openMigratedDatabase();
    repo = new SqliteArticleRepo(db);
  });
  afterEach(() => db.close());

  it('stores an article with its full-text row and reads it back', async () => {
    const result = await repo.add(article({ url: 'https://news.example/geneva', title: 'Geneva talks' }));
    expect(result.status).toBe('stored');
    if (result.status !== 'stored') return;
    const stored = await repo.get(result.article.id);
    expect(stored).toMatchObject({
      url: 'https://news.example/geneva',
      title: 'Geneva talks',
      publishedAt: '2025-11-23',
      publishedInferred: false,
    });
    expect(stored?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const fts = db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Yermak'").all() as { rowid: number }[];
    expect(fts.map((r) => r.rowid)).toEqual([result.article.id]);
    expect(await repo.count()).toBe(1);
  });

  it('treats the same canonical URL as a duplicate and records a sighting', async () => {
    const first = await repo.add(article({ url: 'https://news.example/geneva' }));
    const second = await repo.add(article({ url: 'https://news.example/geneva', text: ISTANBUL_TALKS }));
    expect(second).toEqual({ status: 'duplicate', of: first.status === 'stored' ? first.article.id : -1, reason: 'url' });
    const sightings = db.prepare('SELECT reason, url FROM article_sightings').all();
    expect(sightings).toEqual([{ reason: 'url', url: 'https://news.example/geneva' }]);
    expect(await repo.count()).toBe(1);
  });

  it('treats the same text from a different file as a duplicate', async () => {
    await repo.add(article({ file: 'a.txt' }));
    const again = await repo.add(article({ file: 'b.txt', text: GENEVA_TALKS.toUpperCase().replace(/\n\n/g, '\n') }));
    expect(again).toMatchObject({ status: 'duplicate', reason: 'text' });
    expect(await repo.count()).toBe(1);
  });

  it('treats a syndicated copy with small edits as a near-duplicate, and another outlet on the same story as new', async () => {
    await repo.add(article({ url: 'https://a.example/1' }));
    expect(await repo.add(article({ url: 'https://b.example/2', text: GENEVA_TALKS_SYNDICATED }))).toMatchObject({
      status: 'duplicate',
      reason: 'near-duplicate',
    });
    expect(await repo.add(article({ url: 'https://c.example/3', text: GENEVA_TALKS_OTHER_OUTLET }))).toMatchObject({ status: 'stored' });
    expect(await repo.count()).toBe(2);
    // A URL first seen as a copy is remembered: fetching it again is a URL duplicate of the original.
    expect(await repo.findIdByUrl('https://b.example/2')).toBe(1);
  });

  it('sees near duplicates stored by another process on the same database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-two-writers-'));
    const first = await openMigratedDatabase(join(dir, 'shared.db'));
    const second = await openMigratedDatabase(join(dir, 'shared.db'));
    try {
      const botRepo = new SqliteArticleRepo(first);
      const cliRepo = new SqliteArticleRepo(second);
      expect(
        await cliRepo.add(article({ url: 'https://x.example/istanbul', text: ISTANBUL_TALKS + '\n\n' + GENEVA_TALKS_OTHER_OUTLET })),
      ).toMatchObject({ status: 'stored' });
      await botRepo.add(article({ url: 'https://a.example/1' }));
      expect(await cliRepo.add(article({ url: 'https://b.example/2', text: GENEVA_TALKS_SYNDICATED }))).toMatchObject({
        status: 'duplicate',
        reason: 'near-duplicate',
        of: 2,
      });
    } finally {
      first.close();
      second.close();
    }
  });

  it('lets a later copy fill in a publication date the first one lacked, and marks the article for extraction again', async () => {
    const first = await repo.add(article({ file: 'a.txt', publishedAt: null, title: null }));
    const id = first.status === 'stored' ? first.article.id : -1;
    await repo.markExtracted(id, 3);
    await repo.add(article({ file: 'b.txt', publishedAt: '2025-11-23', title: 'Geneva talks' }));
    expect(await repo.get(id)).toMatchObject({ publishedAt: '2025-11-23', publishedInferred: false, title: 'Geneva talks' });
    expect((await repo.listNeedingExtraction(3, 10)).map((a) => a.id)).toEqual([id]);
  });

  it('prefers a stated date over an inferred one, and never replaces a stated date', async () => {
    const first = await repo.add(article({ file: 'a.txt', publishedAt: '2025-11-24', publishedInferred: true }));
    const id = first.status === 'stored' ? first.article.id : -1;
    await repo.add(article({ file: 'b.txt', publishedAt: '2025-11-23', publishedInferred: false }));
    expect(await repo.get(id)).toMatchObject({ publishedAt: '2025-11-23', publishedInferred: false });
    await repo.add(article({ file: 'c.txt', publishedAt: '2025-11-30', publishedInferred: false }));
    expect(await repo.get(id)).toMatchObject({ publishedAt: '2025-11-23', publishedInferred: false });
  });

  it('lists articles needing extraction oldest first, and resets them', async () => {
    await repo.add(article({ text: GENEVA_TALKS, publishedAt: '2025-11-23' }));
    await repo.add(article({ text: ISTANBUL_TALKS, publishedAt: '2025-05-16' }));
    await repo.add(article({ text: GENEVA_TALKS_OTHER_OUTLET, publishedAt: null }));
    expect((await repo.listNeedingExtraction(1, 10)).map((a) => a.publishedAt)).toEqual(['2025-05-16', '2025-11-23', null]);
    await repo.markExtracted(2, 1);
    expect((await repo.listNeedingExtraction(1, 10)).map((a) => a.id)).toEqual([1, 3]);
    expect(await repo.listNeedingExtraction(1, 1)).toHaveLength(1);
    await repo.resetExtraction();
    expect(await repo.listNeedingExtraction(1, 10)).toHaveLength(3);
  });

  it('writes all of an article or none of it: a failing full-text insert leaves no row behind', async () => {
    db.exec('DROP TABLE articles_fts');
    await expect(repo.add(article({ url: 'https://news.example/geneva' }))).rejects.toThrow(/articles_fts/);
    expect(await repo.count()).toBe(0);
  });

  it('rejects an article without text', async () => {
    await expect(repo.add(article({ text: '  ' }))).rejects.toThrow('article has no text');
  });

  it('returns null for an unknown id', async () => {
    expect(await repo.get(42)).toBeNull();
  });
});
