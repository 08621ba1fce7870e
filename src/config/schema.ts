// What operators may write in config/. Validated at start-up and on every reload.
import { z } from 'zod';
import { IANAZone } from 'luxon';
import cron from 'node-cron';
import { isCountryCode } from '../extract/geo/countryCodes.ts';
import { parseSchedule, ScheduleError } from '../digest/schedule.ts';

const ianaTimeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone such as "UTC" or "Europe/Kyiv"');

const countryCode = z.string().refine(isCountryCode, 'an ISO 3166-1 alpha-2 country code such as "UA", or "EU"');

const nonBlank = z.string().refine((text) => text.trim() !== '', 'a non-empty string');

export const feedSchema = z.strictObject({
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  pollMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  enabled: z.boolean().default(true),
});

/**
 * Two feeds with one URL would be polled twice and fight over one health row; two with one name
 * could not be told apart in /sources and `parley feeds`.
 */
function rejectDuplicateFeeds(feeds: Array<{ url: string; name: string }>, ctx: z.RefinementCtx): void {
  const firstUrl = new Map<string, number>();
  const firstName = new Map<string, number>();
  feeds.forEach((feed, index) => {
    const earlierUrl = firstUrl.get(feed.url);
    if (earlierUrl === undefined) firstUrl.set(feed.url, index);
    else ctx.addIssue({ code: 'custom', path: [index, 'url'], input: feed.url, message: `a URL not already used by feeds[${earlierUrl}]` });
    const nameKey = feed.name.trim().toLowerCase();
    const earlierName = firstName.get(nameKey);
    if (earlierName === undefined) firstName.set(nameKey, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        input: feed.name,
        message: `a name not already used by feeds[${earlierName}]`,
      });
  });
}

export const configSubscriptionSchema = z.strictObject({
  channelId: z.string().regex(/^\d{17,20}$/, 'a Discord channel id (17 to 20 digits)'),
  guildId: z
    .string()
    .regex(/^\d{17,20}$/)
    .optional(),
  /** "daily HH:MM", "weekly DAY HH:MM" or a 5-field cron expression (checked by rejectInvalidSchedules). */
  schedule: z.string().min(1),
  timeZone: ianaTimeZone.optional(),
  side: countryCode.optional(),
  /** An empty filter would match every talk, which is never what an operator who wrote the field meant. */
  person: nonBlank.optional(),
  keywords: nonBlank.optional(),
  notifyEmpty: z.boolean().default(false),
  /** Attach the timeline picture of the subscription's side and person to each digest. */
  picture: z.boolean().default(false),
});

/**
 * A schedule is read exactly as the digest scheduler reads it, so one that `parley config`
 * accepts is one the scheduler can run (a "daily" without a time takes digests.defaultTime).
 */
function rejectInvalidSchedules(digests: { defaultTime: string; subscriptions: Array<{ schedule: string }> }, ctx: z.RefinementCtx): void {
  digests.subscriptions.forEach((subscription, index) => {
    try {
      parseSchedule(subscription.schedule, undefined, digests.defaultTime);
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      ctx.addIssue({
        code: 'custom',
        path: ['subscriptions', index, 'schedule'],
        input: subscription.schedule,
        message: scheduleExpectation(error.message),
      });
    }
  });
}

/** Config messages read "expected <what>, got <value>"; the scheduler's own reason follows. */
function scheduleExpectation(reason: string): string {
  return `"daily HH:MM", "weekly DAY HH:MM" or a 5-field cron expression (${reason.replace(/\.$/, '')})`;
}

const alertKind = z.enum(['held', 'planned', 'status', 'participants']);

export const configAlertSubscriptionSchema = z.strictObject({
  channelId: z.string().regex(/^\d{17,20}$/, 'a Discord channel id (17 to 20 digits)'),
  guildId: z
    .string()
    .regex(/^\d{17,20}$/)
    .optional(),
  side: countryCode.optional(),
  person: nonBlank.optional(),
  keywords: nonBlank.optional(),
  /** What to alert about; all four when not given. */
  kinds: z.array(alertKind).min(1).default(['held', 'planned', 'status', 'participants']),
});

export const parleyConfigSchema = z.strictObject({
  timeZone: ianaTimeZone.default('UTC'),
  /** GET /healthz and /metrics of `parley start`; port 0 switches them off. */
  http: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(9464),
      host: z.string().min(1).default('127.0.0.1'),
    })
    .prefault({}),
  store: z
    .strictObject({
      path: z.string().min(1).default('data/parley.db'),
      /** A postgres:// URL: the PostgreSQL store (for several processes); wins over `path`. */
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/i, 'a postgres:// or postgresql:// URL')
        .optional(),
    })
    .default({ path: 'data/parley.db' }),
  feeds: z.array(feedSchema).superRefine(rejectDuplicateFeeds).default([]),
  fetch: z
    .strictObject({
      timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
      maxBytes: z
        .number()
        .int()
        .min(1024)
        .max(100 * 1024 * 1024)
        .default(5 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      userAgent: z.string().default('ParleyBot/0.1 (+https://github.com/parley)'),
      fetchFullText: z.boolean().default(true),
    })
    .prefault({}),
  polling: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** How often the poller wakes up to look for due feeds (each feed has its own interval). */
      cron: z
        .string()
        .refine((expression) => cron.validate(expression), 'a cron expression such as "* * * * *" (minute hour day month weekday)')
        .default('* * * * *'),
    })
    .prefault({}),
  digests: z
    .strictObject({
      enabled: z.boolean().default(true),
      defaultTime: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM')
        .default('08:00'),
      maxItems: z.number().int().min(1).max(50).default(10),
      subscriptions: z.array(configSubscriptionSchema).default([]),
    })
    .superRefine(rejectInvalidSchedules)
    .prefault({}),
  alerts: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** How often the dispatcher looks at the change log; an alert goes out within two checks of its merge. */
      checkSeconds: z.number().int().min(1).max(30).default(2),
      /** Alert posts per channel per hour; the rest wait and go out together (edits do not count). */
      maxPostsPerHour: z.number().int().min(1).max(120).default(10),
      subscriptions: z.array(configAlertSubscriptionSchema).default([]),
    })
    .prefault({}),
});

export const knownPersonSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  country: countryCode.optional(),
  role: z.string().optional(),
});
/**
 * A name or alias that two known people claim cannot be resolved to either, so it is refused
 * rather than silently given to the first one.
 */
function rejectSharedPersonNames(people: Array<{ name: string; aliases: string[] }>, ctx: z.RefinementCtx): void {
  const owner = new Map<string, number>();
  people.forEach((person, index) => {
    const claims: Array<{ text: string; path: PropertyKey[] }> = [
      { text: person.name, path: [index, 'name'] },
      ...person.aliases.map((alias, aliasIndex) => ({ text: alias, path: [index, 'aliases', aliasIndex] })),
    ];
    for (const claim of claims) {
      const key = claim.text.trim().toLowerCase();
      const earlier = owner.get(key);
      if (earlier === undefined) owner.set(key, index);
      else if (earlier !== index) {
        ctx.addIssue({
          code: 'custom',
          path: claim.path,
          input: claim.text,
          message: `a name or alias not already used by people[${earlier}] (${people[earlier]?.name})`,
        });
      }
    }
  });
}

export const peopleFileSchema = z.strictObject({
  people: z
    .array(knownPersonSchema)
    .superRefine(rejectSharedPersonNames)
    .nullish()
    .transform((x) => x ?? []),
});

export const knownPlaceSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  country: countryCode,
});
export const placesFileSchema = z.strictObject({
  places: z
    .array(knownPlaceSchema)
    .nullish()
    .transform((x) => x ?? []),
});

export type ParleyConfig = z.infer<typeof parleyConfigSchema>;
export type FeedConfig = z.infer<typeof feedSchema>;
export type ConfigSubscription = z.infer<typeof configSubscriptionSchema>;
export type ConfigAlertSubscription = z.infer<typeof configAlertSubscriptionSchema>;
export type KnownPerson = z.infer<typeof knownPersonSchema>;
export type KnownPlace = z.infer<typeof knownPlaceSchema>;

/** Everything loaded from one config folder. */
export interface LoadedConfig {
  dir: string;
  parley: ParleyConfig;
  people: KnownPerson[];
  places: KnownPlace[];
}
