import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { REST } from 'discord.js';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { DigestTimeline } from './support/digestTimeline.ts';
import { digestApp, fakeDiscordPoster, TestClock, TestConfigSource } from './support/digestApp.ts';
import { fail, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';
import { startDigestScheduler, type DigestScheduler, type DigestSchedulerOptions } from '../src/digest/scheduler.ts';
import type { NewSubscription } from '../src/store/digests.ts';
import type { ChannelPoster } from '../src/digest/delivery.ts';
import { nextSnowflake } from './support/fakeDiscord/snowflake.ts';

let fake: FakeDiscord;
let temp: TempStore;
let timeline: DigestTimeline;
let rest: REST;
let poster: ChannelPoster;
const schedulers: DigestScheduler[] = [];

const QUICK: DigestSchedulerOptions = { tick: 'manual', queue: { backoffBaseMs: 20, backoffMaxMs: 100, requestsPerSecond: 45 } };

beforeEach(async () => {
  fake = await startFakeDiscord();
  temp = await openTempStore();
  timeline = new DigestTimeline(temp.path);
  ({ poster, rest } = fakeDiscordPoster(fake.apiUrl, fake.token));
});

afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  timeline.close();
  await temp.cleanup();
  await fake.close();
});

function start(clock: TestClock, options: DigestSchedulerOptions = QUICK, config?: TestConfigSource): DigestScheduler {
  const scheduler = startDigestScheduler(digestApp(temp.store, clock, config), poster, options);
  schedulers.push(scheduler);
  return scheduler;
}

function addChannel(): string {
  const id = nextSnowflake();
  fake.guild.channels.push({ id, name: `digest-${id.slice(-4)}`, type: 0, guildId: fake.guild.id });
  return id;
}

async function subscribe(channelId: string, over: Partial<NewSubscription> = {}) {
  const { subscription } = await temp.store.digests.addSubscription({
    guildId: fake.guild.id,
    channelId,
    cron: '0 8 * * *',
    scheduleLabel: 'daily 08:00',
    timeZone: 'UTC',
    filters: {},
    notifyEmpty: false,
    createdBy: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    since: '2026-11-01T00:00:00.000Z',
    ...over,
  });
  return subscription;
}

function talk(summary: string, at: string, city = 'Geneva'): number {
  const article = timeline.article({ url: `https://news.example/${encodeURIComponent(summary)}`, title: summary, fetchedAt: at });
  return timeline.event({
    status: 'held',
    date: at.slice(0, 10),
    city,
    country: 'CH',
    sides: ['UA', 'US'],
    sources: [{ article, evidence: `${summary}.` }],
    summary,
    at,
  });
}

const digestText = (channelId: string) => fake.messages(channelId).map((m) => JSON.stringify(m.embeds));

describe('digest scheduler', () => {
  it('fires a daily 08:00 Europe/Kyiv digest at the right instant on both sides of a DST change', async () => {
    const channel = addChannel();
    const subscription = await subscribe(channel, {
      timeZone: 'Europe/Kyiv',
      notifyEmpty: true,
      createdAt: '2026-10-23T12:00:00.000Z',
      since: '2026-10-23T05:00:00.000Z',
    });
    const clock = new TestClock(new Date('2026-10-24T04:59:59.000Z'));
    const scheduler = start(clock);
    await scheduler.ready;
    expect(fake.messages(channel)).toHaveLength(0);

    clock.set('2026-10-24T05:00:00.000Z'); // 08:00 summer time (UTC+3)
    expect(await scheduler.runDue()).toMatchObject({ due: 1, sent: 1 });
    // 05:00Z on the 25th is 07:00 after the clocks went back: not yet.
    clock.set('2026-10-25T05:00:00.000Z');
    expect((await scheduler.runDue()).due).toBe(0);
    clock.set('2026-10-25T05:59:59.000Z');
    expect((await scheduler.runDue()).due).toBe(0);
    clock.set('2026-10-25T06:00:00.000Z'); // 08:00 winter time (UTC+2)
    expect(await scheduler.runDue()).toMatchObject({ due: 1, sent: 1 });
    // A second tick in the same minute does nothing.
    expect((await scheduler.runDue()).due).toBe(0);

    const runs = await temp.store.digests.runsFor(subscription.id);
    expect(runs.map((r) => [r.slot, r.status])).toEqual([
      ['2026-10-24T05:00:00.000Z', 'sent'],
      ['2026-10-25T06:00:00.000Z', 'sent'],
    ]);
    expect(fake.messages(channel)).toHaveLength(2);
    expect(fake.messages(channel).map((m) => m.id)).toEqual(runs.map((r) => r.messageId));
  });

  it('after being down over two slots posts one catch-up digest with everything since the last one', async () => {
    const channel = addChannel();
    const subscription = await subscribe(channel);
    const clock = new TestClock(new Date('2026-11-10T08:00:00.000Z'));
    talk('Talks before the first digest', '2026-11-09T12:00:00.000Z', 'Ankara');
    const first = start(clock);
    await first.ready;
    expect(fake.messages(channel)).toHaveLength(1);
    await first.stop();

    // Down from the 10th after 08:00 until the 12th 09:30: the 11th and 12th 08:00 slots pass.
    talk('Talks on the tenth', '2026-11-10T12:00:00.000Z', 'Riyadh');
    talk('Talks on the eleventh', '2026-11-11T12:00:00.000Z', 'Istanbul');
    clock.set('2026-11-12T09:30:00.000Z');
    const restarted = start(clock);
    await restarted.ready;

    const messages = fake.messages(channel);
    expect(messages).toHaveLength(2);
    const catchUp = JSON.stringify(messages[1]!.embeds);
    expect(catchUp).toContain('Riyadh');
    expect(catchUp).toContain('Istanbul');
    expect(catchUp).not.toContain('Ankara');
    const runs = await temp.store.digests.runsFor(subscription.id);
    expect(runs.map((r) => r.slot)).toEqual(['2026-11-10T08:00:00.000Z', '2026-11-12T08:00:00.000Z']);
    expect((await temp.store.digests.getSubscription(subscription.id))!.since).toBe('2026-11-12T09:30:00.000Z');
    // Nothing new after the catch-up: the next slot stays silent.
    clock.set('2026-11-13T08:00:00.000Z');
    expect(await restarted.runDue()).toMatchObject({ due: 1, sent: 0, empty: 1 });
  });

  it('a slot with nothing new posts nothing and keeps the since mark, so nothing is lost', async () => {
    const channel = addChannel();
    const subscription = await subscribe(channel);
    const clock = new TestClock(new Date('2026-11-10T08:00:00.000Z'));
    const scheduler = start(clock);
    await scheduler.ready;
    expect(fake.messages(channel)).toHaveLength(0);
    expect((await temp.store.digests.getSubscription(subscription.id))!.since).toBe('2026-11-01T00:00:00.000Z');
  });

  it('delivers to every channel despite a 429, a 500 and a 403, and disables the 403 one after three failures', async () => {
    const channels = Array.from({ length: 6 }, () => addChannel());
    const subscriptions = [];
    for (const channel of channels) subscriptions.push(await subscribe(channel, { notifyEmpty: true }));
    const [limited, broken, forbidden] = channels as [string, string, string];
    fake.failNext(`POST /channels/${limited}/messages`, fail.rateLimited(0.3));
    fake.failNext(`POST /channels/${broken}/messages`, fail.serverError(500), 2);
    fake.failNext(`POST /channels/${forbidden}/messages`, fail.forbidden(), 10);

    const clock = new TestClock(new Date('2026-11-10T08:00:00.000Z'));
    const scheduler = start(clock);
    await scheduler.ready;
    for (const channel of channels) expect(fake.messages(channel)).toHaveLength(channel === forbidden ? 0 : 1);
    const forbiddenSubscription = subscriptions[2]!;
    expect(await temp.store.digests.getSubscription(forbiddenSubscription.id)).toMatchObject({ enabled: true, consecutiveFailures: 1 });
    // The 429 was waited out: the retry came at least retry_after later.
    const limitedRequests = fake.requestsTo('POST /channels/:channelId/messages').filter((r) => r.path.includes(limited));
    expect(limitedRequests.map((r) => r.status)).toEqual([429, 200]);
    expect(limitedRequests[1]!.receivedAt - limitedRequests[0]!.receivedAt).toBeGreaterThanOrEqual(290);
    const brokenRequests = fake.requestsTo('POST /channels/:channelId/messages').filter((r) => r.path.includes(broken));
    expect(brokenRequests.map((r) => r.status)).toEqual([500, 500, 200]);
    // Every retry re-used the run's nonce, so a lost answer could never duplicate the digest.
    expect(new Set(brokenRequests.map((r) => (r.body as { nonce: string }).nonce)).size).toBe(1);

    for (const day of ['11', '12']) {
      clock.set(`2026-11-${day}T08:00:00.000Z`);
      await scheduler.runDue();
    }
    const disabled = (await temp.store.digests.getSubscription(forbiddenSubscription.id))!;
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    expect(disabled.disabledReason).toMatch(/403|Missing Permissions/);
    for (const channel of channels) expect(fake.messages(channel)).toHaveLength(channel === forbidden ? 0 : 3);
    // Disabled: no more attempts.
    const attempts = fake.requestsTo('POST /channels/:channelId/messages').filter((r) => r.path.includes(forbidden)).length;
    clock.set('2026-11-13T08:00:00.000Z');
    await scheduler.runDue();
    expect(fake.requestsTo('POST /channels/:channelId/messages').filter((r) => r.path.includes(forbidden)).length).toBe(attempts);
  });

  it('a deleted channel (404) is disabled after its failures too', async () => {
    const ghost = '123456789012345678';
    const subscription = await subscribe(ghost, { notifyEmpty: true });
    const clock = new TestClock(new Date('2026-11-10T08:00:00.000Z'));
    const scheduler = start(clock);
    await scheduler.ready;
    for (const day of ['11', '12']) {
      clock.set(`2026-11-${day}T08:00:00.000Z`);
      await scheduler.runDue();
    }
    expect(await temp.store.digests.getSubscription(subscription.id)).toMatchObject({ enabled: false });
  });

  it('a shutdown in the middle of a fan-out leaves the rest for the next start; each channel gets exactly one digest', async () => {
    const channels = Array.from({ length: 12 }, () => addChannel());
    for (const channel of channels) await subscribe(channel, { notifyEmpty: true });
    const clock = new TestClock(new Date('2026-11-10T08:00:00.000Z'));
    const slow = start(clock, { tick: 'manual', queue: { requestsPerSecond: 4, concurrency: 1 } });
    await new Promise((r) => setTimeout(r, 300));
    await slow.stop();
    const sentBefore = channels.filter((c) => fake.messages(c).length === 1).length;
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(channels.length);

    clock.set('2026-11-10T08:01:00.000Z');
    const restarted = start(clock);
    await restarted.ready;
    for (const channel of channels) expect(fake.messages(channel)).toHaveLength(1);
    const runs = (await Promise.all((await temp.store.digests.listSubscriptions()).map((s) => temp.store.digests.runsFor(s.id)))).flat();
    expect(runs.map((r) => r.status)).toEqual(channels.map(() => 'sent'));
  });

  it('runs on node-cron by default and stops cleanly', async () => {
    const channel = addChannel();
    await subscribe(channel, { notifyEmpty: true });
    const scheduler = start(new TestClock(new Date('2026-11-10T08:00:00.000Z')), { queue: QUICK.queue });
    await scheduler.ready;
    expect(fake.messages(channel)).toHaveLength(1);
    await scheduler.stop();
    expect(scheduler.queue.pending).toBe(0);
  });

  it('syncs configured subscriptions on start and on reload, and stays quiet when digests are off', async () => {
    const channel = addChannel();
    const config = new TestConfigSource({
      digests: { enabled: false, subscriptions: [{ channelId: channel, schedule: 'daily 08:00', notifyEmpty: true }] },
    });
    const clock = new TestClock(new Date('2026-11-10T07:00:00.000Z'));
    const scheduler = start(clock, QUICK, config);
    await scheduler.ready;
    expect(await temp.store.digests.listSubscriptions()).toMatchObject([
      { channelId: channel, origin: 'config', scheduleLabel: 'daily 08:00', timeZone: 'UTC' },
    ]);
    clock.set('2026-11-10T08:00:00.000Z');
    expect((await scheduler.runDue()).due).toBe(0);
    config.reload({
      digests: {
        enabled: true,
        subscriptions: [{ channelId: channel, schedule: 'daily 08:00', timeZone: 'Europe/Kyiv', notifyEmpty: true }],
      },
    });
    clock.set('2026-11-10T08:00:00.000Z');
    await new Promise((r) => setTimeout(r, 10));
    expect(await temp.store.digests.listSubscriptions()).toMatchObject([{ timeZone: 'Europe/Kyiv' }]);
    clock.set('2026-11-11T06:00:00.000Z');
    expect(await scheduler.runDue()).toMatchObject({ due: 1, sent: 1 });
    expect(digestText(channel)).toHaveLength(1);
  });
});
