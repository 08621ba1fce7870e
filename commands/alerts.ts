// /alerts subscribe|unsubscribe|list: instant alerts of talks for a channel, posted moments after
// the articles that report them are merged (src/alerts). Subscribing and unsubscribing need
// Manage Channels, as digests do (registered default permissions, checked again here); the
// server-wide list needs Manage Server. Everything is answered ephemerally.
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
import { ALERT_KINDS, type AlertKind, type AlertSubscription } from '../src/store/alerts.ts';
import { escapeMarkdown, neutraliseMentions, truncate } from '../src/render/markdown.ts';
import { PARLEY_COLOR } from '../src/render/talks.ts';
import { describeFilters } from '../src/digest/compose.ts';
import { PERSON_OPTION_MAX_LENGTH, suggestPeopleChoices } from './_people.ts';
import { SIDE_OPTION_MAX_LENGTH, suggestSideChoices } from './_sides.ts';
import {
  disabledLines,
  filterOptions,
  ID_MAX_LENGTH,
  idOption,
  KEYWORDS_MAX_LENGTH,
  requireChannel,
  requireManageChannels,
  stringOption,
  visibleInScope,
} from './_channelFilters.ts';

const KINDS_MAX_LENGTH = 60;
const LIST_MAX = 20;
const MAX_PER_CHANNEL = 10;
const MAX_PER_GUILD = 100;

const GUILD_ONLY = 'Alerts are set up per server channel; run /alerts in a channel of your server.';
const READ_ONLY_HINT = '/alerts list';

const KIND_LABELS: Record<AlertKind, string> = {
  held: 'new talks reported as held',
  planned: 'newly planned talks',
  status: 'status changes (planned → held, cancelled)',
  participants: 'new participants in known talks',
};

/** "held, status" -> ['held', 'status']; "all" or nothing -> every kind. */
export function parseKinds(text: string | undefined): AlertKind[] {
  if (!text || /^\s*all\s*$/i.test(text)) return [...ALERT_KINDS];
  const words = text
    .toLowerCase()
    .split(/[\s,;+]+/)
    .filter((w) => w.length > 0);
  const unknown = words.filter((w) => !(ALERT_KINDS as readonly string[]).includes(w));
  if (unknown.length > 0) {
    throw new UserFacingError(
      `“${escapeMarkdown(neutraliseMentions(truncate(unknown.join(', '), 40)))}” is not a kind of alert. Use any of ${ALERT_KINDS.join(', ')} (comma-separated), or all.`,
    );
  }
  return ALERT_KINDS.filter((k) => words.includes(k));
}

function describeKinds(kinds: AlertKind[]): string {
  return kinds.length === ALERT_KINDS.length
    ? 'everything (held, planned, status changes, new participants)'
    : kinds.map((k) => KIND_LABELS[k]).join(', ');
}

function describeSubscription(subscription: AlertSubscription, showChannel: boolean): ReplyField {
  const filters = describeFilters(subscription.filters).replace(/^ · /, '');
  const lines = [
    `${showChannel ? `In <#${subscription.channelId}>: ` : ''}${describeKinds(subscription.kinds)}`,
    filters ? `Filters: ${filters}` : 'Filters: none (all talks)',
  ];
  if (subscription.enabled) {
    if (subscription.lastError) lines.push(`Last problem: ${escapeMarkdown(truncate(subscription.lastError, 200))}`);
  } else {
    lines.push(...disabledLines(subscription, 'alerts'));
  }
  if (subscription.origin === 'config') lines.push('Declared in the server operator’s config.');
  return { name: `Alert #${subscription.id}${subscription.enabled ? '' : ' (disabled)'}`, value: lines.join('\n') };
}

function visibleSubscriptions(ctx: CommandContext, scope: { guildId: string; channelId: string }): Promise<AlertSubscription[]> {
  return visibleInScope(ctx, scope, (where) => ctx.store.alerts.listSubscriptions(where));
}

async function subscribe(values: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  const scope = requireChannel(ctx, GUILD_ONLY);
  requireManageChannels(ctx, 'subscribe this channel to alerts', READ_ONLY_HINT);
  const kinds = parseKinds(stringOption(values, 'kinds'));
  const { filters, personNote } = await filterOptions(values, ctx, 'alerts');

  const inChannel = await ctx.store.alerts.listSubscriptions({ channelId: scope.channelId });
  if (inChannel.length >= MAX_PER_CHANNEL) {
    throw new UserFacingError(
      `This channel already has ${inChannel.length} alert subscriptions, the most it can have. /alerts unsubscribe one first.`,
    );
  }
  const inGuild = await ctx.store.alerts.listSubscriptions({ guildId: scope.guildId });
  if (inGuild.length >= MAX_PER_GUILD) {
    throw new UserFacingError(
      `This server already has ${inGuild.length} alert subscriptions, the most it can have. Remove some with /alerts unsubscribe first.`,
    );
  }
  if (ctx.canPost && !(await ctx.canPost(scope.channelId))) {
    throw new UserFacingError(
      'I cannot post in this channel. Give Parley the View Channel, Send Messages and Embed Links permissions here, then subscribe again.',
    );
  }

  const result = await ctx.store.alerts.addSubscription({
    guildId: scope.guildId,
    channelId: scope.channelId,
    filters,
    kinds,
    createdBy: ctx.invoker.userId,
    createdAt: ctx.now().toISOString(),
  });
  const subscription = result.subscription;
  ctx.logger.info({ alert: subscription.id, channelId: scope.channelId, kinds, status: result.status }, 'alert subscription');
  const headline =
    result.status === 'added'
      ? `Subscribed: alert #${subscription.id} posts here as soon as talks are reported.`
      : result.reenabled
        ? `Alert #${subscription.id} with these settings was disabled; it is enabled again.`
        : `This channel already has that alert (#${subscription.id}); nothing changed.`;
  const filtersText = describeFilters(filters).replace(/^ · /, '');
  const limit = ctx.config().parley.alerts.maxPostsPerHour;
  return {
    content: `${headline}\nAbout: ${describeKinds(kinds)}\nFilters: ${filtersText || 'none (all talks)'}\nOne message per talk, edited as more reports arrive; at most ${limit} posts an hour here, the rest grouped.${personNote}`,
    ephemeral: true,
  };
}

async function unsubscribe(values: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  const scope = requireChannel(ctx, GUILD_ONLY);
  requireManageChannels(ctx, 'unsubscribe this channel from alerts', READ_ONLY_HINT);
  const id = idOption(values, 'an alert', 'alerts');
  let target: AlertSubscription;
  if (id !== undefined) {
    const found = await ctx.store.alerts.getSubscription(id);
    const visible =
      found !== null && (found.channelId === scope.channelId || (ctx.invoker.permissions.manageGuild && found.guildId === scope.guildId));
    if (!visible) throw new UserFacingError(`There is no alert #${id} in this channel. /alerts list shows the ones here.`);
    target = found;
  } else {
    const here = (await ctx.store.alerts.listSubscriptions({ channelId: scope.channelId })).filter((s) => s.origin === 'command');
    if (here.length === 0) throw new UserFacingError('This channel has no alert to unsubscribe from.');
    if (here.length > 1)
      throw new UserFacingError(
        `This channel has ${here.length} alerts (${here.map((s) => `#${s.id}`).join(', ')}); say which one with the id option.`,
      );
    target = here[0]!;
  }
  if (target.origin === 'config') {
    throw new UserFacingError(
      `Alert #${target.id} is declared in the operator’s config (alerts.subscriptions); ask them to remove it there.`,
    );
  }
  await ctx.store.alerts.removeSubscription(target.id);
  ctx.logger.info({ alert: target.id, channelId: target.channelId, by: ctx.invoker.userId }, 'alert unsubscribed');
  return { content: `Unsubscribed: alert #${target.id} will not post any more.`, ephemeral: true };
}

async function list(ctx: CommandContext): Promise<Reply> {
  const scope = requireChannel(ctx, GUILD_ONLY);
  const subscriptions = await visibleSubscriptions(ctx, scope);
  const serverWide = ctx.invoker.permissions.manageGuild;
  if (subscriptions.length === 0) {
    return {
      content: serverWide
        ? 'No alerts in this server yet. /alerts subscribe sets one up in a channel.'
        : 'No alerts in this channel yet. /alerts subscribe sets one up.',
      ephemeral: true,
    };
  }
  const shown = subscriptions.slice(0, LIST_MAX);
  const more = subscriptions.length - shown.length;
  return {
    embeds: [
      {
        title: serverWide ? 'Alerts in this server' : 'Alerts in this channel',
        color: PARLEY_COLOR,
        fields: shown.map((s) => describeSubscription(s, serverWide)),
        footer: `At most ${ctx.config().parley.alerts.maxPostsPerHour} alert posts an hour per channel${more > 0 ? ` · and ${more} more` : ''}`,
      },
    ],
    ephemeral: true,
  };
}

/** Completes the last kind being typed after the ones already chosen: "held, st" -> "held, status". */
function suggestKinds(typed: string): AutocompleteChoice[] {
  const parts = typed.toLowerCase().split(/[\s,;+]+/);
  const last = parts.pop() ?? '';
  const chosen = parts.filter((p) => (ALERT_KINDS as readonly string[]).includes(p));
  const prefix = chosen.length ? `${chosen.join(', ')}, ` : '';
  const choices: AutocompleteChoice[] = [];
  if (!typed.trim()) choices.push({ name: 'all (held, planned, status, participants)', value: 'all' });
  for (const kind of ALERT_KINDS) {
    if (chosen.includes(kind) || !kind.startsWith(last)) continue;
    const value = `${prefix}${kind}`;
    choices.push({ name: truncate(`${value} — ${KIND_LABELS[kind]}`, 100), value: value.slice(0, KINDS_MAX_LENGTH) });
  }
  return choices.slice(0, 25);
}

async function suggestSubscriptions(typed: string, ctx: CommandContext): Promise<AutocompleteChoice[]> {
  const { guildId, channelId } = ctx.invoker;
  if (!guildId || !channelId) return [];
  return (await visibleSubscriptions(ctx, { guildId, channelId }))
    .filter((s) => !typed.trim() || String(s.id).startsWith(typed.trim().replace(/^#/, '')))
    .slice(0, 25)
    .map((s) => ({
      name: truncate(`#${s.id} ${s.kinds.join(', ')}${describeFilters(s.filters)}${s.enabled ? '' : ' — disabled'}`, 100),
      value: String(s.id),
    }));
}

export default {
  data: {
    name: 'alerts',
    description: 'Instant alerts in this channel when talks are reported, planned or change',
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: String(PermissionFlagsBits.ManageChannels),
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'subscribe',
        description: 'Post an alert in this channel as soon as matching talks are reported',
        options: [
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
            type: ApplicationCommandOptionType.String,
            name: 'kinds',
            description: 'held, planned, status, participants (comma-separated; default all)',
            max_length: KINDS_MAX_LENGTH,
            autocomplete: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'unsubscribe',
        description: 'Stop an alert subscription in this channel',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'id',
            description: 'Which alert, e.g. 3 (needed when the channel has several)',
            max_length: ID_MAX_LENGTH,
            autocomplete: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        description: 'Alert subscriptions in this channel (with Manage Server: in this server)',
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
      default:
        throw new UserFacingError('Use /alerts subscribe, unsubscribe or list.');
    }
  },
  async autocomplete(focused, _options, ctx) {
    switch (focused.name) {
      case 'side':
        return suggestSideChoices(focused.value, ctx);
      case 'person':
        return suggestPeopleChoices(focused.value, ctx);
      case 'kinds':
        return suggestKinds(focused.value);
      case 'id':
        return suggestSubscriptions(focused.value, ctx);
      default:
        return [];
    }
  },
} satisfies Command;
