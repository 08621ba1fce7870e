// What `GET /metrics` reports, in the Prometheus text format (prom-client). Counters are counted
// where things happen (commands, ingests, digests); gauges of what the store holds are read from
// it when Prometheus scrapes, so they are never stale. Each Metrics has its own registry, so two
// in one process (tests) never share counts.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FeedHealth } from '../domain/types.ts';
import type { ReplyOutcome } from '../interaction/command.ts';

/** What the scrape-time gauges read. */
export interface MetricsSources {
  feedHealth(): Promise<FeedHealth[]>;
  counts(): Promise<{ articles: number; events: number }>;
  /** 429 answers the delivery queue has waited out so far. */
  rateLimitWaits(): number;
}

export type CommandOutcomeLabel = 'answered' | ReplyOutcome;
export type DigestOutcomeLabel = 'sent' | 'failed' | 'cancelled';
export type FeedHealthLabel = 'ok' | 'failing' | 'not_polled' | 'disabled';

export function feedHealthLabel(feed: FeedHealth): FeedHealthLabel {
  if (!feed.enabled) return 'disabled';
  if (feed.consecutiveFailures > 0) return 'failing';
  if (feed.lastSuccessAt === null) return 'not_polled';
  return 'ok';
}

const FEED_HEALTH_LABELS: FeedHealthLabel[] = ['ok', 'failing', 'not_polled', 'disabled'];

export class Metrics {
  readonly registry = new Registry();
  readonly #commands: Counter<'command' | 'outcome'>;
  readonly #latency: Histogram<'command'>;
  readonly #ingested: Counter;
  readonly #digests: Counter<'outcome'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.#commands = new Counter({
      name: 'parley_commands_total',
      help: 'Slash commands answered, by command and outcome',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'parley_command_duration_seconds',
      help: 'Time to answer a slash command',
      labelNames: ['command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#ingested = new Counter({
      name: 'parley_articles_ingested_total',
      help: 'Articles stored by this process (feeds and ingests)',
      registers,
    });
    this.#digests = new Counter({
      name: 'parley_digest_deliveries_total',
      help: 'Digest deliveries, by outcome',
      labelNames: ['outcome'],
      registers,
    });
    new Gauge({
      name: 'parley_feeds',
      help: 'Configured feeds, by health',
      labelNames: ['health'],
      registers,
      async collect() {
        const counts = new Map<FeedHealthLabel, number>(FEED_HEALTH_LABELS.map((label) => [label, 0]));
        for (const feed of await sources.feedHealth()) counts.set(feedHealthLabel(feed), (counts.get(feedHealthLabel(feed)) ?? 0) + 1);
        for (const [health, n] of counts) this.set({ health }, n);
      },
    });
    new Gauge({
      name: 'parley_events',
      help: 'Events (talks) in the timeline',
      registers,
      async collect() {
        this.set((await sources.counts()).events);
      },
    });
    new Gauge({
      name: 'parley_articles',
      help: 'Articles in the store',
      registers,
      async collect() {
        this.set((await sources.counts()).articles);
      },
    });
    // The queue keeps the count; a gauge reports it as it is (it only grows, like a counter).
    new Gauge({
      name: 'parley_rate_limit_waits',
      help: 'Discord 429 answers the delivery queue has waited out since start',
      registers,
      collect() {
        this.set(sources.rateLimitWaits());
      },
    });
  }

  commandAnswered(command: string, outcome: CommandOutcomeLabel, seconds: number): void {
    this.#commands.inc({ command, outcome });
    this.#latency.observe({ command }, seconds);
  }

  articlesIngested(n: number): void {
    if (n > 0) this.#ingested.inc(n);
  }

  digestDelivered(outcome: DigestOutcomeLabel): void {
    this.#digests.inc({ outcome });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
