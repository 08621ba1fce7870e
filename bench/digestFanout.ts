// Digest fan-out: N subscriptions (default 1,000), each in its own channel, all due in the same
// minute, delivered by the real scheduler and the bot's Discord poster through the fake Discord
// on 127.0.0.1 while the fake enforces Discord's global limit of 50 requests/s (a 51st request
// within any second gets a 429). Every digest holds the same few talks so each message is a
// realistic size (several embeds).
//
//   node --import tsx bench/digestFanout.ts [--subscriptions 1000] [--rate 48] [--json]
//
// Reported: wall time from the due tick to the last delivery, messages delivered, the most
// requests the fake saw in any one-second window, 429s, the event-loop delay during the fan-out
// (what a command reply in the same process would wait), and peak RSS / heap of the process
// (which also hosts the fake Discord and its record of every request).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { REST } from 'discord.js';
import { openStore } from '../src/store/open.ts';
import { startDigestScheduler } from '../src/digest/scheduler.ts';
import { createDiscordPoster } from '../src/bot/deliver.ts';
import { discordRestOptions } from '../src/bot/rest.ts';
import { parleyConfigSchema, type LoadedConfig } from '../src/config/schema.ts';
import type { App } from '../src/app.ts';
import { logger } from '../src/log.ts';
import { startFakeDiscord } from '../tests/support/fakeDiscord/index.ts';
import { nextSnowflake } from '../tests/support/fakeDiscord/snowflake.ts';
import { DigestTimeline } from '../tests/support/digestTimeline.ts';

export interface DigestFanoutResult {
  subscriptions: number;
  delivered: number;
  failed: number;
  seconds: number;
  requestsPerSecondAverage: number;
  maxRequestsInAnySecond: number;
  rateLimited429: number;
  fakeLimitPerSecond: number;
  queueRatePerSecond: number;
  /** One scheduler tick over all subscriptions when none is due. */
  idleTickMs: number;
  /** Event-loop delay during the fan-out: how long a command reply in the same process could wait. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** RSS once the store, the fake Discord and the subscriptions are set up, before the fan-out. */
  rssBeforeMb: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const SLOT = '2026-11-10T08:00:00.000Z';
const FAKE_LIMIT = 50;

export async function benchDigestFanout(subscriptions = 1000, rate = 48): Promise<DigestFanoutResult> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-fanout-'));
  const fake = await startFakeDiscord();
  fake.setGlobalRateLimit(FAKE_LIMIT);
  const store = await openStore(join(dir, 'parley.db'));
  const rest = new REST(discordRestOptions(fake.apiUrl)).setToken(fake.token);
  try {
    const timeline = new DigestTimeline(join(dir, 'parley.db'));
    const people = [
      timeline.person('Delegate One', 'UA', '2026-11-09T00:00:00.000Z'),
      timeline.person('Delegate Two', 'US', '2026-11-09T00:00:00.000Z'),
    ];
    for (let i = 0; i < 6; i++) {
      const at = `2026-11-09T1${i}:00:00.000Z`;
      const article = timeline.article({ url: `https://news.example/story-${i}`, title: `Story ${i}`, fetchedAt: at });
      timeline.event({
        status: i % 3 === 0 ? 'planned' : 'held',
        date: `2026-11-0${i + 1}`,
        city: `City ${i}`,
        country: 'CH',
        sides: ['UA', 'US'],
        participants: people,
        sources: [{ article, evidence: `Delegations met in City ${i} to discuss a ceasefire and prisoner exchanges.` }],
        summary: `Round ${i} of talks on a ceasefire, energy infrastructure and prisoner exchanges.`,
        at,
      });
      timeline.quote({
        article,
        personId: people[0]!,
        speaker: 'Delegate One',
        text: `We made progress in round ${i} and will continue.`,
        date: `2026-11-0${i + 1}`,
      });
    }
    timeline.close();

    const channels: string[] = [];
    for (let i = 0; i < subscriptions; i++) {
      const id = nextSnowflake();
      fake.guild.channels.push({ id, name: `digest-${i}`, type: 0, guildId: fake.guild.id });
      channels.push(id);
      await store.digests.addSubscription({
        guildId: fake.guild.id,
        channelId: id,
        cron: '0 8 * * *',
        scheduleLabel: 'daily 08:00',
        timeZone: 'UTC',
        filters: {},
        notifyEmpty: false,
        createdBy: null,
        createdAt: '2026-11-01T00:00:00.000Z',
        since: '2026-11-09T00:00:00.000Z',
      });
    }

    const config: LoadedConfig = { dir, parley: parleyConfigSchema.parse({}), people: [], places: [] };
    let clock = new Date(SLOT);
    const app: App = { store, config: { current: () => config, onChange: () => () => {} }, logger, now: () => clock };

    let peakRss = 0;
    let peakHeap = 0;
    let samples = 0;
    // rss() is cheap; the full memoryUsage() walks the heap, so it is taken less often.
    const sample = () => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      if (samples++ % 10 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    sample();
    const rssBefore = process.memoryUsage().rss;
    const sampler = setInterval(sample, 25);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const scheduler = startDigestScheduler(app, createDiscordPoster(rest), { tick: 'manual', queue: { requestsPerSecond: rate } });
    await scheduler.ready;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    loopDelay.disable();
    sample();
    // The minute tick afterwards, when nothing is due: what every ordinary minute costs.
    clock = new Date(Date.parse(SLOT) + 60_000);
    await scheduler.runDue();
    const tickStarted = performance.now();
    const idle = await scheduler.runDue();
    const idleTickMs = performance.now() - tickStarted;
    if (idle.due !== 0) throw new Error('nothing should be due one minute after the slot');
    await scheduler.stop();

    const posts = fake.requestsTo('POST /channels/:channelId/messages');
    const times = posts.map((r) => r.receivedAt).sort((a, b) => a - b);
    let maxInSecond = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      maxInSecond = Math.max(maxInSecond, i - j + 1);
    }
    const delivered = channels.filter((c) => fake.messages(c).length === 1).length;
    const runs = await Promise.all((await store.digests.listSubscriptions()).map((s) => store.digests.runsFor(s.id)));
    return {
      subscriptions,
      delivered,
      failed: runs.flat().filter((r) => r.status !== 'sent').length,
      seconds: round(seconds, 2),
      requestsPerSecondAverage: round(posts.length / seconds, 1),
      maxRequestsInAnySecond: maxInSecond,
      rateLimited429: posts.filter((r) => r.status === 429).length,
      fakeLimitPerSecond: FAKE_LIMIT,
      queueRatePerSecond: rate,
      idleTickMs: round(idleTickMs, 1),
      eventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6, 1),
      eventLoopDelayMaxMs: round(loopDelay.max / 1e6, 1),
      rssBeforeMb: round(rssBefore / 2 ** 20, 1),
      peakRssMb: round(peakRss / 2 ** 20, 1),
      peakHeapMb: round(peakHeap / 2 ** 20, 1),
    };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await store.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      subscriptions: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '48' },
      json: { type: 'boolean', default: false },
    },
  });
  const result = await benchDigestFanout(Number(values.subscriptions), Number(values.rate));
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log('digest fan-out through the fake Discord (global limit 50 req/s)');
    for (const [key, value] of Object.entries(result)) console.log(`  ${key.padEnd(26)} ${value}`);
  }
}
