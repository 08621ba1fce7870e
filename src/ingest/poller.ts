// Feed polling: every enabled feed from the config, fetched with its stored validators
// (conditional GET), its items through the ingest pipeline, its health recorded. A failing feed
// backs off exponentially and never stops the others. On a schedule, one poll never overlaps the next.
import cron, { type ScheduledTask } from 'node-cron';
import type { App } from '../app.ts';
import type { LoadedConfig } from '../config/schema.ts';
import type { StoredArticle } from '../domain/types.ts';
import type { PollableFeed } from '../store/feeds.ts';
import { forEachConcurrently } from '../async/concurrency.ts';
import { parseFeed } from './feed.ts';
import { FetchError, fetchUrl } from './fetch.ts';
import { addSummaries, emptySummary, fetchOptionsFrom, IngestRun, type IngestSummary } from './ingest.ts';

/** However often a feed fails, it is tried again at least this often (or at its own interval when longer). */
export const MAX_BACKOFF_MINUTES = 6 * 60;
/** A tick a little early still polls a feed that is due: cron ticks and poll durations drift by seconds. */
const DUE_SLACK_MS = 30_000;
/** Feeds fetched at the same time. */
const POLL_CONCURRENCY = 4;

/** Minutes to wait after the `failures`-th failure in a row: the interval doubled per failure, capped. */
export function backoffMinutes(failures: number, pollMinutes: number): number {
  const cap = Math.max(MAX_BACKOFF_MINUTES, pollMinutes);
  return Math.min(pollMinutes * 2 ** Math.max(0, Math.min(failures, 20)), cap);
}

export function isDue(feed: Pick<PollableFeed, 'nextPollAt'>, now: Date): boolean {
  return feed.nextPollAt === null || Date.parse(feed.nextPollAt) <= now.getTime() + DUE_SLACK_MS;
}

function addMinutes(at: Date, minutes: number): string {
  return new Date(at.getTime() + minutes * 60_000).toISOString();
}

export type FeedPollOutcome = 'ok' | 'not-modified' | 'failed' | 'skipped';

export interface FeedPollResult {
  feedId: number;
  name: string;
  url: string;
  outcome: FeedPollOutcome;
  error?: string;
}

export interface PollSummary extends IngestSummary {
  feeds: FeedPollResult[];
}

export interface PollOptions {
  /** Only feeds whose interval (or backoff) has passed; `parley poll` polls all of them. */
  dueOnly?: boolean;
  /** Default: extract and merge each new article into the timeline. */
  afterStore?: (article: StoredArticle) => Promise<void>;
  /** Aborts in-flight fetches at once; feeds not finished are left as they were (not failed). */
  signal?: AbortSignal;
}

async function defaultAfterStore(app: App, config: LoadedConfig): Promise<(article: StoredArticle) => Promise<void>> {
  const { extractAndMerge } = await import('../merge/process.ts');
  return (article) => extractAndMerge(app.store, article, config);
}

async function pollFeed(
  app: App,
  config: LoadedConfig,
  feed: PollableFeed,
  afterStore: (article: StoredArticle) => Promise<void>,
  summary: PollSummary,
  signal: AbortSignal | undefined,
): Promise<FeedPollResult> {
  const base = { feedId: feed.id, name: feed.name, url: feed.url };
  const run = new IngestRun({ store: app.store, config, logger: app.logger, afterStore, now: app.now, ...(signal ? { signal } : {}) });
  // Stopped part-way, a poll is neither a success nor the feed's failure: it runs again next time.
  const interrupted = (): FeedPollResult => {
    app.logger.info({ feed: feed.name }, 'feed poll interrupted by shutdown');
    return { ...base, outcome: 'skipped', error: 'interrupted by shutdown' };
  };
  const startedAt = app.now();
  try {
    const result = await fetchUrl(feed.url, {
      ...fetchOptionsFrom(config),
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      etag: feed.etag,
      lastModified: feed.lastModified,
      ...(signal ? { signal } : {}),
    });
    const next = addMinutes(app.now(), feed.pollMinutes);
    if (result.status === 'not-modified') {
      await app.store.feeds.recordSuccess(feed.id, startedAt.toISOString(), { etag: feed.etag, lastModified: feed.lastModified }, next);
      app.logger.debug({ feed: feed.name }, 'feed not modified');
      return { ...base, outcome: 'not-modified' };
    }
    const parsed = await parseFeed(result.text, feed.url);
    await run.ingestFeed(parsed, feed.id);
    if (signal?.aborted) return interrupted();
    // With items that failed, keep the old validators so the next poll fetches the feed again and retries them.
    // So do items kept from their summary only, whose pages the next poll asks for again.
    const retryItems = run.summary.failed.length > 0 || run.summaryOnlyItems > 0;
    const validators = retryItems
      ? { etag: feed.etag, lastModified: feed.lastModified }
      : { etag: result.etag, lastModified: result.lastModified };
    await app.store.feeds.recordSuccess(feed.id, startedAt.toISOString(), validators, next);
    app.logger.info(
      {
        feed: feed.name,
        items: parsed.items.length,
        ingested: run.summary.ingested,
        duplicates: run.summary.duplicates,
        failed: run.summary.failed.length,
      },
      'polled',
    );
    return { ...base, outcome: 'ok' };
  } catch (err) {
    if (signal?.aborted) return interrupted();
    const message = err instanceof Error ? err.message : String(err);
    const failures = feed.consecutiveFailures + 1;
    const waitMinutes = waitAfterFailure(err, failures, feed.pollMinutes);
    await app.store.feeds.recordFailure(feed.id, startedAt.toISOString(), message, addMinutes(app.now(), waitMinutes));
    app.logger.warn({ feed: feed.name, url: feed.url, err: message, failures, retryInMinutes: waitMinutes }, 'feed poll failed');
    summary.failed.push({ input: feed.url, reason: message });
    return { ...base, outcome: 'failed', error: message };
  } finally {
    addSummaries(summary, run.summary);
  }
}

/**
 * Minutes until the next try after a failure: the backoff, or longer when a 429/503 answer's
 * Retry-After asks for more (capped at a day, so a bad header cannot silence a feed for good).
 */
export function waitAfterFailure(err: unknown, failures: number, pollMinutes: number): number {
  const backoff = backoffMinutes(failures, pollMinutes);
  if (!(err instanceof FetchError) || err.retryAfterMs === null) return backoff;
  return Math.max(backoff, Math.min(Math.ceil(err.retryAfterMs / 60_000), 24 * 60));
}

/**
 * Polls every enabled configured feed once. The feeds table is synced with the config first
 * (new feeds added, removed ones disabled). Never throws for a feed's failure: it is in the
 * feed's health and in the summary.
 */
export async function pollAllFeeds(app: App, options: PollOptions = {}): Promise<PollSummary> {
  const config = app.config.current();
  await app.store.feeds.sync(config.parley.feeds.map(({ url, name, enabled, pollMinutes }) => ({ url, name, enabled, pollMinutes })));
  const feeds = await app.store.feeds.listEnabled();
  const afterStore = options.afterStore ?? (await defaultAfterStore(app, config));
  const summary: PollSummary = { ...emptySummary(), feeds: [] };
  const now = app.now();
  await forEachConcurrently(feeds, POLL_CONCURRENCY, async (feed) => {
    if (options.signal?.aborted) return;
    if (options.dueOnly && !isDue(feed, now)) {
      summary.feeds.push({ feedId: feed.id, name: feed.name, url: feed.url, outcome: 'skipped' });
      return;
    }
    summary.feeds.push(await pollFeed(app, config, feed, afterStore, summary, options.signal));
  });
  summary.feeds.sort((a, b) => a.feedId - b.feedId);
  app.metrics?.articlesIngested(summary.ingested);
  return summary;
}

export interface Poller {
  /** One scheduled run now: polls the due feeds, or returns 'skipped' while a poll is still running. */
  tick(): Promise<PollSummary | 'skipped'>;
  /** Stops the schedule, aborts the poll in progress's fetches and waits for it to end. */
  stop(): Promise<void>;
}

/**
 * Polls due feeds on the config's `polling.cron` schedule (rescheduled when a reload changes it).
 * A tick that comes while a poll is still running is skipped, so polls never overlap.
 */
export function startPoller(app: App, options: Omit<PollOptions, 'dueOnly'> = {}): Poller {
  let running: Promise<PollSummary> | null = null;
  let stopped = false;
  let task: ScheduledTask | null = null;
  let expression = '';
  const stopping = new AbortController();

  const tick = async (): Promise<PollSummary | 'skipped'> => {
    if (stopped) return 'skipped';
    if (running) {
      app.logger.debug('poll still running; tick skipped');
      return 'skipped';
    }
    running = pollAllFeeds(app, { ...options, dueOnly: true, signal: stopping.signal });
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  const schedule = (config: LoadedConfig) => {
    const wanted = config.parley.polling.cron;
    if (wanted === expression && task) return;
    if (!cron.validate(wanted)) {
      const message = `polling.cron in ${config.dir} is not a valid cron expression: "${wanted}"`;
      if (!task) throw new Error(message);
      app.logger.error({ cron: wanted }, `${message}; keeping "${expression}"`);
      return;
    }
    void task?.destroy();
    expression = wanted;
    task = cron.schedule(
      wanted,
      () => {
        tick().catch((err: unknown) => app.logger.error({ err }, 'poll failed'));
      },
      { name: 'parley-feed-poller', timezone: config.parley.timeZone },
    );
    app.logger.info({ cron: wanted }, 'feed poller scheduled');
  };

  schedule(app.config.current());
  const unsubscribe = app.config.onChange((config) => {
    if (!stopped) schedule(config);
  });

  return {
    tick,
    async stop() {
      stopped = true;
      stopping.abort();
      unsubscribe();
      await task?.destroy();
      task = null;
      if (running) await running.catch(() => undefined);
    },
  };
}
