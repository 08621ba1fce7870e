// Articles in PostgreSQL. Adds take one transaction-scoped advisory lock, the counterpart of
// SQLite's BEGIN IMMEDIATE: two processes cannot both store one article, and article ids commit
// in the order they were drawn, so "every id above the last one I saw" finds every new article.
import type pg from 'pg';
import type { ArticleInput, StoredArticle } from '../../domain/types.ts';
import type { AddArticleResult, ArticleRepo, DuplicateReason } from '../articles.ts';
import { hashAndFingerprint, NEAR_DUPLICATE_MIN_WORDS, type ComparableText, type TextFingerprint } from '../../ingest/dedup.ts';
import { ARTICLE_COLUMNS, improvementFromCopy, NearDuplicateMemory, toArticle, type ArticleRow } from '../articleCopies.ts';
import { inTransaction, row, rows, run, type Queryable } from './sql.ts';

/** Advisory lock key held while an article is checked for duplicates and stored. */
export const ARTICLE_ADD_LOCK_KEY = 0x61727469; // 'arti'

export class PostgresArticleRepo implements ArticleRepo {
  private readonly memory = new NearDuplicateMemory();

  constructor(private readonly pool: pg.Pool) {}

  async add(input: ArticleInput): Promise<AddArticleResult> {
    if (input.text.trim() === '') throw new Error('article has no text');
    const { hash, print } = hashAndFingerprint(input.text);
    return inTransaction(this.pool, async (db): Promise<AddArticleResult> => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [ARTICLE_ADD_LOCK_KEY]);
      const duplicate = await this.findDuplicate(db, input, hash, print);
      if (duplicate) {
        await run(db, 'INSERT INTO article_sightings (article_id, url, file, reason, seen_at) VALUES ($1, $2, $3, $4, $5)', [
          duplicate.of,
          input.url,
          input.file,
          duplicate.reason,
          input.fetchedAt,
        ]);
        await this.learnFromCopy(db, duplicate.of, input);
        return { status: 'duplicate', of: duplicate.of, reason: duplicate.reason };
      }
      const inserted = await row<{ id: number }>(
        db,
        `INSERT INTO articles (url, file, title, text, published_at, published_inferred, feed_id, fetched_at, content_hash, simhash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          input.url,
          input.file,
          input.title,
          input.text,
          input.publishedAt,
          input.publishedInferred ? 1 : 0,
          input.feedId,
          input.fetchedAt,
          hash,
          print.simhash,
        ],
      );
      const id = inserted!.id;
      if (print.wordCount >= NEAR_DUPLICATE_MIN_WORDS) this.memory.remember(id, print);
      return { status: 'stored', article: { ...input, id, contentHash: hash } };
    });
  }

  private async learnFromCopy(db: Queryable, id: number, copy: ArticleInput): Promise<void> {
    const original = await row<ArticleRow>(db, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id]);
    const improvement = original ? improvementFromCopy(original, copy) : null;
    if (!improvement) return;
    await run(
      db,
      `UPDATE articles SET title = COALESCE(title, $2), published_at = $3, published_inferred = $4,
         extracted_version = CASE WHEN $5 = 1 THEN 0 ELSE extracted_version END WHERE id = $1`,
      [improvement.id, improvement.title, improvement.publishedAt, improvement.publishedInferred, improvement.dateChanged],
    );
  }

  private async findDuplicate(
    db: Queryable,
    input: ArticleInput,
    hash: string,
    print: TextFingerprint,
  ): Promise<{ of: number; reason: DuplicateReason } | null> {
    if (input.url !== null) {
      const of = await this.idByUrl(db, input.url);
      if (of !== null) return { of, reason: 'url' };
    }
    const byHash = await row<{ id: number }>(db, 'SELECT id FROM articles WHERE content_hash = $1', [hash]);
    if (byHash) return { of: byHash.id, reason: 'text' };
    if (print.wordCount < NEAR_DUPLICATE_MIN_WORDS) return null;
    // Top up the in-memory fingerprints with whatever was stored since, by this or another process.
    const simhashes = this.memory.simhashes;
    for (const r of await rows<{ id: number; simhash: string }>(db, 'SELECT id, simhash FROM articles WHERE id > $1 ORDER BY id', [
      simhashes.lastId,
    ])) {
      simhashes.add(r.id, r.simhash);
    }
    const candidates = [];
    for (const id of this.memory.candidates(print)) candidates.push({ id, comparable: await this.comparableOf(db, id) });
    const best = this.memory.best(print, candidates);
    return best === null ? null : { of: best, reason: 'near-duplicate' };
  }

  private async comparableOf(db: Queryable, id: number): Promise<ComparableText | null> {
    const cached = this.memory.cached(id);
    if (cached) return cached;
    const r = await row<{ text: string }>(db, 'SELECT text FROM articles WHERE id = $1', [id]);
    return r ? this.memory.fromText(id, r.text) : null;
  }

  private async idByUrl(db: Queryable, url: string): Promise<number | null> {
    const byUrl = await row<{ id: number }>(db, 'SELECT id FROM articles WHERE url = $1', [url]);
    if (byUrl) return byUrl.id;
    const seen = await row<{ article_id: number }>(db, 'SELECT article_id FROM article_sightings WHERE url = $1 ORDER BY id LIMIT 1', [
      url,
    ]);
    return seen?.article_id ?? null;
  }

  async get(id: number): Promise<StoredArticle | null> {
    if (!Number.isSafeInteger(id)) return null;
    const r = await row<ArticleRow>(this.pool, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id]);
    return r ? toArticle(r) : null;
  }

  async count(): Promise<number> {
    return (await row<{ n: number }>(this.pool, 'SELECT count(*) AS n FROM articles'))!.n;
  }

  async listNeedingExtraction(version: number, limit: number): Promise<StoredArticle[]> {
    return (
      await rows<ArticleRow>(
        this.pool,
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE extracted_version < $1 ORDER BY published_at ASC NULLS LAST, id LIMIT $2`,
        [version, limit],
      )
    ).map(toArticle);
  }

  async resetExtraction(): Promise<void> {
    await run(this.pool, 'UPDATE articles SET extracted_version = 0');
  }

  async markExtracted(id: number, version: number): Promise<void> {
    await run(this.pool, 'UPDATE articles SET extracted_version = $1 WHERE id = $2', [version, id]);
  }

  async findIdByUrl(url: string): Promise<number | null> {
    return this.idByUrl(this.pool, url);
  }
}
