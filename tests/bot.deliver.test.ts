// createDiscordPoster against the fake Discord: one message per post, idempotent with a nonce,
// failures surfacing with their status so the digest queue can retry or disable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { createDiscordPoster, DeliveryError, discordNonce } from '../src/bot/deliver.ts';
import { classifyDeliveryError } from '../src/digest/delivery.ts';
import { fail, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';

let fake: FakeDiscord;
let rest: REST;
const route = 'POST /channels/:channelId/messages';
const channel = () => fake.guild.channels[1]!.id;

beforeAll(async () => {
  fake = await startFakeDiscord();
  // Like the bot's client.rest, but giving up after one retry so failures surface quickly.
  rest = new REST({ api: fake.apiUrl, retries: 1, timeout: 5000 }).setToken(fake.token);
});

afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake?.close();
});

async function rejection(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('createDiscordPoster', () => {
  it('posts a reply as one public message without mentions and returns its id', async () => {
    const post = createDiscordPoster(rest);
    const { messageId } = await post(channel(), { content: 'Digest @everyone <@123>', embeds: [{ title: 'Talks', description: 'x'.repeat(5000) }], ephemeral: true });
    const message = fake.messages(channel()).find((m) => m.id === messageId);
    expect(message?.flags).toBe(0);
    expect(message?.allowedMentions).toEqual({ parse: [] });
    expect(message?.pings).toEqual({ everyone: false, users: [], roles: [] });
    // A 5000-character description goes out as two embeds, since Discord caps one at 4096.
    expect(message?.embeds.map((e) => String(e.description ?? '').length).every((n) => n <= 4096)).toBe(true);
    expect(message?.embeds.length).toBe(2);
  });

  it('posts once for the same nonce, even when the first answer was lost', async () => {
    const post = createDiscordPoster(rest);
    const before = fake.messages(channel()).length;
    const first = await post(channel(), { content: 'Daily digest' }, { nonce: 'pd0123456789abcdef' });
    const again = await post(channel(), { content: 'Daily digest' }, { nonce: 'pd0123456789abcdef' });
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

  it('reports a forbidden channel as permanent with status and code', async () => {
    fake.failNext(route, fail.forbidden());
    const error = await rejection(createDiscordPoster(rest)(channel(), { content: 'x' }));
    expect(error).toMatchObject({ status: 403, code: 50013, permanent: true });
    expect(classifyDeliveryError(error).kind).toBe('channel');
  });

  it('reports an unknown channel as permanent', async () => {
    const error = await rejection(createDiscordPoster(rest)('123456789012345678', { content: 'x' }));
    expect(error).toMatchObject({ status: 404, code: 10003, permanent: true });
  });

  it('reports server errors that outlast the retries as transient', async () => {
    fake.failNext(route, fail.serverError(503), 2);
    const error = await rejection(createDiscordPoster(rest)(channel(), { content: 'x' }));
    expect(error).toMatchObject({ status: 503, permanent: false });
    expect(classifyDeliveryError(error).kind).toBe('transient');
    expect(fake.requestsTo(route).slice(-2).map((r) => r.status)).toEqual([503, 503]);
  });

  it('surfaces a 429 with the wait Discord asked for when the REST client rejects on rate limits', async () => {
    const strict = new REST({ api: fake.apiUrl, retries: 0, rejectOnRateLimit: ['/channels'] }).setToken(fake.token);
    fake.failNext(route, fail.rateLimited(3));
    const error = await rejection(createDiscordPoster(strict)(channel(), { content: 'x' }));
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(3000);
    expect(classifyDeliveryError(error)).toMatchObject({ kind: 'rate-limited' });
    strict.clearHashSweeper();
    strict.clearHandlerSweeper();
  });

  it('reports an unreachable Discord as transient without a status', async () => {
    const nowhere = new REST({ api: 'http://127.0.0.1:1/api', retries: 0, timeout: 2000 }).setToken('x');
    const error = await rejection(createDiscordPoster(nowhere)(channel(), { content: 'x' }));
    expect(error).toMatchObject({ status: null, permanent: false });
    expect(classifyDeliveryError(error).kind).toBe('transient');
  });
});
