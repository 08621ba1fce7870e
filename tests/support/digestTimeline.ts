// Writes timeline rows (articles, people, events, quotes) straight into a store's SQLite file with
// explicit timestamps, so digest tests can say exactly when each change happened.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { normalizeName } from '../../src/extract/people/nameMatch.ts';

export class DigestTimeline {
  readonly db: Database;
  #articles = 0;

  constructor(path: string) {
    this.db = new BetterSqlite3(path);
    this.db.pragma('busy_timeout = 5000');
  }

  article(input: { url?: string | null; file?: string | null; title?: string; fetchedAt: string; publishedAt?: string | null }): number {
    this.#articles += 1;
    const text = `article ${this.#articles} ${input.title ?? ''}`;
    const info = this.db
      .prepare(
        `INSERT INTO articles (url, file, title, text, published_at, fetched_at, content_hash, simhash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.url ?? null,
        input.file ?? null,
        input.title ?? null,
        text,
        input.publishedAt ?? null,
        input.fetchedAt,
        createHash('sha256').update(text).digest('hex'),
        '0000000000000000',
      );
    return Number(info.lastInsertRowid);
  }

  person(name: string, country: string | null, at: string, aliases: string[] = []): number {
    const info = this.db
      .prepare(`INSERT INTO people (name, country, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)`)
      .run(name, country, at, at);
    const id = Number(info.lastInsertRowid);
    const alias = this.db.prepare(`INSERT OR IGNORE INTO person_aliases (person_id, alias, alias_norm) VALUES (?, ?, ?)`);
    for (const a of [name, ...aliases]) alias.run(id, a, normalizeName(a));
    return id;
  }

  event(input: {
    status: 'held' | 'planned' | 'proposed' | 'cancelled';
    date: string | null;
    city?: string | null;
    country?: string | null;
    sides: string[];
    participants?: number[];
    sources: Array<{ article: number; evidence: string }>;
    summary: string;
    at: string;
    kind?: string;
  }): number {
    const info = this.db
      .prepare(
        `INSERT INTO events (kind, status, date, city, country, sides_json, summary, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.kind ?? 'talks',
        input.status,
        input.date,
        input.city ?? null,
        input.country ?? null,
        JSON.stringify(input.sides),
        input.summary,
        input.at,
        input.at,
      );
    const id = Number(info.lastInsertRowid);
    for (const side of input.sides) this.db.prepare(`INSERT INTO event_sides (event_id, side) VALUES (?, ?)`).run(id, side);
    for (const person of input.participants ?? [])
      this.db.prepare(`INSERT INTO event_participants (event_id, person_id) VALUES (?, ?)`).run(id, person);
    for (const s of input.sources) {
      this.db
        .prepare(`INSERT INTO event_sources (event_id, article_id, evidence, reported_status) VALUES (?, ?, ?, ?)`)
        .run(id, s.article, s.evidence, input.status);
    }
    return id;
  }

  /** What the merge stage does when a later article reports the talks as held. */
  changeStatus(eventId: number, status: string, at: string): void {
    this.db.prepare(`UPDATE events SET status = ?, updated_at = ? WHERE id = ?`).run(status, at, eventId);
  }

  /** How the merge stage writes it: the fields first, then updated_at in a second statement. */
  changeStatusInTwoSteps(eventId: number, status: string, at: string): void {
    this.db.transaction(() => {
      this.db.prepare(`UPDATE events SET status = ? WHERE id = ?`).run(status, eventId);
      this.db.prepare(`UPDATE events SET updated_at = ? WHERE id = ?`).run(at, eventId);
    })();
  }

  /** A new source for an existing event, without a status change. */
  touch(eventId: number, at: string): void {
    this.db.prepare(`UPDATE events SET updated_at = ? WHERE id = ?`).run(at, eventId);
  }

  quote(input: { article: number; personId: number | null; speaker: string | null; text: string; date: string | null }): number {
    const info = this.db
      .prepare(`INSERT INTO quotes (person_id, speaker, text, date, article_id) VALUES (?, ?, ?, ?, ?)`)
      .run(input.personId, input.speaker, input.text, input.date, input.article);
    return Number(info.lastInsertRowid);
  }

  close(): void {
    this.db.close();
  }
}
