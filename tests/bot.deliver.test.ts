// createDiscordPoster against the fake Discord, over a REST client built exactly as the bot's
// (discordRestOptions): one request per post, idempotent with a nonce, failures surfacing at once
// with their kind so the delivery queue alone waits, retries or disables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { createDiscordPoster, discordNonce } from '../src/bot/deliver.ts';
import { discordRestOptions } from '../src/bot/rest.ts';
import { DeliveryError, DeliveryQueue, type DeliveryFailure } from '../src/digest/delivery.ts';
import { fail, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';
import { nextSnowflake } from './support/fakeDiscord/snowflake.ts';

let fake: FakeDiscord;
let rest: REST;
const route = 'POST /channels/:channelId/messages';
const channel = () => fake.guild.channels[1]!.id;
function addChannel(): string {
  const id = nextSnowflake();
  fake.guild.channels.push({ id, name: `digest-${id.slice(-4)}`, type: 0, guildId: fake.guild.id });
  return id;
}
const options = (nonce = `n${Math.random().toString(36).slice(2, 12)}`) => ({ nonce, signal: new AbortController().signal });

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = new REST(discordRestOptions(fake.apiUrl)).setToken(fake.token);
});

afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake?.close();
});

async function failure(promise: Promise<unknown>): Promise<DeliveryFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return (error as DeliveryError).failure;
}

describe('createDiscordPoster', () => {
  it('posts a reply as one public message without mentions and returns its id', async () => {
    const { messageId } = await createDiscordPoster(rest).post(
      channel(),
      { content: 'Digest @everyone <@123>', embeds: [{ title: 'Talks', description: 'x'.repeat(5000) }], ephemeral: true },
      options(),
    );
    const message = fake.messages(channel()).find((m) => m.id === messageId);
    expect(message?.flags).toBe(0);
    expect(message?.allowedMentions).toEqual({ parse: [] });
    expect(message?.pings).toEqual({ everyone: false, users: [], roles: [] });
    // A 5000-character description goes out as two embeds, since Discord caps one at 4096.
    expect(message?.embeds.map((e) => (typeof e.description === 'string' ? e.description : '').length).every((n) => n <= 4096)).toBe(true);
    expect(message?.embeds.length).toBe(2);
  });

  it('posts once for the same nonce, even when the first answer was lost', async () => {
    const poster = createDiscordPoster(rest);
    const before = fake.messages(channel()).length;
    const first = await poster.post(channel(), { content: 'Daily digest' }, options('pd0123456789abcdef'));
    const again = await poster.post(channel(), { content: 'Daily digest' }, options('pd0123456789abcdef'));
    expect(again.messageId).toBe(first.messageId);
    expect(fake.messages(channel())).toHaveLength(before + 1);
    const [request] = fake.requestsTo(route).slice(-1);
    expect(request?.body).toMatchObject({ nonce: 'pd0123456789abcdef', enforce_nonce: true });
  });

  it('hashes a nonce longer than Discord accepts into a stable 25-character one', () => {
    const long = 'digest:subscription-42:2025-12-05T08:00:00Z';
    expect(discordNonce(long)).toHaveLength(25);
    expect(discordNonce(long)).toBe(discordNonce(long));
    expect(discordNonce('short')).toBe('short');
  });

  it('reports a forbidden or unknown channel as a channel failure', async () => {
    fake.failNext(route, fail.forbidden());
    expect(await failure(createDiscordPoster(rest).post(channel(), { content: 'x' }, options()))).toMatchObject({
      kind: 'channel',
      message: expect.stringContaining('403'),
    });
    expect(await failure(createDiscordPoster(rest).post('123456789012345678', { content: 'x' }, options()))).toMatchObject({
      kind: 'channel',
      message: expect.stringContaining('404'),
    });
  });

  it('reports a server error after one request: the queue, not REST, retries', async () => {
    const before = fake.requestsTo(route).length;
    fake.failNext(route, fail.serverError(503), 2);
    expect(await failure(createDiscordPoster(rest).post(channel(), { content: 'x' }, options()))).toMatchObject({ kind: 'transient' });
    expect(
      fake
        .requestsTo(route)
        .slice(before)
        .map((r) => r.status),
    ).toEqual([503]);
    fake.clearFailures();
  });

  it('reports a 429 with the wait Discord asked for instead of waiting it out unseen', async () => {
    fake.failNext(route, fail.rateLimited(3));
    const started = Date.now();
    const limited = await failure(createDiscordPoster(rest).post(channel(), { content: 'x' }, options()));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(limited).toMatchObject({ kind: 'rate-limited', global: false });
    expect(limited.kind === 'rate-limited' && limited.retryAfterMs).toBeGreaterThanOrEqual(3000);
  });

  it('reports an unreachable Discord as transient', async () => {
    const nowhere = new REST(discordRestOptions('http://127.0.0.1:1/api')).setToken('x');
    expect(await failure(createDiscordPoster(nowhere).post(channel(), { content: 'x' }, options()))).toMatchObject({ kind: 'transient' });
  });
});

describe('the delivery queue over the bot poster', () => {
  it('makes exactly as many requests as the queue makes attempts (no retries stacked on retries)', async () => {
    const fresh = addChannel();
    fake.failNext(`POST /channels/${fresh}/messages`, fail.serverError(500), 10);
    const queue = new DeliveryQueue({ poster: createDiscordPoster(rest), maxAttempts: 3, backoffBaseMs: 10 });
    const outcome = await queue.send(fresh, { content: 'x' }, 'pd-stacked');
    expect(outcome).toMatchObject({ ok: false, attempts: 3, failure: { kind: 'transient' } });
    expect(
      fake
        .requestsTo(route)
        .filter((r) => r.path.includes(fresh))
        .map((r) => r.status),
    ).toEqual([500, 500, 500]);
    fake.clearFailures();
  });

  it('aborts a post that outlives its timeout, so it cannot arrive after its retry', async () => {
    const slow = addChannel();
    fake.failNext(`POST /channels/${slow}/messages`, fail.delay(1500));
    const queue = new DeliveryQueue({ poster: createDiscordPoster(rest), requestTimeoutMs: 300, backoffBaseMs: 10 });
    const outcome = await queue.send(slow, { content: 'slow network' }, 'pd-timeout');
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    const [first, retry] = fake.requestsTo(route).filter((r) => r.path.includes(slow));
    expect(first!.abandonedAt).toBeDefined();
    expect(first!.abandonedAt!).toBeLessThanOrEqual(retry!.receivedAt);
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.messages(slow)).toHaveLength(1);
  });
});
