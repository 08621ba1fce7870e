// The write side of the timeline: people, events and quotes merged from per-article extractions.
// Every event keeps each source's full report (event_sources.report_json) and every person each
// article's description of them (person_mentions), so both are always recomputed from what
// their current sources say. Re-applying an article therefore changes exactly its own
// contribution, and applying the same extraction twice changes nothing.
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { ArticleExtraction, StoredArticle } from '../../domain/types.ts';
import type { KnownPerson } from '../../config/schema.ts';
import type { TimelineExport, TimelineRepo } from '../timeline.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import { chooseEventForReport, otherEventsCovered, placementOrder, undatedEventsToAttach } from '../../merge/assign.ts';
import { mergeReports } from '../../merge/resolveEvent.ts';
import { validateExtraction } from '../../merge/validate.ts';
import { sameArticleReportsAgree } from '../../merge/compatibility.ts';
import type { EventCandidate, EventReport, MergedEventFields } from '../../merge/report.ts';
import {
  findKnownPerson,
  mergePersonMentions,
  peopleToFold,
  rankPersonMatches,
  surnameKey,
  type PersonMention,
  type PersonRecord,
} from '../../merge/people.ts';
import type { EventRow } from './eventPages.ts';

/** How far around a reported day the merge looks for the same event (approximate dates reach 3 days each way). */
const DATED_WINDOW_DAYS = 7;
/** How far around the publication day an undated report looks for a dated event. */
const UNDATED_WINDOW_DAYS = 30;
/** How recent a source an undated event needs to be a candidate. */
const UNDATED_SOURCE_WINDOW_DAYS = 60;
/** Longest event looked for when a range starts before the window (a conference of a month). */
const LONGEST_EVENT_DAYS = 31;

const countryCode = z.string().regex(/^([A-Z]{2}|EU)$/);
const storedReportSchema = z.object({
  seq: z.number().int(),
  kind: z.enum(['talks', 'meeting', 'call', 'summit']),
  status: z.enum(['held', 'planned', 'proposed', 'cancelled']),
  date: z.string().nullable(),
  dateTo: z.string().nullable(),
  approx: z.boolean(),
  city: z.string().nullable(),
  country: countryCode.nullable(),
  sides: z.array(countryCode),
  participants: z.array(z.number().int()),
  summary: z.string(),
});
type StoredReport = z.infer<typeof storedReportSchema>;

const stringList = z.array(z.string());

interface SourceRow {
  event_id: number;
  article_id: number;
  evidence: string;
  reported_status: string;
  report_json: string;
  published_at: string | null;
}

interface PersonRow {
  id: number;
  name: string;
  country: string | null;
  role: string | null;
  roles_json: string;
}

function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function isIsoDay(day: string | null | undefined): day is string {
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
}

function parseJson<T>(text: string, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`corrupt ${what} in the store: ${parsed.error.message}`);
  return parsed.data;
}

function toReport(row: SourceRow): EventReport {
  const r = parseJson(row.report_json, storedReportSchema, `report of event ${row.event_id}`);
  return {
    articleId: row.article_id,
    publishedAt: row.published_at,
    seq: r.seq,
    kind: r.kind,
    status: r.status,
    date: r.date,
    dateTo: r.dateTo,
    approx: r.approx,
    location: { city: r.city, country: r.country },
    sides: r.sides,
    participants: r.participants,
    evidence: row.evidence,
    summary: r.summary,
  };
}

/** What identifies a report across two applications of one article: its sentence and content, not its position. */
function reportIdentity(evidence: string, r: StoredReport): string {
  const content = [r.kind, r.status, r.date, r.dateTo, r.approx, r.city, r.country, r.sides, r.participants, r.summary];
  return `${evidence}\u0000${JSON.stringify(content)}`;
}

function reportJson(r: EventReport): string {
  return JSON.stringify(storedReport(r));
}

function storedReport(r: EventReport): StoredReport {
  return {
    seq: r.seq,
    kind: r.kind,
    status: r.status,
    date: r.date,
    dateTo: r.dateTo,
    approx: r.approx,
    city: r.location.city,
    country: r.location.country,
    sides: r.sides,
    participants: r.participants,
    summary: r.summary,
  };
}

function fieldsFromRow(row: EventRow, participants: number[]): MergedEventFields {
  return {
    kind: row.kind as MergedEventFields['kind'],
    status: row.status as MergedEventFields['status'],
    date: row.date,
    dateTo: row.date_to,
    approx: row.approx === 1,
    location: { city: row.city, country: row.country },
    sides: parseJson(row.sides_json, stringList, `sides of event ${row.id}`),
    participants,
    summary: row.summary,
  };
}

export class SqliteTimelineRepo implements TimelineRepo {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    validateExtraction(extraction);
    this.db.transaction(() => this.applySync(article, extraction, version, knownPeople))();
  }

  async clear(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec(`
        DELETE FROM quotes_fts; DELETE FROM events_fts;
        DELETE FROM quotes; DELETE FROM event_sources; DELETE FROM event_participants; DELETE FROM event_sides;
        DELETE FROM events; DELETE FROM person_mentions; DELETE FROM person_aliases; DELETE FROM people;
      `);
    })();
  }

  // ---------------------------------------------------------------- apply

  private applySync(article: StoredArticle, extraction: ArticleExtraction, version: number, knownPeople: KnownPerson[]): void {
    const nowIso = this.now().toISOString();
    const articleId = article.id;
    const exists = this.stmt<[number], { id: number }>('SELECT id FROM articles WHERE id = ?').get(articleId);
    if (!exists) throw new Error(`applyExtraction: article ${articleId} is not in the store`);

    // 1. Forget what this article contributed before, remembering what it touched.
    const previousPeople = new Set(
      this.stmt<[number], { person_id: number }>('SELECT DISTINCT person_id FROM person_mentions WHERE article_id = ?')
        .all(articleId)
        .map((r) => r.person_id),
    );
    const previousEvents = new Set(
      this.stmt<[number], { event_id: number }>('SELECT DISTINCT event_id FROM event_sources WHERE article_id = ?')
        .all(articleId)
        .map((r) => r.event_id),
    );
    // Where each of the article's reports went last time. An unchanged report goes back exactly
    // where it was, which makes re-applying an unchanged extraction a no-op even where greedy
    // matching would place it differently the second time; a changed one that matches nothing
    // goes back to the event its sentence made before, so event ids stay put.
    const previousPlacement = new Map<string, number[]>();
    const previousReports = new Map<string, number[]>();
    for (const r of this.stmt<[number], { evidence: string; event_id: number; report_json: string }>(
      'SELECT evidence, event_id, report_json FROM event_sources WHERE article_id = ? ORDER BY event_id',
    ).all(articleId)) {
      previousPlacement.set(r.evidence, [...(previousPlacement.get(r.evidence) ?? []), r.event_id]);
      const key = reportIdentity(r.evidence, parseJson(r.report_json, storedReportSchema, `report of event ${r.event_id}`));
      previousReports.set(key, [...(previousReports.get(key) ?? []), r.event_id]);
    }
    const fingerprintsBefore = new Map<number, string>();
    for (const id of previousEvents) fingerprintsBefore.set(id, this.eventFingerprint(id));
    this.stmt('DELETE FROM event_sources WHERE article_id = ?').run(articleId);
    this.stmt('DELETE FROM person_mentions WHERE article_id = ?').run(articleId);

    // 2. People.
    const eventsToRecompute = new Set<number>(previousEvents);
    const keyToPerson = this.mergePeople(articleId, extraction.people, knownPeople, nowIso, eventsToRecompute);
    const peopleToRecompute = new Set<number>([...previousPeople, ...keyToPerson.values()]);
    const eventsNeedingSearchText = new Set<number>();
    for (const personId of peopleToRecompute) {
      this.recomputePerson(personId, knownPeople, previousPeople.has(personId) ? null : nowIso, eventsNeedingSearchText);
    }

    // 3. Events.
    const reports: EventReport[] = extraction.events.map((e, seq) => ({
      articleId,
      publishedAt: article.publishedAt,
      seq,
      kind: e.kind,
      status: e.status,
      date: isIsoDay(e.date) ? e.date : null,
      dateTo: isIsoDay(e.date) && isIsoDay(e.dateTo) ? e.dateTo : null,
      approx: isIsoDay(e.date) ? e.approx : false,
      location: { city: e.location.city?.trim() || null, country: e.location.country },
      sides: [...new Set(e.sides)],
      participants: [...new Set(e.participantKeys.map((k) => keyToPerson.get(k)).filter((id): id is number => id !== undefined))],
      evidence: e.evidence,
      summary: e.summary,
    }));
    const candidates = this.loadCandidates(reports, article.publishedAt, previousEvents);
    let placeholder = 0;
    const created: EventCandidate[] = [];
    const placed = new Map<EventReport, EventCandidate[]>();
    for (const report of placementOrder(reports)) {
      const unchangedIn = previousReports.get(reportIdentity(report.evidence, storedReport(report))) ?? [];
      const sameAsBefore = candidates.filter((c) => unchangedIn.includes(c.id));
      if (sameAsBefore.length > 0) {
        for (const t of sameAsBefore) {
          t.reports.push(report);
          t.fields = mergeReports(t.reports);
        }
        placed.set(report, sameAsBefore);
        continue;
      }
      const before = previousPlacement.get(report.evidence) ?? [];
      let target = chooseEventForReport(report, candidates, before);
      if (!target) {
        // The event this sentence made last time, if nothing else holds it now.
        target =
          candidates.find(
            (c) => before.includes(c.id) && c.reports.every((r) => r.articleId === articleId && sameArticleReportsAgree(report, r)),
          ) ?? null;
      }
      if (!target) {
        target = { id: --placeholder, fields: mergeReports([report]), reports: [] };
        candidates.push(target);
        created.push(target);
      }
      const targets = [target, ...otherEventsCovered(report, target, candidates)];
      for (const t of targets) {
        t.reports.push(report);
        t.fields = mergeReports(t.reports);
      }
      placed.set(report, targets);
    }
    for (const c of created) c.id = this.insertEvent(c.fields, nowIso);
    const insertSource = this.stmt(
      'INSERT OR IGNORE INTO event_sources (event_id, article_id, evidence, reported_status, report_json) VALUES (?, ?, ?, ?, ?)',
    );
    for (const report of reports) {
      for (const target of placed.get(report)!) {
        insertSource.run(target.id, articleId, report.evidence, report.status, reportJson(report));
        eventsToRecompute.add(target.id);
      }
    }
    for (const { undated, into } of undatedEventsToAttach(candidates)) {
      this.stmt('INSERT OR IGNORE INTO event_sources (event_id, article_id, evidence, reported_status, report_json) SELECT ?, article_id, evidence, reported_status, report_json FROM event_sources WHERE event_id = ?').run(into.id, undated.id);
      this.stmt('DELETE FROM event_sources WHERE event_id = ?').run(undated.id);
      into.reports.push(...undated.reports);
      into.fields = mergeReports(into.reports);
      undated.reports = [];
      eventsToRecompute.add(undated.id);
      eventsToRecompute.add(into.id);
    }
    for (const id of eventsToRecompute) {
      const changed = this.recomputeEvent(id, fingerprintsBefore.get(id) ?? null, nowIso);
      if (changed) eventsNeedingSearchText.add(id);
    }
    for (const id of eventsNeedingSearchText) this.refreshEventSearch(id);

    // 4. Quotes.
    this.replaceQuotes(article, extraction, keyToPerson);

    this.stmt('UPDATE articles SET extracted_version = ? WHERE id = ?').run(version, articleId);
  }

  // ---------------------------------------------------------------- people

  /** Stored people whose names have one of the given surname keys (see `surnameKey`). */
  private loadPersonRecords(keys: Iterable<string>): Map<number, PersonRecord> {
    // Aliases written without a key (older stores, bulk loads) get one first.
    const missing = this.stmt<[], { rowid: number; alias: string }>('SELECT rowid, alias FROM person_aliases WHERE surname_key IS NULL').all();
    for (const m of missing) this.stmt('UPDATE person_aliases SET surname_key = ? WHERE rowid = ?').run(surnameKey(m.alias), m.rowid);
    const keyJson = JSON.stringify([...new Set(keys)]);
    const records = new Map<number, PersonRecord>();
    const rows = this.stmt<[string], { id: number; name: string; country: string | null; mentions: number }>(
      `SELECT p.id, p.name, p.country, (SELECT COUNT(*) FROM person_mentions m WHERE m.person_id = p.id) AS mentions
       FROM people p WHERE p.id IN (SELECT person_id FROM person_aliases WHERE surname_key IN (SELECT value FROM json_each(?)))
       ORDER BY p.id`,
    ).all(keyJson);
    for (const r of rows) records.set(r.id, { id: r.id, names: [r.name], country: r.country, mentions: r.mentions });
    const aliases = this.stmt<[string], { person_id: number; alias: string }>(
      `SELECT person_id, alias FROM person_aliases WHERE person_id IN (
         SELECT person_id FROM person_aliases WHERE surname_key IN (SELECT value FROM json_each(?)))`,
    ).all(keyJson);
    for (const a of aliases) {
      const rec = records.get(a.person_id);
      if (rec && !rec.names.includes(a.alias)) rec.names.push(a.alias);
    }
    return records;
  }

  /** Resolves the article's people to stored people (creating or folding where needed) and records the article's mentions. */
  private mergePeople(
    articleId: number,
    people: ArticleExtraction['people'],
    knownPeople: KnownPerson[],
    nowIso: string,
    eventsToRecompute: Set<number>,
  ): Map<string, number> {
    const knownFor = new Map(people.map((p) => [p.key, findKnownPerson({ name: p.name.trim(), aliases: p.aliases }, knownPeople)]));
    const lookupKeys = people.flatMap((p) => {
      const known = knownFor.get(p.key);
      return [p.name, ...p.aliases, ...(known ? [known.name, ...known.aliases] : [])].map(surnameKey);
    });
    const records = this.loadPersonRecords(lookupKeys);
    // People indexed by surname key, so each name is compared with the few that can match it.
    const byKey = new Map<string, Set<PersonRecord>>();
    const index = (rec: PersonRecord, names: readonly string[]) => {
      for (const n of names) {
        const key = surnameKey(n);
        let set = byKey.get(key);
        if (!set) byKey.set(key, (set = new Set()));
        set.add(rec);
      }
    };
    for (const rec of records.values()) index(rec, rec.names);
    const keyToPerson = new Map<string, number>();
    const insertMention = this.stmt(
      'INSERT INTO person_mentions (person_id, article_id, name, aliases_json, country, role) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const p of people) {
      const name = p.name.trim();
      if (!name) continue;
      const mention: PersonMention = {
        name,
        aliases: p.aliases.map((a) => a.trim()).filter((a) => a.length > 0),
        country: p.country,
        role: p.role?.trim() || null,
      };
      const known = knownFor.get(p.key) ?? null;
      const nearby = new Set<PersonRecord>();
      for (const n of [mention.name, ...(known ? [known.name, ...known.aliases] : [])]) {
        for (const rec of byKey.get(surnameKey(n)) ?? []) if (records.has(rec.id)) nearby.add(rec);
      }
      const ranked = rankPersonMatches(mention, [...nearby].sort((a, b) => a.id - b.id), known);
      let target = ranked[0];
      if (target) {
        for (const other of peopleToFold(mention, ranked)) {
          this.foldPerson(other.id, target.id, eventsToRecompute);
          target.names.push(...other.names);
          index(target, other.names);
          target.mentions += other.mentions;
          records.delete(other.id);
          for (const [k, v] of keyToPerson) if (v === other.id) keyToPerson.set(k, target.id);
        }
      } else {
        const info = this.stmt(
          'INSERT INTO people (name, country, role, roles_json, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(known?.name ?? name, known?.country ?? mention.country, mention.role, '[]', nowIso, nowIso);
        target = { id: Number(info.lastInsertRowid), names: [], country: known?.country ?? mention.country, mentions: 0 };
        records.set(target.id, target);
      }
      insertMention.run(target.id, articleId, mention.name, JSON.stringify(mention.aliases), mention.country, mention.role);
      target.names.push(mention.name, ...mention.aliases);
      index(target, [mention.name, ...mention.aliases]);
      target.mentions++;
      keyToPerson.set(p.key, target.id);
    }
    return keyToPerson;
  }

  /** Moves everything that refers to person `dropId` over to `keepId` and deletes `dropId`. */
  private foldPerson(dropId: number, keepId: number, eventsToRecompute: Set<number>): void {
    const events = this.stmt<[number], { event_id: number }>('SELECT event_id FROM event_participants WHERE person_id = ?')
      .all(dropId)
      .map((r) => r.event_id);
    const sources = this.stmt<[number], { event_id: number; article_id: number; evidence: string; report_json: string }>(
      'SELECT event_id, article_id, evidence, report_json FROM event_sources WHERE event_id = ?',
    );
    const update = this.stmt('UPDATE event_sources SET report_json = ? WHERE event_id = ? AND article_id = ? AND evidence = ?');
    for (const eventId of events) {
      for (const s of sources.all(eventId)) {
        const r = parseJson(s.report_json, storedReportSchema, `report of event ${eventId}`);
        if (!r.participants.includes(dropId)) continue;
        r.participants = [...new Set(r.participants.map((id) => (id === dropId ? keepId : id)))];
        update.run(JSON.stringify(r), s.event_id, s.article_id, s.evidence);
      }
      eventsToRecompute.add(eventId);
    }
    this.stmt('INSERT OR IGNORE INTO event_participants (event_id, person_id) SELECT event_id, ? FROM event_participants WHERE person_id = ?').run(keepId, dropId);
    this.stmt('UPDATE person_mentions SET person_id = ? WHERE person_id = ?').run(keepId, dropId);
    this.stmt('UPDATE quotes SET person_id = ? WHERE person_id = ?').run(keepId, dropId);
    this.stmt('DELETE FROM people WHERE id = ?').run(dropId);
  }

  /** Recomputes a person from their mentions (deleting them when none is left). */
  private recomputePerson(personId: number, knownPeople: KnownPerson[], seenAt: string | null, eventsNeedingSearchText: Set<number>): void {
    const row = this.stmt<[number], PersonRow>('SELECT id, name, country, role, roles_json FROM people WHERE id = ?').get(personId);
    if (!row) return;
    const mentions = this.stmt<[number], { name: string; aliases_json: string; country: string | null; role: string | null }>(
      `SELECT m.name, m.aliases_json, m.country, m.role FROM person_mentions m JOIN articles a ON a.id = m.article_id
       WHERE m.person_id = ? ORDER BY a.published_at IS NOT NULL, a.published_at, a.id, m.id`,
    )
      .all(personId)
      .map((m): PersonMention => ({
        name: m.name,
        aliases: parseJson(m.aliases_json, stringList, `aliases of person ${personId}`),
        country: m.country,
        role: m.role,
      }));
    if (mentions.length === 0) {
      for (const e of this.eventsOf(personId)) eventsNeedingSearchText.add(e);
      this.stmt('DELETE FROM people WHERE id = ?').run(personId);
      return;
    }
    // Each distinct name once, first use first: a person mentioned in hundreds of articles has a
    // handful of names, and matching every repetition against the known people made each
    // recompute grow with the person's mention count. Same names, same first name: same answer.
    const allNames = [...new Set(mentions.flatMap((m) => [m.name, ...m.aliases]))];
    const known = findKnownPerson({ name: allNames[0]!, aliases: allNames.slice(1) }, knownPeople);
    const merged = mergePersonMentions(mentions, known);
    const rolesJson = JSON.stringify(merged.roles);
    if (row.name !== merged.name || row.country !== merged.country || row.role !== merged.role || row.roles_json !== rolesJson) {
      this.stmt('UPDATE people SET name = ?, country = ?, role = ?, roles_json = ? WHERE id = ?').run(
        merged.name,
        merged.country,
        merged.role,
        rolesJson,
        personId,
      );
    }
    if (seenAt) this.stmt('UPDATE people SET last_seen_at = ? WHERE id = ?').run(seenAt, personId);
    // Aliases: the canonical name and every alias, keyed by their normalised form.
    const wanted = new Map<string, string>();
    for (const n of [merged.name, ...merged.aliases]) {
      const key = normalizeName(n);
      if (key && !wanted.has(key)) wanted.set(key, n);
    }
    const current = this.stmt<[number], { alias: string; alias_norm: string }>('SELECT alias, alias_norm FROM person_aliases WHERE person_id = ?').all(personId);
    for (const c of current) {
      if (wanted.get(c.alias_norm) !== c.alias) this.stmt('DELETE FROM person_aliases WHERE person_id = ? AND alias_norm = ?').run(personId, c.alias_norm);
    }
    const have = new Set(current.filter((c) => wanted.get(c.alias_norm) === c.alias).map((c) => c.alias_norm));
    for (const [key, alias] of wanted) {
      if (!have.has(key)) {
        this.stmt('INSERT OR REPLACE INTO person_aliases (person_id, alias, alias_norm, surname_key) VALUES (?, ?, ?, ?)').run(personId, alias, key, surnameKey(alias));
      }
    }
    if (row.name !== merged.name) {
      this.stmt('UPDATE quotes SET speaker = ? WHERE person_id = ?').run(merged.name, personId);
      for (const q of this.stmt<[number], { id: number }>('SELECT id FROM quotes WHERE person_id = ?').all(personId)) this.refreshQuoteSearch(q.id);
      for (const e of this.eventsOf(personId)) eventsNeedingSearchText.add(e);
    }
  }

  private eventsOf(personId: number): number[] {
    return this.stmt<[number], { event_id: number }>('SELECT event_id FROM event_participants WHERE person_id = ?')
      .all(personId)
      .map((r) => r.event_id);
  }

  // ---------------------------------------------------------------- events

  /**
   * Events an article's reports may belong to: dated events within a week of the reported days
   * (and, for undated reports, within a month of the publication day), undated events with a
   * source published within two months, and the events this article made before. Bounded by
   * index ranges, so the cost does not grow with the size of the timeline.
   */
  private loadCandidates(reports: EventReport[], publishedAt: string | null, previousEvents: Set<number>): EventCandidate[] {
    if (reports.length === 0) return [];
    const reportDays = reports.flatMap((r) => [r.date, r.dateTo]).filter(isIsoDay).sort();
    const ranges: Array<[string, string]> = [];
    if (reportDays.length > 0) ranges.push([addDays(reportDays[0]!, -DATED_WINDOW_DAYS), addDays(reportDays[reportDays.length - 1]!, DATED_WINDOW_DAYS)]);
    if (isIsoDay(publishedAt) && reports.some((r) => r.date === null)) ranges.push([addDays(publishedAt, -UNDATED_WINDOW_DAYS), addDays(publishedAt, UNDATED_WINDOW_DAYS)]);
    const ids = new Set<number>(previousEvents);
    const anchor = isIsoDay(publishedAt) ? publishedAt : reportDays[0];
    if (ranges.length === 0 && !anchor) {
      // Nothing to anchor the search in time: every event is a candidate.
      for (const r of this.stmt<[], { id: number }>('SELECT id FROM events').all()) ids.add(r.id);
    } else {
      const dated = this.stmt<[string, string, string], { id: number }>(
        'SELECT id FROM events WHERE date BETWEEN ? AND ? AND COALESCE(date_to, date) >= ?',
      );
      for (const [lo, hi] of ranges) for (const r of dated.all(addDays(lo, -LONGEST_EVENT_DAYS), hi, lo)) ids.add(r.id);
      const undated = this.stmt<[string, string], { id: number }>(
        `SELECT DISTINCT e.id FROM articles a JOIN event_sources s ON s.article_id = a.id JOIN events e ON e.id = s.event_id
         WHERE a.published_at BETWEEN ? AND ? AND e.date IS NULL`,
      );
      if (anchor) for (const r of undated.all(addDays(anchor, -UNDATED_SOURCE_WINDOW_DAYS), addDays(anchor, UNDATED_SOURCE_WINDOW_DAYS))) ids.add(r.id);
    }
    const idJson = JSON.stringify([...ids].sort((a, b) => a - b));
    const rows = this.stmt<[string], EventRow>('SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(idJson);
    const sources = this.stmt<[string], SourceRow>(
      `SELECT s.event_id, s.article_id, s.evidence, s.reported_status, s.report_json, a.published_at
       FROM event_sources s JOIN articles a ON a.id = s.article_id
       WHERE s.event_id IN (SELECT value FROM json_each(?)) ORDER BY s.event_id`,
    ).all(idJson);
    const reportsByEvent = new Map<number, EventReport[]>();
    for (const src of sources) {
      const list = reportsByEvent.get(src.event_id) ?? [];
      list.push(toReport(src));
      reportsByEvent.set(src.event_id, list);
    }
    return rows.map((row) => {
      const own = reportsByEvent.get(row.id) ?? [];
      // An event whose only sources were this article's earlier extraction keeps its stored
      // shape as a target, so re-applying the same extraction lands on the same event id.
      const fields = own.length > 0 ? mergeReports(own) : fieldsFromRow(row, this.participantsOf(row.id));
      return { id: row.id, fields, reports: own };
    });
  }

  private participantsOf(eventId: number): number[] {
    return this.stmt<[number], { person_id: number }>('SELECT person_id FROM event_participants WHERE event_id = ? ORDER BY rowid')
      .all(eventId)
      .map((r) => r.person_id);
  }

  private insertEvent(fields: MergedEventFields, nowIso: string): number {
    const info = this.stmt(
      `INSERT INTO events (kind, status, date, date_to, approx, city, country, sides_json, summary, first_seen_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      fields.kind,
      fields.status,
      fields.date,
      fields.dateTo,
      fields.approx ? 1 : 0,
      fields.location.city,
      fields.location.country,
      JSON.stringify(fields.sides),
      fields.summary,
      nowIso,
      nowIso,
    );
    return Number(info.lastInsertRowid);
  }

  private loadReports(eventId: number): EventReport[] {
    return this.stmt<[number], SourceRow>(
      `SELECT s.event_id, s.article_id, s.evidence, s.reported_status, s.report_json, a.published_at
       FROM event_sources s JOIN articles a ON a.id = s.article_id WHERE s.event_id = ?`,
    )
      .all(eventId)
      .map(toReport);
  }

  /** Everything a reader can see of an event, as one string: used to tell whether it changed. */
  private eventFingerprint(eventId: number): string {
    const row = this.stmt<[number], EventRow>('SELECT * FROM events WHERE id = ?').get(eventId);
    if (!row) return '';
    const sources = this.stmt<[number], { article_id: number; evidence: string; reported_status: string }>(
      'SELECT article_id, evidence, reported_status FROM event_sources WHERE event_id = ? ORDER BY article_id, evidence',
    ).all(eventId);
    return JSON.stringify([
      row.kind, row.status, row.date, row.date_to, row.approx, row.city, row.country, row.sides_json, row.summary,
      this.participantsOf(eventId), sources,
    ]);
  }

  /**
   * Rewrites an event from its sources, or deletes it when none is left. Returns whether a reader
   * would see a change (then `updated_at` moves, which is what digests report).
   */
  private recomputeEvent(eventId: number, fingerprintBefore: string | null, nowIso: string): boolean {
    const reports = this.loadReports(eventId);
    if (reports.length === 0) {
      this.stmt('DELETE FROM events WHERE id = ?').run(eventId);
      this.stmt('DELETE FROM events_fts WHERE rowid = ?').run(eventId);
      return false;
    }
    const f = mergeReports(reports);
    this.stmt(
      `UPDATE events SET kind = ?, status = ?, date = ?, date_to = ?, approx = ?, city = ?, country = ?, sides_json = ?, summary = ?
       WHERE id = ?`,
    ).run(f.kind, f.status, f.date, f.dateTo, f.approx ? 1 : 0, f.location.city, f.location.country, JSON.stringify(f.sides), f.summary, eventId);
    const sides = this.stmt<[number], { side: string }>('SELECT side FROM event_sides WHERE event_id = ? ORDER BY side').all(eventId).map((r) => r.side);
    if (JSON.stringify(sides) !== JSON.stringify([...f.sides].sort())) {
      this.stmt('DELETE FROM event_sides WHERE event_id = ?').run(eventId);
      for (const side of f.sides) this.stmt('INSERT OR IGNORE INTO event_sides (event_id, side) VALUES (?, ?)').run(eventId, side);
    }
    const participants = this.participantsOf(eventId);
    if (JSON.stringify(participants) !== JSON.stringify(f.participants)) {
      this.stmt('DELETE FROM event_participants WHERE event_id = ?').run(eventId);
      for (const p of f.participants) this.stmt('INSERT OR IGNORE INTO event_participants (event_id, person_id) VALUES (?, ?)').run(eventId, p);
    }
    const changed = fingerprintBefore === null || this.eventFingerprint(eventId) !== fingerprintBefore;
    if (changed) this.stmt('UPDATE events SET updated_at = ? WHERE id = ?').run(nowIso, eventId);
    return changed;
  }

  /** Keeps the event's full-text row in step: summary, evidence sentences, place and people. */
  private refreshEventSearch(eventId: number): void {
    this.stmt('DELETE FROM events_fts WHERE rowid = ?').run(eventId);
    const row = this.stmt<[number], EventRow>('SELECT * FROM events WHERE id = ?').get(eventId);
    if (!row) return;
    const evidence = this.stmt<[number], { evidence: string }>('SELECT evidence FROM event_sources WHERE event_id = ? ORDER BY article_id, evidence')
      .all(eventId)
      .map((r) => r.evidence)
      .join('\n');
    const people = this.stmt<[number], { name: string; aliases: string | null }>(
      `SELECT p.name, (SELECT group_concat(alias, ' ') FROM person_aliases WHERE person_id = p.id) AS aliases
       FROM event_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ? ORDER BY ep.rowid`,
    )
      .all(eventId)
      .map((r) => [r.name, r.aliases ?? ''].join(' ').trim())
      .join('\n');
    const place = [row.city, row.country].filter(Boolean).join(' ');
    this.stmt('INSERT INTO events_fts (rowid, summary, evidence, place, people) VALUES (?, ?, ?, ?, ?)').run(eventId, row.summary, evidence, place, people);
  }

  // ---------------------------------------------------------------- quotes

  /** Makes the article's quotes exactly the extracted ones, keeping the ids of quotes that stay. */
  private replaceQuotes(article: StoredArticle, extraction: ArticleExtraction, keyToPerson: Map<string, number>): void {
    const existing = new Map(
      this.stmt<[number], { id: number; text: string; person_id: number | null; speaker: string | null; date: string | null }>(
        'SELECT id, text, person_id, speaker, date FROM quotes WHERE article_id = ?',
      )
        .all(article.id)
        .map((q) => [q.text, q]),
    );
    const wanted = new Map<string, { personId: number | null; date: string | null }>();
    for (const q of extraction.quotes) {
      const text = q.text.trim();
      if (!text || wanted.has(text)) continue;
      const personId = q.speakerKey !== null ? (keyToPerson.get(q.speakerKey) ?? null) : null;
      wanted.set(text, { personId, date: isIsoDay(q.date) ? q.date : article.publishedAt });
    }
    for (const [text, q] of existing) {
      if (wanted.has(text)) continue;
      this.stmt('DELETE FROM quotes WHERE id = ?').run(q.id);
      this.stmt('DELETE FROM quotes_fts WHERE rowid = ?').run(q.id);
    }
    const nameOf = this.stmt<[number], { name: string }>('SELECT name FROM people WHERE id = ?');
    for (const [text, q] of wanted) {
      const speaker = q.personId !== null ? (nameOf.get(q.personId)?.name ?? null) : null;
      const personId = speaker === null ? null : q.personId;
      const old = existing.get(text);
      if (old) {
        if (old.person_id === personId && old.speaker === speaker && old.date === q.date) continue;
        this.stmt('UPDATE quotes SET person_id = ?, speaker = ?, date = ? WHERE id = ?').run(personId, speaker, q.date, old.id);
        this.refreshQuoteSearch(old.id);
      } else {
        const info = this.stmt('INSERT INTO quotes (person_id, speaker, text, date, article_id) VALUES (?, ?, ?, ?, ?)').run(
          personId,
          speaker,
          text,
          q.date,
          article.id,
        );
        this.refreshQuoteSearch(Number(info.lastInsertRowid));
      }
    }
  }

  private refreshQuoteSearch(quoteId: number): void {
    this.stmt('DELETE FROM quotes_fts WHERE rowid = ?').run(quoteId);
    const q = this.stmt<[number], { speaker: string | null; text: string }>('SELECT speaker, text FROM quotes WHERE id = ?').get(quoteId);
    if (q) this.stmt('INSERT INTO quotes_fts (rowid, speaker, text) VALUES (?, ?, ?)').run(quoteId, q.speaker ?? '', q.text);
  }

  // ---------------------------------------------------------------- export

  async exportAll(): Promise<TimelineExport> {
    const events = this.stmt<[], EventRow>('SELECT * FROM events ORDER BY date IS NULL, date, id').all();
    const participants = this.stmt<[number], { name: string; country: string | null }>(
      'SELECT p.name, p.country FROM event_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ? ORDER BY ep.rowid',
    );
    const sources = this.stmt<[number], { url: string | null; file: string | null; evidence: string }>(
      `SELECT a.url, a.file, s.evidence FROM event_sources s JOIN articles a ON a.id = s.article_id
       WHERE s.event_id = ? ORDER BY a.published_at IS NOT NULL, a.published_at, a.id, s.evidence`,
    );
    const people = this.stmt<[], PersonRow>('SELECT id, name, country, role, roles_json FROM people ORDER BY name, id').all();
    const aliases = this.stmt<[number], { alias: string; alias_norm: string }>('SELECT alias, alias_norm FROM person_aliases WHERE person_id = ? ORDER BY rowid');
    const eventIds = this.stmt<[number], { event_id: number }>('SELECT event_id FROM event_participants WHERE person_id = ? ORDER BY event_id');
    const quotes = this.stmt<[], { speaker: string | null; text: string; date: string | null; url: string | null; file: string | null }>(
      `SELECT q.speaker, q.text, q.date, a.url, a.file FROM quotes q JOIN articles a ON a.id = q.article_id
       ORDER BY q.date IS NULL, q.date, q.id`,
    ).all();
    return {
      events: events.map((e) => ({
        id: String(e.id),
        kind: e.kind,
        status: e.status,
        date: e.date,
        dateTo: e.date_to,
        approx: e.approx === 1,
        location: { city: e.city, country: e.country },
        sides: parseJson(e.sides_json, stringList, `sides of event ${e.id}`),
        participants: participants.all(e.id),
        sources: sources.all(e.id),
        summary: e.summary,
      })),
      people: people.map((p) => {
        const own = normalizeName(p.name);
        return {
          name: p.name,
          aliases: aliases.all(p.id).filter((a) => a.alias_norm !== own).map((a) => a.alias),
          country: p.country,
          role: p.role,
          roles: parseJson(p.roles_json, stringList, `roles of person ${p.id}`),
          eventIds: eventIds.all(p.id).map((r) => String(r.event_id)),
        };
      }),
      quotes: quotes.map((q) => ({ speaker: q.speaker, text: q.text, date: q.date, source: { url: q.url, file: q.file } })),
    };
  }
}
