// The glue between extraction and the timeline: extract one stored article and merge the result,
// or bring every article extracted with older rules up to date.
import type { StoredArticle } from '../domain/types.ts';
import type { LoadedConfig } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import { extractArticle, EXTRACTION_VERSION } from '../extract/index.ts';
import { logger } from '../log.ts';

/** Extracts `article` with the configured people and places and merges it into the timeline. */
export async function extractAndMerge(store: Store, article: StoredArticle, config: LoadedConfig): Promise<void> {
  const extraction = extractArticle(
    { text: article.text, title: article.title, publishedAt: article.publishedAt },
    { people: config.people, places: config.places },
  );
  await store.timeline.applyExtraction(article, extraction, EXTRACTION_VERSION, config.people);
  logger.debug(
    { articleId: article.id, events: extraction.events.length, people: extraction.people.length, quotes: extraction.quotes.length },
    'article extracted',
  );
}

export interface ExtractProgress {
  done: number;
  /** Articles in the store: an upper bound of what needs extracting (exact after a reset). */
  total: number;
  current: string;
}

export interface ExtractPendingSummary {
  extracted: number;
  failed: Array<{ articleId: number; reason: string }>;
}

const BATCH_SIZE = 100;

function describe(article: StoredArticle): string {
  return article.file ?? article.url ?? article.title ?? `article ${article.id}`;
}

/**
 * Extracts every article whose extraction is older than EXTRACTION_VERSION, oldest publication
 * first, in batches so a large store is never loaded at once. An article that fails is logged,
 * reported in the summary and skipped; the others go on.
 */
export async function extractPending(
  store: Store,
  config: LoadedConfig,
  onProgress?: (progress: ExtractProgress) => void,
): Promise<ExtractPendingSummary> {
  const total = await store.articles.count();
  const failed: ExtractPendingSummary['failed'] = [];
  const failedIds = new Set<number>();
  let extracted = 0;
  for (;;) {
    // Failed articles stay below the version and come back first; ask for enough to get past them.
    const batch = (await store.articles.listNeedingExtraction(EXTRACTION_VERSION, BATCH_SIZE + failedIds.size)).filter(
      (a) => !failedIds.has(a.id),
    );
    if (batch.length === 0) break;
    for (const article of batch) {
      try {
        await extractAndMerge(store, article, config);
        extracted++;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        failedIds.add(article.id);
        failed.push({ articleId: article.id, reason });
        logger.warn({ articleId: article.id, article: describe(article), err: reason }, 'extraction failed');
      }
      onProgress?.({ done: extracted + failed.length, total, current: describe(article) });
    }
  }
  return { extracted, failed };
}
