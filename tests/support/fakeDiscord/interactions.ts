// Builders for INTERACTION_CREATE payloads as Discord sends them over the gateway: chat input
// commands (with options and subcommands), autocomplete, guild members with a permissions
// bitfield, and DMs.
import { randomBytes } from 'node:crypto';
import { nextSnowflake } from './snowflake.ts';
import { channelJson, userJson, type FakeUser, type FakeWorld } from './world.ts';

/** Permission bits used in tests (discord-api-types PermissionFlagsBits, as bigint). */
export const Permission = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  Administrator: 1n << 3n,
  UseApplicationCommands: 1n << 31n,
} as const;

/** What an ordinary member may do: read, write, use commands. */
export const MEMBER_PERMISSIONS =
  Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks | Permission.UseApplicationCommands;
/** A moderator who may manage channels (and so subscribe a channel to digests). */
export const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | Permission.ManageChannels;
/** What the bot is granted in the channel when invited with the documented permissions. */
export const BOT_PERMISSIONS = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;

export type OptionValue = string | number | boolean;

/** An option as Discord sends it. Types: 1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, 7 channel, 10 number. */
export interface InteractionOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: InteractionOption[];
}

export interface InteractionTarget {
  /** The guild to run in; defaults to the world's first guild. Ignored when `dm` is set. */
  guildId?: string;
  /** Defaults to the guild's first channel (or the DM channel). */
  channelId?: string;
  /** A direct message with the bot instead of a guild channel. */
  dm?: boolean;
  user?: FakeUser;
  /** The member's resolved permissions in the channel (guild only). */
  permissions?: bigint;
  /** The bot's permissions in the channel. */
  appPermissions?: bigint;
  locale?: string;
  id?: string;
  token?: string;
}

export interface ChatInputSpec extends InteractionTarget {
  command: string;
  subcommand?: string;
  group?: string;
  /** Option values by name (types inferred: string, integer, number, boolean), or Discord-shaped options. */
  options?: Record<string, OptionValue | undefined> | InteractionOption[];
  /** The registered command id; the fake fills it from deployed commands when absent. */
  commandId?: string;
}

export interface AutocompleteSpec extends Omit<ChatInputSpec, 'options'> {
  /** The option the user is typing in, what they typed so far, and its type (default: string). */
  focused: { name: string; value: string; type?: number };
  /** Other options already filled in. */
  options?: Record<string, OptionValue | undefined>;
}

function inferOptionType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function toOptions(options: ChatInputSpec['options']): InteractionOption[] {
  if (!options) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options)
    .filter((entry): entry is [string, OptionValue] => entry[1] !== undefined)
    .map(([name, value]) => ({ name, type: inferOptionType(value), value }));
}

function nestUnderSubcommand(spec: { subcommand?: string; group?: string }, leaf: InteractionOption[]): InteractionOption[] {
  if (!spec.subcommand) return leaf;
  const sub: InteractionOption = { name: spec.subcommand, type: 1, options: leaf };
  return spec.group ? [{ name: spec.group, type: 2, options: [sub] }] : [sub];
}

function envelope(world: FakeWorld, target: InteractionTarget, type: number, data: Record<string, unknown>) {
  const user = target.user ?? world.defaultUser;
  const id = target.id ?? nextSnowflake();
  const token = target.token ?? `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
  const base = {
    id,
    application_id: world.applicationId,
    type,
    token,
    version: 1,
    locale: target.locale ?? 'en-US',
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
    app_permissions: (target.appPermissions ?? BOT_PERMISSIONS).toString(),
    data,
  };
  if (target.dm) {
    const channel = world.dmChannels.find((c) => c.id === target.channelId) ?? world.dmChannels[0]!;
    return {
      ...base,
      channel_id: channel.id,
      channel: channelJson(channel, [user]),
      user: userJson(user),
      context: 1,
      authorizing_integration_owners: { '0': world.applicationId },
    };
  }
  const guild = world.guilds.find((g) => g.id === (target.guildId ?? world.guilds[0]?.id));
  if (!guild) throw new Error(`no guild ${target.guildId} in the fake world`);
  const channel = guild.channels.find((c) => c.id === (target.channelId ?? guild.channels[0]?.id));
  if (!channel) throw new Error(`no channel ${target.channelId} in guild ${guild.id}`);
  return {
    ...base,
    guild_id: guild.id,
    guild_locale: 'en-US',
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel_id: channel.id,
    channel: channelJson(channel),
    member: {
      user: userJson(user),
      nick: null,
      avatar: null,
      roles: [],
      joined_at: new Date(0).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      permissions: (target.permissions ?? MEMBER_PERMISSIONS).toString(),
    },
    context: 0,
    authorizing_integration_owners: { '0': guild.id },
  };
}

export type InteractionPayload = ReturnType<typeof envelope>;

export function buildChatInput(world: FakeWorld, spec: ChatInputSpec): InteractionPayload {
  const options = nestUnderSubcommand(spec, toOptions(spec.options));
  return envelope(world, spec, 2, { id: spec.commandId ?? nextSnowflake(), name: spec.command, type: 1, options });
}

export function buildAutocomplete(world: FakeWorld, spec: AutocompleteSpec): InteractionPayload {
  const filled = toOptions(spec.options).filter((o) => o.name !== spec.focused.name);
  const leaf: InteractionOption[] = [
    ...filled,
    { name: spec.focused.name, type: spec.focused.type ?? 3, value: spec.focused.value, focused: true },
  ];
  return envelope(world, spec, 4, {
    id: spec.commandId ?? nextSnowflake(),
    name: spec.command,
    type: 1,
    options: nestUnderSubcommand(spec, leaf),
  });
}
