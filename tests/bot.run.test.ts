// runBot against the fake Discord with a small command list of its own: how the transport
// answers (immediately, deferred, ephemeral errors, refusals), what it passes to handlers, and
// how it stops.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBot, RESTARTING_MESSAGE, type RunningBot } from '../src/bot/run.ts';
import { UserFacingError, type Command, type CommandContext, type CommandOptions } from '../src/interaction/command.ts';
import { SOMETHING_WENT_WRONG } from '../src/interaction/execute.ts';
import { GUILD_ONLY_MESSAGE } from '../src/bot/guildOnly.ts';
import { fail, MODERATOR_PERMISSIONS, Permission, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';
import { createDiscordPoster } from '../src/bot/deliver.ts';
import { DeliveryQueue } from '../src/digest/delivery.ts';
import { testApp } from './support/fakeDiscord/testApp.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const define = (name: string, extra: Partial<Command['data']> = {}): Command['data'] => ({
  name,
  description: `the ${name} probe`,
  ...extra,
});

const seen: Array<{ options: CommandOptions; invoker: CommandContext['invoker']; canPost?: Record<string, boolean> }> = [];
let releaseGate: () => void = () => {};

const commands: Command[] = [
  { data: define('echo'), execute: async (options) => ({ content: `echo ${String(options.values.text ?? '')} @everyone <@123> <@&456>` }) },
  {
    data: define('inspect'),
    execute: async (options, ctx) => {
      const channels = [ctx.invoker.channelId!, '999999999999999999'];
      const canPost: Record<string, boolean> = {};
      for (const id of channels) canPost[id] = (await ctx.canPost?.(id)) ?? true;
      seen.push({ options, invoker: ctx.invoker, canPost });
      return { content: 'inspected', ephemeral: true };
    },
  },
  { data: define('slow'), execute: async () => (await sleep(900), { embeds: [{ title: 'Slow answer', description: 'took a while' }] }) },
  {
    data: define('slow-refusal'),
    execute: async () => (await sleep(900), Promise.reject(new UserFacingError('No such event. Try /latest-talks.'))),
  },
  { data: define('eager'), defer: true, execute: async () => ({ content: 'deferred on purpose' }) },
  { data: define('boom'), execute: async () => Promise.reject(new Error('database is on fire')) },
  { data: define('guild-only', { contexts: [0] }), execute: async () => ({ content: 'in a guild' }) },
  {
    data: define('stall'),
    // Synchronous work blocks the event loop, so not even the deferral timer can fire.
    execute: async () => {
      const until = Date.now() + 300;
      while (Date.now() < until);
      return { content: 'too late' };
    },
  },
  {
    data: define('gated'),
    execute: async () => (await new Promise<void>((r) => (releaseGate = r)), { content: 'finished after stop began' }),
  },
  {
    data: define('pick'),
    execute: async () => ({ content: 'picked' }),
    autocomplete: async (focused) => {
      if (focused.value === 'slow') await sleep(1500);
      return Array.from({ length: 40 }, (_, i) => ({ name: `${focused.value} ${'very long name '.repeat(10)} ${i}`, value: `v${i}` }));
    },
  },
];

let fake: FakeDiscord;
let temp: TempStore;
let bot: RunningBot;

beforeAll(async () => {
  fake = await startFakeDiscord();
  temp = await openTempStore();
  bot = await runBot({
    app: testApp(temp.store),
    token: fake.token,
    applicationId: fake.applicationId,
    rest: { api: fake.apiUrl },
    commands,
    deferAfterMs: 600,
    autocompleteBudgetMs: 800,
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await temp?.cleanup();
});

afterEach(() => {
  seen.length = 0;
});

describe('runBot', () => {
  it('logs in with the Guilds intent only and mentions parsing off by default', () => {
    expect(fake.gatewaySessions.map((s) => s.identify?.intents)).toEqual([1]);
    expect(bot.client.options.allowedMentions).toEqual({ parse: [] });
  });

  it('answers at once, with mentions in the text parsed by nobody', async () => {
    const payload = fake.chatInput({ command: 'echo', options: { text: 'hello' } });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply).toMatchObject({ callbackType: 4, deferred: false, ephemeral: false });
    expect(reply.message?.content).toBe('echo hello @everyone <@123> <@&456>');
    expect(reply.message?.allowedMentions).toEqual({ parse: [] });
    expect(reply.message?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('passes options, the invoker with permissions and a canPost check to the handler', async () => {
    const payload = fake.chatInput({ command: 'inspect', options: { count: 2 }, permissions: MODERATOR_PERMISSIONS });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply.ephemeral).toBe(true);
    expect(seen[0]?.options).toEqual({ values: { count: 2 } });
    expect(seen[0]?.invoker).toEqual({
      userId: fake.world.defaultUser.id,
      guildId: fake.guild.id,
      channelId: payload.channel_id,
      permissions: { manageChannels: true, manageGuild: false },
    });
    expect(seen[0]?.canPost).toEqual({ [payload.channel_id]: true, '999999999999999999': false });
  });

  it('says the bot cannot post where Discord says it lacks Send Messages', async () => {
    const payload = fake.chatInput({ command: 'inspect', appPermissions: Permission.ViewChannel });
    await fake.sendInteraction(payload);
    await fake.waitForReply(payload.id);
    expect(seen[0]?.canPost?.[payload.channel_id]).toBe(false);
    expect(seen[0]?.invoker.permissions).toEqual({ manageChannels: false, manageGuild: false });
  });

  it('defers a reply that is not ready in time, then edits in the answer', async () => {
    const payload = fake.chatInput({ command: 'slow' });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply).toMatchObject({ callbackType: 5, deferred: true, ephemeral: false });
    expect(reply.message?.embeds).toEqual([{ title: 'Slow answer', description: 'took a while' }]);
    expect(fake.requestsTo(`PATCH /webhooks/${fake.applicationId}/${payload.token}/messages/@original`)[0]?.body).toMatchObject({
      allowed_mentions: { parse: [] },
    });
  });

  it('turns a late refusal after a public deferral into an ephemeral follow-up', async () => {
    const payload = fake.chatInput({ command: 'slow-refusal' });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply).toMatchObject({ deferred: true, ephemeral: true });
    expect(reply.message?.content).toBe('No such event. Try /latest-talks.');
    const record = fake.interaction(payload.id)!;
    expect(record.callback?.type).toBe(5);
    expect(record.original).toBeUndefined();
    expect(record.followUps.map((m) => ({ content: m.content, flags: m.flags }))).toEqual([
      { content: 'No such event. Try /latest-talks.', flags: 64 },
    ]);
  });

  it('defers at once when the command asks for it', async () => {
    const payload = fake.chatInput({ command: 'eager' });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply.deferred).toBe(true);
    expect(reply.message?.content).toBe('deferred on purpose');
  });

  it('answers a crashing handler with an ephemeral apology and no internals', async () => {
    const payload = fake.chatInput({ command: 'boom' });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message?.content).toBe(SOMETHING_WENT_WRONG);
    expect(reply.message?.content).not.toContain('fire');
  });

  it('refuses guild-only commands in DMs, ephemerally', async () => {
    const payload = fake.chatInput({ command: 'guild-only', dm: true });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply).toMatchObject({ ephemeral: true });
    expect(reply.message?.content).toBe(GUILD_ONLY_MESSAGE);
    const inGuild = fake.chatInput({ command: 'guild-only' });
    await fake.sendInteraction(inGuild);
    expect((await fake.waitForReply(inGuild.id)).message?.content).toBe('in a guild');
  });

  it('answers an unregistered command ephemerally', async () => {
    const payload = fake.chatInput({ command: 'gone' });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message?.content).toMatch(/does not know this command/);
  });

  it('answers autocomplete with at most 25 choices of at most 100 characters', async () => {
    const payload = fake.autocomplete({ command: 'pick', focused: { name: 'name', value: 'zel' } });
    await fake.sendInteraction(payload);
    const { choices } = await fake.waitForReply(payload.id);
    expect(choices).toHaveLength(25);
    expect(Math.max(...choices!.map((c) => c.name.length))).toBeLessThanOrEqual(100);
    expect(choices![0]?.value).toBe('v0');
  });

  it('answers slow autocomplete with no choices before Discord gives up', async () => {
    const payload = fake.autocomplete({ command: 'pick', focused: { name: 'name', value: 'slow' } });
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id);
    expect(reply.choices).toEqual([]);
    expect(reply.callbackMs).toBeLessThan(3000);
  });
});

describe('the bot client posting digests', () => {
  it('hands a 429 and a 500 on a channel post to the delivery queue, which alone waits and retries', async () => {
    const channelId = fake.guild.channels[1]!.id;
    const route = `POST /channels/${channelId}/messages`;
    fake.failNext(route, fail.rateLimited(0.2));
    fake.failNext(route, fail.serverError(500));
    const queue = new DeliveryQueue({ poster: createDiscordPoster(bot.client.rest), backoffBaseMs: 10 });
    const outcome = await queue.send(channelId, { content: 'daily digest' }, 'pd-bot-client');
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(queue.stats).toMatchObject({ rateLimited: 1, retries: 1, requests: 3 });
    expect(
      fake
        .requestsTo('POST /channels/:channelId/messages')
        .filter((r) => r.path.includes(channelId))
        .map((r) => r.status),
    ).toEqual([429, 500, 200]);
  });
});

describe('runBot start and stop', () => {
  it('refuses to start when the application id does not match the token', async () => {
    const other = await startFakeDiscord();
    try {
      const starting = runBot({
        app: testApp(temp.store),
        token: other.token,
        applicationId: '123456789012345678',
        rest: { api: other.apiUrl },
        commands,
      });
      await expect(starting).rejects.toThrow(/DISCORD_APPLICATION_ID is 123456789012345678 but the token belongs to application/);
    } finally {
      await other.close();
    }
  });

  it('refuses to start with a token Discord does not accept', async () => {
    const starting = runBot({
      app: testApp(temp.store),
      token: 'not-the-token',
      applicationId: fake.applicationId,
      rest: { api: fake.apiUrl },
      commands,
    });
    await expect(starting).rejects.toThrow(/invalid token/i);
  });

  it('gives up on an interaction Discord has expired instead of sending more', async () => {
    const strict = await startFakeDiscord({ interactionResponseWindowMs: 100 });
    const strictBot = await runBot({
      app: testApp(temp.store),
      token: strict.token,
      applicationId: strict.applicationId,
      rest: { api: strict.apiUrl },
      commands,
    });
    try {
      const payload = strict.chatInput({ command: 'stall' });
      await strict.sendInteraction(payload);
      await expect.poll(() => strict.interaction(payload.id)?.refusedCallbacks.length).toBe(1);
      await sleep(200);
      expect(strict.interaction(payload.id)?.refusedCallbacks).toEqual([{ type: 4, code: 10062 }]);
      expect(strict.requestsTo(`POST /webhooks/${strict.applicationId}/${payload.token}`)).toEqual([]);
    } finally {
      await strictBot.stop();
      await strict.close();
    }
  });

  it('finishes in-flight replies on stop and turns away interactions that arrive meanwhile', async () => {
    const other = await startFakeDiscord();
    const stopping = await runBot({
      app: testApp(temp.store),
      token: other.token,
      applicationId: other.applicationId,
      rest: { api: other.apiUrl },
      commands,
      deferAfterMs: 100,
    });
    try {
      const inFlight = other.chatInput({ command: 'gated' });
      await other.sendInteraction(inFlight);
      await other.waitForCallback(inFlight.id);
      const stopped = stopping.stop();
      const late = other.chatInput({ command: 'echo' });
      await other.sendInteraction(late);
      const refusal = await other.waitForReply(late.id);
      expect(refusal.message?.content).toBe(RESTARTING_MESSAGE);
      expect(refusal.ephemeral).toBe(true);
      releaseGate();
      await stopped;
      expect((await other.waitForReply(inFlight.id)).message?.content).toBe('finished after stop began');
      await expect.poll(() => other.gatewaySessions.every((s) => s.closed)).toBe(true);
    } finally {
      await stopping.stop();
      await other.close();
    }
  });
});
