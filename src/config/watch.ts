// The config in force while Parley runs. Edits to the folder (file watch, debounced) and SIGHUP
// reload it; an invalid edit is logged with its ConfigError message and the last good config
// stays in force, so a typo never takes a running bot down.
import { watch, type FSWatcher } from 'node:fs';
import type { ConfigSource } from '../app.ts';
import { logger as defaultLogger, type Logger } from '../log.ts';
import { CONFIG_FILES, ConfigError, loadConfig } from './load.ts';
import type { LoadedConfig } from './schema.ts';

export interface ConfigWatcherOptions {
  /** Quiet time after the last file event before reloading; editors write in several steps. */
  debounceMs?: number;
  /** Watch the folder for edits (default true). */
  watchFiles?: boolean;
  /** Reload on SIGHUP (default true). */
  reloadOnSighup?: boolean;
  logger?: Logger;
}

export type ReloadOutcome = 'applied' | 'unchanged' | 'rejected';

const WATCHED_FILES = new Set<string>(Object.values(CONFIG_FILES));

/**
 * A config file itself, or the `..data` link that Kubernetes (and other atomic writers) swap to
 * replace every file of a mounted folder at once.
 */
function isConfigChange(filename: string): boolean {
  return WATCHED_FILES.has(filename) || filename.startsWith('..data');
}

export class ConfigWatcher implements ConfigSource {
  readonly dir: string;
  private config: LoadedConfig;
  private readonly changeListeners = new Set<(config: LoadedConfig) => void>();
  private readonly rejectListeners = new Set<(error: ConfigError) => void>();
  private readonly logger: Logger;
  private readonly debounceMs: number;
  private fsWatcher: FSWatcher | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  private readonly onSighup = () => {
    this.logger.info({ dir: this.dir }, 'SIGHUP: reloading config');
    this.reload('SIGHUP');
  };
  private sighupInstalled = false;
  private closed = false;

  /** Loads the folder once; throws ConfigError when it is invalid (start-up must stop then). */
  constructor(dir: string, options: ConfigWatcherOptions = {}) {
    this.logger = options.logger ?? defaultLogger;
    this.debounceMs = options.debounceMs ?? 250;
    this.config = loadConfig(dir);
    this.dir = this.config.dir;
    if (options.watchFiles ?? true) this.startWatching();
    if (options.reloadOnSighup ?? true) {
      process.on('SIGHUP', this.onSighup);
      this.sighupInstalled = true;
    }
  }

  current(): LoadedConfig {
    return this.config;
  }

  onChange(listener: (config: LoadedConfig) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Called when an edit was rejected (the message names file, field and expectation). */
  onRejected(listener: (error: ConfigError) => void): () => void {
    this.rejectListeners.add(listener);
    return () => this.rejectListeners.delete(listener);
  }

  /** Re-reads the folder now. The new config replaces the current one only when it is valid. */
  reload(reason = 'manual'): ReloadOutcome {
    if (this.closed) return 'unchanged';
    let next: LoadedConfig;
    try {
      next = loadConfig(this.dir);
    } catch (error) {
      const configError = error instanceof ConfigError ? error : new ConfigError([String(error)]);
      this.logger.error(
        { dir: this.dir, reason, problems: configError.problems },
        `config edit rejected, keeping the last good config:\n${configError.message}`,
      );
      for (const listener of this.rejectListeners) this.callSafely(() => listener(configError));
      return 'rejected';
    }
    if (JSON.stringify(next) === JSON.stringify(this.config)) {
      this.logger.debug({ dir: this.dir, reason }, 'config unchanged');
      return 'unchanged';
    }
    this.config = next;
    this.logger.info(
      { dir: this.dir, reason, feeds: next.parley.feeds.length, people: next.people.length, places: next.places.length },
      'config reloaded',
    );
    for (const listener of this.changeListeners) this.callSafely(() => listener(next));
    return 'applied';
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    this.fsWatcher?.close();
    this.fsWatcher = null;
    if (this.sighupInstalled) process.off('SIGHUP', this.onSighup);
    this.changeListeners.clear();
    this.rejectListeners.clear();
  }

  private startWatching(): void {
    try {
      // The folder, not the files: editors replace a file by renaming a new one over it, which
      // would silently end a watch on the old file.
      this.fsWatcher = watch(this.dir, { persistent: false }, (_event, filename) => {
        if (filename !== null && !isConfigChange(String(filename))) return;
        this.scheduleReload();
      });
      this.fsWatcher.on('error', (error) => {
        this.logger.warn({ dir: this.dir, err: error }, 'config folder watch failed; SIGHUP still reloads');
        this.fsWatcher?.close();
        this.fsWatcher = null;
      });
    } catch (error) {
      this.logger.warn({ dir: this.dir, err: error }, 'cannot watch the config folder; SIGHUP still reloads');
    }
  }

  private scheduleReload(): void {
    if (this.closed) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      this.reload('file change');
    }, this.debounceMs);
    this.debounceTimer.unref();
  }

  private callSafely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error({ err: error }, 'config listener failed');
    }
  }
}
