// `parley ingest PATH|URL...`: files, folders, page URLs and feed URLs into the store, each
// stored article extracted and merged into the timeline right away.
import type { StoredArticle } from '../../domain/types.ts';
import { logger } from '../../log.ts';
import { withStore } from '../context.ts';
import { println, UsageError, type CliIo } from '../io.ts';
import { createProgressReporter, type ProgressUpdate } from '../progress.ts';

export interface IngestOutcome {
  ingested: number;
  duplicates: number;
  failed: Array<{ input: string; reason: string }>;
  /** Articles stored by an earlier, interrupted run whose extraction this run finished. */
  completed?: number;
}

export async function ingestCommand(inputs: string[], options: { json: boolean }, io: CliIo): Promise<number> {
  if (inputs.length === 0) throw new UsageError('ingest needs at least one file, folder or URL, e.g. `parley ingest ./articles`');
  const { ingest } = await import('../../ingest/ingest.ts');
  // Extraction (and its gazetteer) is loaded on the first new article, so a run that finds only
  // duplicates stays quick.
  const extractAndMerge: typeof import('../../merge/process.ts').extractAndMerge = async (...args) =>
    (await import('../../merge/process.ts')).extractAndMerge(...args);
  const summary: IngestOutcome = await withStore(io, async ({ store, config }) => {
    const progress = createProgressReporter(io.stderr, 'ingest');
    let outcome: IngestOutcome;
    try {
      outcome = await ingest(inputs, {
        store,
        config,
        logger,
        afterStore: (article: StoredArticle) => extractAndMerge(store, article, config),
        onProgress: (p: ProgressUpdate) => progress.update(p),
      });
    } finally {
      progress.stop();
    }
    // A run killed between storing an article and extracting it leaves the article stored but
    // not in the timeline; running the ingest again (which sees it as a duplicate) finishes it.
    const { extractPending } = await import('../../merge/process.ts');
    const pending = await extractPending(store, config);
    if (pending.extracted > 0) logger.info({ articles: pending.extracted }, 'extracted articles left unextracted by an earlier run');
    outcome.failed.push(...pending.failed.map((f) => ({ input: `article ${f.articleId}`, reason: `extraction failed: ${f.reason}` })));
    return { ...outcome, ...(pending.extracted > 0 ? { completed: pending.extracted } : {}) };
  });
  if (options.json) println(io.stdout, JSON.stringify(summary, null, 2));
  else for (const line of formatIngestSummary(summary)) println(io.stdout, line);
  return summary.failed.length > 0 ? 1 : 0;
}

/** The summary line, then one line per failure with its reason. */
export function formatIngestSummary(summary: IngestOutcome): string[] {
  const lines = [`ingested ${summary.ingested}, duplicates ${summary.duplicates}, failed ${summary.failed.length}`];
  if (summary.completed)
    lines.push(`finished extracting ${summary.completed} article${summary.completed === 1 ? '' : 's'} an interrupted run had stored`);
  if (summary.duplicates > 0 && summary.ingested === 0 && summary.failed.length === 0) {
    lines.push(
      `nothing new: ${summary.duplicates === 1 ? 'the article is a duplicate' : `all ${summary.duplicates} articles are duplicates`} of what the store already has`,
    );
  }
  for (const failure of summary.failed) lines.push(`failed: ${failure.input}: ${failure.reason}`);
  return lines;
}
