// Owned by the ingest area. Articles are written whole in one transaction: row, full-text index
// and dedup fingerprint together.
import type { ArticleInput, StoredArticle } from '../domain/types.ts';

export type DuplicateReason = 'url' | 'text' | 'near-duplicate';

export type AddArticleResult = { status: 'stored'; article: StoredArticle } | { status: 'duplicate'; of: number; reason: DuplicateReason };

export interface ArticleRepo {
  /** Stores the article unless it is a duplicate (same canonical URL, same text, or a near copy). */
  add(input: ArticleInput): Promise<AddArticleResult>;
  get(id: number): Promise<StoredArticle | null>;
  count(): Promise<number>;
  /** Articles whose extraction is older than `version`, oldest publication first. */
  listNeedingExtraction(version: number, limit: number): Promise<StoredArticle[]>;
  /** Marks every article as needing extraction again (for `parley reextract`). */
  resetExtraction(): Promise<void>;
  /** Records that extraction rules of `version` have been applied to the article. */
  markExtracted(id: number, version: number): Promise<void>;
  /** The article stored under this canonical URL or seen there as a duplicate, if any. */
  findIdByUrl(url: string): Promise<number | null>;
  /** The article stored from a feed summary only under this URL, if any (backends without it: none). */
  summaryOnlyIdByUrl?(url: string): Promise<number | null>;
  /**
   * Puts the fetched article in place of its summary: text, title and fingerprints; no longer
   * summary-only and due for extraction. Null when the text is already stored as another article.
   */
  replaceSummary?(id: number, full: ArticleInput): Promise<StoredArticle | null>;
}
