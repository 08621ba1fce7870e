// What both backends decide the same way when an article is stored: the near-duplicate
// candidates and their comparison fingerprints (kept in memory), and what a later copy of a
// stored article teaches about it. The backends only read and write the rows.
import {
  comparableText,
  SimhashIndex,
  NEAR_DUPLICATE_CANDIDATE_DISTANCE,
  nearDuplicateScore,
  type ComparableText,
  type FactSlots,
  type TextFingerprint,
} from '../ingest/dedup.ts';
import type { ArticleInput, StoredArticle } from '../domain/types.ts';

/** An `articles` row as both backends read it. */
export interface ArticleRow {
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
}

export const ARTICLE_COLUMNS = 'id, url, file, title, text, published_at, published_inferred, feed_id, fetched_at, content_hash, simhash';

export function toArticle(row: ArticleRow): StoredArticle {
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
  facts: FactSlots;
}

/** The stored articles' SimHashes and recently used comparison fingerprints of one process. */
export class NearDuplicateMemory {
  readonly simhashes = new SimhashIndex();
  private readonly comparables = new Map<number, CompactComparable>();

  /** The closest stored articles worth comparing word by word, closest first. */
  candidates(print: TextFingerprint): number[] {
    return this.simhashes.nearest(print.simhash, NEAR_DUPLICATE_CANDIDATE_DISTANCE, NEAR_DUPLICATE_MAX_CANDIDATES);
  }

  /** The best-scoring candidate, given each candidate's comparison fingerprint (null: gone). */
  best(print: TextFingerprint, candidates: Array<{ id: number; comparable: ComparableText | null }>): number | null {
    let best: { id: number; score: number } | null = null;
    for (const { id, comparable } of candidates) {
      if (!comparable) continue;
      const score = nearDuplicateScore(print, comparable);
      if (score !== null && (!best || score > best.score)) best = { id, score };
    }
    return best?.id ?? null;
  }

  /** The cached fingerprint of a stored article, or undefined when it must be computed from its text. */
  cached(id: number): ComparableText | undefined {
    const cached = this.comparables.get(id);
    if (!cached) return undefined;
    this.comparables.delete(id);
    this.comparables.set(id, cached);
    return { wordCount: cached.wordCount, shingles: new Set(cached.shingles), names: new Set(cached.names), facts: cached.facts };
  }

  /** Computes and remembers the fingerprint of a stored text (stored texts never change). */
  fromText(id: number, text: string): ComparableText {
    const computed = comparableText(text);
    this.remember(id, computed);
    return computed;
  }

  remember(id: number, comparable: ComparableText): void {
    this.comparables.set(id, {
      wordCount: comparable.wordCount,
      shingles: Uint32Array.from(comparable.shingles),
      names: [...comparable.names],
      facts: comparable.facts,
    });
    if (this.comparables.size > COMPARABLE_CACHE_SIZE) this.comparables.delete(this.comparables.keys().next().value!);
  }
}

/** The columns a later copy improves on the stored article, or null when it teaches nothing. */
export interface CopyImprovement {
  id: number;
  title: string | null;
  publishedAt: string | null;
  publishedInferred: number;
  /** 1 when the publication day changed, so the article is due for extraction again. */
  dateChanged: number;
}

/**
 * A copy seen later may know what the first one did not: a title, or a stated publication day
 * where the original had none or only an inferred one. A changed day makes the article due for
 * extraction again, since its relative dates ("on Saturday") resolve against that day.
 */
export function improvementFromCopy(original: ArticleRow, copy: ArticleInput): CopyImprovement | null {
  const betterDate =
    copy.publishedAt !== null && (original.published_at === null || (original.published_inferred === 1 && !copy.publishedInferred));
  const publishedAt = betterDate ? copy.publishedAt : original.published_at;
  const publishedInferred = betterDate ? (copy.publishedInferred ? 1 : 0) : original.published_inferred;
  if (!betterDate && (original.title !== null || copy.title === null)) return null;
  return {
    id: original.id,
    title: copy.title,
    publishedAt,
    publishedInferred,
    dateChanged: betterDate && publishedAt !== original.published_at ? 1 : 0,
  };
}
