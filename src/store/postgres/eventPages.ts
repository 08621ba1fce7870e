// Sides, participants and sources for a page of events in PostgreSQL: three queries whatever the
// page size, assembled by the same code as SQLite's (src/store/sqlite/eventPages.ts).
import type { TalkEvent } from '../../domain/types.ts';
import { assembleEvents, type EventRow, type ParticipantRow, type SourceRow } from '../sqlite/eventPages.ts';
import { rows, type Queryable } from './sql.ts';

export async function hydrateEvents(db: Queryable, page: EventRow[]): Promise<TalkEvent[]> {
  if (page.length === 0) return [];
  const ids = page.map((r) => r.id);
  const [sides, participants, sources] = await Promise.all([
    rows<{ event_id: number; side: string }>(
      db,
      'SELECT event_id, side FROM event_sides WHERE event_id = ANY($1::bigint[]) ORDER BY event_id, side',
      [ids],
    ),
    rows<ParticipantRow>(
      db,
      `SELECT ep.event_id, p.id AS person_id, p.name, p.country FROM event_participants ep JOIN people p ON p.id = ep.person_id
       WHERE ep.event_id = ANY($1::bigint[]) ORDER BY ep.event_id, p.id`,
      [ids],
    ),
    rows<SourceRow>(
      db,
      `SELECT es.event_id, a.id AS article_id, a.url, a.file, a.title, a.published_at, es.evidence
       FROM event_sources es JOIN articles a ON a.id = es.article_id WHERE es.event_id = ANY($1::bigint[])
       ORDER BY es.event_id, a.published_at ASC NULLS LAST, a.id`,
      [ids],
    ),
  ]);
  return assembleEvents(page, { sides, participants, sources });
}
