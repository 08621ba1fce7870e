// Time from INTERACTION_CREATE to the interaction callback for /latest-talks, /who, /search, /event
// and autocomplete, with a real discord.js Client logged into the fake Discord on loopback, over
// one store: the seed articles run through the real pipeline, or a synthetic timeline written
// through the store's bulk-load path (100,000 events and 10,000 people by default).
//
//   node --import tsx bench/commandLatency.ts [--store seeds|large|both] [--events 100000] [--people 10000]
//                                              [--iterations 200] [--keep DIR] [--json]
//
// The fake, the bot and this script share one process and event loop, so the numbers include the
// fake's own work (small: it parses JSON and records). Network latency to Discord is not in them;
// Discord allows 3 s for the callback. After the steady-state cases, articles are ingested into
// the same store in the same process (as the feed poller does in the bot), and autocomplete is
// measured right after that ingest and while it runs.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { runBot } from '../src/bot/run.ts';
import { loadConfig } from '../src/config/load.ts';
import type { LoadedConfig } from '../src/config/schema.ts';
import { articleFromPlainText } from '../src/ingest/textFile.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { logger } from '../src/log.ts';
import { extractAndMerge } from '../src/merge/process.ts';
import { openStore } from '../src/store/open.ts';
import type { App } from '../src/app.ts';
import { startFakeDiscord, type FakeDiscord, type InteractionPayload } from '../tests/support/fakeDiscord/index.ts';
import { seededRandom, syntheticArticle } from './syntheticArticles.ts';
import { writeSyntheticStore } from './syntheticStore.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SEEDS_DIR = join(ROOT, '..', 'shared', 'seeds');

export interface LatencyRow {
  case: string;
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers that were deferred ("thinking…") instead of immediate. */
  deferred: number;
  /** No accepted callback within 8 s, or an error reply: what Discord would show as failed. */
  failed: number;
  /**
   * CPU time of this process per interaction (the bot, discord.js and the fake Discord together):
   * what an interaction costs whatever else the machine is doing.
   */
  cpuMsPerInteraction: number;
}

export interface LatencyResult {
  store: string;
  events: number;
  people: number;
  rows: LatencyRow[];
  /** The longest the event loop was blocked during the measured cases. */
  eventLoopDelayMaxMs: number;
  peakRssMb: number;
}

interface Sample {
  callbackMs: number;
  deferred: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function summarise(label: string, samples: Sample[], failures: string[], cpuMs: number): LatencyRow {
  const times = samples.map((s) => s.callbackMs).sort((a, b) => a - b);
  for (const failure of new Set(failures)) console.error(`${label}: ${failure}`);
  return {
    case: label,
    n: samples.length,
    p50Ms: round1(percentile(times, 50)),
    p99Ms: round1(percentile(times, 99)),
    maxMs: round1(times.at(-1) ?? NaN),
    deferred: samples.filter((s) => s.deferred).length,
    failed: failures.length,
    cpuMsPerInteraction: round1(cpuMs / Math.max(1, samples.length + failures.length)),
  };
}

type Spec = () => InteractionPayload;

async function measureOne(fake: FakeDiscord, payload: InteractionPayload, samples: Sample[], failures: string[]): Promise<void> {
  const record = await fake.sendInteraction(payload);
  const reply = await fake.waitForReply(payload.id, 8000).catch(() => null);
  const name = (payload.data as { name: string }).name;
  if (!reply) {
    const refused = record.refusedCallbacks.map((r) => r.code).join(',') || 'none';
    failures.push(`/${name}: no accepted callback (refused: ${refused})`);
    return;
  }
  if (reply.message?.content.startsWith('Something went wrong')) failures.push(`/${name}: ${reply.message.content}`);
  samples.push({ callbackMs: reply.callbackMs, deferred: reply.deferred });
}

async function measure(fake: FakeDiscord, label: string, spec: Spec, count: number): Promise<LatencyRow> {
  const samples: Sample[] = [];
  const failures: string[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) await measureOne(fake, spec(), samples, failures);
  const used = process.cpuUsage(cpu);
  return summarise(label, samples, failures, (used.user + used.system) / 1000);
}

export interface LatencyOptions {
  label: string;
  storePath: string;
  /** Every person's name in the store (what users would type). */
  peopleNames: string[];
  iterations: number;
  config: LoadedConfig;
  /** Articles ingested (through extraction and merge) for the after-ingest cases; 0 skips them. */
  ingestArticles: number;
}

/** Words users search for: places, topics, people's surnames, two-word queries. */
function searchQueries(random: () => number, peopleNames: string[]): () => string {
  const words = [
    'talks',
    'Geneva',
    'ceasefire',
    'prisoner exchanges',
    'Istanbul',
    'security guarantees',
    'Riyadh meeting',
    'energy',
    'constructive',
    'negotiat',
  ];
  return () => {
    if (random() < 0.3 && peopleNames.length > 0) return peopleNames[Math.floor(random() * peopleNames.length)]!.split(' ')[1] ?? 'talks';
    return words[Math.floor(random() * words.length)]!;
  };
}

export async function benchCommandLatency(options: LatencyOptions): Promise<LatencyResult> {
  const { iterations, peopleNames } = options;
  if (peopleNames.length === 0) throw new Error(`${options.label}: the store has no people to ask /who about`);
  const store = await openStore(options.storePath);
  const counts = await store.queries.counts();
  const random = seededRandom(7);
  const anyName = () => peopleNames[Math.floor(random() * peopleNames.length)]!;
  // What someone has typed so far: the first 1-6 letters of a given name or a surname.
  const typedPrefix = () => {
    const parts = anyName().split(' ');
    const part = parts[Math.floor(random() * Math.min(parts.length, 2))]!;
    return part.slice(0, 1 + Math.floor(random() * 6));
  };
  const searchQuery = searchQueries(random, peopleNames);
  const fake = await startFakeDiscord();
  const app: App = { store, config: { current: () => options.config, onChange: () => () => {} }, logger, now: () => new Date() };
  const bot = await runBot({
    app,
    token: fake.token,
    applicationId: fake.applicationId,
    rest: { api: fake.apiUrl },
    commands: await loadCommands(),
  });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const rows: LatencyRow[] = [];
  const L = options.label;
  try {
    // The first calls after start pay for cold caches (the name index is built in the background).
    rows.push(await measure(fake, `${L}: /who first call`, () => fake.chatInput({ command: 'who', options: { name: anyName() } }), 1));
    rows.push(
      await measure(
        fake,
        `${L}: autocomplete first call`,
        () => fake.autocomplete({ command: 'who', focused: { name: 'name', value: typedPrefix() } }),
        1,
      ),
    );
    await store.queries.warmUp?.();
    await measure(fake, 'warm-up', () => fake.chatInput({ command: 'latest-talks' }), 20);
    await measure(fake, 'warm-up', () => fake.chatInput({ command: 'who', options: { name: anyName() } }), 20);
    loop.enable();
    for (const count of [1, 5, 10]) {
      rows.push(
        await measure(
          fake,
          `${L}: /latest-talks count:${count}`,
          () => fake.chatInput({ command: 'latest-talks', options: { count } }),
          iterations,
        ),
      );
    }
    rows.push(
      await measure(
        fake,
        `${L}: /latest-talks count:10 side:UA`,
        () => fake.chatInput({ command: 'latest-talks', options: { count: 10, side: 'UA' } }),
        iterations,
      ),
    );
    rows.push(
      await measure(fake, `${L}: /who (random person)`, () => fake.chatInput({ command: 'who', options: { name: anyName() } }), iterations),
    );
    rows.push(
      await measure(
        fake,
        `${L}: /who (busiest person)`,
        () => fake.chatInput({ command: 'who', options: { name: peopleNames[0]! } }),
        iterations,
      ),
    );
    rows.push(
      await measure(
        fake,
        `${L}: /search (word, place, surname)`,
        () => fake.chatInput({ command: 'search', options: { query: searchQuery() } }),
        iterations,
      ),
    );
    rows.push(
      await measure(
        fake,
        `${L}: /event (random id)`,
        () => fake.chatInput({ command: 'event', options: { id: 1 + Math.floor(random() * Math.max(1, counts.events)) } }),
        iterations,
      ),
    );
    rows.push(
      await measure(
        fake,
        `${L}: autocomplete /who name`,
        () => fake.autocomplete({ command: 'who', focused: { name: 'name', value: typedPrefix() } }),
        iterations,
      ),
    );
    rows.push(
      await measure(
        fake,
        `${L}: autocomplete /latest-talks side`,
        () => fake.autocomplete({ command: 'latest-talks', focused: { name: 'side', value: random() < 0.5 ? '' : 'U' } }),
        iterations,
      ),
    );
    loop.disable();

    if (options.ingestArticles > 0) {
      // Ingest as the poller does inside the bot: store, extract, merge, article by article.
      const ingestOne = async (i: number) => {
        // Seeded by the store's size so a kept store gets new articles, not duplicates, next run.
        const synthetic = syntheticArticle(i, 97 + counts.articles, 5000);
        const result = await store.articles.add(articleFromPlainText(synthetic.fileText, { file: synthetic.file, url: null }));
        if (result.status === 'stored') await extractAndMerge(store, result.article, options.config);
      };
      const half = Math.ceil(options.ingestArticles / 2);
      for (let i = 0; i < half; i++) await ingestOne(i);
      rows.push(
        await measure(
          fake,
          `${L}: autocomplete right after ingesting ${half} articles`,
          () => fake.autocomplete({ command: 'who', focused: { name: 'name', value: typedPrefix() } }),
          iterations,
        ),
      );
      // Autocomplete while the rest is ingested, one article per turn of the event loop.
      const samples: Sample[] = [];
      const failures: string[] = [];
      let ingesting = true;
      const ingest = (async () => {
        for (let i = half; i < options.ingestArticles; i++) {
          await ingestOne(i);
          await new Promise((resolve) => setImmediate(resolve));
        }
        ingesting = false;
      })();
      while (ingesting)
        await measureOne(fake, fake.autocomplete({ command: 'who', focused: { name: 'name', value: typedPrefix() } }), samples, failures);
      await ingest;
      rows.push(summarise(`${L}: autocomplete while ingesting ${options.ingestArticles - half} articles`, samples, failures, NaN));
    }
    const peopleAfter = (await store.queries.counts()).people;
    if (peopleAfter !== counts.people) console.error(`${L}: ingest added ${peopleAfter - counts.people} people`);
  } finally {
    await bot.stop();
    await fake.close();
    await store.close();
  }
  return {
    store: options.label,
    events: counts.events,
    people: counts.people,
    rows,
    eventLoopDelayMaxMs: round1(loop.max / 1e6),
    peakRssMb: round1(process.resourceUsage().maxRSS / 1024),
  };
}

/** Ingests the seed articles into a new store with the real CLI (`parley ingest`). */
export async function buildSeedsStore(path: string, seedsDir = SEEDS_DIR): Promise<void> {
  if (!existsSync(seedsDir)) throw new Error(`no seed folder at ${seedsDir} (pass --seeds DIR)`);
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'parley.js'), 'ingest', seedsDir], {
    cwd: ROOT,
    env: { ...process.env, PARLEY_DB: path, PARLEY_CONFIG: join(ROOT, 'config'), PARLEY_LOG_LEVEL: 'warn' },
  });
}

/** The people of a store built by the seeds ingest, by asking the export. */
export async function storePeopleNames(path: string): Promise<string[]> {
  const store = await openStore(path);
  try {
    return (await store.timeline.exportAll()).people.map((p) => p.name);
  } finally {
    await store.close();
  }
}

/** A synthetic store of the given size at `path`, with its people's names kept beside it for reuse. */
export async function syntheticStoreAt(
  path: string,
  size: { events: number; people: number },
): Promise<{ peopleNames: string[]; buildSeconds: number | null }> {
  const namesFile = `${path}.people.json`;
  if (existsSync(path) && existsSync(namesFile))
    return { peopleNames: JSON.parse(readFileSync(namesFile, 'utf8')) as string[], buildSeconds: null };
  const started = performance.now();
  const { peopleNames } = await writeSyntheticStore(path, size);
  writeFileSync(namesFile, JSON.stringify(peopleNames));
  return { peopleNames, buildSeconds: (performance.now() - started) / 1000 };
}

export function printLatency(results: LatencyResult[]): void {
  for (const r of results)
    console.error(
      `${r.store}: ${r.events} events, ${r.people} people; event-loop delay max ${r.eventLoopDelayMaxMs} ms; peak RSS ${r.peakRssMb} MB`,
    );
  console.table(results.flatMap((r) => r.rows));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: args } = parseArgs({
    options: {
      iterations: { type: 'string', default: '200' },
      store: { type: 'string', default: 'both' },
      seeds: { type: 'string', default: SEEDS_DIR },
      events: { type: 'string', default: '100000' },
      people: { type: 'string', default: '10000' },
      ingest: { type: 'string', default: '20' },
      /** Keep the generated stores here and reuse them on the next run. */
      keep: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const dir = args.keep ?? (await mkdtemp(join(tmpdir(), 'parley-latency-')));
  const config = loadConfig(join(ROOT, 'config'));
  const results: LatencyResult[] = [];
  try {
    const common = { iterations: Number(args.iterations), config, ingestArticles: Number(args.ingest) };
    if (args.store === 'seeds' || args.store === 'both') {
      const path = join(dir, 'seeds.db');
      if (!existsSync(path)) await buildSeedsStore(path, args.seeds);
      results.push(await benchCommandLatency({ ...common, label: 'seeds', storePath: path, peopleNames: await storePeopleNames(path) }));
    }
    if (args.store === 'large' || args.store === 'both') {
      const size = { events: Number(args.events), people: Number(args.people) };
      const path = join(dir, `large-${size.events}-${size.people}.db`);
      const { peopleNames, buildSeconds } = await syntheticStoreAt(path, size);
      if (buildSeconds !== null)
        console.error(`synthetic store (${size.events} events, ${size.people} people) written in ${buildSeconds.toFixed(1)} s`);
      results.push(await benchCommandLatency({ ...common, label: `${size.events / 1000}k events`, storePath: path, peopleNames }));
    }
    if (args.json) console.log(JSON.stringify(results, null, 2));
    else printLatency(results);
  } finally {
    if (!args.keep) await rm(dir, { recursive: true, force: true });
  }
}
