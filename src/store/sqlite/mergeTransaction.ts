// The SQL of one article's merge (src/merge/apply.ts decides; this only reads and writes). Every
// call is synchronous better-sqlite3 work behind the async `MergeTransaction` interface.
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { CountryCode, IsoInstant } from '../../domain/types.ts';
import type { MergedEventFields } from '../../merge/report.ts';
import type { PersonMention, PersonRecord } from '../../merge/people.ts';
import {
  parseStoredReport,
  type EventChange,
  type EventSnapshot,
  type MergeBackend,
  type MergeTransaction,
  type StoredAlias,
  type StoredEvent,
  type StoredPerson,
  type StoredQuote,
  type StoredReport,
  type StoredSource,
} from '../../merge/transaction.ts';
import type { EventRow } from './eventPages.ts';

const stringList = z.array(z.string());

export function parseList(json: string, what: string): string[] {
  const parsed = stringList.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`corrupt ${what} in the store: ${parsed.error.message}`);
  return parsed.data;
}

/** An event source joined with its article's publication day, as both backends read it. */
export interface SourceRow {
  event_id: number;
  article_id: number;
  evidence: string;
  report_json: string;
  published_at: string | null;
}

export function toSource(row: SourceRow): StoredSource {
  return {
    eventId: row.event_id,
    articleId: row.article_id,
    evidence: row.evidence,
    report: parseStoredReport(JSON.parse(row.report_json), `event ${row.event_id}`),
    publishedAt: row.published_at,
  };
}

export function toEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    date: row.date,
    dateTo: row.date_to,
    approx: row.approx === 1,
    location: { city: row.city, country: row.country },
    sides: parseList(row.sides_json, `sides of event ${row.id}`),
    summary: row.summary,
  };
}

/** The values of the columns kind, status, date, date_to, approx, city, country, sides_json, summary. */
export function eventValues(f: Omit<MergedEventFields, 'participants'>): unknown[] {
  return [f.kind, f.status, f.date, f.dateTo, f.approx ? 1 : 0, f.location.city, f.location.country, JSON.stringify(f.sides), f.summary];
}

const SOURCE_COLUMNS = 's.event_id, s.article_id, s.evidence, s.report_json, a.published_at';

/**
 * Runs merges on one better-sqlite3 connection, one at a time: the merge is async, so two merges
 * started together would otherwise both open a transaction on the same connection.
 */
export class SqliteMergeBackend implements MergeBackend {
  private readonly statements = new Map<string, Statement>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  mergeTransaction<T>(work: (tx: MergeTransaction) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      // IMMEDIATE: the write lock before the first read, so another process cannot change the
      // candidates between reading and writing them.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(new SqliteMergeTransaction((sql) => this.stmt(sql), this.now().toISOString()));
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Prepared once, on first use (the repo may be built before every migration ran in tests). */
  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}

class SqliteMergeTransaction implements MergeTransaction {
  constructor(
    private readonly stmt: (sql: string) => Statement,
    readonly now: IsoInstant,
  ) {}

  private all<R>(sql: string, ...params: unknown[]): R[] {
    return this.stmt(sql).all(...params) as R[];
  }

  private get<R>(sql: string, ...params: unknown[]): R | undefined {
    return this.stmt(sql).get(...params) as R | undefined;
  }

  private run(sql: string, ...params: unknown[]): number {
    return Number(this.stmt(sql).run(...params).lastInsertRowid);
  }

  async articleExists(articleId: number): Promise<boolean> {
    return this.get('SELECT id FROM articles WHERE id = ?', articleId) !== undefined;
  }

  async markExtracted(articleId: number, version: number): Promise<void> {
    this.run('UPDATE articles SET extracted_version = ? WHERE id = ?', version, articleId);
  }

  async peopleMentionedBy(articleId: number): Promise<number[]> {
    return this.all<{ person_id: number }>('SELECT DISTINCT person_id FROM person_mentions WHERE article_id = ?', articleId).map(
      (r) => r.person_id,
    );
  }

  async sourcesOfArticle(articleId: number): Promise<StoredSource[]> {
    return this.all<SourceRow>(
      `SELECT ${SOURCE_COLUMNS} FROM event_sources s JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? ORDER BY s.event_id`,
      articleId,
    ).map(toSource);
  }

  async forgetContribution(articleId: number): Promise<void> {
    this.run('DELETE FROM event_sources WHERE article_id = ?', articleId);
    this.run('DELETE FROM person_mentions WHERE article_id = ?', articleId);
  }

  // ---------------------------------------------------------------- people

  async aliasesWithoutSurnameKey(): Promise<Array<{ personId: number; alias: string; aliasNorm: string }>> {
    return this.all<{ person_id: number; alias: string; alias_norm: string }>(
      'SELECT person_id, alias, alias_norm FROM person_aliases WHERE surname_key IS NULL',
    ).map((r) => ({ personId: r.person_id, alias: r.alias, aliasNorm: r.alias_norm }));
  }

  async setSurnameKey(personId: number, aliasNorm: string, surnameKey: string): Promise<void> {
    this.run('UPDATE person_aliases SET surname_key = ? WHERE person_id = ? AND alias_norm = ?', surnameKey, personId, aliasNorm);
  }

  async peopleWithSurnameKeys(surnameKeys: string[]): Promise<PersonRecord[]> {
    const keyJson = JSON.stringify(surnameKeys);
    const records = new Map<number, PersonRecord>();
    const rows = this.all<{ id: number; name: string; country: string | null; mentions: number }>(
      `SELECT p.id, p.name, p.country, (SELECT COUNT(*) FROM person_mentions m WHERE m.person_id = p.id) AS mentions
       FROM people p WHERE p.id IN (SELECT person_id FROM person_aliases WHERE surname_key IN (SELECT value FROM json_each(?)))
       ORDER BY p.id`,
      keyJson,
    );
    for (const r of rows) records.set(r.id, { id: r.id, names: [r.name], country: r.country, mentions: r.mentions });
    const aliases = this.all<{ person_id: number; alias: string }>(
      `SELECT person_id, alias FROM person_aliases WHERE person_id IN (
         SELECT person_id FROM person_aliases WHERE surname_key IN (SELECT value FROM json_each(?)))`,
      keyJson,
    );
    for (const a of aliases) {
      const rec = records.get(a.person_id);
      if (rec && !rec.names.includes(a.alias)) rec.names.push(a.alias);
    }
    return [...records.values()];
  }

  async insertPerson(person: { name: string; country: CountryCode | null; role: string | null }): Promise<number> {
    return this.run(
      'INSERT INTO people (name, country, role, roles_json, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
      person.name,
      person.country,
      person.role,
      '[]',
      this.now,
      this.now,
    );
  }

  async insertMention(personId: number, articleId: number, mention: PersonMention): Promise<void> {
    this.run(
      'INSERT INTO person_mentions (person_id, article_id, name, aliases_json, country, role) VALUES (?, ?, ?, ?, ?, ?)',
      personId,
      articleId,
      mention.name,
      JSON.stringify(mention.aliases),
      mention.country,
      mention.role,
    );
  }

  async person(personId: number): Promise<StoredPerson | null> {
    const row = this.get<{ id: number; name: string; country: string | null; role: string | null; roles_json: string }>(
      'SELECT id, name, country, role, roles_json FROM people WHERE id = ?',
      personId,
    );
    return row
      ? { id: row.id, name: row.name, country: row.country, role: row.role, roles: parseList(row.roles_json, `roles of person ${row.id}`) }
      : null;
  }

  async mentionsOf(personId: number): Promise<PersonMention[]> {
    return this.all<{ name: string; aliases_json: string; country: string | null; role: string | null }>(
      `SELECT m.name, m.aliases_json, m.country, m.role FROM person_mentions m JOIN articles a ON a.id = m.article_id
       WHERE m.person_id = ? ORDER BY a.published_at IS NOT NULL, a.published_at, a.id, m.id`,
      personId,
    ).map((m) => ({ name: m.name, aliases: parseList(m.aliases_json, `aliases of person ${personId}`), country: m.country, role: m.role }));
  }

  async updatePerson(
    personId: number,
    f: { name: string; country: CountryCode | null; role: string | null; roles: string[] },
  ): Promise<void> {
    this.run(
      'UPDATE people SET name = ?, country = ?, role = ?, roles_json = ? WHERE id = ?',
      f.name,
      f.country,
      f.role,
      JSON.stringify(f.roles),
      personId,
    );
  }

  async setLastSeen(personId: number, at: IsoInstant): Promise<void> {
    this.run('UPDATE people SET last_seen_at = ? WHERE id = ?', at, personId);
  }

  async deletePerson(personId: number): Promise<void> {
    this.run('DELETE FROM people WHERE id = ?', personId);
  }

  async aliasesOf(personId: number): Promise<StoredAlias[]> {
    return this.all<{ alias: string; alias_norm: string }>(
      'SELECT alias, alias_norm FROM person_aliases WHERE person_id = ?',
      personId,
    ).map((r) => ({
      alias: r.alias,
      aliasNorm: r.alias_norm,
    }));
  }

  async deleteAlias(personId: number, aliasNorm: string): Promise<void> {
    this.run('DELETE FROM person_aliases WHERE person_id = ? AND alias_norm = ?', personId, aliasNorm);
  }

  async putAlias(personId: number, alias: StoredAlias, surnameKey: string): Promise<void> {
    this.run(
      'INSERT OR REPLACE INTO person_aliases (person_id, alias, alias_norm, surname_key) VALUES (?, ?, ?, ?)',
      personId,
      alias.alias,
      alias.aliasNorm,
      surnameKey,
    );
  }

  async reassignPerson(dropId: number, keepId: number): Promise<void> {
    this.run(
      'INSERT OR IGNORE INTO event_participants (event_id, person_id) SELECT event_id, ? FROM event_participants WHERE person_id = ?',
      keepId,
      dropId,
    );
    this.run('UPDATE person_mentions SET person_id = ? WHERE person_id = ?', keepId, dropId);
    this.run('UPDATE quotes SET person_id = ? WHERE person_id = ?', keepId, dropId);
    this.run('DELETE FROM people WHERE id = ?', dropId);
  }

  async eventsWithParticipant(personId: number): Promise<number[]> {
    return this.all<{ event_id: number }>('SELECT event_id FROM event_participants WHERE person_id = ?', personId).map((r) => r.event_id);
  }

  async renameSpeaker(personId: number, name: string): Promise<void> {
    this.run('UPDATE quotes SET speaker = ? WHERE person_id = ?', name, personId);
    for (const q of this.all<{ id: number }>('SELECT id FROM quotes WHERE person_id = ?', personId)) this.refreshQuoteSearch(q.id);
  }

  // ---------------------------------------------------------------- events

  async allEventIds(): Promise<number[]> {
    return this.all<{ id: number }>('SELECT id FROM events').map((r) => r.id);
  }

  async eventIdsDated(firstFrom: string, firstTo: string, lastFrom: string): Promise<number[]> {
    return this.all<{ id: number }>(
      'SELECT id FROM events WHERE date BETWEEN ? AND ? AND COALESCE(date_to, date) >= ?',
      firstFrom,
      firstTo,
      lastFrom,
    ).map((r) => r.id);
  }

  async undatedEventIdsPublished(from: string, to: string): Promise<number[]> {
    return this.all<{ id: number }>(
      `SELECT DISTINCT e.id FROM articles a JOIN event_sources s ON s.article_id = a.id JOIN events e ON e.id = s.event_id
       WHERE a.published_at BETWEEN ? AND ? AND e.date IS NULL`,
      from,
      to,
    ).map((r) => r.id);
  }

  async events(ids: number[]): Promise<StoredEvent[]> {
    return this.all<EventRow>('SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id', JSON.stringify(ids)).map(
      toEvent,
    );
  }

  async sourcesOf(eventIds: number[]): Promise<StoredSource[]> {
    if (eventIds.length === 1) {
      return this.all<SourceRow>(
        `SELECT ${SOURCE_COLUMNS} FROM event_sources s JOIN articles a ON a.id = s.article_id WHERE s.event_id = ?`,
        eventIds[0],
      ).map(toSource);
    }
    return this.all<SourceRow>(
      `SELECT ${SOURCE_COLUMNS} FROM event_sources s JOIN articles a ON a.id = s.article_id
       WHERE s.event_id IN (SELECT value FROM json_each(?)) ORDER BY s.event_id`,
      JSON.stringify(eventIds),
    ).map(toSource);
  }

  async participantsOf(eventId: number): Promise<number[]> {
    return this.all<{ person_id: number }>('SELECT person_id FROM event_participants WHERE event_id = ? ORDER BY rowid', eventId).map(
      (r) => r.person_id,
    );
  }

  async insertEvent(f: MergedEventFields): Promise<number> {
    return this.run(
      // Above every id ever given, retired ones included, so an old id never names a new event.
      `INSERT INTO events (id, kind, status, date, date_to, approx, city, country, sides_json, summary, first_seen_at, updated_at)
       VALUES (MAX((SELECT COALESCE(MAX(id), 0) FROM events), (SELECT COALESCE(MAX(event_id), 0) FROM event_redirects)) + 1,
         ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...eventValues(f),
      this.now,
      this.now,
    );
  }

  async addSource(eventId: number, articleId: number, evidence: string, report: StoredReport): Promise<void> {
    this.run(
      'INSERT OR IGNORE INTO event_sources (event_id, article_id, evidence, reported_status, report_json) VALUES (?, ?, ?, ?, ?)',
      eventId,
      articleId,
      evidence,
      report.status,
      JSON.stringify(report),
    );
  }

  async updateSourceReport(eventId: number, articleId: number, evidence: string, report: StoredReport): Promise<void> {
    this.run(
      'UPDATE event_sources SET report_json = ? WHERE event_id = ? AND article_id = ? AND evidence = ?',
      JSON.stringify(report),
      eventId,
      articleId,
      evidence,
    );
  }

  async moveSources(fromEventId: number, toEventId: number): Promise<void> {
    this.run(
      `INSERT OR IGNORE INTO event_sources (event_id, article_id, evidence, reported_status, report_json)
       SELECT ?, article_id, evidence, reported_status, report_json FROM event_sources WHERE event_id = ?`,
      toEventId,
      fromEventId,
    );
    this.run('DELETE FROM event_sources WHERE event_id = ?', fromEventId);
  }

  async snapshot(eventId: number): Promise<EventSnapshot | null> {
    const row = this.get<EventRow>('SELECT * FROM events WHERE id = ?', eventId);
    if (!row) return null;
    const sources = this.all<{ article_id: number; evidence: string; reported_status: StoredReport['status'] }>(
      'SELECT article_id, evidence, reported_status FROM event_sources WHERE event_id = ? ORDER BY article_id, evidence',
      eventId,
    );
    return {
      event: toEvent(row),
      participants: await this.participantsOf(eventId),
      sources: sources.map((s) => ({ articleId: s.article_id, evidence: s.evidence, reportedStatus: s.reported_status })),
    };
  }

  async updateEvent(eventId: number, f: Omit<MergedEventFields, 'participants'>): Promise<void> {
    this.run(
      `UPDATE events SET kind = ?, status = ?, date = ?, date_to = ?, approx = ?, city = ?, country = ?, sides_json = ?, summary = ?
       WHERE id = ?`,
      ...eventValues(f),
      eventId,
    );
  }

  async sidesOf(eventId: number): Promise<CountryCode[]> {
    return this.all<{ side: string }>('SELECT side FROM event_sides WHERE event_id = ? ORDER BY side', eventId).map((r) => r.side);
  }

  async replaceSides(eventId: number, sides: CountryCode[]): Promise<void> {
    this.run('DELETE FROM event_sides WHERE event_id = ?', eventId);
    for (const side of sides) this.run('INSERT OR IGNORE INTO event_sides (event_id, side) VALUES (?, ?)', eventId, side);
  }

  async replaceParticipants(eventId: number, personIds: number[]): Promise<void> {
    this.run('DELETE FROM event_participants WHERE event_id = ?', eventId);
    for (const p of personIds) this.run('INSERT OR IGNORE INTO event_participants (event_id, person_id) VALUES (?, ?)', eventId, p);
  }

  async touchEvent(eventId: number): Promise<void> {
    this.run('UPDATE events SET updated_at = ? WHERE id = ?', this.now, eventId);
  }

  async deleteEvent(eventId: number, joinedInto: number | null = null): Promise<void> {
    this.run('DELETE FROM events WHERE id = ?', eventId);
    this.run('INSERT OR REPLACE INTO event_redirects (event_id, into_id, retired_at) VALUES (?, ?, ?)', eventId, joinedInto, this.now);
    // Ids that resolved to this event resolve to where it went (or nowhere) from now on.
    this.run('UPDATE event_redirects SET into_id = ? WHERE into_id = ?', joinedInto, eventId);
    this.run('DELETE FROM events_fts WHERE rowid = ?', eventId);
  }

  async recordEventChange(c: EventChange): Promise<void> {
    this.run(
      // The article's first extraction is stamped when the merge marks it extracted, at its end:
      // here it is still unset exactly when this merge is that first extraction.
      `INSERT INTO event_changes (event_id, created, from_status, to_status, added_people_json, article_id, at, first_extraction)
       VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT first_extracted_at IS NULL FROM articles WHERE id = ?), 1))`,
      c.eventId,
      c.created ? 1 : 0,
      c.fromStatus,
      c.toStatus,
      JSON.stringify(c.addedPeople),
      c.articleId,
      this.now,
      c.articleId,
    );
  }

  async refreshEventSearch(eventId: number): Promise<void> {
    this.run('DELETE FROM events_fts WHERE rowid = ?', eventId);
    const row = this.get<EventRow>('SELECT * FROM events WHERE id = ?', eventId);
    if (!row) return;
    const evidence = this.all<{ evidence: string }>(
      'SELECT evidence FROM event_sources WHERE event_id = ? ORDER BY article_id, evidence',
      eventId,
    )
      .map((r) => r.evidence)
      .join('\n');
    const people = this.all<{ name: string; aliases: string | null }>(
      `SELECT p.name, (SELECT group_concat(alias, ' ') FROM person_aliases WHERE person_id = p.id) AS aliases
       FROM event_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ? ORDER BY ep.rowid`,
      eventId,
    )
      .map((r) => [r.name, r.aliases ?? ''].join(' ').trim())
      .join('\n');
    const place = [row.city, row.country].filter(Boolean).join(' ');
    this.run(
      'INSERT INTO events_fts (rowid, summary, evidence, place, people) VALUES (?, ?, ?, ?, ?)',
      eventId,
      row.summary,
      evidence,
      place,
      people,
    );
  }

  // ---------------------------------------------------------------- quotes

  async quotesOfArticle(articleId: number): Promise<StoredQuote[]> {
    return this.all<{ id: number; text: string; person_id: number | null; speaker: string | null; date: string | null }>(
      'SELECT id, text, person_id, speaker, date FROM quotes WHERE article_id = ?',
      articleId,
    ).map((q) => ({ id: q.id, text: q.text, personId: q.person_id, speaker: q.speaker, date: q.date }));
  }

  async personName(personId: number): Promise<string | null> {
    return this.get<{ name: string }>('SELECT name FROM people WHERE id = ?', personId)?.name ?? null;
  }

  async deleteQuote(quoteId: number): Promise<void> {
    this.run('DELETE FROM quotes WHERE id = ?', quoteId);
    this.run('DELETE FROM quotes_fts WHERE rowid = ?', quoteId);
  }

  async updateQuote(quoteId: number, f: { personId: number | null; speaker: string | null; date: string | null }): Promise<void> {
    this.run('UPDATE quotes SET person_id = ?, speaker = ?, date = ? WHERE id = ?', f.personId, f.speaker, f.date, quoteId);
    this.refreshQuoteSearch(quoteId);
  }

  async insertQuote(
    articleId: number,
    q: { personId: number | null; speaker: string | null; text: string; date: string | null },
  ): Promise<void> {
    const id = this.run(
      'INSERT INTO quotes (person_id, speaker, text, date, article_id) VALUES (?, ?, ?, ?, ?)',
      q.personId,
      q.speaker,
      q.text,
      q.date,
      articleId,
    );
    this.refreshQuoteSearch(id);
  }

  private refreshQuoteSearch(quoteId: number): void {
    this.run('DELETE FROM quotes_fts WHERE rowid = ?', quoteId);
    const q = this.get<{ speaker: string | null; text: string }>('SELECT speaker, text FROM quotes WHERE id = ?', quoteId);
    if (q) this.run('INSERT INTO quotes_fts (rowid, speaker, text) VALUES (?, ?, ?)', quoteId, q.speaker ?? '', q.text);
  }
}
