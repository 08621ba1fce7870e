// The in-memory name index behind /who and autocomplete, kept fresh across processes. The change
// log (migration 032) is the truth; NOTIFY 'parley_people' (sent by the log's trigger on commit,
// and by this process's own merges at once) only says "look now", and without any notification
// the log is still read at least every CHECK_EVERY_MS, so a person another process ingested is
// found within that, even if the listening connection was lost.
//
// Reading the log never relies on entries committing in sequence order: each entry carries its
// transaction id, and a look reads every entry whose transaction was not yet finished at the
// previous look (xid >= that look's snapshot xmin). Entries of finished transactions were all
// visible then; re-reading a few twice is harmless, since a person's labels are replaced whole.
import type pg from 'pg';
import { logger } from '../../log.ts';
import { PeopleNameIndex, type NameLabel } from '../sqlite/peopleNameIndex.ts';
import { row, rows } from './sql.ts';

/** The longest a process answers from its index without reading the change log. */
export const CHECK_EVERY_MS = 1000;
/** Beyond this many changed people, rebuilding the index is cheaper than patching it. */
const MAX_INCREMENTAL_PEOPLE = 2000;
/** Rebuild once this share of the index's labels are removed ones. */
const MAX_TOMBSTONE_FRACTION = 0.3;
/** A first index of at most this many labels is built before answering (a few ms); a larger one in the background. */
const MAX_INLINE_BUILD_LABELS = 500;
/** People read per page while building. */
const BUILD_PAGE_PEOPLE = 1000;

interface Position {
  /** The snapshot xmin of the last look, as text (an xid8). */
  xmin: string;
  /** The highest log entry seen, to notice a log trimmed past what this index knows. */
  lastSeq: number;
}

export class SharedNameIndex {
  private index: PeopleNameIndex | null = null;
  private position: Position | null = null;
  private dirty = true;
  private checkedAt = 0;
  private work: Promise<void> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  /** Something changed names (a notification, or a write of this process): read the log at the next look. */
  invalidate(): void {
    this.dirty = true;
  }

  /**
   * The index, brought up to date when a change was signalled or the last look is old. While a
   * first build runs this answers null (callers fall back to SQL), later the index as it was.
   */
  async current(): Promise<PeopleNameIndex | null> {
    if (this.work) return this.index;
    if (this.index && !this.dirty && Date.now() - this.checkedAt < CHECK_EVERY_MS) return this.index;
    this.work = this.catchUp()
      .catch((error: unknown) => logger.warn({ err: error }, 'name index catch-up failed; retried on the next look-up'))
      .finally(() => {
        this.work = null;
      });
    // A catch-up is awaited (the answer is then fresh); a large first build is not.
    if (this.index || (await this.labelCount()) <= MAX_INLINE_BUILD_LABELS) await this.work;
    return this.index;
  }

  private async labelCount(): Promise<number> {
    return (await row<{ n: number }>(this.pool, 'SELECT count(*) AS n FROM person_aliases'))!.n;
  }

  /** Waits for a build in progress (warm-up). */
  async ready(): Promise<void> {
    await this.current();
    if (this.work) await this.work;
  }

  private async catchUp(): Promise<void> {
    this.dirty = false;
    this.checkedAt = Date.now();
    const index = this.index;
    const position = this.position;
    if (index && position && index.tombstoneFraction < MAX_TOMBSTONE_FRACTION) {
      const look = await row<{ xmin: string; first: number | null; last: number | null; people: number[] }>(
        this.pool,
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
           (SELECT min(seq) FROM people_name_changes) AS first, (SELECT max(seq) FROM people_name_changes) AS last,
           ARRAY(SELECT DISTINCT person_id FROM people_name_changes WHERE xid >= $1::xid8 ORDER BY person_id) AS people`,
        [position.xmin],
      );
      const missedSome = look!.first !== null && look!.first > position.lastSeq + 1;
      if (!missedSome && look!.people.length <= MAX_INCREMENTAL_PEOPLE) {
        if (look!.people.length > 0) {
          index.removePeople(look!.people);
          index.add(await this.labelsOf(look!.people));
        }
        this.position = { xmin: look!.xmin, lastSeq: Math.max(position.lastSeq, look!.last ?? 0) };
        return;
      }
    }
    await this.rebuild();
  }

  private async rebuild(): Promise<void> {
    const started = performance.now();
    const start = await row<{ xmin: string; last: number | null }>(
      this.pool,
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, (SELECT max(seq) FROM people_name_changes) AS last',
    );
    const index = new PeopleNameIndex();
    for (let after = 0; ;) {
      const ids = (
        await rows<{ id: number }>(this.pool, 'SELECT id FROM people WHERE id > $1 ORDER BY id LIMIT $2', [after, BUILD_PAGE_PEOPLE])
      ).map((r) => r.id);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      const weights = await rows<{ person_id: number; n: number }>(
        this.pool,
        'SELECT person_id, count(*) AS n FROM event_participants WHERE person_id = ANY($1::bigint[]) GROUP BY person_id',
        [ids],
      );
      for (const w of weights) index.setWeight(w.person_id, w.n);
      index.add(await this.labelsOf(ids));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.index = index;
    this.position = { xmin: start!.xmin, lastSeq: start!.last ?? 0 };
    logger.debug({ people: index.size, ms: Math.round(performance.now() - started) }, 'name index built');
  }

  private async labelsOf(people: number[]): Promise<NameLabel[]> {
    const found = await rows<{ person_id: number; label: string; canonical: number }>(
      this.pool,
      `SELECT id AS person_id, name AS label, 1 AS canonical, 0 AS pos FROM people WHERE id = ANY($1::bigint[])
       UNION ALL SELECT person_id, alias, 0, pos FROM person_aliases WHERE person_id = ANY($1::bigint[])
       ORDER BY person_id, canonical DESC, pos`,
      [people],
    );
    return found.map((r) => ({ personId: r.person_id, label: r.label, isCanonical: r.canonical === 1 }));
  }
}
