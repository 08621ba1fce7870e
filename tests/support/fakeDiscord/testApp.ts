// An App for bot tests: a real store (temp SQLite file), the default config and a fixed clock.
import { parleyConfigSchema, type LoadedConfig } from '../../../src/config/schema.ts';
import type { App } from '../../../src/app.ts';
import { logger } from '../../../src/log.ts';
import type { Store } from '../../../src/store/store.ts';

export function testConfig(overrides: Partial<LoadedConfig> = {}): LoadedConfig {
  return { dir: '/nonexistent/config', parley: parleyConfigSchema.parse({}), people: [], places: [], ...overrides };
}

export function testApp(store: Store, options: { now?: Date; config?: LoadedConfig } = {}): App {
  const config = options.config ?? testConfig();
  const now = options.now ?? new Date('2025-12-05T12:00:00Z');
  return {
    store,
    config: { current: () => config, onChange: () => () => {} },
    logger,
    now: () => now,
  };
}
