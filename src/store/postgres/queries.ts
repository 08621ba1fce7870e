// The read side behind the slash commands, in PostgreSQL: the same pages as SQLite's
// (src/store/sqlite/queries.ts), search over tsvector documents (GIN, unaccent), names from the
// shared name index (nameIndex.ts) with a trigram-indexed prefix look-up before it exists.
import type pg from 'pg';
import type { FeedHealth, Person, TalkEvent } from '../../domain/types.ts';
import type { LatestTalksFilter, PersonProfile, QueryRepo, SearchHit, TimelineFilter, TimelineTalk } from '../queries.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import {
  firstLabelPerPerson,
  interleaveHits,
  searchTerms,
  timelineLow,
  timelinePage,
  toPerson,
  TIMELINE_COLUMNS,
  type PrefixNameRow,
  type TimelineRow,
} from '../sqlite/queries.ts';
import { EVENT_COLUMNS, QUOTE_COLUMNS, type PersonRow, toQuote, type EventRow, type QuoteRow } from '../sqlite/eventPages.ts';
import { toFeedHealth, type FeedRow } from '../sqlite/feeds.ts';
import { hydrateEvents } from './eventPages.ts';
import type { SharedNameIndex } from './nameIndex.ts';
import { row, rows } from './sql.ts';

// Newest first; events without a date last. The same order everywhere a list of talks is shown.
const NEWEST_FIRST = 'ORDER BY e.date DESC NULLS LAST, e.id DESC';

/** Above this many matches in a table, search shows the newest matches instead of ranking them all. */
const RANK_AT_MOST = 500;

/** Terms as a tsquery of quoted lexemes joined by `operator`; with `prefixLast`, the last one of 3+ letters matches as a prefix. */
export function tsQuery(terms: string[], operator: '&' | '|', prefixLast: boolean): string {
  return terms.map((t, i) => (prefixLast && i === terms.length - 1 && t.length >= 3 ? `'${t}':*` : `'${t}'`)).join(` ${operator} `);
}

export class PostgresQueryRepo implements QueryRepo {
  constructor(
    private readonly pool: pg.Pool,
    private readonly names: SharedNameIndex,
  ) {}

  async latestTalks(filter: LatestTalksFilter): Promise<TalkEvent[]> {
    const limit = Math.max(0, Math.floor(filter.limit));
    if (limit === 0) return [];
    const side = filter.side?.toUpperCase();
    let page: EventRow[];
    if (filter.personId !== undefined && side) {
      page = await rows<EventRow>(
        this.pool,
        `SELECT ${EVENT_COLUMNS} FROM event_participants ep JOIN events e ON e.id = ep.event_id
         WHERE ep.person_id = $1 AND EXISTS (SELECT 1 FROM event_sides s WHERE s.event_id = e.id AND s.side = $2)
         ORDER BY ep.event_date DESC NULLS LAST, ep.event_id DESC LIMIT $3`,
        [filter.personId, side, limit],
      );
    } else if (filter.personId !== undefined) {
      page = await this.latestByPerson(filter.personId, limit);
    } else if (side) {
      page = await rows<EventRow>(
        this.pool,
        `SELECT ${EVENT_COLUMNS} FROM event_sides s JOIN events e ON e.id = s.event_id
         WHERE s.side = $1 ORDER BY s.event_date DESC NULLS LAST, s.event_id DESC LIMIT $2`,
        [side, limit],
      );
    } else {
      page = await rows<EventRow>(this.pool, `SELECT ${EVENT_COLUMNS} FROM events e ${NEWEST_FIRST} LIMIT $1`, [limit]);
    }
    return hydrateEvents(this.pool, page);
  }

  private latestByPerson(personId: number, limit: number): Promise<EventRow[]> {
    return rows<EventRow>(
      this.pool,
      `SELECT ${EVENT_COLUMNS} FROM event_participants ep JOIN events e ON e.id = ep.event_id
       WHERE ep.person_id = $1 ORDER BY ep.event_date DESC NULLS LAST, ep.event_id DESC LIMIT $2`,
      [personId, limit],
    );
  }

  async event(id: number): Promise<TalkEvent | null> {
    if (!Number.isSafeInteger(id)) return null;
    // An id whose event joined another resolves to that one (the returned event has its own id).
    const seen = new Set<number>();
    for (let current: number | null = id; current !== null && !seen.has(current);) {
      seen.add(current);
      const found = await rows<EventRow>(this.pool, `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [current]);
      if (found.length > 0) return (await hydrateEvents(this.pool, found))[0]!;
      current =
        (await row<{ into_id: number | null }>(this.pool, 'SELECT into_id FROM event_redirects WHERE event_id = $1', [current]))?.into_id ??
        null;
    }
    return null;
  }

  async timelineTalks(filter: TimelineFilter): Promise<{ talks: TimelineTalk[]; more: boolean }> {
    const limit = Math.max(0, Math.floor(filter.limit));
    const side = filter.side?.toUpperCase() ?? null;
    // Each reads one date-ordered index from the day the range may start ($1) to its end.
    const range = (column: string) => `${column} BETWEEN $1 AND coalesce($2::text, '9999-12-31') AND coalesce(e.date_to, e.date) >= $3`;
    const params: unknown[] = [timelineLow(filter.from), filter.to, filter.from, limit + 1];
    let sql: string;
    if (filter.personId !== undefined) {
      params.push(filter.personId, side);
      sql = `SELECT ${TIMELINE_COLUMNS} FROM event_participants ep JOIN events e ON e.id = ep.event_id
        WHERE ep.person_id = $5 AND ${range('ep.event_date')}
          AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM event_sides s WHERE s.event_id = e.id AND s.side = $6))
        ORDER BY ep.event_date, ep.event_id LIMIT $4`;
    } else if (side) {
      params.push(side);
      sql = `SELECT ${TIMELINE_COLUMNS} FROM event_sides s JOIN events e ON e.id = s.event_id
        WHERE s.side = $5 AND ${range('s.event_date')} ORDER BY s.event_date, s.event_id LIMIT $4`;
    } else {
      sql = `SELECT ${TIMELINE_COLUMNS} FROM events e WHERE ${range('e.date')} ORDER BY e.date, e.id LIMIT $4`;
    }
    return timelinePage(await rows<TimelineRow>(this.pool, sql, params), limit);
  }

  async findPerson(name: string): Promise<Person | null> {
    const [best] = await this.searchNames(name, 1);
    return best ? this.loadPerson(best.personId) : null;
  }

  async personProfile(personId: number, limits: { events: number; quotes: number }): Promise<PersonProfile | null> {
    if (!Number.isSafeInteger(personId)) return null;
    const person = await this.loadPerson(personId);
    if (!person) return null;
    const events = limits.events > 0 ? await hydrateEvents(this.pool, await this.latestByPerson(personId, limits.events)) : [];
    const quotes =
      limits.quotes > 0
        ? (
            await rows<QuoteRow>(
              this.pool,
              `SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id
               WHERE q.person_id = $1 ORDER BY q.date DESC NULLS LAST, q.id DESC LIMIT $2`,
              [personId, limits.quotes],
            )
          ).map(toQuote)
        : [];
    return { person, events, quotes };
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const terms = searchTerms(query);
    if (terms.length === 0 || limit <= 0) return [];
    // As SQLite's: exact words together, then the last word as a prefix, then any of the words.
    const attempts = [tsQuery(terms, '&', false), tsQuery(terms, '&', true)];
    if (terms.length > 1) attempts.push(tsQuery(terms, '|', false));
    let hits: SearchHit[] = [];
    for (const match of new Set(attempts)) {
      hits = await this.runSearch(match, limit);
      if (hits.length > 0) break;
    }
    return hits;
  }

  private async runSearch(match: string, limit: number): Promise<SearchHit[]> {
    const ranked = async (table: 'events_search' | 'quotes', id: string, document: string) => {
      const many =
        (await row<{ n: number }>(
          this.pool,
          `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${document} @@ to_tsquery('parley_search', $1) LIMIT ${RANK_AT_MOST}) m`,
          [match],
        ))!.n >= RANK_AT_MOST;
      // For words in thousands of rows, ranking every match costs more than a reply may take: newest matches instead.
      return rows<{ id: number; rank: number }>(
        this.pool,
        many
          ? `SELECT ${id} AS id, 0 AS rank FROM ${table} WHERE ${document} @@ to_tsquery('parley_search', $1) ORDER BY ${id} DESC LIMIT $2`
          : `SELECT ${id} AS id, -ts_rank(${document}, q) AS rank FROM ${table}, to_tsquery('parley_search', $1) q
             WHERE ${document} @@ q ORDER BY rank, ${id} LIMIT $2`,
        [match, limit],
      );
    };
    const [eventHits, quoteHits] = await Promise.all([ranked('events_search', 'event_id', 'document'), ranked('quotes', 'id', 'search')]);
    const [events, quotes] = await Promise.all([
      rows<EventRow>(this.pool, `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ANY($1::bigint[])`, [eventHits.map((h) => h.id)]).then(
        (page) => hydrateEvents(this.pool, page),
      ),
      rows<QuoteRow>(
        this.pool,
        `SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id WHERE q.id = ANY($1::bigint[])`,
        [quoteHits.map((h) => h.id)],
      ),
    ]);
    return interleaveHits(
      eventHits,
      new Map(events.map((e) => [e.id, e])),
      quoteHits,
      new Map(quotes.map((r) => [r.id, toQuote(r)])),
      limit,
    );
  }

  async suggestPeople(prefix: string, limit: number): Promise<Array<{ personId: number; label: string }>> {
    if (!prefix.trim()) return [];
    return (await this.searchNames(prefix, limit)).map((m) => ({
      personId: m.personId,
      label: m.label === m.canonicalName ? m.canonicalName : `${m.canonicalName} (${m.label})`,
    }));
  }

  async suggestSides(prefix: string, limit: number): Promise<string[]> {
    const wanted = prefix.trim().toUpperCase();
    // Distinct sides by skipping through the index: one seek per side, not one row per event.
    const sides = await rows<{ side: string }>(
      this.pool,
      `WITH RECURSIVE sides(side) AS (
         SELECT min(side) FROM event_sides
         UNION ALL SELECT (SELECT min(s.side) FROM event_sides s WHERE s.side > sides.side) FROM sides WHERE sides.side IS NOT NULL)
       SELECT side FROM sides WHERE side IS NOT NULL`,
    );
    return sides
      .map((r) => r.side)
      .filter((side) => side.startsWith(wanted))
      .slice(0, Math.max(0, limit));
  }

  async feedHealth(): Promise<FeedHealth[]> {
    return (
      await rows<FeedRow & { article_count: number }>(
        this.pool,
        'SELECT f.*, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS article_count FROM feeds f ORDER BY f.name, f.id',
      )
    ).map(toFeedHealth);
  }

  async counts(): Promise<{ articles: number; events: number; people: number; quotes: number }> {
    return (await row<{ articles: number; events: number; people: number; quotes: number }>(
      this.pool,
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events,
         (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM quotes) AS quotes`,
    ))!;
  }

  async warmUp(): Promise<void> {
    await this.names.ready();
  }

  private async loadPerson(personId: number): Promise<Person | null> {
    const r = await row<PersonRow>(
      this.pool,
      'SELECT id, name, country, role, roles_json, first_seen_at, last_seen_at FROM people WHERE id = $1',
      [personId],
    );
    if (!r) return null;
    return toPerson(
      r,
      (await rows<{ alias: string }>(this.pool, 'SELECT alias FROM person_aliases WHERE person_id = $1 ORDER BY alias', [personId])).map(
        (a) => a.alias,
      ),
    );
  }

  /** Name matches from the shared index, or a prefix look-up (trigram-indexed LIKE) while the first index is built. */
  private async searchNames(query: string, limit: number): Promise<Array<{ personId: number; label: string; canonicalName: string }>> {
    const index = await this.names.current();
    if (index) return index.search(query, limit);
    const normalized = normalizeName(query);
    if (!normalized || limit <= 0) return [];
    const found = await rows<PrefixNameRow>(
      this.pool,
      `SELECT a.person_id, a.alias AS label, p.name AS canonical FROM person_aliases a JOIN people p ON p.id = a.person_id
       WHERE a.alias_norm LIKE $1 ESCAPE '\\' ORDER BY a.alias_norm, a.person_id LIMIT $2`,
      [`${normalized.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit * 4],
    );
    return firstLabelPerPerson(found, limit);
  }
}
