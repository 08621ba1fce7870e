// `parley poll`: every enabled configured feed once, then their health.
import type { App } from '../../app.ts';
import { fixedConfigSource } from '../../config/load.ts';
import { logger } from '../../log.ts';
import { withStore } from '../context.ts';
import { println, type CliIo } from '../io.ts';
import { formatFeedHealthTable } from './feeds.ts';

export async function pollCommand(io: CliIo): Promise<number> {
  const { pollAllFeeds } = await import('../../ingest/poller.ts');
  const health = await withStore(io, async ({ store, config }) => {
    const app: App = { store, config: fixedConfigSource(config), logger, now: () => new Date() };
    await pollAllFeeds(app);
    return store.feeds.health();
  });
  println(io.stdout, formatFeedHealthTable(health));
  const enabled = health.filter((feed) => feed.enabled);
  const failing = enabled.filter((feed) => feed.consecutiveFailures > 0);
  println(io.stdout, `polled ${enabled.length} feed${enabled.length === 1 ? '' : 's'}, ${failing.length} failing`);
  return 0;
}
