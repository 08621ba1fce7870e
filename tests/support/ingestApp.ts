// A config and store for ingest and poller tests: defaults from the real schema, feeds and fetch
// limits as the test needs, an in-memory store with every area's repositories.
import pino from 'pino';
import type { App, ConfigSource } from '../../src/app.ts';
import { parleyConfigSchema, type LoadedConfig } from '../../src/config/schema.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

export const silentLogger = pino({ level: 'silent' });

export function testConfig(parley: Record<string, unknown> = {}): LoadedConfig {
  return { dir: '/test/config', parley: parleyConfigSchema.parse(parley), people: [], places: [] };
}

/** A config source whose config a test can swap, like a reload would. */
export class SwappableConfig implements ConfigSource {
  private listeners = new Set<(config: LoadedConfig) => void>();
  constructor(private config: LoadedConfig) {}
  current(): LoadedConfig {
    return this.config;
  }
  onChange(listener: (config: LoadedConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  replace(config: LoadedConfig): void {
    this.config = config;
    for (const listener of this.listeners) listener(config);
  }
}

export async function testApp(
  parley: Record<string, unknown> = {},
  now: () => Date = () => new Date(),
): Promise<App & { store: Store; config: SwappableConfig }> {
  const store = await openStore(':memory:');
  return { store, config: new SwappableConfig(testConfig(parley)), logger: silentLogger, now };
}
