// Turning rows of the events and quotes tables into the timeline types, shared by every read
// path (slash-command queries, digests) so that a talk looks the same wherever it is shown.
import type { Database, Statement } from 'better-sqlite3';
import type { CountryCode, EventKind, EventStatus, Quote, SourceCitation, TalkEvent } from '../../domain/types.ts';

/** A row of the people table, as the read side selects it. */
export interface PersonRow {
  id: number;
  name: string;
  country: string | null;
  role: string | null;
  roles_json: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface EventRow {
  id: number;
  kind: EventKind;
  status: EventStatus;
  date: string | null;
  date_to: string | null;
  approx: number;
  city: string | null;
  country: string | null;
  sides_json: string;
  summary: string;
  first_seen_at: string;
  updated_at: string;
}

export interface QuoteRow {
  id: number;
  person_id: number | null;
  speaker: string | null;
  text: string;
  date: string | null;
  article_id: number;
  url: string | null;
  file: string | null;
  title: string | null;
  published_at: string | null;
}

export interface SourceRow {
  event_id: number;
  article_id: number;
  url: string | null;
  file: string | null;
  title: string | null;
  published_at: string | null;
  evidence: string;
}

export interface ParticipantRow {
  event_id: number;
  person_id: number;
  name: string;
  country: string | null;
}

/** The columns of an `EventRow`, from `events e`. */
export const EVENT_COLUMNS =
  'e.id, e.kind, e.status, e.date, e.date_to, e.approx, e.city, e.country, e.sides_json, e.summary, e.first_seen_at, e.updated_at';
/** The columns of a `QuoteRow`, from `quotes q JOIN articles a LEFT JOIN people p`. */
export const QUOTE_COLUMNS = `q.id, q.person_id, COALESCE(p.name, q.speaker) AS speaker, q.text, q.date, q.article_id,
  a.url, a.file, a.title, a.published_at`;

/** Sides, participants and sources for a page of events: three queries whatever the page size. */
export class EventHydrator {
  private readonly sides: Statement;
  private readonly participants: Statement;
  private readonly sources: Statement;

  constructor(db: Database) {
    this.sides = db.prepare(
      `SELECT event_id, side FROM event_sides WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY event_id, side`,
    );
    this.participants = db.prepare(`SELECT ep.event_id, p.id AS person_id, p.name, p.country FROM event_participants ep
      JOIN people p ON p.id = ep.person_id WHERE ep.event_id IN (SELECT value FROM json_each(?)) ORDER BY ep.event_id, p.id`);
    this.sources = db.prepare(`SELECT es.event_id, a.id AS article_id, a.url, a.file, a.title, a.published_at, es.evidence
      FROM event_sources es JOIN articles a ON a.id = es.article_id
      WHERE es.event_id IN (SELECT value FROM json_each(?))
      ORDER BY es.event_id, a.published_at IS NULL, a.published_at, a.id`);
  }

  hydrate(rows: EventRow[]): TalkEvent[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    return assembleEvents(rows, {
      sides: this.sides.all(ids) as Array<{ event_id: number; side: string }>,
      participants: this.participants.all(ids) as ParticipantRow[],
      sources: this.sources.all(ids) as SourceRow[],
    });
  }
}

/** The rows of a page of events with their sides, participants and sources (each sorted by event). */
export interface EventPageRows {
  sides: Array<{ event_id: number; side: string }>;
  participants: ParticipantRow[];
  sources: SourceRow[];
}

/** Talk events from a page's rows; the same for every backend. */
export function assembleEvents(rows: EventRow[], page: EventPageRows): TalkEvent[] {
  const sides = groupBy(page.sides, (r) => r.event_id);
  const participants = groupBy(page.participants, (r) => r.event_id);
  const sources = groupBy(page.sources, (r) => r.event_id);
  return rows.map((r) => {
    // sides_json keeps the merge stage's order; event_sides is the indexed copy. Union both.
    const eventSides = [...new Set([...parseStringArray(r.sides_json), ...(sides.get(r.id) ?? []).map((s) => s.side)])] as CountryCode[];
    return {
      ...eventCore(r),
      date: r.date,
      sides: eventSides,
      participants: (participants.get(r.id) ?? []).map((p) => ({ personId: p.person_id, name: p.name, country: p.country })),
      sources: onePerArticle(sources.get(r.id) ?? [], (s) => s.article_id).map(toCitation),
      summary: r.summary,
      firstSeenAt: r.first_seen_at,
      updatedAt: r.updated_at,
    };
  });
}

/** The columns every view of a talk shares, as the timeline types name them. */
export function eventCore(r: Pick<EventRow, 'id' | 'kind' | 'status' | 'date_to' | 'approx' | 'city' | 'country'>) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    dateTo: r.date_to,
    approx: r.approx === 1,
    location: { city: r.city, country: r.country },
  };
}

/**
 * An article is one source however many of its sentences report the event (its headline and its
 * body): it is cited once, by its longest such sentence, in the order the rows came.
 */
export function onePerArticle<T extends { evidence: string }>(rows: T[], articleOf: (row: T) => number | string): T[] {
  const chosen = new Map<number | string, T>();
  for (const row of rows) {
    const key = articleOf(row);
    const earlier = chosen.get(key);
    if (!earlier) chosen.set(key, row);
    else if (row.evidence.length > earlier.evidence.length) {
      chosen.delete(key);
      chosen.set(key, row);
    }
  }
  const order = new Map<number | string, number>();
  rows.forEach((row, i) => {
    if (!order.has(articleOf(row))) order.set(articleOf(row), i);
  });
  return [...chosen.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!).map(([, row]) => row);
}

function toCitation(r: SourceRow): SourceCitation {
  return { articleId: r.article_id, url: r.url, file: r.file, title: r.title, publishedAt: r.published_at, evidence: r.evidence };
}

export function toQuote(r: QuoteRow): Quote {
  return {
    id: r.id,
    personId: r.person_id,
    speaker: r.speaker,
    text: r.text,
    date: r.date,
    source: { articleId: r.article_id, url: r.url, file: r.file, title: r.title, publishedAt: r.published_at, evidence: r.text },
  };
}

export function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(row);
  }
  return groups;
}

export function parseStringArray(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
