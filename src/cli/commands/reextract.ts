// `parley reextract`: rebuilds the timeline from the stored articles, after the rules or the
// config (people, places) changed.
import { withStore } from '../context.ts';
import { println, type CliIo } from '../io.ts';
import { createProgressReporter, type ProgressUpdate } from '../progress.ts';

export async function reextractCommand(io: CliIo): Promise<number> {
  const { extractPending } = await import('../../merge/process.ts');
  const summary = await withStore(io, async ({ store, config }) => {
    // In place, not from an empty timeline: re-applying an article replaces exactly its own
    // contribution and an unchanged report returns to its event, so every event keeps the id
    // people have quoted (/event id:12), and an unchanged store comes out unchanged.
    await store.articles.resetExtraction();
    const progress = createProgressReporter(io.stderr, 'reextract');
    try {
      return await extractPending(store, config, (p: ProgressUpdate) => progress.update(p));
    } finally {
      progress.stop();
    }
  });
  println(io.stdout, `re-extracted ${summary.extracted}, failed ${summary.failed.length}`);
  for (const failure of summary.failed) println(io.stdout, `failed: article ${failure.articleId}: ${failure.reason}`);
  return summary.failed.length > 0 ? 1 : 0;
}
