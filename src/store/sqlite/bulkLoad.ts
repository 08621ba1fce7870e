// Bulk loading of a whole timeline into a fresh store, for benchmarks and large test stores: a
// 100,000-event store in seconds, where merging article by article would take hours. Rows are
// written the way the merge stage writes them (a report per source, a mention per person, search
// rows, the name-change log through the triggers), so the read side, digests and later ingests
// treat the result like any other store. Only an empty timeline is accepted: this never merges.
import type { Database } from 'better-sqlite3';
import type { CountryCode, EventKind, EventStatus } from '../../domain/types.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import { openDatabase } from './index.ts';
import { loadMigrations, migrate } from './migrate.ts';

export interface BulkArticle {
  url: string;
  title: string;
  text: string;
  /** YYYY-MM-DD */
  publishedAt: string;
  fetchedAt: string;
}

export interface BulkPerson {
  name: string;
  /** Other names (not the canonical one). */
  aliases: string[];
  country: CountryCode | null;
  role: string | null;
  /** The article (index into `articles`, in the order given) that first mentions this person. */
  firstArticle: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface BulkEvent {
  kind: EventKind;
  status: EventStatus;
  date: string | null;
  dateTo: string | null;
  approx: boolean;
  city: string | null;
  country: CountryCode | null;
  sides: CountryCode[];
  /** Indexes into `people`. */
  participants: number[];
  summary: string;
  firstSeenAt: string;
  updatedAt: string;
  sources: Array<{ article: number; evidence: string }>;
}

export interface BulkQuote {
  /** Index into `people`, or null for an unattributed quote. */
  person: number | null;
  speaker: string | null;
  text: string;
  date: string | null;
  article: number;
}

/** Each part is iterated once, in order, so generators keep memory flat for large stores. */
export interface BulkTimeline {
  /** The extraction version the articles are marked with (EXTRACTION_VERSION: nothing to re-extract). */
  extractedVersion: number;
  articles: Iterable<BulkArticle>;
  people: Iterable<BulkPerson>;
  events: Iterable<BulkEvent>;
  quotes: Iterable<BulkQuote>;
}

export interface BulkLoadCounts {
  articles: number;
  people: number;
  events: number;
  sources: number;
  quotes: number;
}

const BULK_TABLES = [
  'articles',
  'people',
  'person_aliases',
  'person_mentions',
  'events',
  'event_sides',
  'event_participants',
  'event_sources',
  'quotes',
]
  .map((t) => `'${t}'`)
  .join(', ');

/** Creates (or opens and migrates) the store at `path` and loads `timeline` into it. */
export async function bulkLoadStore(path: string, timeline: BulkTimeline): Promise<BulkLoadCounts> {
  const db = openDatabase(path);
  try {
    migrate(db, await loadMigrations());
    return bulkLoadTimeline(db, timeline);
  } finally {
    db.close();
  }
}

/** Loads `timeline` in one transaction; throws (and writes nothing) unless articles and timeline are empty. */
export function bulkLoadTimeline(db: Database, timeline: BulkTimeline): BulkLoadCounts {
  const existing = db
    .prepare('SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM events) + (SELECT count(*) FROM people) AS n')
    .get() as { n: number };
  if (existing.n > 0) throw new Error('bulk load needs an empty store (it writes rows without merging them)');
  // One big transaction; durability of a half-written bulk load does not matter (it is rolled back).
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  // Every reference is an id this load just wrote (checked by idOf), so the per-row checks are redundant.
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -131072');
  const insert = {
    article: db.prepare(
      `INSERT INTO articles (url, title, text, published_at, fetched_at, content_hash, simhash, extracted_version, first_extracted_at)
       VALUES (?, ?, ?, ?, ?, ?, '0000000000000000', ?, ?)`,
    ),
    articleFts: db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)'),
    person: db.prepare('INSERT INTO people (name, country, role, roles_json, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)'),
    alias: db.prepare('INSERT OR IGNORE INTO person_aliases (person_id, alias, alias_norm) VALUES (?, ?, ?)'),
    mention: db.prepare('INSERT INTO person_mentions (person_id, article_id, name, aliases_json, country, role) VALUES (?, ?, ?, ?, ?, ?)'),
    event: db.prepare(
      `INSERT INTO events (kind, status, date, date_to, approx, city, country, sides_json, summary, first_seen_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    side: db.prepare('INSERT OR IGNORE INTO event_sides (event_id, side, event_date) VALUES (?, ?, ?)'),
    participant: db.prepare('INSERT OR IGNORE INTO event_participants (event_id, person_id, event_date) VALUES (?, ?, ?)'),
    source: db.prepare(
      'INSERT OR IGNORE INTO event_sources (event_id, article_id, evidence, reported_status, report_json) VALUES (?, ?, ?, ?, ?)',
    ),
    eventFts: db.prepare('INSERT INTO events_fts (rowid, summary, evidence, place, people) VALUES (?, ?, ?, ?, ?)'),
    quote: db.prepare('INSERT OR IGNORE INTO quotes (person_id, speaker, text, date, article_id) VALUES (?, ?, ?, ?, ?)'),
    quoteFts: db.prepare('INSERT INTO quotes_fts (rowid, speaker, text) VALUES (?, ?, ?)'),
  };
  const hasFirstExtracted =
    (db.prepare("SELECT count(*) AS n FROM pragma_table_info('articles') WHERE name = 'first_extracted_at'").get() as { n: number }).n > 0;
  if (!hasFirstExtracted) throw new Error('bulk load needs the articles.first_extracted_at column (migration 042)');
  const counts: BulkLoadCounts = { articles: 0, people: 0, events: 0, sources: 0, quotes: 0 };
  const articleIds: number[] = [];
  const people: Array<{ id: number; name: string }> = [];
  const idOf = <T>(list: T[], index: number, what: string): T => {
    const value = list[index];
    if (value === undefined) throw new Error(`bulk load: ${what} ${index} does not exist (${list.length} loaded so far)`);
    return value;
  };
  try {
    db.transaction(() => {
      // Secondary indexes and triggers go while the rows are written and come back after: one
      // sort per index instead of a B-tree update per row. What the triggers would keep (a side's
      // event date) is written directly; the name-change log only matters to an index built
      // before the load, and none can be.
      const schema = db
        .prepare(
          `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
           AND ((type = 'index' AND tbl_name IN (${BULK_TABLES})) OR (type = 'trigger' AND tbl_name IN (${BULK_TABLES})))`,
        )
        .all() as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>;
      for (const item of schema) db.exec(`DROP ${item.type.toUpperCase()} "${item.name.replace(/"/g, '""')}"`);
      for (const a of timeline.articles) {
        const id = Number(
          insert.article.run(a.url, a.title, a.text, a.publishedAt, a.fetchedAt, `bulk:${a.url}`, timeline.extractedVersion, a.fetchedAt)
            .lastInsertRowid,
        );
        insert.articleFts.run(id, a.title, a.text);
        articleIds.push(id);
      }
      counts.articles = articleIds.length;
      for (const p of timeline.people) {
        const id = Number(
          insert.person.run(p.name, p.country, p.role, JSON.stringify(p.role ? [p.role] : []), p.firstSeenAt, p.lastSeenAt).lastInsertRowid,
        );
        for (const label of [p.name, ...p.aliases]) insert.alias.run(id, label, normalizeName(label));
        insert.mention.run(id, idOf(articleIds, p.firstArticle, 'article'), p.name, JSON.stringify(p.aliases), p.country, p.role);
        people.push({ id, name: p.name });
      }
      counts.people = people.length;
      let seq = 0;
      for (const e of timeline.events) {
        const sides = [...new Set(e.sides)];
        const participants = [...new Set(e.participants)].map((i) => idOf(people, i, 'person'));
        const eventId = Number(
          insert.event.run(
            e.kind,
            e.status,
            e.date,
            e.dateTo,
            e.approx ? 1 : 0,
            e.city,
            e.country,
            JSON.stringify(sides),
            e.summary,
            e.firstSeenAt,
            e.updatedAt,
          ).lastInsertRowid,
        );
        for (const side of sides) insert.side.run(eventId, side, e.date);
        for (const p of participants) insert.participant.run(eventId, p.id, e.date);
        for (const s of e.sources) {
          const report = {
            seq: seq++,
            kind: e.kind,
            status: e.status,
            date: e.date,
            dateTo: e.dateTo,
            approx: e.approx,
            city: e.city,
            country: e.country,
            sides,
            participants: participants.map((p) => p.id),
            summary: e.summary,
          };
          counts.sources += insert.source.run(
            eventId,
            idOf(articleIds, s.article, 'article'),
            s.evidence,
            e.status,
            JSON.stringify(report),
          ).changes;
        }
        const place = [e.city, e.country].filter(Boolean).join(' ');
        insert.eventFts.run(
          eventId,
          e.summary,
          e.sources.map((s) => s.evidence).join('\n'),
          place,
          participants.map((p) => p.name).join(' '),
        );
        counts.events += 1;
      }
      for (const q of timeline.quotes) {
        const person = q.person === null ? null : idOf(people, q.person, 'person');
        const result = insert.quote.run(
          person?.id ?? null,
          q.speaker ?? person?.name ?? null,
          q.text,
          q.date,
          idOf(articleIds, q.article, 'article'),
        );
        if (result.changes === 0) continue;
        insert.quoteFts.run(Number(result.lastInsertRowid), q.speaker ?? person?.name ?? '', q.text);
        counts.quotes += 1;
      }
      for (const item of schema) db.exec(item.sql);
    })();
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  db.pragma('optimize');
  return counts;
}
