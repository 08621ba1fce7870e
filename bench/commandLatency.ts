// Time from INTERACTION_CREATE to the interaction callback for /latest-talks and /who, with a
// real discord.js Client logged into the fake Discord on loopback, over two stores:
//   seeds  the seed articles run through the real pipeline (`parley ingest`)
//   large  a synthetic timeline of 100,000 events and 10,000 people
//
//   node --import tsx bench/commandLatency.ts [--iterations 200] [--store seeds|large|both] [--seeds DIR]
//
// The fake, the bot and this script share one process and event loop, so the numbers include
// the fake's own work (small: it parses JSON and records). Network latency to Discord is not in
// them; Discord allows 3 s for the callback.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { runBot } from '../src/bot/run.ts';
import { loadConfig } from '../src/config/load.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { logger } from '../src/log.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import type { App } from '../src/app.ts';
import type { LoadedConfig } from '../src/config/schema.ts';
import { startFakeDiscord, type FakeDiscord } from '../tests/support/fakeDiscord/index.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values: args } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200' },
    store: { type: 'string', default: 'both' },
    seeds: { type: 'string', default: join(ROOT, '..', 'shared', 'seeds') },
    events: { type: 'string', default: '100000' },
    people: { type: 'string', default: '10000' },
    /** Keep the generated stores here and reuse them on the next run. */
    keep: { type: 'string' },
  },
});
const ITERATIONS = Number(args.iterations);
const WARMUP = 20;

interface Sample {
  callbackMs: number;
  replyMs: number;
  deferred: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarise(label: string, { samples, failures }: Measured) {
  const callback = samples.map((s) => s.callbackMs).sort((a, b) => a - b);
  const reply = samples.map((s) => s.replyMs).sort((a, b) => a - b);
  for (const failure of new Set(failures)) console.error(`${label}: ${failure}`);
  return {
    case: label,
    n: samples.length,
    'callback p50 ms': percentile(callback, 50).toFixed(1),
    'callback p99 ms': percentile(callback, 99).toFixed(1),
    'callback max ms': (callback.at(-1) ?? NaN).toFixed(1),
    'reply p50 ms': percentile(reply, 50).toFixed(1),
    'reply p99 ms': percentile(reply, 99).toFixed(1),
    deferred: samples.filter((s) => s.deferred).length,
    failed: failures.length,
  };
}

interface Measured {
  samples: Sample[];
  /** Interactions Discord would have shown as failed: no callback within 3 s, or an error reply. */
  failures: string[];
}

async function measure(fake: FakeDiscord, spec: () => Parameters<FakeDiscord['chatInput']>[0], count: number): Promise<Measured> {
  const result: Measured = { samples: [], failures: [] };
  for (let i = 0; i < count; i++) {
    const payload = fake.chatInput(spec());
    const record = await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id, 8000).catch(() => null);
    if (!reply) {
      const refused = record.refusedCallbacks.map((r) => r.code).join(',') || 'none';
      result.failures.push(`/${payload.data.name}: no accepted callback (refused: ${refused})`);
      continue;
    }
    // waitForReply settles as the fake records the final answer, so this is dispatch-to-answer.
    const replyMs = performance.now() - record.dispatchedAt;
    if (reply.message?.content.startsWith('Something went wrong')) result.failures.push(`/${payload.data.name}: ${reply.message.content}`);
    result.samples.push({ callbackMs: reply.callbackMs, replyMs, deferred: reply.deferred });
  }
  return result;
}

async function benchStore(label: string, store: Store, config: LoadedConfig, names: { random: () => string; busiest: string }) {
  const counts = await store.queries.counts();
  console.error(`${label}: ${counts.events} events, ${counts.people} people, ${counts.quotes} quotes, ${counts.articles} articles`);
  const fake = await startFakeDiscord();
  const app: App = { store, config: { current: () => config, onChange: () => () => {} }, logger, now: () => new Date() };
  const bot = await runBot({ app, token: fake.token, applicationId: fake.applicationId, rest: { api: fake.apiUrl }, commands: await loadCommands() });
  try {
    // The first call after start pays for cold caches (e.g. the people name index); shown on its own.
    const cold = [
      summarise(`${label}: /latest-talks first call`, await measure(fake, () => ({ command: 'latest-talks' }), 1)),
      summarise(`${label}: /who first call`, await measure(fake, () => ({ command: 'who', options: { name: names.random() } }), 1)),
    ];
    await measure(fake, () => ({ command: 'latest-talks' }), WARMUP);
    await measure(fake, () => ({ command: 'who', options: { name: names.random() } }), WARMUP);
    const rows = [
      ...cold,
      summarise(`${label}: /latest-talks`, await measure(fake, () => ({ command: 'latest-talks' }), ITERATIONS)),
      summarise(`${label}: /latest-talks count:10 side:UA`, await measure(fake, () => ({ command: 'latest-talks', options: { count: 10, side: 'UA' } }), ITERATIONS)),
      summarise(`${label}: /who (random person)`, await measure(fake, () => ({ command: 'who', options: { name: names.random() } }), ITERATIONS)),
      summarise(`${label}: /who (busiest person)`, await measure(fake, () => ({ command: 'who', options: { name: names.busiest } }), ITERATIONS)),
    ];
    return rows;
  } finally {
    await bot.stop();
    await fake.close();
  }
}

function peopleNames(db: BetterSqlite3.Database) {
  const all = (db.prepare('SELECT name FROM people ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name);
  const busiest = db.prepare('SELECT p.name FROM people p JOIN event_participants ep ON ep.person_id = p.id GROUP BY p.id ORDER BY count(*) DESC LIMIT 1').get() as { name: string } | undefined;
  if (all.length === 0) throw new Error('the store has no people to ask /who about');
  const random = seededRandom(7);
  return { random: () => all[Math.floor(random() * all.length)]!, busiest: busiest?.name ?? all[0]! };
}

async function seedsStore(dir: string): Promise<string> {
  if (!existsSync(args.seeds)) throw new Error(`no seed folder at ${args.seeds} (pass --seeds DIR)`);
  const db = join(dir, 'seeds.db');
  const started = performance.now();
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'parley.js'), 'ingest', args.seeds], {
    cwd: ROOT,
    env: { ...process.env, PARLEY_DB: db, PARLEY_CONFIG: join(ROOT, 'config'), PARLEY_LOG_LEVEL: 'warn' },
  });
  console.error(`seeds ingested in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return db;
}

/** Mulberry32: deterministic test data. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIDES = ['UA', 'US', 'RU', 'EU', 'FR', 'DE', 'GB', 'TR', 'SA', 'AE', 'CN', 'PL', 'CH', 'QA', 'IT', 'HU', 'BY', 'KZ', 'IN', 'JP'];
const CITIES: Array<[string, string]> = [
  ['Geneva', 'CH'], ['Istanbul', 'TR'], ['Riyadh', 'SA'], ['Abu Dhabi', 'AE'], ['Miami', 'US'], ['Moscow', 'RU'], ['Kyiv', 'UA'], ['Paris', 'FR'],
  ['Berlin', 'DE'], ['London', 'GB'], ['Doha', 'QA'], ['Rome', 'IT'], ['Budapest', 'HU'], ['Warsaw', 'PL'], ['Brussels', 'BE'], ['Washington', 'US'],
];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'dor', 'si', 'ta', 'bel', 'nov', 'ko', 'ri', 'an', 'mar', 'tel', 'zu', 'os', 'pe', 'lin', 'ha'];
const ROLES = ['foreign minister', 'special envoy', 'national security adviser', 'president', 'prime minister', 'chief negotiator', 'ambassador', 'defence minister'];

function syntheticName(random: () => number, i: number): string {
  const part = (n: number) => {
    let s = '';
    for (let k = 0; k < n; k++) s += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return s[0]!.toUpperCase() + s.slice(1);
  };
  // The index keeps 10,000 names unique without making them unrealistic to type.
  return `${part(2)} ${part(3)}${i % 7 === 0 ? '-' + part(2) : ''} ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)}`;
}

/** Writes a synthetic timeline the way the merge stage stores one (rows plus FTS rows). */
function fillSyntheticTimeline(path: string, counts: { events: number; people: number }) {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const random = seededRandom(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // A few people take part in most talks, as in real coverage: a Zipf-like skew.
  const personIndex = () => Math.min(counts.people - 1, Math.floor(counts.people * Math.pow(random(), 3)));
  const seen = '2025-12-01T00:00:00.000Z';
  const articleCount = Math.max(1, Math.floor(counts.events / 5));
  const insert = {
    article: db.prepare('INSERT INTO articles (url, title, text, published_at, fetched_at, content_hash, simhash, extracted_version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)'),
    person: db.prepare('INSERT INTO people (name, country, role, roles_json, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)'),
    alias: db.prepare('INSERT OR IGNORE INTO person_aliases (person_id, alias, alias_norm) VALUES (?, ?, ?)'),
    event: db.prepare('INSERT INTO events (kind, status, date, date_to, approx, city, country, sides_json, summary, first_seen_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)'),
    side: db.prepare('INSERT OR IGNORE INTO event_sides (event_id, side) VALUES (?, ?)'),
    participant: db.prepare('INSERT OR IGNORE INTO event_participants (event_id, person_id) VALUES (?, ?)'),
    source: db.prepare('INSERT OR IGNORE INTO event_sources (event_id, article_id, evidence, reported_status) VALUES (?, ?, ?, ?)'),
    eventFts: db.prepare('INSERT INTO events_fts (rowid, summary, evidence, place, people) VALUES (?, ?, ?, ?, ?)'),
    quote: db.prepare('INSERT OR IGNORE INTO quotes (person_id, speaker, text, date, article_id) VALUES (?, ?, ?, ?, ?)'),
    quoteFts: db.prepare('INSERT INTO quotes_fts (rowid, speaker, text) VALUES (?, ?, ?)'),
  };
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 11, 1) - start;
  const day = (offset = 0) => new Date(start + Math.floor(random() * span) + offset).toISOString().slice(0, 10);
  db.transaction(() => {
    const people: Array<{ id: number; name: string }> = [];
    for (let i = 0; i < counts.people; i++) {
      const name = syntheticName(random, i);
      const role = pick(ROLES);
      const id = Number(insert.person.run(name, pick(SIDES), role, JSON.stringify([role]), seen, seen).lastInsertRowid);
      const surname = name.split(' ')[1]!;
      insert.alias.run(id, name, name.toLowerCase());
      insert.alias.run(id, surname, surname.toLowerCase());
      people.push({ id, name });
    }
    for (let i = 0; i < articleCount; i++) {
      insert.article.run(`https://synthetic.example.org/news/${i}`, `Round ${i} of talks`, `Synthetic article ${i} about diplomatic talks.`, day(), seen, `synthetic-${i}`, '0000000000000000');
    }
    for (let i = 0; i < counts.events; i++) {
      const [city, country] = pick(CITIES);
      const sides = [...new Set([pick(SIDES), pick(SIDES)])];
      const participants = [...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, () => people[personIndex()]!))];
      const status = random() < 0.8 ? 'held' : 'planned';
      const summary = `${sides.join('–')} talks in ${city}`;
      const id = Number(insert.event.run('talks', status, day(), random() < 0.1 ? 1 : 0, city, country, JSON.stringify(sides), summary, seen, seen).lastInsertRowid);
      for (const side of sides) insert.side.run(id, side);
      for (const p of participants) insert.participant.run(id, p.id);
      const evidence: string[] = [];
      for (let s = 0; s < 1 + Math.floor(random() * 3); s++) {
        const sentence = `${participants.map((p) => p.name).join(' and ')} met in ${city} for talks (report ${s}).`;
        insert.source.run(id, 1 + Math.floor(random() * articleCount), sentence, status);
        evidence.push(sentence);
      }
      insert.eventFts.run(id, summary, evidence.join('\n'), `${city} ${country}`, participants.map((p) => p.name).join(' '));
      if (i % 2 === 0) {
        const speaker = participants[0]!;
        const text = `We discussed the next steps in ${city}; talks round ${i} was constructive.`;
        const quote = insert.quote.run(speaker.id, speaker.name, text, day(), 1 + Math.floor(random() * articleCount));
        if (quote.changes > 0) insert.quoteFts.run(Number(quote.lastInsertRowid), speaker.name, text);
      }
    }
  })();
  db.close();
}

async function main() {
  const dir = args.keep ?? (await mkdtemp(join(tmpdir(), 'parley-latency-')));
  const rows: Array<ReturnType<typeof summarise>> = [];
  try {
    const config = loadConfig(join(ROOT, 'config'));
    if (args.store === 'seeds' || args.store === 'both') {
      const path = existsSync(join(dir, 'seeds.db')) && args.keep ? join(dir, 'seeds.db') : await seedsStore(dir);
      const db = new BetterSqlite3(path, { readonly: true });
      const names = peopleNames(db);
      db.close();
      const store = await openStore(path);
      rows.push(...(await benchStore('seeds', store, config, names)));
      await store.close();
    }
    if (args.store === 'large' || args.store === 'both') {
      const counts = { events: Number(args.events), people: Number(args.people) };
      const path = join(dir, `large-${counts.events}-${counts.people}.db`);
      if (!existsSync(path)) {
        await (await openStore(path)).close();
        const started = performance.now();
        fillSyntheticTimeline(path, counts);
        console.error(`synthetic store (${counts.events} events, ${counts.people} people) written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      const db = new BetterSqlite3(path, { readonly: true });
      const names = peopleNames(db);
      db.close();
      const store = await openStore(path);
      rows.push(...(await benchStore(`large (${counts.events / 1000}k events)`, store, config, names)));
      await store.close();
    }
    console.table(rows);
  } finally {
    if (!args.keep) await rm(dir, { recursive: true, force: true });
  }
}

await main();
