// What a running Parley process hands to its shells (bot, console, scheduler, poller, CLI).
import type { Store } from './store/store.ts';
import type { LoadedConfig } from './config/schema.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './ops/metrics.ts';

/** The config in force. Reloads (file watch, SIGHUP) swap it; an invalid edit keeps the last good one. */
export interface ConfigSource {
  current(): LoadedConfig;
  /** Called after every successful reload. Returns an unsubscribe function. */
  onChange(listener: (config: LoadedConfig) => void): () => void;
}

export interface App {
  store: Store;
  config: ConfigSource;
  logger: Logger;
  /** The clock. Tests inject a fake one. */
  now: () => Date;
  /** Counts for GET /metrics; absent in one-shot commands. */
  metrics?: Metrics;
}
