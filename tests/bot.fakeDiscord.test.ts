// The fake Discord itself: a real discord.js Client logs into it, answers interactions through
// it, and the fake enforces what Discord enforces (limits, one callback, nonces, rate limits).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, RateLimitError, REST, type Interaction } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { fail, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';

let fake: FakeDiscord;
let client: Client;
let onInteraction: (interaction: Interaction) => Promise<void> = async () => {};

function restFor(fakeDiscord: FakeDiscord, options: { retries?: number; rejectOnRateLimit?: string[] } = {}): REST {
  return new REST({
    api: fakeDiscord.apiUrl,
    retries: options.retries ?? 0,
    rejectOnRateLimit: options.rejectOnRateLimit,
    timeout: 5000,
  }).setToken(fakeDiscord.token);
}

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 150, interactionResponseWindowMs: 1000 });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('a real discord.js Client against the fake Discord', () => {
  it('logs in over GET /gateway/bot, IDENTIFY with the Guilds intent and READY with the guild', async () => {
    expect(fake.requestsTo('GET /gateway/bot')).toHaveLength(1);
    const [session] = fake.gatewaySessions;
    expect(session?.query).toMatchObject({ v: '10', encoding: 'json' });
    expect(session?.identify?.intents).toBe(GatewayIntentBits.Guilds);
    expect(client.user?.id).toBe(fake.world.botUser.id);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(client.guilds.cache.get(fake.guild.id)?.name).toBe(fake.guild.name);
    expect(client.channels.cache.get(fake.guild.channels[0]!.id)?.isTextBased()).toBe(true);
  });

  it('acknowledges heartbeats so the client measures a ping', async () => {
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.gatewaySessions[0]!.heartbeats).toBeGreaterThanOrEqual(1);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('delivers a chat input interaction with subcommand, options and member permissions', async () => {
    let seen:
      { sub: string | null; text: string | null; count: number | null; manage: boolean | undefined; guild: string | null } | undefined;
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        sub: interaction.options.getSubcommand(false),
        text: interaction.options.getString('query'),
        count: interaction.options.getInteger('count'),
        manage: interaction.memberPermissions?.has('ManageChannels'),
        guild: interaction.guildId,
      };
      await interaction.reply({ content: 'ok', allowedMentions: { parse: [] } });
    };
    const payload = fake.chatInput({ command: 'probe', subcommand: 'run', options: { query: 'talks', count: 3 } });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(seen).toEqual({ sub: 'run', text: 'talks', count: 3, manage: false, guild: fake.guild.id });
    expect(reply).toMatchObject({ callbackType: 4, deferred: false, ephemeral: false });
    expect(reply.message?.content).toBe('ok');
    expect(reply.message?.allowedMentions).toEqual({ parse: [] });
    expect(fake.messages(payload.channel_id).map((m) => m.content)).toContain('ok');
  });

  it('records a deferred ephemeral reply and its edit as one answer', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: 64 });
      await interaction.editReply({ content: 'later', allowedMentions: { parse: [] } });
    };
    const payload = fake.chatInput({ command: 'probe' });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply).toMatchObject({ callbackType: 5, deferred: true, ephemeral: true });
    expect(reply.message?.content).toBe('later');
  });

  it('delivers autocomplete with the focused option and refuses more than 25 choices', async () => {
    const attempts: Array<{ focused: string; ok: boolean }> = [];
    onInteraction = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused();
      const choices = Array.from({ length: focused === 'many' ? 30 : 2 }, (_, i) => ({ name: `${focused} ${i}`, value: `${i}` }));
      attempts.push({
        focused,
        ok: await interaction.respond(choices).then(
          () => true,
          () => false,
        ),
      });
    };
    const good = fake.autocomplete({ command: 'who', focused: { name: 'name', value: 'zel' } });
    await fake.sendInteraction(good);
    expect((await fake.waitForReply(good.id)).choices).toEqual([
      { name: 'zel 0', value: '0' },
      { name: 'zel 1', value: '1' },
    ]);
    const tooMany = fake.autocomplete({ command: 'who', focused: { name: 'name', value: 'many' } });
    await fake.sendInteraction(tooMany);
    await expect.poll(() => attempts.length).toBe(2);
    expect(attempts[1]).toEqual({ focused: 'many', ok: false });
    expect(fake.interaction(tooMany.id)?.callback).toBeUndefined();
  });

  it('refuses a second callback and one after the response window, as Discord does', async () => {
    const errors: string[] = [];
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === 'slow') await new Promise((r) => setTimeout(r, 1100));
      await interaction.reply({ content: 'first' }).catch((e: Error) => errors.push(e.message));
      if (interaction.commandName === 'twice') {
        await fake.waitForCallback(interaction.id);
        await client.rest
          .post(Routes.interactionCallback(interaction.id, interaction.token), {
            body: { type: 4, data: { content: 'again' } },
            auth: false,
          })
          .catch((e: Error) => errors.push(e.message));
      }
    };
    const twice = fake.chatInput({ command: 'twice' });
    await fake.sendInteraction(twice);
    await expect.poll(() => fake.interaction(twice.id)?.refusedCallbacks.length).toBe(1);
    const slow = fake.chatInput({ command: 'slow' });
    await fake.sendInteraction(slow);
    await expect.poll(() => fake.interaction(slow.id)?.refusedCallbacks, { timeout: 3000 }).toEqual([{ type: 4, code: 10062 }]);
    expect(errors).toEqual(['Interaction has already been acknowledged.', 'Unknown interaction']);
  });

  it('delivers interactions from DMs without guild or member', async () => {
    let seen: { guild: string | null; inGuild: boolean; user: string } | undefined;
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = { guild: interaction.guildId, inGuild: interaction.inGuild(), user: interaction.user.id };
      await interaction.reply({ content: 'dm' });
    };
    const payload = fake.chatInput({ command: 'help', dm: true });
    await fake.sendInteraction(payload);
    await fake.waitForReply(payload.id);
    expect(seen).toEqual({ guild: null, inGuild: false, user: fake.world.defaultUser.id });
  });
});

describe('gateway reconnects', () => {
  it('resumes the session after op 7 and keeps delivering interactions', async () => {
    const before = fake.gatewaySessions.length;
    fake.requestReconnect();
    await expect.poll(() => fake.gatewaySessions.slice(before).some((s) => s.resumed && s.ready), { timeout: 5000 }).toBe(true);
    const resumed = fake.gatewaySessions.at(-1)!;
    expect(resumed.sessionId).toBe(fake.gatewaySessions[before - 1]!.sessionId);
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'still here' });
    };
    const payload = fake.chatInput({ command: 'probe' });
    await fake.sendInteraction(payload);
    expect((await fake.waitForReply(payload.id)).message?.content).toBe('still here');
  });
});

describe('fake Discord REST', () => {
  const channelId = () => fake.guild.channels[1]!.id;

  it('posts channel messages, and the same enforced nonce returns the same message', async () => {
    const rest = restFor(fake);
    const body = { content: 'digest', nonce: 'digest-1', enforce_nonce: true, allowed_mentions: { parse: [] } };
    const first = (await rest.post(Routes.channelMessages(channelId()), { body })) as { id: string };
    const second = (await rest.post(Routes.channelMessages(channelId()), { body })) as { id: string };
    expect(second.id).toBe(first.id);
    expect(fake.messages(channelId()).filter((m) => m.nonce === 'digest-1')).toHaveLength(1);
    const unknown = await rest.get(Routes.channel('1')).catch((e: { status: number; code: number }) => e);
    expect(unknown).toMatchObject({ status: 404, code: 10003 });
  });

  it('reports who a message would ping, by allowed_mentions', async () => {
    const rest = restFor(fake);
    await rest.post(Routes.channelMessages(channelId()), { body: { content: 'ping @everyone <@123>' } });
    await rest.post(Routes.channelMessages(channelId()), { body: { content: 'quiet @everyone <@123>', allowed_mentions: { parse: [] } } });
    const [loud, quiet] = fake.messages(channelId()).slice(-2);
    expect(loud?.pings).toEqual({ everyone: true, users: ['123'], roles: [] });
    expect(quiet?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('refuses bodies over Discord limits with 400 Invalid Form Body', async () => {
    const rest = restFor(fake);
    const error = await rest.post(Routes.channelMessages(channelId()), { body: { content: 'x'.repeat(2001) } }).catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    const embeds = Array.from({ length: 2 }, () => ({ description: 'y'.repeat(3500) }));
    expect(await rest.post(Routes.channelMessages(channelId()), { body: { embeds } }).catch((e) => e)).toMatchObject({ status: 400 });
  });

  it('injects 500, 403 and 429 per route and records every request', async () => {
    const rest = restFor(fake, { rejectOnRateLimit: ['/channels'] });
    const route = 'POST /channels/:channelId/messages';
    fake.failNext(route, fail.serverError());
    expect(await rest.post(Routes.channelMessages(channelId()), { body: { content: 'a' } }).catch((e) => e)).toMatchObject({ status: 500 });
    fake.failNext(route, fail.forbidden());
    expect(await rest.post(Routes.channelMessages(channelId()), { body: { content: 'b' } }).catch((e) => e)).toMatchObject({
      status: 403,
      code: 50013,
    });
    fake.failNext(route, fail.rateLimited(2));
    const limited = (await rest
      .post(Routes.channelMessages(channelId()), { body: { content: 'c' } })
      .catch((e: unknown) => e)) as RateLimitError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryAfter).toBeGreaterThanOrEqual(2000);
    const recorded = fake
      .requestsTo(route)
      .slice(-3)
      .map((r) => r.status);
    expect(recorded).toEqual([500, 403, 429]);
  });

  it('lets discord.js wait out a scripted 429 and retry by itself', async () => {
    const rest = restFor(fake);
    fake.failNext('POST /channels/:channelId/messages', fail.rateLimited(0.2));
    const started = Date.now();
    await rest.post(Routes.channelMessages(channelId()), { body: { content: 'after the wait' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(fake.messages(channelId()).at(-1)?.content).toBe('after the wait');
  });

  it('delays a request when told to, then answers it normally', async () => {
    const rest = restFor(fake);
    fake.failNext('POST /channels/:channelId/messages', fail.delay(300));
    const started = Date.now();
    await rest.post(Routes.channelMessages(channelId()), { body: { content: 'slow network' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(fake.messages(channelId()).at(-1)?.content).toBe('slow network');
  });

  it('answers 429 globally above N requests per second', async () => {
    fake.setGlobalRateLimit(3);
    try {
      const get = () => fetch(`${fake.apiUrl}/v10/channels/${channelId()}`, { headers: { authorization: `Bot ${fake.token}` } });
      const responses = await Promise.all(Array.from({ length: 5 }, get));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
      const limited = responses.find((r) => r.status === 429)!;
      expect(limited.headers.get('x-ratelimit-global')).toBe('true');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await limited.json()).toMatchObject({ global: true });
      expect(fake.globallyRateLimited).toBe(2);
    } finally {
      fake.setGlobalRateLimit(null);
    }
  });

  it('requires the bot token on authenticated routes', async () => {
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken('wrong');
    expect(await rest.get(Routes.channel(channelId())).catch((e) => e)).toMatchObject({ status: 401 });
  });
});
