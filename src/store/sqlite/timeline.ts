// The timeline's store side: merges run through `SqliteMergeBackend` (the SQL of
// src/merge/apply.ts, which decides), plus clearing and exporting the whole timeline.
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { ArticleExtraction, StoredArticle } from '../../domain/types.ts';
import type { KnownPerson } from '../../config/schema.ts';
import type { TimelineExport, TimelineRepo } from '../timeline.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import { applyExtraction } from '../../merge/apply.ts';
import { SqliteMergeBackend } from './mergeTransaction.ts';
import { onePerArticle, type EventRow, type PersonRow } from './eventPages.ts';

const stringList = z.array(z.string());

function parseJson<T>(text: string, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`corrupt ${what} in the store: ${parsed.error.message}`);
  return parsed.data;
}

export class SqliteTimelineRepo implements TimelineRepo {
  private readonly statements = new Map<string, Statement>();
  private readonly merges: SqliteMergeBackend;

  constructor(
    private readonly db: Database,
    now: () => Date = () => new Date(),
  ) {
    this.merges = new SqliteMergeBackend(db, now);
  }

  /** Prepared once, on first use (the repo may be built before every migration ran in tests). */
  private stmt<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as unknown as Statement<P, R>;
  }

  async applyExtraction(article: StoredArticle, extraction: ArticleExtraction, version: number, knownPeople: KnownPerson[]): Promise<void> {
    await applyExtraction(this.merges, article, extraction, version, knownPeople);
  }

  async clear(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec(`
        DELETE FROM quotes_fts; DELETE FROM events_fts;
        DELETE FROM quotes; DELETE FROM event_sources; DELETE FROM event_participants; DELETE FROM event_sides;
        DELETE FROM events; DELETE FROM event_redirects; DELETE FROM person_mentions; DELETE FROM person_aliases; DELETE FROM people;
      `);
      // Event ids are reused by the rebuild: which channel was told about which event no longer holds.
      this.db.exec('DELETE FROM alert_events');
    })();
  }

  // ---------------------------------------------------------------- export

  async exportAll(): Promise<TimelineExport> {
    const events = this.stmt<[], EventRow>('SELECT * FROM events ORDER BY date IS NULL, date, id').all();
    const participants = this.stmt<[number], { name: string; country: string | null }>(
      'SELECT p.name, p.country FROM event_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ? ORDER BY ep.rowid',
    );
    const sources = this.stmt<[number], { article_id: number; url: string | null; file: string | null; evidence: string }>(
      `SELECT a.id AS article_id, a.url, a.file, s.evidence FROM event_sources s JOIN articles a ON a.id = s.article_id
       WHERE s.event_id = ? ORDER BY a.published_at IS NOT NULL, a.published_at, a.id, s.evidence`,
    );
    const people = this.stmt<[], Omit<PersonRow, 'first_seen_at' | 'last_seen_at'>>(
      'SELECT id, name, country, role, roles_json FROM people ORDER BY name, id',
    ).all();
    const aliases = this.stmt<[number], { alias: string; alias_norm: string }>(
      'SELECT alias, alias_norm FROM person_aliases WHERE person_id = ? ORDER BY rowid',
    );
    const eventIds = this.stmt<[number], { event_id: number }>(
      'SELECT event_id FROM event_participants WHERE person_id = ? ORDER BY event_id',
    );
    const quotes = this.stmt<[], { speaker: string | null; text: string; date: string | null; url: string | null; file: string | null }>(
      `SELECT q.speaker, q.text, q.date, a.url, a.file FROM quotes q JOIN articles a ON a.id = q.article_id
       ORDER BY q.date IS NULL, q.date, q.id`,
    ).all();
    return {
      events: events.map((e) => exportedEvent(e, participants.all(e.id), sources.all(e.id))),
      people: people.map((p) =>
        exportedPerson(
          p,
          aliases.all(p.id),
          eventIds.all(p.id).map((r) => r.event_id),
        ),
      ),
      quotes: quotes.map((q) => ({ speaker: q.speaker, text: q.text, date: q.date, source: { url: q.url, file: q.file } })),
    };
  }
}

type ExportedEvent = TimelineExport['events'][number];
type ExportedPerson = TimelineExport['people'][number];

/** An event of the export from its row, participants (in event order) and sources (in export order). */
export function exportedEvent(
  e: EventRow,
  participants: ExportedEvent['participants'],
  sources: Array<ExportedEvent['sources'][number] & { article_id: number }>,
): ExportedEvent {
  return {
    id: String(e.id),
    kind: e.kind,
    status: e.status,
    date: e.date,
    dateTo: e.date_to,
    approx: e.approx === 1,
    location: { city: e.city, country: e.country },
    sides: parseJson(e.sides_json, stringList, `sides of event ${e.id}`),
    participants: participants.map((p) => ({ name: p.name, country: p.country })),
    sources: onePerArticle(sources, (s) => s.article_id).map((s) => ({ url: s.url, file: s.file, evidence: s.evidence })),
    summary: e.summary,
  };
}

/** A person of the export: aliases in the order written, less the one that is the name itself. */
export function exportedPerson(
  p: Omit<PersonRow, 'first_seen_at' | 'last_seen_at'>,
  aliases: Array<{ alias: string; alias_norm: string }>,
  eventIds: number[],
): ExportedPerson {
  const own = normalizeName(p.name);
  return {
    name: p.name,
    aliases: aliases.filter((a) => a.alias_norm !== own).map((a) => a.alias),
    country: p.country,
    role: p.role,
    roles: parseJson(p.roles_json, stringList, `roles of person ${p.id}`),
    eventIds: eventIds.map(String),
  };
}
