// Alerts, measured through the real pipeline and the fake Discord on 127.0.0.1:
//
// latency: one alert subscription; articles are ingested one at a time (stored, extracted,
//   merged) while the dispatcher runs on its own timer with the default config
//   (alerts.checkSeconds). Each sample is the time from the end of an article's ingest to the
//   fake Discord receiving the alert's POST.
// fan-out: N channels (default 500) each subscribed; one article's merge (the real merge, fed a
//   ready-made extraction so the extractor's memory stays out of this workload's RSS) makes one
//   talk that every one of them is told about, delivered through the shared delivery queue while
//   the fake enforces Discord's global limit of 50 requests/s (a 51st request in any second: 429).
// Each runs in its own process under `npm run bench`.
//
//   node --import tsx bench/alertFanout.ts [--samples 20] [--channels 500] [--json]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REST } from 'discord.js';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { createDiscordPoster } from '../src/bot/deliver.ts';
import { discordRestOptions } from '../src/bot/rest.ts';
import { DeliveryQueue } from '../src/digest/delivery.ts';
import { startAlertDispatcher } from '../src/alerts/dispatcher.ts';
import { parleyConfigSchema, type LoadedConfig } from '../src/config/schema.ts';
import type { App } from '../src/app.ts';
import { logger } from '../src/log.ts';
import { startFakeDiscord, type FakeDiscord } from '../tests/support/fakeDiscord/index.ts';
import { nextSnowflake } from '../tests/support/fakeDiscord/snowflake.ts';

export interface AlertLatencyResult {
  checkSeconds: number;
  samples: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  peakRssMb: number;
}

export interface AlertFanoutResult {
  channels: number;
  delivered: number;
  fanoutSeconds: number;
  requestsPerSecondAverage: number;
  maxRequestsInAnySecond: number;
  rateLimited429: number;
  fakeLimitPerSecond: number;
  /** One check afterwards, when nothing changed: what the dispatcher costs every checkSeconds. */
  idleCheckMs: number;
  peakRssMb: number;
}

const FAKE_LIMIT = 50;
const CITIES = [
  'Geneva',
  'Vienna',
  'Paris',
  'Berlin',
  'Rome',
  'Madrid',
  'Lisbon',
  'Warsaw',
  'Prague',
  'Budapest',
  'Oslo',
  'Stockholm',
  'Helsinki',
  'Copenhagen',
  'Dublin',
  'Brussels',
  'Amsterdam',
  'Athens',
  'Cairo',
  'Doha',
  'Riyadh',
  'Baku',
  'Tbilisi',
  'Yerevan',
  'Tashkent',
  'Bucharest',
  'Sofia',
  'Belgrade',
  'Zagreb',
  'Vilnius',
];

/** A short article about one round of talks, distinct by city and day so each is its own talk. */
function talkArticle(i: number): string {
  const city = CITIES[i % CITIES.length]!;
  // Ten days apart: beyond the merge's window, so no two rounds can be taken for one talk.
  const day = new Date(Date.UTC(2026, 0, 1) + i * 10 * 86_400_000);
  const iso = day.toISOString().slice(0, 10);
  const weekday = day.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  return ` date ${iso}\nTalks in ${city}\n\nUkrainian and Polish officials held talks in ${city} on ${weekday}, the foreign ministry said.\n`;
}

interface Setup {
  dir: string;
  store: Store;
  fake: FakeDiscord;
  rest: REST;
  queue: DeliveryQueue;
  app: App;
}

async function setUp(parley: Record<string, unknown> = {}): Promise<Setup> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-alert-bench-'));
  const fake = await startFakeDiscord();
  fake.setGlobalRateLimit(FAKE_LIMIT);
  const store = await openStore(join(dir, 'parley.db'));
  const rest = new REST(discordRestOptions(fake.apiUrl)).setToken(fake.token);
  const poster = createDiscordPoster(rest);
  const queue = new DeliveryQueue({ poster, logger });
  const config: LoadedConfig = { dir, parley: parleyConfigSchema.parse(parley), people: [], places: [] };
  const app: App = { store, config: { current: () => config, onChange: () => () => {} }, logger, now: () => new Date() };
  return { dir, store, fake, rest, queue, app };
}

async function tearDown(s: Setup): Promise<void> {
  s.queue.close();
  await s.queue.idle();
  s.rest.clearHashSweeper();
  s.rest.clearHandlerSweeper();
  await s.store.close();
  await s.fake.close();
  await rm(s.dir, { recursive: true, force: true });
}

async function ingestOne(s: Setup, name: string, text: string): Promise<void> {
  const [{ ingest }, { extractAndMerge }] = await Promise.all([import('../src/ingest/ingest.ts'), import('../src/merge/process.ts')]);
  const path = join(s.dir, name);
  await writeFile(path, text);
  const config = s.app.config.current();
  const summary = await ingest([path], {
    store: s.store,
    config,
    logger,
    afterStore: (article) => extractAndMerge(s.store, article, config),
  });
  if (summary.ingested !== 1) throw new Error(`could not ingest ${name}: ${JSON.stringify(summary.failed)}`);
}

/** One held talk merged by the real merge from a ready-made extraction (no extractor loaded). */
async function mergeOneTalk(s: Setup): Promise<void> {
  const added = await s.store.articles.add({
    url: 'https://news.example/geneva-round',
    file: null,
    title: 'Talks in Geneva',
    text: 'Ukrainian and Polish officials held talks in Geneva on Monday, the foreign ministry said.',
    publishedAt: '2026-01-06',
    publishedInferred: false,
    feedId: null,
    fetchedAt: new Date().toISOString(),
  });
  if (added.status !== 'stored') throw new Error('the fan-out article was not stored');
  await s.store.timeline.applyExtraction(
    added.article,
    {
      people: [],
      events: [
        {
          kind: 'talks',
          status: 'held',
          date: '2026-01-05',
          dateTo: null,
          approx: false,
          location: { city: 'Geneva', country: 'CH' },
          sides: ['PL', 'UA'],
          participantKeys: [],
          evidence: added.article.text,
          summary: 'Ukrainian and Polish officials held talks in Geneva.',
        },
      ],
      quotes: [],
    },
    1,
    [],
  );
}

function addChannel(s: Setup, i: number): string {
  const id = nextSnowflake();
  s.fake.guild.channels.push({ id, name: `alerts-${i}`, type: 0, guildId: s.fake.guild.id });
  return id;
}

async function subscribe(s: Setup, channelId: string): Promise<void> {
  await s.store.alerts.addSubscription({
    guildId: s.fake.guild.id,
    channelId,
    filters: {},
    kinds: ['held', 'planned', 'status', 'participants'],
    createdBy: null,
    createdAt: new Date().toISOString(),
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function benchAlertLatency(samples = 20): Promise<AlertLatencyResult> {
  // One channel hears every sample: its hourly limit (flood control, 10 by default) is raised so
  // that what is measured is the path from merge to post, not the wait for the next hour.
  const s = await setUp({ alerts: { maxPostsPerHour: 120 } });
  try {
    const channel = addChannel(s, 0);
    await subscribe(s, channel);
    const dispatcher = startAlertDispatcher(s.app, s.queue, createDiscordPoster(s.rest));
    await dispatcher.ready;
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      await ingestOne(s, `talk-${i}.txt`, talkArticle(i));
      const ingested = Date.now();
      const [post] = (await s.fake.waitForRequests('POST /channels/:channelId/messages', i + 1, 120_000)).slice(i);
      latencies.push(post!.receivedAt - ingested);
      // Articles arrive at irregular moments, not in step with the dispatcher's checks.
      await new Promise((resolve) => setTimeout(resolve, 200 + ((i * 379) % 1000)));
    }
    await dispatcher.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      checkSeconds: s.app.config.current().parley.alerts.checkSeconds,
      samples,
      latencyP50Ms: percentile(sorted, 50),
      latencyP99Ms: percentile(sorted, 99),
      latencyMaxMs: sorted[sorted.length - 1] ?? 0,
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    };
  } finally {
    await tearDown(s);
  }
}

export async function benchAlertFanout(channels = 500): Promise<AlertFanoutResult> {
  const s = await setUp();
  try {
    const ids: string[] = [];
    for (let i = 0; i < channels; i++) {
      const id = addChannel(s, i);
      ids.push(id);
      await subscribe(s, id);
    }
    const dispatcher = startAlertDispatcher(s.app, s.queue, createDiscordPoster(s.rest), { tick: 'manual' });
    await dispatcher.ready;
    await mergeOneTalk(s);
    const started = performance.now();
    const summary = await dispatcher.check({ gather: false });
    const seconds = (performance.now() - started) / 1000;
    await dispatcher.check({ gather: false });
    const idleStarted = performance.now();
    const idle = await dispatcher.check({ gather: false });
    const idleCheckMs = performance.now() - idleStarted;
    if (idle.routed + idle.posted + idle.edited !== 0) throw new Error('nothing should happen in a check when nothing changed');
    await dispatcher.stop();
    const posts = s.fake.requestsTo('POST /channels/:channelId/messages');
    const times = posts.map((r) => r.receivedAt).sort((a, b) => a - b);
    let maxInSecond = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      maxInSecond = Math.max(maxInSecond, i - j + 1);
    }
    const delivered = ids.filter((c) => s.fake.messages(c).length === 1).length;
    if (summary.posted !== delivered) throw new Error(`dispatcher says ${summary.posted} posted, the fake holds ${delivered}`);
    return {
      channels,
      delivered,
      fanoutSeconds: round(seconds, 2),
      requestsPerSecondAverage: round(posts.length / seconds, 1),
      maxRequestsInAnySecond: maxInSecond,
      rateLimited429: posts.filter((r) => r.status === 429).length,
      fakeLimitPerSecond: FAKE_LIMIT,
      idleCheckMs: round(idleCheckMs, 1),
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    };
  } finally {
    await tearDown(s);
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      samples: { type: 'string', default: '20' },
      channels: { type: 'string', default: '500' },
      json: { type: 'boolean', default: false },
    },
  });
  const result = { ...(await benchAlertLatency(Number(values.samples))), ...(await benchAlertFanout(Number(values.channels))) };
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log('alerts through the fake Discord (global limit 50 req/s)');
    for (const [key, value] of Object.entries(result)) console.log(`  ${key.padEnd(26)} ${value}`);
  }
}
