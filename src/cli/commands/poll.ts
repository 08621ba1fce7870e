// `parley poll`: every enabled configured feed once (whether due or not), then their health.
import type { App } from '../../app.ts';
import { fixedConfigSource } from '../../config/load.ts';
import { logger } from '../../log.ts';
import { withStore } from '../context.ts';
import { println, type CliIo } from '../io.ts';
import { formatFeedHealthTable } from './feeds.ts';
import { formatIngestSummary } from './ingest.ts';

export async function pollCommand(io: CliIo): Promise<number> {
  const { pollAllFeeds } = await import('../../ingest/poller.ts');
  const { summary, health } = await withStore(io, async ({ store, config }) => {
    const app: App = { store, config: fixedConfigSource(config), logger, now: () => new Date() };
    const summary = await pollAllFeeds(app);
    return { summary, health: await store.feeds.health() };
  });
  println(io.stdout, formatFeedHealthTable(health));
  println(io.stdout, '');
  const failing = summary.feeds.filter((feed) => feed.outcome === 'failed');
  println(io.stdout, `polled ${summary.feeds.length} feed${summary.feeds.length === 1 ? '' : 's'}, ${failing.length} failing`);
  for (const feed of failing) println(io.stdout, `feed failed: ${feed.name} <${feed.url}>: ${feed.error ?? 'unknown error'}`);
  // Articles, as for ingest. A feed that failed as a whole is already listed above.
  const failedFeedUrls = new Set(failing.map((feed) => feed.url));
  const failedItems = summary.failed.filter((failure) => !failedFeedUrls.has(failure.input));
  const [counts, ...rest] = formatIngestSummary({ ...summary, failed: failedItems });
  println(io.stdout, `articles: ${counts}`);
  for (const line of rest) println(io.stdout, line);
  // Cron and scripts learn of a failing feed from the exit code, as for a failed ingest input.
  return failing.length > 0 || failedItems.length > 0 ? 1 : 0;
}
