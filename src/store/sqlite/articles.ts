import type { Database, Statement } from 'better-sqlite3';
import type { ArticleInput, StoredArticle } from '../../domain/types.ts';
import type { AddArticleResult, ArticleRepo, DuplicateReason } from '../articles.ts';
import {
  comparableText,
  type FactSlots,
  hashAndFingerprint,
  SimhashIndex,
  NEAR_DUPLICATE_CANDIDATE_DISTANCE,
  NEAR_DUPLICATE_MIN_WORDS,
  nearDuplicateScore,
  type ComparableText,
  type TextFingerprint,
} from '../../ingest/dedup.ts';

interface ArticleRow {
  id: number;
  url: string | null;
  file: string | null;
  title: string | null;
  text: string;
  published_at: string | null;
  published_inferred: number;
  feed_id: number | null;
  fetched_at: string;
  content_hash: string;
  simhash: string;
  summary_only: number;
}

function toArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    url: row.url,
    file: row.file,
    title: row.title,
    text: row.text,
    publishedAt: row.published_at,
    publishedInferred: row.published_inferred === 1,
    feedId: row.feed_id,
    fetchedAt: row.fetched_at,
    contentHash: row.content_hash,
    ...(row.summary_only === 1 ? { summaryOnly: true } : {}),
  };
}

/** Candidates compared in full per added article. */
const NEAR_DUPLICATE_MAX_CANDIDATES = 8;

/**
 * Stored articles' comparison fingerprints kept in memory, most recently used last. Templated
 * wire stories make the same stored articles the closest candidates of many adds; without this
 * each add re-read and re-tokenised up to 8 stored texts (2.5 ms each). Kept compact (a typed
 * array of shingle hashes and the name list, about 6 KB an article) so that 1,024 fit in ~6 MB.
 */
const COMPARABLE_CACHE_SIZE = 1024;

interface CompactComparable {
  wordCount: number;
  shingles: Uint32Array;
  names: string[];
  /** Never changed once computed, so shared rather than copied. */
  facts: FactSlots;
}

const COLUMNS = 'id, url, file, title, text, published_at, published_inferred, feed_id, fetched_at, content_hash, simhash, summary_only';

export class SqliteArticleRepo implements ArticleRepo {
  private readonly byUrl: Statement<[string], { id: number }>;
  private readonly bySightingUrl: Statement<[string], { article_id: number }>;
  private readonly byHash: Statement<[string], { id: number }>;
  private readonly newFingerprints: Statement<[number], { id: number; simhash: string }>;
  private readonly textById: Statement<[number], { text: string }>;
  private readonly simhashes = new SimhashIndex();
  private readonly comparables = new Map<number, CompactComparable>();
  private readonly insertArticle: Statement;
  private readonly insertFts: Statement;
  private readonly insertSighting: Statement;
  private readonly fillMissing: Statement;
  private readonly byId: Statement<[number], ArticleRow>;
  private readonly countAll: Statement<[], { n: number }>;
  private readonly pending: Statement<[number, number], ArticleRow>;
  private readonly resetAll: Statement;
  private readonly setExtracted: Statement;

  constructor(private readonly db: Database) {
    this.byUrl = db.prepare('SELECT id FROM articles WHERE url = ?');
    this.bySightingUrl = db.prepare('SELECT article_id FROM article_sightings WHERE url = ? ORDER BY id LIMIT 1');
    this.byHash = db.prepare('SELECT id FROM articles WHERE content_hash = ?');
    this.newFingerprints = db.prepare('SELECT id, simhash FROM articles WHERE id > ? ORDER BY id');
    this.textById = db.prepare('SELECT text FROM articles WHERE id = ?');
    this.insertArticle = db.prepare(`INSERT INTO articles
      (url, file, title, text, published_at, published_inferred, feed_id, fetched_at, content_hash, simhash, summary_only)
      VALUES (@url, @file, @title, @text, @publishedAt, @publishedInferred, @feedId, @fetchedAt, @contentHash, @simhash, @summaryOnly)`);
    this.insertFts = db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)');
    this.insertSighting = db.prepare('INSERT INTO article_sightings (article_id, url, file, reason, seen_at) VALUES (?, ?, ?, ?, ?)');
    // A copy seen later may know what the first one did not (a stated date, a title, its URL).
    this.fillMissing = db.prepare(`UPDATE articles SET title = COALESCE(title, @title),
        published_at = @publishedAt, published_inferred = @publishedInferred,
        extracted_version = CASE WHEN @dateChanged = 1 THEN 0 ELSE extracted_version END
      WHERE id = @id`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM articles WHERE id = ?`);
    this.countAll = db.prepare('SELECT COUNT(*) AS n FROM articles');
    this.pending = db.prepare(`SELECT ${COLUMNS} FROM articles WHERE extracted_version < ?
      ORDER BY published_at IS NULL, published_at, id LIMIT ?`);
    this.resetAll = db.prepare('UPDATE articles SET extracted_version = 0');
    this.setExtracted = db.prepare('UPDATE articles SET extracted_version = ? WHERE id = ?');
  }

  async add(input: ArticleInput): Promise<AddArticleResult> {
    if (input.text.trim() === '') throw new Error('article has no text');
    const { hash, print } = hashAndFingerprint(input.text);
    const write = this.db.transaction((): AddArticleResult => {
      const duplicate = this.findDuplicate(input, hash, print);
      if (duplicate) {
        this.insertSighting.run(duplicate.of, input.url, input.file, duplicate.reason, input.fetchedAt);
        this.learnFromCopy(duplicate.of, input);
        return { status: 'duplicate', of: duplicate.of, reason: duplicate.reason };
      }
      const info = this.insertArticle.run({
        url: input.url,
        file: input.file,
        title: input.title,
        text: input.text,
        publishedAt: input.publishedAt,
        publishedInferred: input.publishedInferred ? 1 : 0,
        feedId: input.feedId,
        fetchedAt: input.fetchedAt,
        contentHash: hash,
        simhash: print.simhash,
        summaryOnly: input.summaryOnly ? 1 : 0,
      });
      const id = Number(info.lastInsertRowid);
      this.insertFts.run(id, input.title ?? '', input.text);
      if (print.wordCount >= NEAR_DUPLICATE_MIN_WORDS) this.remember(id, print);
      return { status: 'stored', article: { ...input, id, contentHash: hash } };
    });
    // IMMEDIATE: take the write lock before the duplicate checks so two processes cannot both store one article.
    return write.immediate();
  }

  /**
   * A copy seen later may know what the first one did not: a title, or a stated publication day
   * where the original had none or only an inferred one. A changed day makes the article due for
   * extraction again, since its relative dates ("on Saturday") resolve against that day.
   */
  private learnFromCopy(id: number, copy: ArticleInput): void {
    const original = this.byId.get(id);
    if (!original) return;
    const betterDate =
      copy.publishedAt !== null && (original.published_at === null || (original.published_inferred === 1 && !copy.publishedInferred));
    const publishedAt = betterDate ? copy.publishedAt : original.published_at;
    const publishedInferred = betterDate ? (copy.publishedInferred ? 1 : 0) : original.published_inferred;
    if (!betterDate && (original.title !== null || copy.title === null)) return;
    this.fillMissing.run({
      id,
      title: copy.title,
      publishedAt,
      publishedInferred,
      dateChanged: betterDate && publishedAt !== original.published_at ? 1 : 0,
    });
  }

  private findDuplicate(input: ArticleInput, hash: string, print: TextFingerprint): { of: number; reason: DuplicateReason } | null {
    if (input.url !== null) {
      const byUrl = this.byUrl.get(input.url) ?? null;
      if (byUrl) return { of: byUrl.id, reason: 'url' };
      const seen = this.bySightingUrl.get(input.url) ?? null;
      if (seen) return { of: seen.article_id, reason: 'url' };
    }
    const byHash = this.byHash.get(hash) ?? null;
    if (byHash) return { of: byHash.id, reason: 'text' };
    if (print.wordCount >= NEAR_DUPLICATE_MIN_WORDS) {
      // Top up the in-memory fingerprints with whatever was stored since, by this or another process.
      for (const row of this.newFingerprints.iterate(this.simhashes.lastId)) this.simhashes.add(row.id, row.simhash);
      // Only the closest few are compared word by word: a copy is among them, and templated wire
      // stories (many within the distance) cannot make one add compare against the whole store.
      let best: { id: number; score: number } | null = null;
      for (const id of this.simhashes.nearest(print.simhash, NEAR_DUPLICATE_CANDIDATE_DISTANCE, NEAR_DUPLICATE_MAX_CANDIDATES)) {
        const candidate = this.comparableOf(id);
        if (!candidate) continue;
        const score = nearDuplicateScore(print, candidate);
        if (score !== null && (!best || score > best.score)) best = { id, score };
      }
      if (best) return { of: best.id, reason: 'near-duplicate' };
    }
    return null;
  }

  /** The stored article's comparison fingerprint, from the cache or its text. Stored texts never change. */
  private comparableOf(id: number): ComparableText | null {
    const cached = this.comparables.get(id);
    if (cached) {
      this.comparables.delete(id);
      this.comparables.set(id, cached);
      return { wordCount: cached.wordCount, shingles: new Set(cached.shingles), names: new Set(cached.names), facts: cached.facts };
    }
    const row = this.textById.get(id);
    if (!row) return null;
    const computed = comparableText(row.text);
    this.remember(id, computed);
    return computed;
  }

  private remember(id: number, comparable: ComparableText): void {
    this.comparables.set(id, {
      wordCount: comparable.wordCount,
      shingles: Uint32Array.from(comparable.shingles),
      names: [...comparable.names],
      facts: comparable.facts,
    });
    if (this.comparables.size > COMPARABLE_CACHE_SIZE) this.comparables.delete(this.comparables.keys().next().value!);
  }

  async get(id: number): Promise<StoredArticle | null> {
    const row = this.byId.get(id);
    return row ? toArticle(row) : null;
  }

  async count(): Promise<number> {
    return this.countAll.get()!.n;
  }

  async listNeedingExtraction(version: number, limit: number): Promise<StoredArticle[]> {
    return this.pending.all(version, limit).map(toArticle);
  }

  async resetExtraction(): Promise<void> {
    this.resetAll.run();
  }

  async markExtracted(id: number, version: number): Promise<void> {
    this.setExtracted.run(version, id);
  }

  async summaryOnlyIdByUrl(url: string): Promise<number | null> {
    return (
      (this.db.prepare('SELECT id FROM articles WHERE url = ? AND summary_only = 1').get(url) as { id: number } | undefined)?.id ?? null
    );
  }

  async replaceSummary(id: number, full: ArticleInput): Promise<StoredArticle | null> {
    const { hash, print } = hashAndFingerprint(full.text);
    const replace = this.db.transaction((): StoredArticle | null => {
      const other = this.byHash.get(hash) ?? null;
      if (other && other.id !== id) return null;
      this.db
        .prepare(
          `UPDATE articles SET title = COALESCE(@title, title), text = @text, content_hash = @hash, simhash = @simhash,
            published_at = COALESCE(published_at, @publishedAt), fetched_at = @fetchedAt, summary_only = 0, extracted_version = 0
          WHERE id = @id AND summary_only = 1`,
        )
        .run({
          id,
          title: full.title,
          text: full.text,
          hash,
          simhash: print.simhash,
          publishedAt: full.publishedAt,
          fetchedAt: full.fetchedAt,
        });
      const row = this.byId.get(id);
      if (!row) return null;
      this.db.prepare('UPDATE articles_fts SET title = ?, text = ? WHERE rowid = ?').run(row.title ?? '', row.text, id);
      // The summary's comparison fingerprint is stale now (the SimHash index keeps its old entry,
      // so copies of the full text are found by their exact hash or through other candidates).
      this.comparables.delete(id);
      if (print.wordCount >= NEAR_DUPLICATE_MIN_WORDS) this.remember(id, print);
      return toArticle(row);
    });
    return replace.immediate();
  }

  async findIdByUrl(url: string): Promise<number | null> {
    const row = this.byUrl.get(url) ?? null;
    if (row) return row.id;
    return this.bySightingUrl.get(url)?.article_id ?? null;
  }
}
