// Subscriptions that operators declare in config/parley.yaml (digests.subscriptions), made to
// match the store on start and after every reload.
import type { Store } from '../store/store.ts';
import type { ConfigSubscriptionDefinition, SyncResult } from '../store/digests.ts';
import type { LoadedConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { canonicalTimeZone, compileSchedule, latestSlotAtOrBefore, parseSchedule, ScheduleError } from './schedule.ts';

export interface ConfigSubscriptionProblem {
  index: number;
  message: string;
}

/** Parses every configured subscription; the ones that do not parse are reported, not thrown. */
export function readConfiguredSubscriptions(config: LoadedConfig): {
  definitions: ConfigSubscriptionDefinition[];
  problems: ConfigSubscriptionProblem[];
} {
  const definitions: ConfigSubscriptionDefinition[] = [];
  const problems: ConfigSubscriptionProblem[] = [];
  config.parley.digests.subscriptions.forEach((entry, index) => {
    try {
      const timeZone = canonicalTimeZone(entry.timeZone ?? config.parley.timeZone);
      if (!timeZone) throw new ScheduleError(`"${entry.timeZone ?? config.parley.timeZone}" is not an IANA time zone`);
      const parsed = parseSchedule(entry.schedule, undefined, config.parley.digests.defaultTime);
      compileSchedule(parsed.cron, timeZone);
      definitions.push({
        guildId: entry.guildId ?? null,
        channelId: entry.channelId,
        cron: parsed.cron,
        scheduleLabel: parsed.label,
        timeZone,
        filters: {
          ...(entry.side ? { side: entry.side } : {}),
          ...(entry.person ? { person: entry.person } : {}),
          ...(entry.keywords ? { keywords: entry.keywords } : {}),
        },
        notifyEmpty: entry.notifyEmpty,
        picture: entry.picture,
      });
    } catch (error) {
      problems.push({ index, message: error instanceof Error ? error.message : String(error) });
    }
  });
  return { definitions, problems };
}

/**
 * The window of a brand-new subscription starts at its schedule's previous slot, so the first
 * digest covers one full period rather than only the minutes since subscribing.
 */
export function initialSince(cron: string, timeZone: string, now: Date): string {
  const previous = latestSlotAtOrBefore(compileSchedule(cron, timeZone), now);
  return (previous ?? new Date(now.getTime() - 24 * 3600_000)).toISOString();
}

export async function syncConfiguredSubscriptions(
  store: Store,
  config: LoadedConfig,
  now: Date,
  logger: Logger,
): Promise<SyncResult | null> {
  const { definitions, problems } = readConfiguredSubscriptions(config);
  for (const problem of problems) {
    logger.error(
      { file: 'parley.yaml', field: `digests.subscriptions[${problem.index}].schedule`, problem: problem.message },
      'configured digest subscription is invalid',
    );
  }
  // A typo in one entry must not delete the others' state: skip the whole sync until it is fixed.
  if (problems.length > 0) {
    logger.error({ invalid: problems.length }, 'configured digest subscriptions not synced until the invalid entries are fixed');
    return null;
  }
  const result = await store.digests.syncConfigSubscriptions(definitions, now.toISOString(), (d) => initialSince(d.cron, d.timeZone, now));
  if (result.added || result.updated || result.removed) logger.info(result, 'configured digest subscriptions synced');
  return result;
}
