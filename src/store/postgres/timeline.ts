// The timeline's store side in PostgreSQL: merges through `PostgresMergeBackend` (the decisions
// are src/merge/apply.ts's), clearing, and the export, in the same order as SQLite's.
import type pg from 'pg';
import type { ArticleExtraction, StoredArticle } from '../../domain/types.ts';
import type { KnownPerson } from '../../config/schema.ts';
import type { TimelineExport, TimelineRepo } from '../timeline.ts';
import { applyExtraction } from '../../merge/apply.ts';
import type { MergeBackend } from '../../merge/transaction.ts';
import { exportedEvent, exportedPerson } from '../sqlite/timeline.ts';
import type { PersonRow } from '../sqlite/eventPages.ts';
import { groupBy, type EventRow } from '../sqlite/eventPages.ts';
import { inTransaction, rows } from './sql.ts';
import { MERGE_LOCK_KEY } from './mergeTransaction.ts';

export class PostgresTimelineRepo implements TimelineRepo {
  constructor(
    private readonly pool: pg.Pool,
    private readonly merges: MergeBackend,
    /** Called after the timeline's people may have changed (the name index re-reads its log). */
    private readonly onPeopleChanged: () => void,
  ) {}

  async applyExtraction(article: StoredArticle, extraction: ArticleExtraction, version: number, knownPeople: KnownPerson[]): Promise<void> {
    try {
      await applyExtraction(this.merges, article, extraction, version, knownPeople);
    } finally {
      this.onPeopleChanged();
    }
  }

  async clear(): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [MERGE_LOCK_KEY]);
      // DELETE, not TRUNCATE: the name log's triggers see every removed person and alias.
      await db.query(`
        DELETE FROM events_search; DELETE FROM quotes; DELETE FROM event_sources; DELETE FROM event_participants; DELETE FROM event_sides;
        DELETE FROM events; DELETE FROM event_redirects; DELETE FROM person_mentions; DELETE FROM person_aliases; DELETE FROM people;`);
    });
    this.onPeopleChanged();
  }

  async exportAll(): Promise<TimelineExport> {
    // One snapshot for the whole export, so a merge committing meanwhile is either all in or all out.
    return inTransaction(
      this.pool,
      async (db) => {
        const events = await rows<EventRow>(db, 'SELECT * FROM events ORDER BY date ASC NULLS LAST, id');
        const participants = groupBy(
          await rows<{ event_id: number; name: string; country: string | null }>(
            db,
            'SELECT ep.event_id, p.name, p.country FROM event_participants ep JOIN people p ON p.id = ep.person_id ORDER BY ep.event_id, ep.pos',
          ),
          (r) => r.event_id,
        );
        const sources = groupBy(
          await rows<{ event_id: number; article_id: number; url: string | null; file: string | null; evidence: string }>(
            db,
            `SELECT s.event_id, a.id AS article_id, a.url, a.file, s.evidence FROM event_sources s JOIN articles a ON a.id = s.article_id
             ORDER BY s.event_id, a.published_at ASC NULLS FIRST, a.id, s.evidence`,
          ),
          (r) => r.event_id,
        );
        const people = await rows<Omit<PersonRow, 'first_seen_at' | 'last_seen_at'>>(
          db,
          'SELECT id, name, country, role, roles_json FROM people ORDER BY name, id',
        );
        const aliases = groupBy(
          await rows<{ person_id: number; alias: string; alias_norm: string }>(
            db,
            'SELECT person_id, alias, alias_norm FROM person_aliases ORDER BY person_id, pos',
          ),
          (r) => r.person_id,
        );
        const eventIds = groupBy(
          await rows<{ person_id: number; event_id: number }>(
            db,
            'SELECT person_id, event_id FROM event_participants ORDER BY person_id, event_id',
          ),
          (r) => r.person_id,
        );
        const quotes = await rows<{ speaker: string | null; text: string; date: string | null; url: string | null; file: string | null }>(
          db,
          'SELECT q.speaker, q.text, q.date, a.url, a.file FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.date ASC NULLS LAST, q.id',
        );
        return {
          events: events.map((e) => exportedEvent(e, participants.get(e.id) ?? [], sources.get(e.id) ?? [])),
          people: people.map((p) =>
            exportedPerson(
              p,
              aliases.get(p.id) ?? [],
              (eventIds.get(p.id) ?? []).map((r) => r.event_id),
            ),
          ),
          quotes: quotes.map((q) => ({ speaker: q.speaker, text: q.text, date: q.date, source: { url: q.url, file: q.file } })),
        };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }
}
