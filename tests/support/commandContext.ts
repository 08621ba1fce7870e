// A CommandContext for handler tests: a real store, a fixed clock, an invoker with all permissions.
import type { CommandContext, Invoker } from '../../src/interaction/command.ts';
import type { Store } from '../../src/store/store.ts';
import type { LoadedConfig } from '../../src/config/schema.ts';
import { parleyConfigSchema } from '../../src/config/schema.ts';
import { logger } from '../../src/log.ts';

export const TEST_NOW = new Date('2025-12-03T12:00:00.000Z');

export function testConfig(): LoadedConfig {
  return { dir: '/nonexistent/config', parley: parleyConfigSchema.parse({}), people: [], places: [] };
}

export function commandContext(store: Store, invoker: Partial<Invoker> = {}): CommandContext {
  const config = testConfig();
  return {
    store,
    config: () => config,
    now: () => TEST_NOW,
    invoker: {
      userId: '100000000000000001',
      guildId: '200000000000000002',
      channelId: '300000000000000003',
      permissions: { manageChannels: true, manageGuild: true },
      ...invoker,
    },
    logger,
  };
}
