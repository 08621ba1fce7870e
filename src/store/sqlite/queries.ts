// The read side behind the slash commands. Every method answers one page: the page's event ids
// come from an indexed, LIMITed query, then sides, participants and sources for the whole page
// are fetched in one query each (never one query per event).
import type { Database, Statement } from 'better-sqlite3';
import type { FeedHealth, Person, Quote, TalkEvent } from '../../domain/types.ts';
import type { LatestTalksFilter, PersonProfile, QueryRepo, SearchHit, TimelineFilter, TimelineTalk } from '../queries.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import { logger } from '../../log.ts';
import { PeopleNameIndex, type NameLabel } from './peopleNameIndex.ts';
import {
  EVENT_COLUMNS,
  EventHydrator,
  eventCore,
  parseStringArray,
  QUOTE_COLUMNS,
  toQuote,
  type EventRow,
  type PersonRow,
  type QuoteRow,
} from './eventPages.ts';

// Newest first; events without a date last. The same order everywhere a list of talks is shown.
const NEWEST_FIRST = 'ORDER BY e.date DESC, e.id DESC';

/** Beyond this many changed people, rebuilding the name index is cheaper than patching it. */
const MAX_INCREMENTAL_PEOPLE = 2000;
/**
 * Index work done inside a request: patching this many changed people, or building an index of
 * this many labels, takes a few milliseconds. More is done in the background in short slices,
 * while requests are answered from the index as it was (or, before the first one exists, from
 * a prefix look-up in SQL), so a large ingest or a re-extraction never stalls the event loop.
 */
const MAX_INLINE_PATCH_PEOPLE = 50;
const MAX_INLINE_BUILD_LABELS = 500;
/** People read from the store per page while the index is built in the background. */
const BUILD_PAGE_PEOPLE = 250;
/** Labels added between checks of the slice's time. */
const BUILD_STEP_LABELS = 100;
/** The longest one slice of background index work holds the event loop. */
const SLICE_MS = 4;
/** Rebuild the name index once this share of its labels are removed ones. */
const MAX_TOMBSTONE_FRACTION = 0.3;

/**
 * A talk that began before the range still shows when it ran into it; the index is read from this
 * many days before the range, since a round of talks lasting longer than that is not one round.
 */
export const LONGEST_ROUND_DAYS = 31;
export const TIMELINE_COLUMNS = 'e.id, e.kind, e.status, e.date, e.date_to, e.approx, e.city, e.country, e.sides_json';
// Each reads one date-ordered index from the day the range may start (@low) to its end.
const TIMELINE_RANGE = `BETWEEN @low AND coalesce(@to, '9999-12-31')
  AND coalesce(e.date_to, e.date) >= @from`;

/** Above this many matches in a table, search shows the newest matches instead of ranking them all. */
const RANK_AT_MOST = 500;

/** The most search terms taken from one query, so a pasted paragraph cannot make a huge FTS query. */
const MAX_SEARCH_TERMS = 12;

export class SqliteQueryRepo implements QueryRepo {
  private readonly statements: Record<string, Statement>;
  private nameIndex: { lastChange: number; index: PeopleNameIndex } | null = null;
  /** The background catch-up of the name index, while one runs. */
  private nameIndexWork: Promise<void> | null = null;

  private readonly hydrator: EventHydrator;

  constructor(private readonly db: Database) {
    this.hydrator = new EventHydrator(db);
    const s = (sql: string) => db.prepare(sql);
    this.statements = {
      latest: s(`SELECT ${EVENT_COLUMNS} FROM events e ${NEWEST_FIRST} LIMIT ?`),
      // event_sides_side_date (migration 031) is in date order per side: read until the LIMIT.
      latestBySide: s(`SELECT ${EVENT_COLUMNS} FROM event_sides s JOIN events e ON e.id = s.event_id
        WHERE s.side = ? ORDER BY s.event_date DESC, s.event_id DESC LIMIT ?`),
      // event_participants_person_date (migration 033) is in date order per person: read until the LIMIT.
      latestByPerson: s(`SELECT ${EVENT_COLUMNS} FROM event_participants ep JOIN events e ON e.id = ep.event_id
        WHERE ep.person_id = ? ORDER BY ep.event_date DESC, ep.event_id DESC LIMIT ?`),
      latestByPersonAndSide: s(`SELECT ${EVENT_COLUMNS} FROM event_participants ep JOIN events e ON e.id = ep.event_id
        WHERE ep.person_id = ? AND EXISTS (SELECT 1 FROM event_sides s WHERE s.event_id = e.id AND s.side = ?)
        ORDER BY ep.event_date DESC, ep.event_id DESC LIMIT ?`),
      event: s(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ?`),
      eventRedirect: s('SELECT into_id FROM event_redirects WHERE event_id = ?'),
      timeline: s(`SELECT ${TIMELINE_COLUMNS} FROM events e WHERE e.date ${TIMELINE_RANGE} ORDER BY e.date, e.id LIMIT @limit`),
      timelineBySide: s(`SELECT ${TIMELINE_COLUMNS} FROM event_sides s JOIN events e ON e.id = s.event_id
        WHERE s.side = @side AND s.event_date ${TIMELINE_RANGE} ORDER BY s.event_date, s.event_id LIMIT @limit`),
      timelineByPerson: s(`SELECT ${TIMELINE_COLUMNS} FROM event_participants ep JOIN events e ON e.id = ep.event_id
        WHERE ep.person_id = @person AND ep.event_date ${TIMELINE_RANGE}
        AND (@side IS NULL OR EXISTS (SELECT 1 FROM event_sides s WHERE s.event_id = e.id AND s.side = @side))
        ORDER BY ep.event_date, ep.event_id LIMIT @limit`),
      eventsByIds: s(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id IN (SELECT value FROM json_each(?))`),
      person: s('SELECT id, name, country, role, roles_json, first_seen_at, last_seen_at FROM people WHERE id = ?'),
      aliases: s('SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY alias'),
      quotesByPerson: s(`SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.person_id WHERE q.person_id = ? ORDER BY q.date DESC, q.id DESC LIMIT ?`),
      quotesByIds: s(`SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.person_id WHERE q.id IN (SELECT value FROM json_each(?))`),
      searchEvents: s('SELECT rowid AS id, bm25(events_fts) AS rank FROM events_fts WHERE events_fts MATCH ? ORDER BY rank LIMIT ?'),
      searchQuotes: s('SELECT rowid AS id, bm25(quotes_fts) AS rank FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?'),
      // For words in thousands of rows, ranking every match costs more than a reply may take:
      // newest matches first instead (FTS5 walks rowids in order and stops at the LIMIT).
      countEventMatches: s(`SELECT count(*) AS n FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ${RANK_AT_MOST})`),
      countQuoteMatches: s(`SELECT count(*) AS n FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ${RANK_AT_MOST})`),
      newestEventMatches: s('SELECT rowid AS id, 0 AS rank FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ?'),
      newestQuoteMatches: s('SELECT rowid AS id, 0 AS rank FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?'),
      // Two subqueries, not max() and min() in one: SQLite answers each from the primary key in
      // O(1), where the combined form scans the whole log (10 ms at 30,000 entries, every look-up).
      nameChangeRange: s(
        'SELECT coalesce((SELECT max(seq) FROM people_name_changes), 0) AS last, (SELECT min(seq) FROM people_name_changes) AS first',
      ),
      changedPeople: s('SELECT DISTINCT person_id FROM people_name_changes WHERE seq > ? AND seq <= ?'),
      allNames: s(
        'SELECT id AS person_id, name AS label, 1 AS canonical FROM people UNION ALL SELECT person_id, alias, 0 FROM person_aliases',
      ),
      namesOf: s(`SELECT id AS person_id, name AS label, 1 AS canonical FROM people WHERE id IN (SELECT value FROM json_each(@ids))
        UNION ALL SELECT person_id, alias, 0 FROM person_aliases WHERE person_id IN (SELECT value FROM json_each(@ids))`),
      eventCountsByPerson: s('SELECT person_id, count(*) AS n FROM event_participants GROUP BY person_id'),
      labelCount: s('SELECT count(*) AS n FROM person_aliases'),
      peoplePage: s('SELECT id FROM people WHERE id > ? ORDER BY id LIMIT ?'),
      eventCountsOf: s(
        'SELECT person_id, count(*) AS n FROM event_participants WHERE person_id IN (SELECT value FROM json_each(?)) GROUP BY person_id',
      ),
      // Before the in-memory index exists: names and aliases starting with what was typed (alias_norm
      // holds every name and alias normalised, and is indexed).
      namesByPrefix: s(`SELECT a.person_id, a.alias AS label, p.name AS canonical FROM person_aliases a JOIN people p ON p.id = a.person_id
        WHERE a.alias_norm >= ? AND a.alias_norm < ? ORDER BY a.alias_norm, a.person_id LIMIT ?`),
      // Distinct sides by skipping through the index: one seek per side, not one row per event.
      distinctSides: s(`WITH RECURSIVE sides(side) AS (
          SELECT min(side) FROM event_sides
          UNION ALL SELECT (SELECT min(side) FROM event_sides WHERE side > sides.side) FROM sides WHERE sides.side IS NOT NULL)
        SELECT side FROM sides WHERE side IS NOT NULL`),
      feeds: s(`SELECT f.id, f.url, f.name, f.enabled, f.last_polled_at, f.last_success_at, f.last_error, f.last_error_at,
          f.consecutive_failures, f.next_poll_at, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS article_count
        FROM feeds f ORDER BY f.name, f.id`),
      counts: s(`SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM quotes) AS quotes`),
    };
  }

  async latestTalks(filter: LatestTalksFilter): Promise<TalkEvent[]> {
    const limit = Math.max(0, Math.floor(filter.limit));
    if (limit === 0) return [];
    const side = filter.side?.toUpperCase();
    let rows: EventRow[];
    if (filter.personId !== undefined && side) rows = this.all<EventRow>('latestByPersonAndSide', filter.personId, side, limit);
    else if (filter.personId !== undefined) rows = this.all<EventRow>('latestByPerson', filter.personId, limit);
    else if (side) rows = this.all<EventRow>('latestBySide', side, limit);
    else rows = this.all<EventRow>('latest', limit);
    return this.hydrateEvents(rows);
  }

  async event(id: number): Promise<TalkEvent | null> {
    if (!Number.isSafeInteger(id)) return null;
    // An id whose event joined another resolves to that one (the returned event has its own id).
    const seen = new Set<number>();
    for (let current: number | null = id; current !== null && !seen.has(current);) {
      seen.add(current);
      const row = this.statements.event!.get(current) as EventRow | undefined;
      if (row) return this.hydrateEvents([row])[0]!;
      current = (this.statements.eventRedirect!.get(current) as { into_id: number | null } | undefined)?.into_id ?? null;
    }
    return null;
  }

  async timelineTalks(filter: TimelineFilter): Promise<{ talks: TimelineTalk[]; more: boolean }> {
    const limit = Math.max(0, Math.floor(filter.limit));
    const low = timelineLow(filter.from);
    const side = filter.side?.toUpperCase() ?? null;
    const params = { from: filter.from, to: filter.to, low, side, person: filter.personId ?? null, limit: limit + 1 };
    const statement = filter.personId !== undefined ? 'timelineByPerson' : side ? 'timelineBySide' : 'timeline';
    const rows = this.statements[statement]!.all(
      statement === 'timeline' ? omit(params, ['side', 'person']) : statement === 'timelineBySide' ? omit(params, ['person']) : params,
    ) as TimelineRow[];
    return timelinePage(rows, limit);
  }

  async findPerson(name: string): Promise<Person | null> {
    const [best] = this.searchNames(name, 1);
    return best ? this.loadPerson(best.personId) : null;
  }

  async personProfile(personId: number, limits: { events: number; quotes: number }): Promise<PersonProfile | null> {
    const person = this.loadPerson(personId);
    if (!person) return null;
    const events = limits.events > 0 ? this.hydrateEvents(this.all<EventRow>('latestByPerson', personId, limits.events)) : [];
    const quotes = limits.quotes > 0 ? this.all<QuoteRow>('quotesByPerson', personId, limits.quotes).map(toQuote) : [];
    return { person, events, quotes };
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const terms = searchTerms(query);
    if (terms.length === 0 || limit <= 0) return [];
    // Exact words together first (cheap even for common words); then the last word as a prefix
    // ("negotiat" finds "negotiations"; prefix queries merge many terms, so only as a fallback);
    // then any of the words, so a long query still finds something.
    const attempts = [ftsQuery(terms, 'AND', false), ftsQuery(terms, 'AND', true)];
    if (terms.length > 1) attempts.push(ftsQuery(terms, 'OR', false));
    let hits: SearchHit[] = [];
    for (const match of new Set(attempts)) {
      hits = this.runSearch(match, limit);
      if (hits.length > 0) break;
    }
    return hits;
  }

  async suggestPeople(prefix: string, limit: number): Promise<Array<{ personId: number; label: string }>> {
    if (!prefix.trim()) return [];
    return this.searchNames(prefix, limit).map((m) => ({
      personId: m.personId,
      label: m.label === m.canonicalName ? m.canonicalName : `${m.canonicalName} (${m.label})`,
    }));
  }

  async suggestSides(prefix: string, limit: number): Promise<string[]> {
    const wanted = prefix.trim().toUpperCase();
    const sides = (this.statements.distinctSides!.all() as Array<{ side: string }>).map((r) => r.side);
    return sides.filter((side) => side.startsWith(wanted)).slice(0, Math.max(0, limit));
  }

  async feedHealth(): Promise<FeedHealth[]> {
    const rows = this.statements.feeds!.all() as Array<{
      id: number;
      url: string;
      name: string;
      enabled: number;
      last_polled_at: string | null;
      last_success_at: string | null;
      last_error: string | null;
      last_error_at: string | null;
      consecutive_failures: number;
      next_poll_at: string | null;
      article_count: number;
    }>;
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      name: r.name,
      enabled: r.enabled === 1,
      lastPolledAt: r.last_polled_at,
      lastSuccessAt: r.last_success_at,
      lastError: r.last_error,
      lastErrorAt: r.last_error_at,
      consecutiveFailures: r.consecutive_failures,
      nextPollAt: r.next_poll_at,
      articleCount: r.article_count,
    }));
  }

  async counts(): Promise<{ articles: number; events: number; people: number; quotes: number }> {
    return this.statements.counts!.get() as { articles: number; events: number; people: number; quotes: number };
  }

  async warmUp(): Promise<void> {
    this.names();
    if (this.nameIndexWork) await this.nameIndexWork;
  }

  private all<T>(statement: string, ...params: unknown[]): T[] {
    return this.statements[statement]!.all(...params) as T[];
  }

  private runSearch(match: string, limit: number): SearchHit[] {
    const manyEvents = (this.statements.countEventMatches!.get(match) as { n: number }).n >= RANK_AT_MOST;
    const manyQuotes = (this.statements.countQuoteMatches!.get(match) as { n: number }).n >= RANK_AT_MOST;
    const eventHits = this.all<{ id: number; rank: number }>(manyEvents ? 'newestEventMatches' : 'searchEvents', match, limit);
    const quoteHits = this.all<{ id: number; rank: number }>(manyQuotes ? 'newestQuoteMatches' : 'searchQuotes', match, limit);
    const events = new Map(
      this.hydrateEvents(this.all<EventRow>('eventsByIds', JSON.stringify(eventHits.map((h) => h.id)))).map((e) => [e.id, e]),
    );
    const quotes = new Map(this.all<QuoteRow>('quotesByIds', JSON.stringify(quoteHits.map((h) => h.id))).map((r) => [r.id, toQuote(r)]));
    return interleaveHits(eventHits, events, quoteHits, quotes, limit);
  }

  private loadPerson(personId: number): Person | null {
    const row = this.statements.person!.get(personId) as PersonRow | undefined;
    return row
      ? toPerson(
          row,
          (this.statements.aliases!.all(personId) as Array<{ alias: string }>).map((r) => r.alias),
        )
      : null;
  }

  /** Name matches from the index, or from SQL prefix look-ups while the first index is being built. */
  private searchNames(query: string, limit: number): Array<{ personId: number; label: string; canonicalName: string }> {
    const index = this.names();
    if (index) return index.search(query, limit);
    const normalized = normalizeName(query);
    if (!normalized || limit <= 0) return [];
    return firstLabelPerPerson(this.all<PrefixNameRow>('namesByPrefix', normalized, `${normalized}\uffff`, limit * 4), limit);
  }

  /**
   * The name index, kept in step through migration 032's change log: the people whose names or
   * aliases changed since the last look are re-read and replaced in the index. Small catch-ups
   * happen here; a full rebuild (first use, a very large batch of changes, a log trimmed past
   * what this index has seen, piled-up removed labels) or a large patch runs in the background,
   * and until it is done this answers from the index as it was: null when there is none yet.
   */
  private names(): PeopleNameIndex | null {
    const current = this.nameIndex;
    // A catch-up under way also takes in the changes made while it runs.
    if (this.nameIndexWork) return current?.index ?? null;
    const range = this.nameChangeRange();
    if (current && current.lastChange === range.last) return current.index;
    if (current && this.patchable(current, range)) {
      const changed = this.changedPeople(current.lastChange, range.last);
      if (changed.length <= MAX_INLINE_PATCH_PEOPLE) {
        this.patchNames(current.index, changed);
        current.lastChange = range.last;
        return current.index;
      }
    }
    if ((this.statements.labelCount!.get() as { n: number }).n <= MAX_INLINE_BUILD_LABELS) {
      const index = new PeopleNameIndex(
        this.labels('allNames'),
        new Map((this.statements.eventCountsByPerson!.all() as Array<{ person_id: number; n: number }>).map((r) => [r.person_id, r.n])),
      );
      this.nameIndex = { lastChange: range.last, index };
      return index;
    }
    this.nameIndexWork = this.catchUpNames()
      .catch((error: unknown) => logger.warn({ err: error }, 'name index catch-up failed; retried on the next look-up'))
      .finally(() => {
        this.nameIndexWork = null;
      });
    return current?.index ?? null;
  }

  private nameChangeRange(): { last: number; first: number | null } {
    return this.statements.nameChangeRange!.get() as { last: number; first: number | null };
  }

  private patchable(current: { lastChange: number; index: PeopleNameIndex }, range: { first: number | null }): boolean {
    const missedSome = range.first !== null && range.first > current.lastChange + 1;
    return !missedSome && current.index.tombstoneFraction < MAX_TOMBSTONE_FRACTION;
  }

  private changedPeople(after: number, upTo: number): number[] {
    return (this.statements.changedPeople!.all(after, upTo) as Array<{ person_id: number }>).map((r) => r.person_id);
  }

  private patchNames(index: PeopleNameIndex, people: number[]): void {
    index.removePeople(people);
    index.add(this.labels('namesOf', { ids: JSON.stringify(people) }));
  }

  /** Brings the name index up to the latest change in slices of a few milliseconds. */
  private async catchUpNames(): Promise<void> {
    for (;;) {
      await yieldToEventLoop();
      const range = this.nameChangeRange();
      const current = this.nameIndex;
      if (current && current.lastChange === range.last) return;
      if (current && this.patchable(current, range)) {
        const changed = this.changedPeople(current.lastChange, range.last);
        if (changed.length <= MAX_INCREMENTAL_PEOPLE) {
          for (let i = 0; i < changed.length; i += MAX_INLINE_PATCH_PEOPLE) {
            this.patchNames(current.index, changed.slice(i, i + MAX_INLINE_PATCH_PEOPLE));
            await yieldToEventLoop();
          }
          current.lastChange = range.last;
          continue;
        }
      }
      const started = performance.now();
      const index = await this.buildNamesInSlices();
      this.nameIndex = { lastChange: range.last, index };
      logger.debug({ people: index.size, ms: Math.round(performance.now() - started) }, 'name index built');
    }
  }

  /** A fresh index of every person, read page by page; changes made meanwhile are patched in afterwards. */
  private async buildNamesInSlices(): Promise<PeopleNameIndex> {
    const index = new PeopleNameIndex();
    let sliceStarted = performance.now();
    const pause = async () => {
      if (performance.now() - sliceStarted < SLICE_MS) return;
      await yieldToEventLoop();
      sliceStarted = performance.now();
    };
    for (let after = 0; ;) {
      const ids = (this.statements.peoplePage!.all(after, BUILD_PAGE_PEOPLE) as Array<{ id: number }>).map((r) => r.id);
      if (ids.length === 0) return index;
      after = ids[ids.length - 1]!;
      const json = JSON.stringify(ids);
      for (const r of this.statements.eventCountsOf!.all(json) as Array<{ person_id: number; n: number }>)
        index.setWeight(r.person_id, r.n);
      const labels = this.labels('namesOf', { ids: json });
      await pause();
      for (let i = 0; i < labels.length; i += BUILD_STEP_LABELS) {
        index.add(labels.slice(i, i + BUILD_STEP_LABELS));
        await pause();
      }
    }
  }

  private labels(statement: 'allNames' | 'namesOf', ...params: unknown[]): NameLabel[] {
    return this.all<{ person_id: number; label: string; canonical: number }>(statement, ...params).map((r): NameLabel => ({
      personId: r.person_id,
      label: r.label,
      isCanonical: r.canonical === 1,
    }));
  }

  private hydrateEvents(rows: EventRow[]): TalkEvent[] {
    return this.hydrator.hydrate(rows);
  }
}

export type TimelineRow = Omit<EventRow, 'summary' | 'first_seen_at' | 'updated_at' | 'date'> & { date: string };

/** The first day a talk overlapping a range starting at `from` may start on. */
export function timelineLow(from: string): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) - LONGEST_ROUND_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** The picture's talks from up to `limit + 1` rows: `more` when there was one beyond the limit. */
export function timelinePage(rows: TimelineRow[], limit: number): { talks: TimelineTalk[]; more: boolean } {
  return {
    more: rows.length > limit,
    talks: rows.slice(0, limit).map((r) => ({ ...eventCore(r), date: r.date, sides: parseStringArray(r.sides_json) })),
  };
}

/** better-sqlite3 refuses named parameters that a statement does not use. */
function omit<T extends object, K extends keyof T>(value: T, keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/** A name or alias found by prefix, with its person's canonical name. */
export interface PrefixNameRow {
  person_id: number;
  label: string;
  canonical: string;
}

/** The first matching label of each person, at most `limit` people. */
export function firstLabelPerPerson(
  rows: PrefixNameRow[],
  limit: number,
): Array<{ personId: number; label: string; canonicalName: string }> {
  const seen = new Set<number>();
  const matches: Array<{ personId: number; label: string; canonicalName: string }> = [];
  for (const r of rows) {
    if (seen.has(r.person_id)) continue;
    seen.add(r.person_id);
    matches.push({ personId: r.person_id, label: r.label, canonicalName: r.canonical });
  }
  return matches.slice(0, limit);
}

/** A person with their aliases (the canonical name left out). */
export function toPerson(row: PersonRow, aliases: string[]): Person {
  return {
    id: row.id,
    name: row.name,
    aliases: aliases.filter((a) => a !== row.name),
    country: row.country,
    role: row.role,
    roles: parseStringArray(row.roles_json),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * Event and quote hits interleaved by rank (lower is better: bm25, or a negated ts_rank), the
 * best `limit` of them. Hits whose row is gone are dropped.
 */
export function interleaveHits(
  eventHits: Array<{ id: number; rank: number }>,
  events: Map<number, TalkEvent>,
  quoteHits: Array<{ id: number; rank: number }>,
  quotes: Map<number, Quote>,
  limit: number,
): SearchHit[] {
  const ranked: Array<{ rank: number; hit: SearchHit }> = [];
  for (const h of eventHits) {
    const event = events.get(h.id);
    if (event) ranked.push({ rank: h.rank, hit: { kind: 'event', event } });
  }
  for (const h of quoteHits) {
    const quote = quotes.get(h.id);
    if (quote) ranked.push({ rank: h.rank, hit: { kind: 'quote', quote } });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((r) => r.hit);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The words of a user's query, and nothing else: FTS5 operators, quotes, column filters and
 * parentheses are dropped, so user text is never FTS syntax (and never SQL: it is a bound value).
 */
export function searchTerms(query: string): string[] {
  const words = query.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_SEARCH_TERMS);
}

/** Terms as quoted FTS5 strings, joined by `operator`; with `prefixLast`, the last one of 3+ letters matches as a prefix. */
export function ftsQuery(terms: string[], operator: 'AND' | 'OR', prefixLast: boolean): string {
  return terms.map((t, i) => (prefixLast && i === terms.length - 1 && t.length >= 3 ? `"${t}"*` : `"${t}"`)).join(` ${operator} `);
}
