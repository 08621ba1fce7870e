// Alert subscriptions that operators declare in config/parley.yaml (alerts.subscriptions), made to
// match the store on start and after every reload, as digest subscriptions are.
import type { Store } from '../store/store.ts';
import type { ConfigAlertDefinition } from '../store/alerts.ts';
import type { SyncResult } from '../store/digests.ts';
import type { LoadedConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';

/** The configured alert subscriptions as the store keeps them (the schema has already validated them). */
export function readConfiguredAlerts(config: LoadedConfig): ConfigAlertDefinition[] {
  return config.parley.alerts.subscriptions.map((entry) => ({
    guildId: entry.guildId ?? null,
    channelId: entry.channelId,
    filters: {
      ...(entry.side ? { side: entry.side } : {}),
      ...(entry.person ? { person: entry.person } : {}),
      ...(entry.keywords ? { keywords: entry.keywords } : {}),
    },
    kinds: entry.kinds,
  }));
}

export async function syncConfiguredAlerts(store: Store, config: LoadedConfig, now: Date, logger: Logger): Promise<SyncResult> {
  const result = await store.alerts.syncConfigSubscriptions(readConfiguredAlerts(config), now.toISOString());
  if (result.added || result.updated || result.removed) logger.info(result, 'configured alert subscriptions synced');
  return result;
}
