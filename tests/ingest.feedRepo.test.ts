import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteArticleRepo } from '../src/store/sqlite/articles.ts';
import { SqliteFeedRepo } from '../src/store/sqlite/feeds.ts';
import { openMigratedDatabase } from './support/ingestStore.ts';
import { GENEVA_TALKS } from './support/ingestFixtures.ts';

describe('SqliteFeedRepo', () => {
  let db: Database;
  let feeds: SqliteFeedRepo;
  beforeEach(async () => {
    db = await openMigratedDatabase();
    feeds = new SqliteFeedRepo(db);
  });
  afterEach(() => db.close());

  it('syncs with the config: adds, updates and disables removed feeds without losing their state', async () => {
    await feeds.sync([
      { url: 'https://a.example/rss', name: 'A', enabled: true, pollMinutes: 15 },
      { url: 'https://b.example/rss', name: 'B', enabled: true, pollMinutes: 30 },
    ]);
    const a = (await feeds.getState('https://a.example/rss'))!;
    await feeds.recordFailure(a.id, '2025-05-16T12:00:00.000Z', 'HTTP 500', '2025-05-16T12:30:00.000Z');
    await feeds.sync([{ url: 'https://a.example/rss', name: 'A renamed', enabled: true, pollMinutes: 60 }]);
    expect((await feeds.listEnabled()).map((f) => [f.name, f.pollMinutes, f.consecutiveFailures])).toEqual([['A renamed', 60, 1]]);
    expect((await feeds.health()).map((h) => [h.name, h.enabled])).toEqual([
      ['A renamed', true],
      ['B', false],
    ]);
  });

  it('counts failures in a row, resets them on success, and keeps the validators', async () => {
    await feeds.sync([{ url: 'https://a.example/rss', name: 'A', enabled: true, pollMinutes: 15 }]);
    const { id } = (await feeds.getState('https://a.example/rss'))!;
    await feeds.recordFailure(id, '2025-05-16T12:00:00.000Z', 'timeout after 15000 ms', '2025-05-16T12:30:00.000Z');
    await feeds.recordFailure(id, '2025-05-16T12:30:00.000Z', 'HTTP 502', '2025-05-16T13:30:00.000Z');
    expect(await feeds.getState('https://a.example/rss')).toMatchObject({
      consecutiveFailures: 2,
      nextPollAt: '2025-05-16T13:30:00.000Z',
      etag: null,
    });
    await feeds.recordSuccess(
      id,
      '2025-05-16T13:30:00.000Z',
      { etag: '"x"', lastModified: 'Fri, 16 May 2025 13:00:00 GMT' },
      '2025-05-16T13:45:00.000Z',
    );
    expect(await feeds.getState('https://a.example/rss')).toMatchObject({
      consecutiveFailures: 0,
      etag: '"x"',
      lastModified: 'Fri, 16 May 2025 13:00:00 GMT',
    });
    expect((await feeds.health())[0]).toMatchObject({
      lastPolledAt: '2025-05-16T13:30:00.000Z',
      lastSuccessAt: '2025-05-16T13:30:00.000Z',
      lastError: 'HTTP 502',
      lastErrorAt: '2025-05-16T12:30:00.000Z',
      consecutiveFailures: 0,
      articleCount: 0,
    });
  });

  it('counts the articles each feed brought', async () => {
    await feeds.sync([{ url: 'https://a.example/rss', name: 'A', enabled: true, pollMinutes: 15 }]);
    const { id } = (await feeds.getState('https://a.example/rss'))!;
    await new SqliteArticleRepo(db).add({
      url: 'https://a.example/1',
      file: null,
      title: null,
      text: GENEVA_TALKS,
      publishedAt: null,
      publishedInferred: false,
      feedId: id,
      fetchedAt: '2025-05-16T12:00:00.000Z',
    });
    expect((await feeds.health())[0]!.articleCount).toBe(1);
  });

  it('knows nothing of an unknown URL', async () => {
    expect(await feeds.getState('https://nowhere.example/rss')).toBeNull();
  });
});
