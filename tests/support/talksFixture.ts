// Fills the timeline tables with hand-written talks through plain SQL, the way the merge stage
// stores them (FTS rows keyed by the row id), so the read side can be tested on its own.
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { loadMigrations, migrate } from '../../src/store/sqlite/migrate.ts';
import { SqliteQueryRepo } from '../../src/store/sqlite/queries.ts';
import type { Store } from '../../src/store/store.ts';

export interface FixtureArticle {
  key: string;
  url?: string | null;
  file?: string | null;
  title?: string | null;
  publishedAt?: string | null;
  text?: string;
  feedId?: number | null;
}

export interface FixturePerson {
  key: string;
  name: string;
  aliases?: string[];
  country?: string | null;
  role?: string | null;
  firstSeenAt?: string;
  lastSeenAt?: string;
}

export interface FixtureEvent {
  kind?: string;
  status?: string;
  date?: string | null;
  dateTo?: string | null;
  approx?: boolean;
  city?: string | null;
  country?: string | null;
  sides: string[];
  participants?: string[];
  sources: Array<{ article: string; evidence: string }>;
  summary: string;
}

export interface FixtureQuote {
  speaker: string | null;
  speakerName?: string;
  text: string;
  date?: string | null;
  article: string;
}

export interface TalksFixture {
  articles?: FixtureArticle[];
  people?: FixturePerson[];
  events?: FixtureEvent[];
  quotes?: FixtureQuote[];
  feeds?: Array<{
    url: string;
    name: string;
    enabled?: boolean;
    lastError?: string | null;
    consecutiveFailures?: number;
    lastSuccessAt?: string | null;
  }>;
}

export interface FixtureIds {
  articles: Map<string, number>;
  people: Map<string, number>;
  events: number[];
  quotes: number[];
}

export async function openMigratedMemoryDb(): Promise<Database> {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, await loadMigrations());
  return db;
}

const SEEN = '2025-12-01T00:00:00.000Z';

export function insertTalks(db: Database, fixture: TalksFixture): FixtureIds {
  const ids: FixtureIds = { articles: new Map(), people: new Map(), events: [], quotes: [] };
  const feed = db.prepare(`INSERT INTO feeds (url, name, enabled, last_error, consecutive_failures, last_success_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const article = db.prepare(`INSERT INTO articles (url, file, title, text, published_at, feed_id, fetched_at, content_hash, simhash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const person = db.prepare(`INSERT INTO people (name, country, role, roles_json, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const alias = db.prepare('INSERT OR IGNORE INTO person_aliases (person_id, alias, alias_norm) VALUES (?, ?, ?)');
  const event =
    db.prepare(`INSERT INTO events (kind, status, date, date_to, approx, city, country, sides_json, summary, first_seen_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const side = db.prepare('INSERT INTO event_sides (event_id, side) VALUES (?, ?)');
  const participant = db.prepare('INSERT INTO event_participants (event_id, person_id) VALUES (?, ?)');
  const source = db.prepare('INSERT INTO event_sources (event_id, article_id, evidence, reported_status) VALUES (?, ?, ?, ?)');
  const eventFts = db.prepare('INSERT INTO events_fts (rowid, summary, evidence, place, people) VALUES (?, ?, ?, ?, ?)');
  const quote = db.prepare('INSERT INTO quotes (person_id, speaker, text, date, article_id) VALUES (?, ?, ?, ?, ?)');
  const quoteFts = db.prepare('INSERT INTO quotes_fts (rowid, speaker, text) VALUES (?, ?, ?)');

  db.transaction(() => {
    for (const f of fixture.feeds ?? []) {
      feed.run(f.url, f.name, f.enabled === false ? 0 : 1, f.lastError ?? null, f.consecutiveFailures ?? 0, f.lastSuccessAt ?? null, SEEN);
    }
    let n = 0;
    for (const a of fixture.articles ?? []) {
      n += 1;
      const info = article.run(
        a.url ?? null,
        a.file ?? null,
        a.title ?? null,
        a.text ?? 'text',
        a.publishedAt ?? null,
        a.feedId ?? null,
        SEEN,
        `hash-${a.key}-${n}`,
        '0000000000000000',
      );
      ids.articles.set(a.key, Number(info.lastInsertRowid));
    }
    for (const p of fixture.people ?? []) {
      const info = person.run(
        p.name,
        p.country ?? null,
        p.role ?? null,
        JSON.stringify(p.role ? [p.role] : []),
        p.firstSeenAt ?? SEEN,
        p.lastSeenAt ?? SEEN,
      );
      const id = Number(info.lastInsertRowid);
      ids.people.set(p.key, id);
      for (const a of [p.name, ...(p.aliases ?? [])]) alias.run(id, a, a.toLowerCase());
    }
    for (const e of fixture.events ?? []) {
      const info = event.run(
        e.kind ?? 'talks',
        e.status ?? 'held',
        e.date ?? null,
        e.dateTo ?? null,
        e.approx ? 1 : 0,
        e.city ?? null,
        e.country ?? null,
        JSON.stringify(e.sides),
        e.summary,
        SEEN,
        SEEN,
      );
      const id = Number(info.lastInsertRowid);
      ids.events.push(id);
      for (const s of e.sides) side.run(id, s);
      const names: string[] = [];
      for (const key of e.participants ?? []) {
        participant.run(id, mustGet(ids.people, key, 'person'));
        names.push(fixture.people!.find((p) => p.key === key)!.name);
      }
      for (const s of e.sources) source.run(id, mustGet(ids.articles, s.article, 'article'), s.evidence, e.status ?? 'held');
      eventFts.run(
        id,
        e.summary,
        e.sources.map((s) => s.evidence).join('\n'),
        [e.city, e.country].filter(Boolean).join(' '),
        names.join(' '),
      );
    }
    for (const q of fixture.quotes ?? []) {
      const personId = q.speaker ? mustGet(ids.people, q.speaker, 'person') : null;
      const speaker = q.speakerName ?? (q.speaker ? fixture.people!.find((p) => p.key === q.speaker)!.name : null);
      const info = quote.run(personId, speaker, q.text, q.date ?? null, mustGet(ids.articles, q.article, 'article'));
      const id = Number(info.lastInsertRowid);
      ids.quotes.push(id);
      quoteFts.run(id, speaker, q.text);
    }
  })();
  return ids;
}

function mustGet(map: Map<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`fixture: unknown ${what} "${key}"`);
  return id;
}

/**
 * A Store for command tests whose read side is the real SqliteQueryRepo over `db`. Commands only
 * read through `queries`; touching any other repository fails the test loudly.
 */
export function queryOnlyStore(db: Database): Store {
  const queries = new SqliteQueryRepo(db);
  const unavailable = <T extends object>(area: string): T =>
    new Proxy({} as T, {
      get: (_t, prop) => {
        throw new Error(`commands must not use store.${area}.${String(prop)}`);
      },
    });
  return {
    queries,
    articles: unavailable<Store['articles']>('articles'),
    feeds: unavailable<Store['feeds']>('feeds'),
    timeline: unavailable<Store['timeline']>('timeline'),
    digests: unavailable<Store['digests']>('digests'),
    alerts: unavailable<Store['alerts']>('alerts'),
    async integrityCheck() {
      return String(db.pragma('integrity_check', { simple: true }));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** Real facts about real talks, in this project's own words, with hostile text mixed in. */
export const GENEVA_AND_MIAMI: TalksFixture = {
  articles: [
    { key: 'geneva', url: 'https://news.example.org/geneva-talks', title: 'Delegations meet in Geneva', publishedAt: '2025-11-24' },
    { key: 'miami', url: 'https://news.example.org/miami-round', title: 'Florida round of talks', publishedAt: '2025-12-01' },
    { key: 'local', file: 'notes_on_talks.txt', title: null, publishedAt: '2025-12-02' },
  ],
  people: [
    {
      key: 'umerov',
      name: 'Rustem Umerov',
      aliases: ['Umerov'],
      country: 'UA',
      role: 'Secretary of the National Security and Defense Council',
    },
    { key: 'rubio', name: 'Marco Rubio', aliases: ['Rubio'], country: 'US', role: 'Secretary of State' },
    { key: 'witkoff', name: 'Steve Witkoff', aliases: ['Witkoff', 'Vitkoff'], country: 'US', role: 'special envoy' },
    { key: 'zelensky', name: 'Volodymyr Zelensky', aliases: ['Zelensky', 'Zelenskyy'], country: 'UA', role: 'President' },
  ],
  events: [
    {
      status: 'held',
      date: '2025-11-23',
      city: 'Geneva',
      country: 'CH',
      sides: ['UA', 'US'],
      participants: ['umerov', 'rubio'],
      sources: [{ article: 'geneva', evidence: 'Ukrainian and US delegations met in Geneva on Sunday to discuss the peace plan.' }],
      summary: 'Ukraine–US talks in Geneva on the peace plan',
    },
    {
      status: 'held',
      date: '2025-11-30',
      city: 'Miami',
      country: 'US',
      sides: ['UA', 'US'],
      participants: ['umerov', 'rubio', 'witkoff'],
      sources: [
        { article: 'miami', evidence: 'Umerov, Rubio and Witkoff held talks near Miami on Sunday.' },
        { article: 'local', evidence: 'The Florida meeting on Sunday lasted about four hours.' },
      ],
      summary: 'Ukraine–US talks in Florida',
    },
    {
      kind: 'meeting',
      status: 'planned',
      date: '2025-12-02',
      approx: true,
      city: 'Moscow',
      country: 'RU',
      sides: ['RU', 'US'],
      participants: ['witkoff'],
      sources: [{ article: 'miami', evidence: 'Witkoff is expected to travel to Moscow early next week.' }],
      summary: 'US envoy expected in Moscow',
    },
  ],
  quotes: [
    { speaker: 'umerov', text: 'We made significant progress, but there is more work to do.', date: '2025-11-30', article: 'miami' },
    { speaker: 'zelensky', text: 'Ukraine needs a dignified peace.', date: '2025-11-24', article: 'geneva' },
  ],
  feeds: [
    { url: 'https://news.example.org/rss', name: 'Example News', lastSuccessAt: '2025-12-01T08:00:00.000Z' },
    { url: 'https://broken.example.org/feed', name: 'Broken Feed', lastError: 'HTTP 503', consecutiveFailures: 4 },
  ],
};
