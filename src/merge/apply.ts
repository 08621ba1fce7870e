// Merging one article's extraction into the timeline: people, events and quotes. Every event
// keeps each source's full report and every person each article's description of them, so both
// are always recomputed from what their current sources say. Re-applying an article therefore
// changes exactly its own contribution, and applying the same extraction twice changes nothing.
// The decisions live here; the store only answers the narrow `MergeTransaction`.
import type { ArticleExtraction, StoredArticle } from '../domain/types.ts';
import type { KnownPerson } from '../config/schema.ts';
import { normalizeName } from '../extract/people/nameMatch.ts';
import { chooseEventForReport, otherEventsCovered, placementOrder, undatedEventsToAttach } from './assign.ts';
import { mergeReports } from './resolveEvent.ts';
import { validateExtraction } from './validate.ts';
import { eventChange, eventStateBefore } from './changeLog.ts';
import { sameArticleReportsAgree } from './compatibility.ts';
import type { EventCandidate, EventReport } from './report.ts';
import {
  findKnownPerson,
  mergePersonMentions,
  peopleToFold,
  rankPersonMatches,
  surnameKey,
  surnameKeysToSearch,
  type PersonMention,
  type PersonRecord,
} from './people.ts';
import type { EventSnapshot, MergeBackend, MergeTransaction, StoredReport, StoredSource } from './transaction.ts';

/** How far around a reported day the merge looks for the same event (approximate dates reach 3 days each way). */
const DATED_WINDOW_DAYS = 7;
/** How far around the publication day an undated report looks for a dated event. */
const UNDATED_WINDOW_DAYS = 30;
/** How recent a source an undated event needs to be a candidate. */
const UNDATED_SOURCE_WINDOW_DAYS = 60;
/** Longest event looked for when a range starts before the window (a conference of a month). */
const LONGEST_EVENT_DAYS = 31;

function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function isIsoDay(day: string | null | undefined): day is string {
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
}

function toReport(source: StoredSource): EventReport {
  const r = source.report;
  return {
    articleId: source.articleId,
    publishedAt: source.publishedAt,
    seq: r.seq,
    kind: r.kind,
    status: r.status,
    date: r.date,
    dateTo: r.dateTo,
    approx: r.approx,
    location: { city: r.city, country: r.country },
    sides: r.sides,
    participants: r.participants,
    evidence: source.evidence,
    summary: r.summary,
  };
}

/** What identifies a report across two applications of one article: its sentence and content, not its position. */
function reportIdentity(evidence: string, r: StoredReport): string {
  const content = [r.kind, r.status, r.date, r.dateTo, r.approx, r.city, r.country, r.sides, r.participants, r.summary];
  return `${evidence}\u0000${JSON.stringify(content)}`;
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

/** Everything a reader can see of an event, as one string: used to tell whether it changed. */
function fingerprint(snapshot: EventSnapshot | null): string {
  if (!snapshot) return '';
  const e = snapshot.event;
  return JSON.stringify([
    e.kind,
    e.status,
    e.date,
    e.dateTo,
    e.approx,
    e.location.city,
    e.location.country,
    e.sides,
    e.summary,
    snapshot.participants,
    snapshot.sources,
  ]);
}

/**
 * Replaces what this article contributed (sources, people mentions, quotes) with `extraction`,
 * merges its people and events into the timeline and marks the article extracted at `version`,
 * in one transaction of `backend`.
 */
export async function applyExtraction(
  backend: MergeBackend,
  article: StoredArticle,
  extraction: ArticleExtraction,
  version: number,
  knownPeople: KnownPerson[],
): Promise<void> {
  validateExtraction(extraction);
  await backend.mergeTransaction((tx) => new ArticleMerge(tx, knownPeople).apply(article, extraction, version));
}

/** One article's merge, inside one transaction. */
class ArticleMerge {
  /** Events this merge inserted: the change log reports them as new. */
  private readonly createdEvents = new Set<number>();
  /** Where an event's sources went when they all moved to another: its id will resolve there. */
  private readonly joinedInto = new Map<number, number>();
  private articleId = 0;

  constructor(
    private readonly tx: MergeTransaction,
    private readonly knownPeople: KnownPerson[],
  ) {}

  async apply(article: StoredArticle, extraction: ArticleExtraction, version: number): Promise<void> {
    const tx = this.tx;
    const articleId = (this.articleId = article.id);
    if (!(await tx.articleExists(articleId))) throw new Error(`applyExtraction: article ${articleId} is not in the store`);

    // 1. Forget what this article contributed before, remembering what it touched.
    const previousPeople = new Set(await tx.peopleMentionedBy(articleId));
    const previousSources = await tx.sourcesOfArticle(articleId);
    const previousEvents = new Set(previousSources.map((s) => s.eventId));
    // Where each of the article's reports went last time. An unchanged report goes back exactly
    // where it was, which makes re-applying an unchanged extraction a no-op even where greedy
    // matching would place it differently the second time; a changed one that matches nothing
    // goes back to the event its sentence made before, so event ids stay put.
    const previousPlacement = new Map<string, number[]>();
    const previousReports = new Map<string, number[]>();
    for (const s of previousSources) {
      previousPlacement.set(s.evidence, [...(previousPlacement.get(s.evidence) ?? []), s.eventId]);
      const key = reportIdentity(s.evidence, s.report);
      previousReports.set(key, [...(previousReports.get(key) ?? []), s.eventId]);
    }
    const fingerprintsBefore = new Map<number, string>();
    for (const id of previousEvents) fingerprintsBefore.set(id, fingerprint(await tx.snapshot(id)));
    await tx.forgetContribution(articleId);

    // 2. People.
    const eventsToRecompute = new Set<number>(previousEvents);
    const keyToPerson = await this.mergePeople(articleId, extraction.people, eventsToRecompute);
    const peopleToRecompute = new Set<number>([...previousPeople, ...keyToPerson.values()]);
    const eventsNeedingSearchText = new Set<number>();
    for (const personId of peopleToRecompute) {
      await this.recomputePerson(personId, !previousPeople.has(personId), eventsNeedingSearchText);
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
    const candidates = await this.loadCandidates(reports, article.publishedAt, previousEvents);
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
    for (const c of created) this.createdEvents.add((c.id = await tx.insertEvent(c.fields)));
    for (const report of reports) {
      for (const target of placed.get(report)!) {
        await tx.addSource(target.id, articleId, report.evidence, storedReport(report));
        eventsToRecompute.add(target.id);
      }
    }
    // A sentence that made an event before and now lands in another takes that event's id along.
    for (const s of previousSources) {
      const report = reports.find((r) => r.evidence === s.evidence);
      const target = report ? placed.get(report)?.[0] : undefined;
      if (target && target.id !== s.eventId && !this.joinedInto.has(s.eventId)) this.joinedInto.set(s.eventId, target.id);
    }
    for (const { undated, into } of undatedEventsToAttach(candidates)) {
      this.joinedInto.set(undated.id, into.id);
      await tx.moveSources(undated.id, into.id);
      into.reports.push(...undated.reports);
      into.fields = mergeReports(into.reports);
      undated.reports = [];
      eventsToRecompute.add(undated.id);
      eventsToRecompute.add(into.id);
    }
    for (const id of eventsToRecompute) {
      const changed = await this.recomputeEvent(id, fingerprintsBefore.get(id) ?? null);
      if (changed) eventsNeedingSearchText.add(id);
    }
    for (const id of eventsNeedingSearchText) await tx.refreshEventSearch(id);

    // 4. Quotes.
    await this.replaceQuotes(article, extraction, keyToPerson);

    await tx.markExtracted(articleId, version);
  }

  // ---------------------------------------------------------------- people

  /** Stored people whose names have one of the given surname keys (see `surnameKey`). */
  private async loadPersonRecords(keys: Iterable<string>): Promise<Map<number, PersonRecord>> {
    // Aliases written without a key (older stores, bulk loads) get one first.
    for (const m of await this.tx.aliasesWithoutSurnameKey()) await this.tx.setSurnameKey(m.personId, m.aliasNorm, surnameKey(m.alias));
    const records = new Map<number, PersonRecord>();
    for (const r of await this.tx.peopleWithSurnameKeys([...new Set(keys)])) records.set(r.id, r);
    return records;
  }

  /** Resolves the article's people to stored people (creating or folding where needed) and records the article's mentions. */
  private async mergePeople(
    articleId: number,
    people: ArticleExtraction['people'],
    eventsToRecompute: Set<number>,
  ): Promise<Map<string, number>> {
    const knownFor = new Map(people.map((p) => [p.key, findKnownPerson({ name: p.name.trim(), aliases: p.aliases }, this.knownPeople)]));
    const lookupKeys = people.flatMap((p) => {
      const known = knownFor.get(p.key);
      return [p.name, ...p.aliases, ...(known ? [known.name, ...known.aliases] : [])].flatMap(surnameKeysToSearch);
    });
    const records = await this.loadPersonRecords(lookupKeys);
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
        for (const key of surnameKeysToSearch(n)) for (const rec of byKey.get(key) ?? []) if (records.has(rec.id)) nearby.add(rec);
      }
      const ranked = rankPersonMatches(
        mention,
        [...nearby].sort((a, b) => a.id - b.id),
        known,
      );
      let target = ranked[0];
      if (target) {
        for (const other of peopleToFold(mention, ranked)) {
          await this.foldPerson(other.id, target.id, eventsToRecompute);
          target.names.push(...other.names);
          index(target, other.names);
          target.mentions += other.mentions;
          records.delete(other.id);
          for (const [k, v] of keyToPerson) if (v === other.id) keyToPerson.set(k, target.id);
        }
      } else {
        const country = known?.country ?? mention.country;
        const id = await this.tx.insertPerson({ name: known?.name ?? name, country, role: mention.role });
        target = { id, names: [], country, mentions: 0 };
        records.set(target.id, target);
      }
      await this.tx.insertMention(target.id, articleId, mention);
      target.names.push(mention.name, ...mention.aliases);
      index(target, [mention.name, ...mention.aliases]);
      target.mentions++;
      keyToPerson.set(p.key, target.id);
    }
    return keyToPerson;
  }

  /** Moves everything that refers to person `dropId` over to `keepId` and deletes `dropId`. */
  private async foldPerson(dropId: number, keepId: number, eventsToRecompute: Set<number>): Promise<void> {
    for (const eventId of await this.tx.eventsWithParticipant(dropId)) {
      for (const s of await this.tx.sourcesOf([eventId])) {
        const r = s.report;
        if (!r.participants.includes(dropId)) continue;
        const participants = [...new Set(r.participants.map((id) => (id === dropId ? keepId : id)))];
        await this.tx.updateSourceReport(s.eventId, s.articleId, s.evidence, { ...r, participants });
      }
      eventsToRecompute.add(eventId);
    }
    await this.tx.reassignPerson(dropId, keepId);
  }

  /** Recomputes a person from their mentions (deleting them when none is left); `seen` moves their last-seen time to now. */
  private async recomputePerson(personId: number, seen: boolean, eventsNeedingSearchText: Set<number>): Promise<void> {
    const tx = this.tx;
    const row = await tx.person(personId);
    if (!row) return;
    const mentions = await tx.mentionsOf(personId);
    if (mentions.length === 0) {
      for (const e of await tx.eventsWithParticipant(personId)) eventsNeedingSearchText.add(e);
      await tx.deletePerson(personId);
      return;
    }
    // Each distinct name once, first use first: a person mentioned in hundreds of articles has a
    // handful of names, and matching every repetition against the known people made each
    // recompute grow with the person's mention count. Same names, same first name: same answer.
    const allNames = [...new Set(mentions.flatMap((m) => [m.name, ...m.aliases]))];
    const known = findKnownPerson({ name: allNames[0]!, aliases: allNames.slice(1) }, this.knownPeople);
    const merged = mergePersonMentions(mentions, known);
    if (
      row.name !== merged.name ||
      row.country !== merged.country ||
      row.role !== merged.role ||
      JSON.stringify(row.roles) !== JSON.stringify(merged.roles)
    ) {
      await tx.updatePerson(personId, { name: merged.name, country: merged.country, role: merged.role, roles: merged.roles });
    }
    if (seen) await tx.setLastSeen(personId, tx.now);
    // Aliases: the canonical name and every alias, keyed by their normalised form.
    const wanted = new Map<string, string>();
    for (const n of [merged.name, ...merged.aliases]) {
      const key = normalizeName(n);
      if (key && !wanted.has(key)) wanted.set(key, n);
    }
    const current = await tx.aliasesOf(personId);
    for (const c of current) {
      if (wanted.get(c.aliasNorm) !== c.alias) await tx.deleteAlias(personId, c.aliasNorm);
    }
    const have = new Set(current.filter((c) => wanted.get(c.aliasNorm) === c.alias).map((c) => c.aliasNorm));
    for (const [key, alias] of wanted) {
      if (!have.has(key)) await tx.putAlias(personId, { alias, aliasNorm: key }, surnameKey(alias));
    }
    if (row.name !== merged.name) {
      await tx.renameSpeaker(personId, merged.name);
      for (const e of await tx.eventsWithParticipant(personId)) eventsNeedingSearchText.add(e);
    }
  }

  // ---------------------------------------------------------------- events

  /**
   * Events an article's reports may belong to: dated events within a week of the reported days
   * (and, for undated reports, within a month of the publication day), undated events with a
   * source published within two months, and the events this article made before. Bounded by
   * index ranges, so the cost does not grow with the size of the timeline.
   */
  private async loadCandidates(reports: EventReport[], publishedAt: string | null, previousEvents: Set<number>): Promise<EventCandidate[]> {
    if (reports.length === 0) return [];
    const tx = this.tx;
    const reportDays = reports
      .flatMap((r) => [r.date, r.dateTo])
      .filter(isIsoDay)
      .sort();
    const ranges: Array<[string, string]> = [];
    if (reportDays.length > 0)
      ranges.push([addDays(reportDays[0]!, -DATED_WINDOW_DAYS), addDays(reportDays[reportDays.length - 1]!, DATED_WINDOW_DAYS)]);
    if (isIsoDay(publishedAt) && reports.some((r) => r.date === null))
      ranges.push([addDays(publishedAt, -UNDATED_WINDOW_DAYS), addDays(publishedAt, UNDATED_WINDOW_DAYS)]);
    const ids = new Set<number>(previousEvents);
    const anchor = isIsoDay(publishedAt) ? publishedAt : reportDays[0];
    if (ranges.length === 0 && !anchor) {
      // Nothing to anchor the search in time: every event is a candidate.
      for (const id of await tx.allEventIds()) ids.add(id);
    } else {
      for (const [lo, hi] of ranges) for (const id of await tx.eventIdsDated(addDays(lo, -LONGEST_EVENT_DAYS), hi, lo)) ids.add(id);
      if (anchor)
        for (const id of await tx.undatedEventIdsPublished(
          addDays(anchor, -UNDATED_SOURCE_WINDOW_DAYS),
          addDays(anchor, UNDATED_SOURCE_WINDOW_DAYS),
        ))
          ids.add(id);
    }
    const sorted = [...ids].sort((a, b) => a - b);
    const events = await tx.events(sorted);
    const reportsByEvent = new Map<number, EventReport[]>();
    for (const source of await tx.sourcesOf(sorted)) {
      const list = reportsByEvent.get(source.eventId) ?? [];
      list.push(toReport(source));
      reportsByEvent.set(source.eventId, list);
    }
    const candidates: EventCandidate[] = [];
    for (const event of events) {
      const own = reportsByEvent.get(event.id) ?? [];
      // An event whose only sources were this article's earlier extraction keeps its stored
      // shape as a target, so re-applying the same extraction lands on the same event id.
      const { id, ...stored } = event;
      const fields = own.length > 0 ? mergeReports(own) : { ...stored, participants: await tx.participantsOf(id) };
      candidates.push({ id: event.id, fields, reports: own });
    }
    return candidates;
  }

  /**
   * Rewrites an event from its sources, or deletes it when none is left. Returns whether a reader
   * would see a change (then `updated_at` moves, which is what digests report).
   */
  private async recomputeEvent(eventId: number, fingerprintBefore: string | null): Promise<boolean> {
    const tx = this.tx;
    const reports = (await tx.sourcesOf([eventId])).map(toReport);
    if (reports.length === 0) {
      await tx.deleteEvent(eventId, this.joinedInto.get(eventId) ?? null);
      return false;
    }
    const f = mergeReports(reports);
    const before = this.createdEvents.has(eventId) ? null : await eventStateBefore(tx, eventId);
    await tx.updateEvent(eventId, f);
    const sides = await tx.sidesOf(eventId);
    if (JSON.stringify(sides) !== JSON.stringify([...f.sides].sort())) await tx.replaceSides(eventId, f.sides);
    const participants = await tx.participantsOf(eventId);
    if (JSON.stringify(participants) !== JSON.stringify(f.participants)) await tx.replaceParticipants(eventId, f.participants);
    const changed = fingerprintBefore === null || fingerprint(await tx.snapshot(eventId)) !== fingerprintBefore;
    if (changed) {
      await tx.touchEvent(eventId);
      await tx.recordEventChange(eventChange(eventId, this.articleId, before, f));
    }
    return changed;
  }

  // ---------------------------------------------------------------- quotes

  /** Makes the article's quotes exactly the extracted ones, keeping the ids of quotes that stay. */
  private async replaceQuotes(article: StoredArticle, extraction: ArticleExtraction, keyToPerson: Map<string, number>): Promise<void> {
    const tx = this.tx;
    const existing = new Map((await tx.quotesOfArticle(article.id)).map((q) => [q.text, q]));
    const wanted = new Map<string, { personId: number | null; date: string | null }>();
    for (const q of extraction.quotes) {
      const text = q.text.trim();
      if (!text || wanted.has(text)) continue;
      const personId = q.speakerKey !== null ? (keyToPerson.get(q.speakerKey) ?? null) : null;
      wanted.set(text, { personId, date: isIsoDay(q.date) ? q.date : article.publishedAt });
    }
    for (const [text, q] of existing) {
      if (!wanted.has(text)) await tx.deleteQuote(q.id);
    }
    for (const [text, q] of wanted) {
      const speaker = q.personId !== null ? await tx.personName(q.personId) : null;
      const personId = speaker === null ? null : q.personId;
      const old = existing.get(text);
      if (old) {
        if (old.personId === personId && old.speaker === speaker && old.date === q.date) continue;
        await tx.updateQuote(old.id, { personId, speaker, date: q.date });
      } else {
        await tx.insertQuote(article.id, { personId, speaker, text, date: q.date });
      }
    }
  }
}
