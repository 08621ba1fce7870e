// /digest subscribe|unsubscribe|list|preview: scheduled digests of new talks for a channel.
// Subscribing and unsubscribing need Manage Channels (in the registered default permissions and
// checked again here, because server admins can change who sees the command); the server-wide
// list needs Manage Server. Everything is answered ephemerally: it concerns the invoker.
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import {
  UserFacingError,
  type AutocompleteChoice,
  type Command,
  type CommandContext,
  type Reply,
  type ReplyField,
} from '../src/interaction/command.ts';
import type { Subscription } from '../src/store/digests.ts';
import { escapeMarkdown, neutraliseMentions, truncate } from '../src/render/markdown.ts';
import { PARLEY_COLOR } from '../src/render/talks.ts';
import {
  canonicalTimeZone,
  compileSchedule,
  nextSlotAfter,
  parseSchedule,
  ScheduleError,
  type DigestSchedule,
} from '../src/digest/schedule.ts';
import { initialSince } from '../src/digest/configSync.ts';
import { composeSubscriptionDigest } from '../src/digest/contents.ts';
import { describeFilters, formatInstant } from '../src/digest/compose.ts';
import { PERSON_OPTION_MAX_LENGTH, suggestPeopleChoices } from './_people.ts';
import { SIDE_OPTION_MAX_LENGTH, suggestSideChoices } from './_sides.ts';
import {
  filterOptions,
  KEYWORDS_MAX_LENGTH,
  requireChannel as requireChannelIn,
  requireManageChannels as requireManageChannelsTo,
  stringOption as stringOptionOf,
  disabledLines,
  ID_MAX_LENGTH,
  idOption,
  visibleInScope,
} from './_channelFilters.ts';

const SCHEDULE_MAX_LENGTH = 100;
const LIST_MAX = 20;
const MAX_PER_CHANNEL = 10;
const MAX_PER_GUILD = 100;

const SCHEDULE_SUGGESTIONS = ['daily', 'weekly monday', 'weekly friday', '0 8 * * 1-5', '0 8,18 * * *'];

const GUILD_ONLY = 'Digests are set up per server channel; run /digest in a channel of your server.';

const requireChannel = (ctx: CommandContext) => requireChannelIn(ctx, GUILD_ONLY);
const requireManageChannels = (ctx: CommandContext, action: string) =>
  requireManageChannelsTo(ctx, action, '/digest list and /digest preview');
const stringOption = (ctx: { values: Record<string, unknown> }, name: string) => stringOptionOf(ctx.values, name);

function compile(subscription: Pick<Subscription, 'cron' | 'timeZone'>): DigestSchedule | null {
  try {
    return compileSchedule(subscription.cron, subscription.timeZone);
  } catch {
    return null;
  }
}

/** "Fri 21 Nov 08:00 (Europe/Kyiv), <t:…:R>" — local to the subscription, and relative for the reader. */
function describeNextRun(subscription: Subscription, now: Date): string {
  if (!subscription.enabled) return 'not scheduled (disabled)';
  const schedule = compile(subscription);
  const next = schedule ? nextSlotAfter(schedule, now) : null;
  if (!next) return 'never (the schedule has no future date)';
  return `${formatInstant(next, subscription.timeZone)}, <t:${Math.floor(next.getTime() / 1000)}:R>`;
}

function describeSubscription(subscription: Subscription, now: Date, showChannel: boolean): ReplyField {
  const lines = [
    `${escapeMarkdown(subscription.scheduleLabel)} (${escapeMarkdown(subscription.timeZone)})${showChannel ? ` in <#${subscription.channelId}>` : ''}`,
  ];
  const filters = describeFilters(subscription.filters).replace(/^ · /, '');
  lines.push(filters ? `Filters: ${filters}` : 'Filters: none (all talks)');
  if (subscription.enabled) {
    lines.push(`Next: ${describeNextRun(subscription, now)}`);
    if (subscription.lastError) lines.push(`Last problem: ${escapeMarkdown(truncate(subscription.lastError, 200))}`);
  } else {
    lines.push(...disabledLines(subscription, 'digest'));
  }
  if (subscription.origin === 'config') lines.push('Declared in the server operator’s config.');
  if (subscription.notifyEmpty) lines.push('Posts “no new talks” when there is nothing new.');
  if (subscription.picture) lines.push('Attaches the timeline picture.');
  return { name: `Digest #${subscription.id}${subscription.enabled ? '' : ' (disabled)'}`, value: lines.join('\n') };
}

const subscriptionIdOption = (values: Record<string, unknown>) => idOption(values, 'a digest', 'digest');

/** The subscription an id option names, visible from where the command runs, or an error. */
async function subscriptionFromOption(
  id: number,
  ctx: CommandContext,
  scope: { guildId: string; channelId: string },
): Promise<Subscription> {
  const subscription = await ctx.store.digests.getSubscription(id);
  const visible =
    subscription !== null &&
    (subscription.channelId === scope.channelId || (ctx.invoker.permissions.manageGuild && subscription.guildId === scope.guildId));
  if (!visible) throw new UserFacingError(`There is no digest #${id} in this channel. /digest list shows the ones here.`);
  return subscription;
}

function visibleSubscriptions(ctx: CommandContext, scope: { guildId: string; channelId: string }): Promise<Subscription[]> {
  return visibleInScope(ctx, scope, (where) => ctx.store.digests.listSubscriptions(where));
}

async function subscribe(values: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  const scope = requireChannel(ctx);
  requireManageChannels(ctx, 'subscribe this channel to digests');
  const config = ctx.config().parley;

  let parsed;
  try {
    parsed = parseSchedule(stringOption({ values }, 'schedule'), stringOption({ values }, 'time'), config.digests.defaultTime);
  } catch (error) {
    // The message quotes what was typed: it must not read as a mention.
    if (error instanceof ScheduleError) throw new UserFacingError(neutraliseMentions(error.message));
    throw error;
  }
  const zoneText = stringOption({ values }, 'timezone') ?? config.timeZone;
  const timeZone = canonicalTimeZone(zoneText);
  if (!timeZone) {
    throw new UserFacingError(
      `“${escapeMarkdown(truncate(zoneText, 64))}” is not an IANA time zone. Use a name such as Europe/Kyiv, America/New_York or UTC (suggestions appear as you type).`,
    );
  }
  let schedule: DigestSchedule;
  try {
    schedule = compileSchedule(parsed.cron, timeZone);
  } catch (error) {
    // The message quotes what was typed: it must not read as a mention.
    if (error instanceof ScheduleError) throw new UserFacingError(neutraliseMentions(error.message));
    throw error;
  }

  const { filters, personNote } = await filterOptions(values, ctx, 'the digest');

  // Every digest is a scheduled post; a cap keeps one channel or server from flooding the queue.
  const inChannel = await ctx.store.digests.listSubscriptions({ channelId: scope.channelId });
  if (inChannel.length >= MAX_PER_CHANNEL && !inChannel.some((s) => s.cron === parsed.cron && s.timeZone === timeZone)) {
    throw new UserFacingError(`This channel already has ${inChannel.length} digests, the most it can have. /digest unsubscribe one first.`);
  }
  const inGuild = await ctx.store.digests.listSubscriptions({ guildId: scope.guildId });
  if (inGuild.length >= MAX_PER_GUILD) {
    throw new UserFacingError(
      `This server already has ${inGuild.length} digests, the most it can have. Remove some with /digest unsubscribe first.`,
    );
  }

  if (ctx.canPost && !(await ctx.canPost(scope.channelId))) {
    throw new UserFacingError(
      'I cannot post in this channel. Give Parley the View Channel, Send Messages and Embed Links permissions here, then subscribe again.',
    );
  }

  const now = ctx.now();
  const result = await ctx.store.digests.addSubscription({
    guildId: scope.guildId,
    channelId: scope.channelId,
    cron: parsed.cron,
    scheduleLabel: parsed.label,
    timeZone,
    filters,
    notifyEmpty: values['notify-empty'] === true,
    picture: values.picture === true,
    createdBy: ctx.invoker.userId,
    createdAt: now.toISOString(),
    since: initialSince(parsed.cron, timeZone, now),
  });
  const subscription = result.subscription;
  const next = nextSlotAfter(schedule, now);
  const nextText = next ? `${formatInstant(next, timeZone)}, <t:${Math.floor(next.getTime() / 1000)}:R>` : 'never';
  ctx.logger.info(
    { subscription: subscription.id, channelId: scope.channelId, cron: parsed.cron, timeZone, status: result.status },
    'digest subscription',
  );
  const headline =
    result.status === 'added'
      ? `Subscribed: digest #${subscription.id} posts here ${escapeMarkdown(parsed.label)} (${escapeMarkdown(timeZone)}).`
      : result.reenabled
        ? `Digest #${subscription.id} with these settings was disabled; it is enabled again.`
        : `This channel already has that digest (#${subscription.id}); nothing changed.`;
  const filtersText = describeFilters(filters).replace(/^ · /, '');
  return {
    content: `${headline}\nFilters: ${filtersText || 'none (all talks)'}\nNext digest: ${nextText}. /digest preview shows what it would hold now.${personNote}`,
    ephemeral: true,
  };
}

async function unsubscribe(values: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  const scope = requireChannel(ctx);
  requireManageChannels(ctx, 'unsubscribe this channel from digests');
  let target: Subscription;
  const id = subscriptionIdOption(values);
  if (id !== undefined) {
    target = await subscriptionFromOption(id, ctx, scope);
  } else {
    const here = (await ctx.store.digests.listSubscriptions({ channelId: scope.channelId })).filter((s) => s.origin === 'command');
    if (here.length === 0) throw new UserFacingError('This channel has no digest to unsubscribe from.');
    if (here.length > 1) {
      throw new UserFacingError(
        `This channel has ${here.length} digests (${here.map((s) => `#${s.id}`).join(', ')}); say which one with the id option.`,
      );
    }
    target = here[0]!;
  }
  if (target.origin === 'config') {
    throw new UserFacingError(
      `Digest #${target.id} is declared in the operator’s config (digests.subscriptions); ask them to remove it there.`,
    );
  }
  await ctx.store.digests.removeSubscription(target.id);
  ctx.logger.info({ subscription: target.id, channelId: target.channelId, by: ctx.invoker.userId }, 'digest unsubscribed');
  return {
    content: `Unsubscribed: digest #${target.id} (${escapeMarkdown(target.scheduleLabel)}) will not post any more.`,
    ephemeral: true,
  };
}

async function list(ctx: CommandContext): Promise<Reply> {
  const scope = requireChannel(ctx);
  const subscriptions = await visibleSubscriptions(ctx, scope);
  const serverWide = ctx.invoker.permissions.manageGuild;
  if (subscriptions.length === 0) {
    return {
      content: serverWide
        ? 'No digests in this server yet. /digest subscribe sets one up in a channel.'
        : 'No digests in this channel yet. /digest subscribe sets one up.',
      ephemeral: true,
    };
  }
  const now = ctx.now();
  const shown = subscriptions.slice(0, LIST_MAX);
  const more = subscriptions.length - shown.length;
  return {
    embeds: [
      {
        title: serverWide ? 'Digests in this server' : 'Digests in this channel',
        color: PARLEY_COLOR,
        fields: shown.map((s) => describeSubscription(s, now, serverWide)),
        ...(more > 0 ? { footer: `and ${more} more` } : {}),
      },
    ],
    ephemeral: true,
  };
}

async function preview(values: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  const scope = requireChannel(ctx);
  const config = ctx.config();
  const now = ctx.now();
  let subscription: Pick<Subscription, 'filters' | 'since' | 'timeZone' | 'notifyEmpty'>;
  let intro: string;
  const id = subscriptionIdOption(values);
  if (id !== undefined) {
    const chosen = await subscriptionFromOption(id, ctx, scope);
    subscription = chosen;
    intro = `Preview of digest #${chosen.id}, if it were posted now (next: ${describeNextRun(chosen, now)}).`;
  } else {
    const here = (await ctx.store.digests.listSubscriptions({ channelId: scope.channelId })).filter((s) => s.enabled);
    if (here[0]) {
      subscription = here[0];
      intro = `Preview of digest #${here[0].id}, if it were posted now (next: ${describeNextRun(here[0], now)}).`;
    } else {
      const timeZone = canonicalTimeZone(config.parley.timeZone) ?? 'UTC';
      subscription = { filters: {}, since: new Date(now.getTime() - 24 * 3600_000).toISOString(), timeZone, notifyEmpty: true };
      intro = 'This channel has no digest yet; this is what a daily digest would hold now.';
    }
  }
  const digest = await composeSubscriptionDigest(ctx.store, config, subscription, now, { notifyEmpty: true });
  const body = digest ?? { content: 'No new talks.' };
  return { ...body, content: truncate(`${intro}\n${body.content ?? ''}`.trim(), 2000), ephemeral: true };
}

function suggestSchedules(typed: string): AutocompleteChoice[] {
  const wanted = typed.trim().toLowerCase();
  const choices: AutocompleteChoice[] = [];
  if (wanted) {
    try {
      const parsed = parseSchedule(typed, undefined, '08:00');
      choices.push({ name: `${parsed.label}`, value: typed.trim().slice(0, SCHEDULE_MAX_LENGTH) });
    } catch {
      // Not a complete schedule yet; offer the presets that start like it.
    }
  }
  for (const suggestion of SCHEDULE_SUGGESTIONS) {
    if (suggestion.startsWith(wanted) && !choices.some((c) => c.value === suggestion))
      choices.push({ name: suggestion, value: suggestion });
  }
  return choices.slice(0, 25);
}

// The runtime lists zones by their CLDR ids, some of which are IANA's old names ("Europe/Kiev");
// people type the current ones, which the runtime also accepts.
const CURRENT_IANA_NAMES = [
  'UTC',
  'Europe/Kyiv',
  'Asia/Kolkata',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'America/Nuuk',
  'America/Argentina/Buenos_Aires',
  'America/Indiana/Indianapolis',
  'Pacific/Kanton',
  'Pacific/Chuuk',
  'Pacific/Pohnpei',
];
let timeZoneNames: string[] | null = null;
function allTimeZones(): string[] {
  timeZoneNames ??= [
    ...new Set([...CURRENT_IANA_NAMES.filter((z) => canonicalTimeZone(z) !== null), ...Intl.supportedValuesOf('timeZone')]),
  ];
  return timeZoneNames;
}

function suggestTimeZones(typed: string): AutocompleteChoice[] {
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = allTimeZones();
  const matches = wanted
    ? zones.filter((z) => z.toLowerCase().includes(wanted))
    : ['UTC', 'Europe/Kyiv', 'Europe/London', 'Europe/Brussels', 'America/New_York'];
  const ranked = matches.sort(
    (a, b) => Number(!b.toLowerCase().startsWith(wanted)) - Number(!a.toLowerCase().startsWith(wanted)) || a.localeCompare(b),
  );
  return ranked.slice(0, 25).map((z) => ({ name: z, value: z }));
}

async function suggestSubscriptions(typed: string, ctx: CommandContext): Promise<AutocompleteChoice[]> {
  const { guildId, channelId } = ctx.invoker;
  if (!guildId || !channelId) return [];
  const subscriptions = await visibleSubscriptions(ctx, { guildId, channelId });
  return subscriptions
    .filter((s) => !typed.trim() || String(s.id).startsWith(typed.trim().replace(/^#/, '')))
    .slice(0, 25)
    .map((s) => ({
      name: truncate(`#${s.id} ${s.scheduleLabel} (${s.timeZone})${describeFilters(s.filters)}${s.enabled ? '' : ' — disabled'}`, 100),
      value: String(s.id),
    }));
}

export default {
  data: {
    name: 'digest',
    description: 'Scheduled digests of new and changed talks in this channel',
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: String(PermissionFlagsBits.ManageChannels),
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'subscribe',
        description: 'Post a digest in this channel on a schedule',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'schedule',
            description: 'daily, weekly monday, or a cron expression such as 0 8 * * 1-5 (default daily)',
            max_length: SCHEDULE_MAX_LENGTH,
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'time',
            description: 'Time of day as HH:MM for daily and weekly (default from config)',
            max_length: 10,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'timezone',
            description: 'IANA time zone such as Europe/Kyiv (default from config)',
            max_length: 64,
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'side',
            description: 'Only talks with this side (country code such as UA, or EU)',
            max_length: SIDE_OPTION_MAX_LENGTH,
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'person',
            description: 'Only talks this person took part in',
            max_length: PERSON_OPTION_MAX_LENGTH,
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'keywords',
            description: 'Only talks mentioning any of these words (comma-separated phrases)',
            max_length: KEYWORDS_MAX_LENGTH,
          },
          {
            type: ApplicationCommandOptionType.Boolean,
            name: 'notify-empty',
            description: 'Post “no new talks” when there is nothing new (default: stay silent)',
          },
          {
            type: ApplicationCommandOptionType.Boolean,
            name: 'picture',
            description: 'Attach the timeline picture (last 60 days and what is planned) to each digest',
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'unsubscribe',
        description: 'Stop a digest in this channel',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'id',
            description: 'Which digest, e.g. 3 (needed when the channel has several)',
            max_length: ID_MAX_LENGTH,
            autocomplete: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        description: 'Digests in this channel (with Manage Server: in this server), with their next run',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'preview',
        description: 'Show only to you what the next digest would hold now',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'id',
            description: 'Which digest, e.g. 3 (default: this channel’s first)',
            max_length: ID_MAX_LENGTH,
            autocomplete: true,
          },
        ],
      },
    ],
  },
  async execute(options, ctx) {
    switch (options.subcommand) {
      case 'subscribe':
        return subscribe(options.values, ctx);
      case 'unsubscribe':
        return unsubscribe(options.values, ctx);
      case 'list':
        return list(ctx);
      case 'preview':
        return preview(options.values, ctx);
      default:
        throw new UserFacingError('Use /digest subscribe, unsubscribe, list or preview.');
    }
  },
  async autocomplete(focused, _options, ctx) {
    switch (focused.name) {
      case 'schedule':
        return suggestSchedules(focused.value);
      case 'timezone':
        return suggestTimeZones(focused.value);
      case 'side':
        return suggestSideChoices(focused.value, ctx);
      case 'person':
        return suggestPeopleChoices(focused.value, ctx);
      case 'id':
        return suggestSubscriptions(focused.value, ctx);
      default:
        return [];
    }
  },
} satisfies Command;
