// The fixed world the fake Discord serves: one application, its bot user, guilds with text
// channels, and JSON shapes for them as the real API sends them.
import { nextSnowflake } from './snowflake.ts';

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 = guild text, 1 = DM. */
  type: number;
  guildId: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: FakeChannel[];
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface FakeWorld {
  token: string;
  applicationId: string;
  botUser: FakeUser;
  /** A human who invokes commands unless a test says otherwise. */
  defaultUser: FakeUser;
  guilds: FakeGuild[];
  /** Direct-message channels between users and the bot. */
  dmChannels: FakeChannel[];
}

export function createWorld(options: { token?: string; guildCount?: number } = {}): FakeWorld {
  const applicationId = nextSnowflake();
  const defaultUser: FakeUser = { id: nextSnowflake(), username: 'analyst' };
  const guilds: FakeGuild[] = [];
  for (let i = 0; i < (options.guildCount ?? 1); i++) {
    const id = nextSnowflake();
    guilds.push({
      id,
      name: `Newsroom ${i + 1}`,
      ownerId: defaultUser.id,
      channels: [
        { id: nextSnowflake(), name: 'talks', type: 0, guildId: id },
        { id: nextSnowflake(), name: 'digests', type: 0, guildId: id },
      ],
    });
  }
  return {
    token: options.token ?? `fake.${applicationId}.token`,
    applicationId,
    botUser: { id: applicationId, username: 'Parley', bot: true },
    defaultUser,
    guilds,
    dmChannels: [{ id: nextSnowflake(), name: 'dm', type: 1, guildId: null }],
  };
}

export function findChannel(world: FakeWorld, channelId: string): FakeChannel | undefined {
  for (const guild of world.guilds) {
    const channel = guild.channels.find((c) => c.id === channelId);
    if (channel) return channel;
  }
  return world.dmChannels.find((c) => c.id === channelId);
}

export function userJson(user: FakeUser) {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.bot ? null : user.username,
    avatar: null,
    bot: user.bot ?? false,
    system: false,
    public_flags: 0,
    flags: 0,
  };
}

export function channelJson(channel: FakeChannel, recipients: FakeUser[] = []) {
  if (channel.type === 1) {
    return { id: channel.id, type: 1, last_message_id: null, flags: 0, recipients: recipients.map(userJson) };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  };
}

/** @everyone in the fake guild: view, send, embed links, read history, use application commands. */
const EVERYONE_PERMISSIONS = (0x400n | 0x800n | 0x4000n | 0x10000n | 0x80000000n).toString();

export function guildCreateJson(guild: FakeGuild, world: FakeWorld) {
  const joinedAt = new Date().toISOString();
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: EVERYONE_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [
      {
        user: userJson(world.botUser),
        nick: null,
        avatar: null,
        roles: [],
        joined_at: joinedAt,
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        communication_disabled_until: null,
      },
    ],
    channels: guild.channels.map((c) => channelJson(c)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
