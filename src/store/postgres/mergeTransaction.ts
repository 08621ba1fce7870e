// The SQL of one article's merge in PostgreSQL (src/merge/apply.ts decides; this only reads and
// writes). Each merge is one transaction on one pooled client that first takes a
// transaction-scoped advisory lock: merges from every process run one after another, as SQLite's
// BEGIN IMMEDIATE makes them, so concurrent ingest gives the timeline a serial one does.
import type pg from 'pg';
import type { CountryCode, IsoInstant } from '../../domain/types.ts';
import type { MergedEventFields } from '../../merge/report.ts';
import type { PersonMention, PersonRecord } from '../../merge/people.ts';
import type {
  EventChange,
  EventSnapshot,
  MergeBackend,
  MergeTransaction,
  StoredAlias,
  StoredEvent,
  StoredPerson,
  StoredQuote,
  StoredReport,
  StoredSource,
} from '../../merge/transaction.ts';
import { eventValues, parseList, toEvent, toSource, type SourceRow } from '../sqlite/mergeTransaction.ts';
import type { EventRow } from '../sqlite/eventPages.ts';
import { inTransaction, row, rows, run, type Queryable } from './sql.ts';

/** Advisory lock key held by every merge transaction. */
export const MERGE_LOCK_KEY = 0x6d657267; // 'merg'

/**
 * The id a new row of a merge table gets: one above the highest, as SQLite numbers rows (a
 * deleted top id is given again, and a cleared table starts at 1). Safe because every insert into
 * these tables happens under the merge lock; it keeps event ids equal on both backends.
 */
const NEXT_ID = (table: 'events' | 'people' | 'quotes') => `(SELECT coalesce(max(id), 0) + 1 FROM ${table})`;

const SOURCE_COLUMNS = 's.event_id, s.article_id, s.evidence, s.report_json, a.published_at';

export class PostgresMergeBackend implements MergeBackend {
  constructor(private readonly pool: pg.Pool) {}

  mergeTransaction<T>(work: (tx: MergeTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MERGE_LOCK_KEY]);
      // The database clock, read once: every row this merge stamps carries the same instant.
      const now = (await row<{ now: string }>(client, 'SELECT parley_now() AS now'))!.now;
      return work(new PostgresMergeTransaction(client, now));
    });
  }
}

/** The text search document of an event: summary first, then evidence, place and people. */
export async function refreshEventSearchDocument(db: Queryable, eventId: number): Promise<void> {
  await run(
    db,
    `INSERT INTO events_search (event_id, document)
     SELECT e.id,
       setweight(to_tsvector('parley_search', e.summary), 'A') ||
       setweight(to_tsvector('parley_search', coalesce((SELECT string_agg(s.evidence, E'\\n' ORDER BY s.article_id, s.evidence)
         FROM event_sources s WHERE s.event_id = e.id), '')), 'B') ||
       setweight(to_tsvector('parley_search', concat_ws(' ', e.city, e.country)), 'C') ||
       setweight(to_tsvector('parley_search', coalesce((SELECT string_agg(p.name || ' ' || coalesce(
           (SELECT string_agg(al.alias, ' ' ORDER BY al.pos) FROM person_aliases al WHERE al.person_id = p.id), ''), E'\\n' ORDER BY ep.pos)
         FROM event_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.event_id = e.id), '')), 'C')
     FROM events e WHERE e.id = $1
     ON CONFLICT (event_id) DO UPDATE SET document = excluded.document`,
    [eventId],
  );
}

class PostgresMergeTransaction implements MergeTransaction {
  constructor(
    private readonly db: pg.PoolClient,
    readonly now: IsoInstant,
  ) {}

  private all<R>(sql: string, ...params: unknown[]): Promise<R[]> {
    return rows<R>(this.db, sql, params);
  }

  private get<R>(sql: string, ...params: unknown[]): Promise<R | undefined> {
    return row<R>(this.db, sql, params);
  }

  private async run(sql: string, ...params: unknown[]): Promise<void> {
    await run(this.db, sql, params);
  }

  private async ids(sql: string, ...params: unknown[]): Promise<number[]> {
    return (await this.all<{ id: number }>(sql, ...params)).map((r) => r.id);
  }

  async articleExists(articleId: number): Promise<boolean> {
    return (await this.get('SELECT id FROM articles WHERE id = $1', articleId)) !== undefined;
  }

  async markExtracted(articleId: number, version: number): Promise<void> {
    await this.run('UPDATE articles SET extracted_version = $1 WHERE id = $2', version, articleId);
  }

  async peopleMentionedBy(articleId: number): Promise<number[]> {
    return this.ids('SELECT DISTINCT person_id AS id FROM person_mentions WHERE article_id = $1 ORDER BY person_id', articleId);
  }

  async sourcesOfArticle(articleId: number): Promise<StoredSource[]> {
    return (
      await this.all<SourceRow>(
        `SELECT ${SOURCE_COLUMNS} FROM event_sources s JOIN articles a ON a.id = s.article_id WHERE s.article_id = $1
         ORDER BY s.event_id, s.evidence`,
        articleId,
      )
    ).map(toSource);
  }

  async forgetContribution(articleId: number): Promise<void> {
    await this.run('DELETE FROM event_sources WHERE article_id = $1', articleId);
    await this.run('DELETE FROM person_mentions WHERE article_id = $1', articleId);
  }

  // ---------------------------------------------------------------- people

  async aliasesWithoutSurnameKey(): Promise<Array<{ personId: number; alias: string; aliasNorm: string }>> {
    return (
      await this.all<{ person_id: number; alias: string; alias_norm: string }>(
        'SELECT person_id, alias, alias_norm FROM person_aliases WHERE surname_key IS NULL ORDER BY person_id, pos',
      )
    ).map((r) => ({ personId: r.person_id, alias: r.alias, aliasNorm: r.alias_norm }));
  }

  async setSurnameKey(personId: number, aliasNorm: string, surnameKey: string): Promise<void> {
    await this.run('UPDATE person_aliases SET surname_key = $1 WHERE person_id = $2 AND alias_norm = $3', surnameKey, personId, aliasNorm);
  }

  async peopleWithSurnameKeys(surnameKeys: string[]): Promise<PersonRecord[]> {
    const records = new Map<number, PersonRecord>();
    const people = await this.all<{ id: number; name: string; country: string | null; mentions: number }>(
      `SELECT p.id, p.name, p.country, (SELECT count(*) FROM person_mentions m WHERE m.person_id = p.id) AS mentions
       FROM people p WHERE p.id IN (SELECT person_id FROM person_aliases WHERE surname_key = ANY($1::text[])) ORDER BY p.id`,
      surnameKeys,
    );
    for (const r of people) records.set(r.id, { id: r.id, names: [r.name], country: r.country, mentions: r.mentions });
    const aliases = await this.all<{ person_id: number; alias: string }>(
      `SELECT person_id, alias FROM person_aliases WHERE person_id IN (
         SELECT person_id FROM person_aliases WHERE surname_key = ANY($1::text[])) ORDER BY person_id, pos`,
      surnameKeys,
    );
    for (const a of aliases) {
      const rec = records.get(a.person_id);
      if (rec && !rec.names.includes(a.alias)) rec.names.push(a.alias);
    }
    return [...records.values()];
  }

  async insertPerson(person: { name: string; country: CountryCode | null; role: string | null }): Promise<number> {
    const r = await this.get<{ id: number }>(
      `INSERT INTO people (id, name, country, role, roles_json, first_seen_at, last_seen_at)
       VALUES (${NEXT_ID('people')}, $1, $2, $3, '[]', $4, $4) RETURNING id`,
      person.name,
      person.country,
      person.role,
      this.now,
    );
    return r!.id;
  }

  async insertMention(personId: number, articleId: number, mention: PersonMention): Promise<void> {
    await this.run(
      'INSERT INTO person_mentions (person_id, article_id, name, aliases_json, country, role) VALUES ($1, $2, $3, $4, $5, $6)',
      personId,
      articleId,
      mention.name,
      JSON.stringify(mention.aliases),
      mention.country,
      mention.role,
    );
  }

  async person(personId: number): Promise<StoredPerson | null> {
    const r = await this.get<{ id: number; name: string; country: string | null; role: string | null; roles_json: string }>(
      'SELECT id, name, country, role, roles_json FROM people WHERE id = $1',
      personId,
    );
    return r
      ? { id: r.id, name: r.name, country: r.country, role: r.role, roles: parseList(r.roles_json, `roles of person ${r.id}`) }
      : null;
  }

  async mentionsOf(personId: number): Promise<PersonMention[]> {
    return (
      await this.all<{ name: string; aliases_json: string; country: string | null; role: string | null }>(
        `SELECT m.name, m.aliases_json, m.country, m.role FROM person_mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.person_id = $1 ORDER BY a.published_at ASC NULLS FIRST, a.id, m.id`,
        personId,
      )
    ).map((m) => ({ name: m.name, aliases: parseList(m.aliases_json, `aliases of person ${personId}`), country: m.country, role: m.role }));
  }

  async updatePerson(
    personId: number,
    f: { name: string; country: CountryCode | null; role: string | null; roles: string[] },
  ): Promise<void> {
    await this.run(
      'UPDATE people SET name = $1, country = $2, role = $3, roles_json = $4 WHERE id = $5',
      f.name,
      f.country,
      f.role,
      JSON.stringify(f.roles),
      personId,
    );
  }

  async setLastSeen(personId: number, at: IsoInstant): Promise<void> {
    await this.run('UPDATE people SET last_seen_at = $1 WHERE id = $2', at, personId);
  }

  async deletePerson(personId: number): Promise<void> {
    await this.run('DELETE FROM people WHERE id = $1', personId);
  }

  async aliasesOf(personId: number): Promise<StoredAlias[]> {
    return (
      await this.all<{ alias: string; alias_norm: string }>(
        'SELECT alias, alias_norm FROM person_aliases WHERE person_id = $1 ORDER BY alias_norm',
        personId,
      )
    ).map((r) => ({ alias: r.alias, aliasNorm: r.alias_norm }));
  }

  async deleteAlias(personId: number, aliasNorm: string): Promise<void> {
    await this.run('DELETE FROM person_aliases WHERE person_id = $1 AND alias_norm = $2', personId, aliasNorm);
  }

  async putAlias(personId: number, alias: StoredAlias, surnameKey: string): Promise<void> {
    // Replacing is a delete and a fresh insert, so the alias takes the last position (SQLite's INSERT OR REPLACE).
    await this.deleteAlias(personId, alias.aliasNorm);
    await this.run(
      'INSERT INTO person_aliases (person_id, alias, alias_norm, surname_key) VALUES ($1, $2, $3, $4)',
      personId,
      alias.alias,
      alias.aliasNorm,
      surnameKey,
    );
  }

  async reassignPerson(dropId: number, keepId: number): Promise<void> {
    await this.run(
      `INSERT INTO event_participants (event_id, person_id) SELECT event_id, $1 FROM event_participants WHERE person_id = $2 ORDER BY event_id
       ON CONFLICT DO NOTHING`,
      keepId,
      dropId,
    );
    await this.run('UPDATE person_mentions SET person_id = $1 WHERE person_id = $2', keepId, dropId);
    await this.run('UPDATE quotes SET person_id = $1 WHERE person_id = $2', keepId, dropId);
    await this.run('DELETE FROM people WHERE id = $1', dropId);
  }

  async eventsWithParticipant(personId: number): Promise<number[]> {
    return this.ids('SELECT event_id AS id FROM event_participants WHERE person_id = $1 ORDER BY event_id', personId);
  }

  async renameSpeaker(personId: number, name: string): Promise<void> {
    // quotes.search is a generated column: it follows the speaker by itself.
    await this.run('UPDATE quotes SET speaker = $1 WHERE person_id = $2', name, personId);
  }

  // ---------------------------------------------------------------- events

  async allEventIds(): Promise<number[]> {
    return this.ids('SELECT id FROM events ORDER BY id');
  }

  async eventIdsDated(firstFrom: string, firstTo: string, lastFrom: string): Promise<number[]> {
    return this.ids(
      'SELECT id FROM events WHERE date BETWEEN $1 AND $2 AND COALESCE(date_to, date) >= $3 ORDER BY id',
      firstFrom,
      firstTo,
      lastFrom,
    );
  }

  async undatedEventIdsPublished(from: string, to: string): Promise<number[]> {
    return this.ids(
      `SELECT DISTINCT e.id FROM articles a JOIN event_sources s ON s.article_id = a.id JOIN events e ON e.id = s.event_id
       WHERE a.published_at BETWEEN $1 AND $2 AND e.date IS NULL ORDER BY e.id`,
      from,
      to,
    );
  }

  async events(ids: number[]): Promise<StoredEvent[]> {
    return (await this.all<EventRow>('SELECT * FROM events WHERE id = ANY($1::bigint[]) ORDER BY id', ids)).map(toEvent);
  }

  async sourcesOf(eventIds: number[]): Promise<StoredSource[]> {
    return (
      await this.all<SourceRow>(
        `SELECT ${SOURCE_COLUMNS} FROM event_sources s JOIN articles a ON a.id = s.article_id
         WHERE s.event_id = ANY($1::bigint[]) ORDER BY s.event_id, s.article_id, s.evidence`,
        eventIds,
      )
    ).map(toSource);
  }

  async participantsOf(eventId: number): Promise<number[]> {
    return (
      await this.all<{ person_id: number }>('SELECT person_id FROM event_participants WHERE event_id = $1 ORDER BY pos', eventId)
    ).map((r) => r.person_id);
  }

  async insertEvent(f: MergedEventFields): Promise<number> {
    const r = await this.get<{ id: number }>(
      `INSERT INTO events (id, kind, status, date, date_to, approx, city, country, sides_json, summary, first_seen_at, updated_at)
       VALUES (GREATEST(${NEXT_ID('events')}, (SELECT COALESCE(max(event_id), 0) + 1 FROM event_redirects)), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      ...eventValues(f),
      this.now,
    );
    return r!.id;
  }

  async addSource(eventId: number, articleId: number, evidence: string, report: StoredReport): Promise<void> {
    await this.run(
      `INSERT INTO event_sources (event_id, article_id, evidence, reported_status, report_json) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      eventId,
      articleId,
      evidence,
      report.status,
      JSON.stringify(report),
    );
  }

  async updateSourceReport(eventId: number, articleId: number, evidence: string, report: StoredReport): Promise<void> {
    await this.run(
      'UPDATE event_sources SET report_json = $1 WHERE event_id = $2 AND article_id = $3 AND evidence = $4',
      JSON.stringify(report),
      eventId,
      articleId,
      evidence,
    );
  }

  async moveSources(fromEventId: number, toEventId: number): Promise<void> {
    await this.run(
      `INSERT INTO event_sources (event_id, article_id, evidence, reported_status, report_json)
       SELECT $1, article_id, evidence, reported_status, report_json FROM event_sources WHERE event_id = $2 ORDER BY article_id, evidence
       ON CONFLICT DO NOTHING`,
      toEventId,
      fromEventId,
    );
    await this.run('DELETE FROM event_sources WHERE event_id = $1', fromEventId);
  }

  async snapshot(eventId: number): Promise<EventSnapshot | null> {
    const r = await this.get<EventRow>('SELECT * FROM events WHERE id = $1', eventId);
    if (!r) return null;
    const sources = await this.all<{ article_id: number; evidence: string; reported_status: StoredReport['status'] }>(
      'SELECT article_id, evidence, reported_status FROM event_sources WHERE event_id = $1 ORDER BY article_id, evidence',
      eventId,
    );
    return {
      event: toEvent(r),
      participants: await this.participantsOf(eventId),
      sources: sources.map((s) => ({ articleId: s.article_id, evidence: s.evidence, reportedStatus: s.reported_status })),
    };
  }

  async updateEvent(eventId: number, f: Omit<MergedEventFields, 'participants'>): Promise<void> {
    await this.run(
      `UPDATE events SET kind = $1, status = $2, date = $3, date_to = $4, approx = $5, city = $6, country = $7, sides_json = $8, summary = $9
       WHERE id = $10`,
      ...eventValues(f),
      eventId,
    );
  }

  async sidesOf(eventId: number): Promise<CountryCode[]> {
    return (await this.all<{ side: string }>('SELECT side FROM event_sides WHERE event_id = $1 ORDER BY side', eventId)).map((r) => r.side);
  }

  async replaceSides(eventId: number, sides: CountryCode[]): Promise<void> {
    await this.run('DELETE FROM event_sides WHERE event_id = $1', eventId);
    await this.run(
      'INSERT INTO event_sides (event_id, side) SELECT $1, side FROM unnest($2::text[]) WITH ORDINALITY AS t(side, n) ORDER BY n ON CONFLICT DO NOTHING',
      eventId,
      sides,
    );
  }

  async replaceParticipants(eventId: number, personIds: number[]): Promise<void> {
    await this.run('DELETE FROM event_participants WHERE event_id = $1', eventId);
    await this.run(
      `INSERT INTO event_participants (event_id, person_id) SELECT $1, person_id FROM unnest($2::bigint[]) WITH ORDINALITY AS t(person_id, n) ORDER BY n
       ON CONFLICT DO NOTHING`,
      eventId,
      personIds,
    );
  }

  async touchEvent(eventId: number): Promise<void> {
    await this.run('UPDATE events SET updated_at = $1 WHERE id = $2', this.now, eventId);
  }

  async deleteEvent(eventId: number, joinedInto: number | null = null): Promise<void> {
    await this.run('DELETE FROM events WHERE id = $1', eventId);
    // The id is retired: never given again, and it resolves to where its sources went.
    await this.run(
      `INSERT INTO event_redirects (event_id, into_id, retired_at) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO UPDATE SET into_id = excluded.into_id, retired_at = excluded.retired_at`,
      eventId,
      joinedInto,
      this.now,
    );
    await this.run('UPDATE event_redirects SET into_id = $1 WHERE into_id = $2', joinedInto, eventId);
  }

  async recordEventChange(c: EventChange): Promise<void> {
    await this.run(
      // Still unset first_extracted_at means this merge is the article's first extraction (as SQLite's).
      `INSERT INTO event_changes (event_id, created, from_status, to_status, added_people_json, article_id, at, first_extraction)
       VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE((SELECT CASE WHEN first_extracted_at IS NULL THEN 1 ELSE 0 END FROM articles WHERE id = $6), 1))`,
      c.eventId,
      c.created ? 1 : 0,
      c.fromStatus,
      c.toStatus,
      JSON.stringify(c.addedPeople),
      c.articleId,
      this.now,
    );
  }

  async refreshEventSearch(eventId: number): Promise<void> {
    await refreshEventSearchDocument(this.db, eventId);
  }

  // ---------------------------------------------------------------- quotes

  async quotesOfArticle(articleId: number): Promise<StoredQuote[]> {
    return (
      await this.all<{ id: number; text: string; person_id: number | null; speaker: string | null; date: string | null }>(
        'SELECT id, text, person_id, speaker, date FROM quotes WHERE article_id = $1 ORDER BY id',
        articleId,
      )
    ).map((q) => ({ id: q.id, text: q.text, personId: q.person_id, speaker: q.speaker, date: q.date }));
  }

  async personName(personId: number): Promise<string | null> {
    return (await this.get<{ name: string }>('SELECT name FROM people WHERE id = $1', personId))?.name ?? null;
  }

  async deleteQuote(quoteId: number): Promise<void> {
    await this.run('DELETE FROM quotes WHERE id = $1', quoteId);
  }

  async updateQuote(quoteId: number, f: { personId: number | null; speaker: string | null; date: string | null }): Promise<void> {
    await this.run('UPDATE quotes SET person_id = $1, speaker = $2, date = $3 WHERE id = $4', f.personId, f.speaker, f.date, quoteId);
  }

  async insertQuote(
    articleId: number,
    q: { personId: number | null; speaker: string | null; text: string; date: string | null },
  ): Promise<void> {
    await this.run(
      `INSERT INTO quotes (id, person_id, speaker, text, date, article_id) VALUES (${NEXT_ID('quotes')}, $1, $2, $3, $4, $5)`,
      q.personId,
      q.speaker,
      q.text,
      q.date,
      articleId,
    );
  }
}
