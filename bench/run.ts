// `npm run bench`: every benchmark of Parley, each workload in its own child process so that its
// peak RSS is its own, then one table (or, with --json, one JSON object) with each figure, its
// workload and its target.
//
//   npm run bench                       everything at full size (several minutes)
//   npm run bench -- --json             the same as JSON on stdout (progress goes to stderr)
//   npm run bench -- --only latency     workloads whose name contains a word (comma-separated)
//   npm run bench -- --quick            smaller workloads, for a quick look
//   npm run bench -- --keep DIR         keep the generated stores in DIR and reuse them next time
//   npm run bench -- --out FILE         also write the JSON object to FILE
//
// Wall-clock figures depend on what else the machine runs; CPU time per item is given beside the
// throughput figures so a loaded machine can be told apart from a slow program.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RESULT_MARK = '@@BENCH_RESULT@@';

interface Figure {
  workload: string;
  figure: string;
  value: number | string | null;
  unit: string;
  /** e.g. ">= 100"; empty when the figure is informational. */
  target: string;
  ok: boolean | null;
}

interface WorkloadReport {
  name: string;
  description: string;
  figures: Figure[];
  error?: string;
  details?: unknown;
}

type ChildArgs = Record<string, string | number | boolean | undefined>;

/** Runs one workload in a child process and returns what it printed after the result mark. */
function runChild(workload: string, args: ChildArgs, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', workload, '--args', JSON.stringify(args)],
      {
        cwd: ROOT,
        env: { ...process.env, PARLEY_LOG_LEVEL: process.env.PARLEY_LOG_LEVEL ?? 'warn', PARLEY_LOG_JSON: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderrTail = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderrTail = (stderrTail + text).slice(-4000);
      process.stderr.write(text.replace(/^/gm, `  [${workload}] `));
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${workload}: no result within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const at = stdout.lastIndexOf(RESULT_MARK);
      if (at >= 0) {
        try {
          resolve(JSON.parse(stdout.slice(at + RESULT_MARK.length)));
          return;
        } catch (error) {
          reject(new Error(`${workload}: unreadable result: ${String(error)}`));
          return;
        }
      }
      reject(new Error(`${workload}: exited with ${signal ?? code} and no result; stderr:\n${stderrTail}`));
    });
  });
}

// ---------------------------------------------------------------- child side

async function childMain(workload: string, args: ChildArgs): Promise<unknown> {
  switch (workload) {
    case 'extraction': {
      const { benchWhoWhat } = await import('./extract.who-what.ts');
      const result = benchWhoWhat(Number(args.articles));
      return { ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    }
    case 'geo-dates': {
      const { benchGeoDates } = await import('./extract.geo-dates.ts');
      return { ...benchGeoDates(Number(args.articles)), peakRssMb: process.resourceUsage().maxRSS / 1024 };
    }
    case 'ingest-store': {
      const { benchIngestStore } = await import('./ingest.store.ts');
      return { ...(await benchIngestStore(Number(args.articles))), peakRssMb: process.resourceUsage().maxRSS / 1024 };
    }
    case 'feed-ingest': {
      const { benchFeedIngest } = await import('./feedIngest.ts');
      return benchFeedIngest(Number(args.items));
    }
    case 'build-store': {
      const { syntheticStoreAt } = await import('./commandLatency.ts');
      const { buildSeconds } = await syntheticStoreAt(String(args.path), { events: Number(args.events), people: Number(args.people) });
      return { buildSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    }
    case 'copy-to-postgres': {
      // A fresh database holding a copy of the SQLite store, made by migrate-store's copy.
      const pg = (await import('pg')).default;
      const { copyStore, openRawStore } = await import('../src/store/copy.ts');
      const admin = new pg.Client({ connectionString: String(args.server) });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${String(args.database)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${String(args.database)}`);
      await admin.end();
      const url = new URL(String(args.server));
      url.pathname = `/${String(args.database)}`;
      const started = performance.now();
      const [from, to] = [await openRawStore(String(args.from)), await openRawStore(url.toString())];
      await copyStore(from, to);
      await from.close();
      await to.close();
      return { copySeconds: (performance.now() - started) / 1000 };
    }
    case 'build-seeds': {
      const { buildSeedsStore } = await import('./commandLatency.ts');
      const { existsSync } = await import('node:fs');
      const started = performance.now();
      if (!existsSync(String(args.path))) await buildSeedsStore(String(args.path));
      return { buildSeconds: (performance.now() - started) / 1000 };
    }
    case 'latency': {
      const { benchCommandLatency, storePeopleNames } = await import('./commandLatency.ts');
      const { loadConfig } = await import('../src/config/load.ts');
      const { readFileSync, existsSync } = await import('node:fs');
      const path = String(args.path);
      const namesFile = `${path}.people.json`;
      const peopleNames = existsSync(namesFile) ? (JSON.parse(readFileSync(namesFile, 'utf8')) as string[]) : await storePeopleNames(path);
      return benchCommandLatency({
        label: String(args.label),
        storePath: path,
        peopleNames,
        iterations: Number(args.iterations),
        config: loadConfig(join(ROOT, 'config')),
        ingestArticles: Number(args.ingest),
      });
    }
    case 'timeline-render': {
      const { benchTimelineRender } = await import('./timelineRender.ts');
      return benchTimelineRender({
        store: args.store === 'seeds' ? 'seeds' : 'synthetic',
        events: Number(args.events),
        iterations: Number(args.iterations),
        path: String(args.path),
      });
    }
    case 'fanout': {
      const { benchDigestFanout } = await import('./digestFanout.ts');
      const result = await benchDigestFanout(Number(args.subscriptions), Number(args.rate));
      return { ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    }
    case 'alerts-latency': {
      const { benchAlertLatency } = await import('./alertFanout.ts');
      return benchAlertLatency(Number(args.samples));
    }
    case 'alerts-fanout': {
      const { benchAlertFanout } = await import('./alertFanout.ts');
      return benchAlertFanout(Number(args.channels));
    }
    case 'cold-start': {
      const { benchColdStart } = await import('./coldStart.ts');
      return benchColdStart(args.mode === 'discord' ? 'discord' : 'console', typeof args.db === 'string' ? args.db : undefined);
    }
    default:
      throw new Error(`unknown workload ${workload}`);
  }
}

// ---------------------------------------------------------------- parent side

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const atMost = (limit: number) => (v: number) => v <= limit;
const atLeast = (limit: number) => (v: number) => v >= limit;

function figure(
  workload: string,
  name: string,
  value: number | null,
  unit: string,
  target?: { text: string; check: (v: number) => boolean },
): Figure {
  return {
    workload,
    figure: name,
    value: value === null ? null : round(value),
    unit,
    target: target?.text ?? '',
    ok: target && value !== null ? target.check(value) : null,
  };
}

const RSS_TARGET = { text: '<= 200', check: atMost(200) };

interface Plan {
  name: string;
  description: string;
  timeoutMs: number;
  run: () => Promise<{ figures: Figure[]; details: unknown }>;
}

function buildPlan(options: { quick: boolean; storeDir: string; iterations: number }): Plan[] {
  const { quick, storeDir } = options;
  const sizes = quick
    ? [
        { events: 1000, people: 100 },
        { events: 10_000, people: 1000 },
      ]
    : [
        { events: 1000, people: 100 },
        { events: 10_000, people: 1000 },
        { events: 100_000, people: 10_000 },
      ];
  const largest = sizes[sizes.length - 1]!;
  const storePath = (s: { events: number; people: number }) => join(storeDir, `synthetic-${s.events}-${s.people}.db`);
  const articles = quick ? 60 : 300;
  const feedItems = quick ? 100 : 1000;
  const subscriptions = quick ? 200 : 1000;
  const plans: Plan[] = [];

  plans.push({
    name: 'extraction',
    description: `extractArticle over ${articles} synthetic articles of ~5 KB (talks, quotes, captions, boilerplate), one core, empty people list`,
    timeoutMs: 600_000,
    run: async () => {
      const r = (await runChild('extraction', { articles }, 600_000)) as {
        articles: number;
        meanBytes: number;
        medianMs: number;
        p95Ms: number;
        maxMs: number;
        cpuMsPerArticle: number;
        peakRssMb: number;
      };
      return {
        details: r,
        figures: [
          figure('extraction', 'throughput (CPU time)', 1000 / r.cpuMsPerArticle, 'articles/s', { text: '>= 100', check: atLeast(100) }),
          figure('extraction', 'throughput (wall, median article)', 1000 / r.medianMs, 'articles/s'),
          figure('extraction', 'per article p50 (wall)', r.medianMs, 'ms', { text: '< 50', check: atMost(50) }),
          figure('extraction', 'per article p95 (wall)', r.p95Ms, 'ms'),
          figure('extraction', 'mean article size', r.meanBytes / 1000, 'KB'),
          figure('extraction', 'peak RSS', r.peakRssMb, 'MB', RSS_TARGET),
        ],
      };
    },
  });

  const geoArticles = quick ? 50 : 200;
  plans.push({
    name: 'extraction geo-dates',
    description: `places, countries and dates alone (findPlaces, findCountryMentions, findDates per sentence) over ${geoArticles} synthetic ~5 KB articles`,
    timeoutMs: 600_000,
    run: async () => {
      const r = (await runChild('geo-dates', { articles: geoArticles }, 600_000)) as {
        medianMs: number;
        p95Ms: number;
        gazetteerLoadMs: number;
        peakRssMb: number;
      };
      return {
        details: r,
        figures: [
          figure('extraction geo-dates', 'per article p50', r.medianMs, 'ms', { text: '< 10', check: atMost(10) }),
          figure('extraction geo-dates', 'per article p95', r.p95Ms, 'ms'),
          figure('extraction geo-dates', 'gazetteer load', r.gazetteerLoadMs, 'ms'),
          figure('extraction geo-dates', 'peak RSS', r.peakRssMb, 'MB', RSS_TARGET),
        ],
      };
    },
  });

  const storeArticles = quick ? 500 : 5000;
  plans.push({
    name: 'ingest-store',
    description: `cleaning seed-style text files and adding them (exact and near-duplicate checks) to a store growing to ${storeArticles} articles`,
    timeoutMs: 1_800_000,
    run: async () => {
      const r = (await runChild('ingest-store', { articles: storeArticles }, 1_800_000)) as {
        cleanMedianMs: number;
        cleanP95Ms: number;
        addLatencyByStoreSize: Array<{ upTo: number; medianMs: number; p95Ms: number }>;
        peakRssMb: number;
      };
      const last = r.addLatencyByStoreSize.at(-1);
      return {
        details: r,
        figures: [
          figure('ingest-store', 'clean a 5 KB file p50', r.cleanMedianMs, 'ms', { text: '< 5', check: atMost(5) }),
          ...r.addLatencyByStoreSize.map((w) =>
            figure(
              'ingest-store',
              `add p95, store up to ${w.upTo} articles`,
              w.p95Ms,
              'ms',
              w === last ? { text: '< 20', check: atMost(20) } : undefined,
            ),
          ),
          figure('ingest-store', 'peak RSS', r.peakRssMb, 'MB', RSS_TARGET),
        ],
      };
    },
  });

  plans.push({
    name: 'feed-ingest',
    description: `one RSS feed of ${feedItems} summary-only items on 127.0.0.1, each page (~5.8 KB HTML) fetched, cleaned, deduplicated, stored, extracted and merged into a new store`,
    timeoutMs: 3_600_000,
    run: async () => {
      const r = (await runChild('feed-ingest', { items: feedItems }, 3_600_000)) as {
        stored: number;
        duplicates: number;
        failed: number;
        seconds: number;
        articlesPerSecond: number;
        cpuMsPerItem: number;
        events: number;
        people: number;
        peakRssMb: number;
      };
      return {
        details: r,
        figures: [
          figure('feed-ingest', 'throughput (wall)', r.articlesPerSecond, 'articles/s', { text: '>= 50', check: atLeast(50) }),
          figure('feed-ingest', 'throughput (CPU time)', 1000 / r.cpuMsPerItem, 'articles/s', { text: '>= 50', check: atLeast(50) }),
          figure('feed-ingest', 'stored / duplicates / failed', null, `${r.stored} / ${r.duplicates} / ${r.failed}`),
          figure('feed-ingest', 'timeline after ingest', null, `${r.events} events, ${r.people} people`),
          figure('feed-ingest', 'peak RSS', r.peakRssMb, 'MB', RSS_TARGET),
        ],
      };
    },
  });

  const latencyPlan = (label: string, path: string, build: () => Promise<unknown>, full: boolean): Plan => ({
    name: `latency ${label}`,
    description: `slash commands and autocomplete through discord.js and the fake Discord on 127.0.0.1, store: ${label}; INTERACTION_CREATE to callback`,
    timeoutMs: 3_600_000,
    run: async () => {
      const built = await build();
      const r = (await runChild('latency', { label, path, iterations: options.iterations, ingest: full ? 20 : 0 }, 3_600_000)) as {
        rows: Array<{ case: string; n: number; p50Ms: number; p99Ms: number; maxMs: number; failed: number; cpuMsPerInteraction: number }>;
        events: number;
        people: number;
        eventLoopDelayMaxMs: number;
        peakRssMb: number;
      };
      const figures: Figure[] = [];
      for (const row of r.rows) {
        const name = row.case.replace(`${label}: `, '');
        const isAutocomplete = name.startsWith('autocomplete');
        const firstCall = name.includes('first call');
        const during = name.includes('while ingesting');
        const target =
          firstCall || during ? undefined : isAutocomplete ? { text: '<= 10', check: atMost(10) } : { text: '<= 25', check: atMost(25) };
        if (row.n > 1) figures.push(figure(`latency ${label}`, `${name} p50`, row.p50Ms, 'ms'));
        figures.push(
          figure(`latency ${label}`, `${name} ${row.n > 1 ? 'p99' : ''}`.trim(), row.p99Ms, 'ms', full || firstCall ? target : undefined),
        );
        if (row.n > 1 && Number.isFinite(row.cpuMsPerInteraction))
          figures.push(figure(`latency ${label}`, `${name} CPU per interaction`, row.cpuMsPerInteraction, 'ms'));
        if (row.failed > 0)
          figures.push(figure(`latency ${label}`, `${name} failed`, row.failed, 'interactions', { text: '0', check: (v) => v === 0 }));
      }
      figures.push(figure(`latency ${label}`, 'store', null, `${r.events} events, ${r.people} people`));
      figures.push(figure(`latency ${label}`, 'event-loop delay max (steady cases)', r.eventLoopDelayMaxMs, 'ms'));
      figures.push(figure(`latency ${label}`, 'peak RSS', r.peakRssMb, 'MB', RSS_TARGET));
      return { details: { built, ...r }, figures };
    },
  });

  const seedsPath = join(storeDir, 'seeds.db');
  plans.push(latencyPlan('seeds', seedsPath, () => runChild('build-seeds', { path: seedsPath }, 600_000), false));
  for (const size of sizes) {
    const label = `${size.events / 1000}k events, ${size.people / 1000}k people`;
    plans.push(
      latencyPlan(
        label,
        storePath(size),
        async () => {
          const built = (await runChild('build-store', { path: storePath(size), ...size }, 1_800_000)) as {
            buildSeconds: number | null;
            peakRssMb: number;
          };
          if (built.buildSeconds !== null)
            console.error(
              `  built the ${label} store in ${round(built.buildSeconds)} s (bulk load; peak RSS ${round(built.peakRssMb)} MB)`,
            );
          return built;
        },
        size === largest,
      ),
    );
    // The same store on PostgreSQL, side by side, when a server is named (CI's PARLEY_TEST_PG_URL).
    const postgresServer = process.env.PARLEY_BENCH_PG_URL ?? process.env.PARLEY_TEST_PG_URL;
    if (postgresServer) {
      const database = `parley_bench_${size.events}_${size.people}`;
      const url = new URL(postgresServer);
      url.pathname = `/${database}`;
      plans.push(
        latencyPlan(
          `PostgreSQL ${label}`,
          url.toString(),
          async () => {
            await runChild('build-store', { path: storePath(size), ...size }, 1_800_000);
            const copied = (await runChild('copy-to-postgres', { from: storePath(size), server: postgresServer, database }, 1_800_000)) as {
              copySeconds: number;
            };
            console.error(`  copied the ${label} store into PostgreSQL in ${round(copied.copySeconds)} s (parley migrate-store's copy)`);
            return copied;
          },
          size === largest,
        ),
      );
    }
  }

  // The timeline picture over every talk of a store (the worst case: 10,000 talks into 12 lanes).
  const renderIterations = quick ? 10 : 50;
  const renderStores = [
    { label: 'seeds', store: 'seeds', events: 0, path: seedsPath, build: () => runChild('build-seeds', { path: seedsPath }, 600_000) },
    ...sizes
      .filter((s) => s.events <= 10_000)
      .map((size) => ({
        label: `${size.events / 1000}k events`,
        store: 'synthetic',
        events: size.events,
        path: storePath(size),
        build: () => runChild('build-store', { path: storePath(size), ...size }, 1_800_000),
      })),
  ];
  for (const target of renderStores) {
    const name = `timeline-render ${target.label}`;
    plans.push({
      name,
      description: `drawTimeline (query, lanes, layout, SVG, resvg PNG at 1200 px) over every talk of the ${target.label} store, ${renderIterations} pictures after a first one`,
      timeoutMs: 1_800_000,
      run: async () => {
        await target.build();
        const r = (await runChild(
          'timeline-render',
          { store: target.store, events: target.events, iterations: renderIterations, path: target.path },
          600_000,
        )) as {
          talks: number;
          firstMs: number;
          p50Ms: number;
          p99Ms: number;
          maxMs: number;
          pngKb: number;
          width: number;
          height: number;
          cpuMsPerRender: number;
          peakRssMb: number;
        };
        return {
          details: r,
          figures: [
            figure(name, 'talks drawn', r.talks, 'talks'),
            figure(name, 'render p50', r.p50Ms, 'ms'),
            figure(name, 'render p99', r.p99Ms, 'ms', { text: '<= 300', check: atMost(300) }),
            figure(name, 'CPU per picture', r.cpuMsPerRender, 'ms'),
            figure(name, 'first picture (fonts loaded)', r.firstMs, 'ms'),
            figure(name, 'PNG size', r.pngKb, `KB (${r.width}×${r.height})`),
            figure(name, 'peak RSS while rendering', r.peakRssMb, 'MB'),
          ],
        };
      },
    });
  }

  plans.push({
    name: 'fanout',
    description: `${subscriptions} digest subscriptions due in the same minute, each in its own channel, through the fake Discord enforcing 50 requests/s (429 above)`,
    timeoutMs: 1_800_000,
    run: async () => {
      const r = (await runChild('fanout', { subscriptions, rate: 48 }, 1_800_000)) as {
        delivered: number;
        failed: number;
        seconds: number;
        requestsPerSecondAverage: number;
        maxRequestsInAnySecond: number;
        rateLimited429: number;
        eventLoopDelayP99Ms: number;
        peakRssMb: number;
        maxRssMb: number;
      };
      return {
        details: r,
        figures: [
          figure('fanout', 'delivered', r.delivered, `of ${subscriptions}`, {
            text: `= ${subscriptions}`,
            check: (v) => v === subscriptions,
          }),
          figure('fanout', 'time to deliver all', r.seconds, 's'),
          figure('fanout', 'average rate', r.requestsPerSecondAverage, 'requests/s', { text: '45-50', check: (v) => v >= 45 && v <= 50 }),
          figure('fanout', 'most requests in any second', r.maxRequestsInAnySecond, 'requests', { text: '<= 50', check: atMost(50) }),
          figure('fanout', '429 answers', r.rateLimited429, 'responses', { text: '0', check: (v) => v === 0 }),
          figure('fanout', 'event-loop delay p99 during fan-out', r.eventLoopDelayP99Ms, 'ms'),
          figure('fanout', 'peak RSS (with the fake Discord in-process)', Math.max(r.peakRssMb, r.maxRssMb), 'MB', RSS_TARGET),
        ],
      };
    },
  });

  const alertSamples = quick ? 8 : 30;
  const alertChannels = 500;
  plans.push({
    name: 'alerts latency',
    description: `ingest end to alert POST: ${alertSamples} articles ingested one at a time (stored, extracted, merged), the dispatcher on its default timer, the fake Discord in-process`,
    timeoutMs: 900_000,
    run: async () => {
      const r = (await runChild('alerts-latency', { samples: alertSamples }, 900_000)) as {
        checkSeconds: number;
        latencyP50Ms: number;
        latencyP99Ms: number;
        latencyMaxMs: number;
        peakRssMb: number;
      };
      return {
        details: r,
        figures: [
          figure('alerts latency', `ingest end to POST p50 (checks every ${r.checkSeconds} s)`, r.latencyP50Ms, 'ms'),
          figure('alerts latency', 'ingest end to POST p99', r.latencyP99Ms, 'ms', {
            text: '< 60000 (within a minute)',
            check: (v) => v < 60_000,
          }),
          figure('alerts latency', 'peak RSS (extractor and fake Discord in-process)', r.peakRssMb, 'MB', RSS_TARGET),
        ],
      };
    },
  });
  plans.push({
    name: 'alerts fanout',
    description: `one talk alerted to ${alertChannels} channels, each its own subscription, through the shared delivery queue and the fake Discord enforcing 50 requests/s (429 above)`,
    timeoutMs: 900_000,
    run: async () => {
      const r = (await runChild('alerts-fanout', { channels: alertChannels }, 900_000)) as {
        delivered: number;
        fanoutSeconds: number;
        requestsPerSecondAverage: number;
        maxRequestsInAnySecond: number;
        rateLimited429: number;
        idleCheckMs: number;
        peakRssMb: number;
      };
      return {
        details: r,
        figures: [
          figure('alerts fanout', 'delivered', r.delivered, `of ${alertChannels}`, {
            text: `= ${alertChannels}`,
            check: (v) => v === alertChannels,
          }),
          figure('alerts fanout', 'time to deliver all', r.fanoutSeconds, 's'),
          figure('alerts fanout', 'average rate', r.requestsPerSecondAverage, 'requests/s', {
            text: '45-50 (within 10% of 50)',
            check: (v) => v >= 45 && v <= 50,
          }),
          figure('alerts fanout', 'most requests in any second', r.maxRequestsInAnySecond, 'requests', {
            text: '<= 50',
            check: atMost(50),
          }),
          figure('alerts fanout', '429 answers', r.rateLimited429, 'responses', { text: '0', check: (v) => v === 0 }),
          figure('alerts fanout', 'a check with nothing new (500 subscriptions, 500 posts)', r.idleCheckMs, 'ms'),
          figure('alerts fanout', 'peak RSS (with the fake Discord in-process)', r.peakRssMb, 'MB', RSS_TARGET),
        ],
      };
    },
  });

  const coldStart = (mode: 'console' | 'discord', db: string | undefined, label: string): Plan => ({
    name: `cold-start ${mode} ${label}`,
    description:
      mode === 'console'
        ? `\`parley start\` on a terminal without a token until its prompt; store: ${label}`
        : `\`parley start\` with a token against the fake Discord until the gateway session is READY; store: ${label}`,
    timeoutMs: 300_000,
    run: async () => {
      const r = (await runChild('cold-start', { mode, db }, 300_000)) as {
        readyMs: number;
        readyLogMs: number | null;
        peakRssMb: number | null;
        cpuMs: number | null;
      };
      const w = `cold-start ${mode} (${label})`;
      return {
        details: r,
        figures: [
          figure(w, mode === 'console' ? 'spawn to prompt' : 'spawn to READY', r.readyMs, 'ms', { text: '<= 2000', check: atMost(2000) }),
          figure(w, 'spawn to "parley ready" log', r.readyLogMs, 'ms'),
          // What the start costs whatever else the machine runs: the console to its prompt, the bot to READY.
          figure(
            w,
            'CPU time used by then (user + system)',
            r.cpuMs,
            'ms',
            mode === 'console' ? { text: '<= 1200', check: atMost(1200) } : { text: '<= 1500', check: atMost(1500) },
          ),
          figure(w, 'peak RSS', r.peakRssMb, 'MB', RSS_TARGET),
        ],
      };
    },
  });
  plans.push(coldStart('console', undefined, 'empty'));
  plans.push(coldStart('discord', undefined, 'empty'));
  plans.push(coldStart('discord', storePath(largest), `${largest.events / 1000}k events`));
  return plans;
}

async function parentMain(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      keep: { type: 'string' },
      iterations: { type: 'string' },
      /** Also write the JSON object to this file (npm prints its own banner on stdout). */
      out: { type: 'string' },
    },
  });
  const storeDir = values.keep ?? mkdtempSync(join(tmpdir(), 'parley-bench-'));
  mkdirSync(storeDir, { recursive: true });
  const iterations = Number(values.iterations ?? (values.quick ? 30 : 200));
  const words = (values.only ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  const plans = buildPlan({ quick: values.quick, storeDir, iterations }).filter(
    (p) => words.length === 0 || words.some((w) => p.name.includes(w)),
  );
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
    node: process.version,
  };
  const reports: WorkloadReport[] = [];
  const started = performance.now();
  try {
    for (const plan of plans) {
      console.error(`▶ ${plan.name}: ${plan.description}`);
      try {
        const { figures, details } = await plan.run();
        reports.push({ name: plan.name, description: plan.description, figures, details });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`✗ ${plan.name}: ${message}`);
        reports.push({ name: plan.name, description: plan.description, figures: [], error: message });
      }
    }
  } finally {
    if (!values.keep) rmSync(storeDir, { recursive: true, force: true });
  }
  const summary = {
    machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
    seconds: round((performance.now() - started) / 1000),
    missed: reports.flatMap((r) =>
      r.figures.filter((f) => f.ok === false).map((f) => `${f.workload}: ${f.figure} = ${f.value} ${f.unit} (target ${f.target})`),
    ),
    errors: reports.filter((r) => r.error).map((r) => `${r.name}: ${r.error}`),
    workloads: reports,
  };
  if (values.out) writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(
      `Parley benchmarks: node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}; load average ${machine.loadAverageAtStart.join(' ')} at start, ${summary.machine.loadAverageAtEnd.join(' ')} at end`,
    );
    for (const report of reports) {
      console.log(`\n${report.name}: ${report.description}`);
      if (report.error) console.log(`  ERROR: ${report.error.split('\n')[0]}`);
      for (const f of report.figures) {
        const value = f.value === null ? '' : String(f.value);
        const mark = f.ok === null ? '  ' : f.ok ? '✓ ' : '✗ ';
        console.log(`  ${mark}${f.figure.padEnd(58)} ${value.padStart(9)} ${f.unit.padEnd(24)} ${f.target ? `target ${f.target}` : ''}`);
      }
    }
    console.log(
      `\n${summary.missed.length} figure(s) missed their target; ${summary.errors.length} workload(s) failed; ${summary.seconds} s in all.`,
    );
  }
  if (summary.errors.length > 0) process.exitCode = 1;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  const workload = process.argv[childIndex + 1]!;
  const argsIndex = process.argv.indexOf('--args');
  const args = (argsIndex >= 0 ? JSON.parse(process.argv[argsIndex + 1]!) : {}) as ChildArgs;
  try {
    const result = await childMain(workload, args);
    process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
    // Libraries may leave handles open (keep-alive sockets, sweepers); the result is out.
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
} else {
  await parentMain();
}
