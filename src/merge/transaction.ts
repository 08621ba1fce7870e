// What the merge needs from a store, and nothing more: the reads and writes of one article's
// merge, all inside one transaction the backend opens (see `MergeBackend`). Backends hold the
// SQL; which report joins which event, how people fold and what an event becomes are decided in
// src/merge/apply.ts, once, for every backend.
import { z } from 'zod';
import type { CountryCode, EventStatus, IsoDay, IsoInstant } from '../domain/types.ts';
import type { MergedEventFields } from './report.ts';
import type { PersonMention, PersonRecord } from './people.ts';

const countryCode = z.string().regex(/^([A-Z]{2}|EU)$/);

/**
 * A report as stored with its source (`event_sources.report_json`): everything the merge needs to
 * recompute the event from its sources alone. The article and the sentence are columns of their own.
 */
export const storedReportSchema = z.object({
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
export type StoredReport = z.infer<typeof storedReportSchema>;

/** Parses a stored report, with a clear error naming where it came from when the store holds something else. */
export function parseStoredReport(value: unknown, where: string): StoredReport {
  const parsed = storedReportSchema.safeParse(value);
  if (!parsed.success) throw new Error(`corrupt report of ${where} in the store: ${parsed.error.message}`);
  return parsed.data;
}

/** One source of one event: the article, the sentence, and what the article reported. */
export interface StoredSource {
  eventId: number;
  articleId: number;
  evidence: string;
  report: StoredReport;
  /** The article's publication day (a column of the article, not of the report). */
  publishedAt: IsoDay | null;
}

/** An event's stored fields (without participants: those are read with `participantsOf`). */
export interface StoredEvent extends Omit<MergedEventFields, 'participants'> {
  id: number;
}

/** Everything a reader can see of an event: used to tell whether a merge changed it. */
export interface EventSnapshot {
  event: StoredEvent;
  /** In the event's participant order. */
  participants: number[];
  /** By article, then sentence. */
  sources: Array<{ articleId: number; evidence: string; reportedStatus: EventStatus }>;
}

export interface StoredPerson {
  id: number;
  name: string;
  country: CountryCode | null;
  role: string | null;
  roles: string[];
}

export interface StoredAlias {
  alias: string;
  /** `normalizeName(alias)`: the alias's key within its person. */
  aliasNorm: string;
}

export interface StoredQuote {
  id: number;
  text: string;
  personId: number | null;
  speaker: string | null;
  date: IsoDay | null;
}

/**
 * What one merge did to one event, written to the change log (the alert outbox) in the merge's
 * own transaction: a change is logged exactly when it is committed.
 */
export interface EventChange {
  eventId: number;
  /** The event did not exist before this merge. */
  created: boolean;
  /** The status before the merge (null for a new event). */
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  /** People who take part now and did not before (none for a new event: all of them are new). */
  addedPeople: number[];
  /** The article whose merge made the change. */
  articleId: number;
}

/** The writes and reads of one article's merge. Every call runs inside the backend's transaction. */
export interface MergeTransaction {
  /** The instant this merge is stamped with (first seen, updated, last seen). */
  readonly now: IsoInstant;

  articleExists(articleId: number): Promise<boolean>;
  markExtracted(articleId: number, version: number): Promise<void>;

  // What an article contributed before.
  /** People the article mentions, each once. */
  peopleMentionedBy(articleId: number): Promise<number[]>;
  /** The article's sources, by event id. */
  sourcesOfArticle(articleId: number): Promise<StoredSource[]>;
  /** Deletes the article's sources and person mentions (its quotes are replaced separately). */
  forgetContribution(articleId: number): Promise<void>;

  // People.
  /** Aliases stored without a surname key (older stores, bulk loads), so the merge can fill them in. */
  aliasesWithoutSurnameKey(): Promise<Array<{ personId: number; alias: string; aliasNorm: string }>>;
  setSurnameKey(personId: number, aliasNorm: string, surnameKey: string): Promise<void>;
  /** People with an alias under one of `surnameKeys`, by id; `names` is the name, then the aliases. */
  peopleWithSurnameKeys(surnameKeys: string[]): Promise<PersonRecord[]>;
  insertPerson(person: { name: string; country: CountryCode | null; role: string | null }): Promise<number>;
  insertMention(personId: number, articleId: number, mention: PersonMention): Promise<void>;
  person(personId: number): Promise<StoredPerson | null>;
  /** The person's mentions, oldest publication first (undated first), then by article and mention. */
  mentionsOf(personId: number): Promise<PersonMention[]>;
  updatePerson(
    personId: number,
    fields: { name: string; country: CountryCode | null; role: string | null; roles: string[] },
  ): Promise<void>;
  setLastSeen(personId: number, at: IsoInstant): Promise<void>;
  deletePerson(personId: number): Promise<void>;
  aliasesOf(personId: number): Promise<StoredAlias[]>;
  deleteAlias(personId: number, aliasNorm: string): Promise<void>;
  /** Inserts the alias, or replaces the one with the same key. */
  putAlias(personId: number, alias: StoredAlias, surnameKey: string): Promise<void>;
  /** Moves participations, mentions and quotes of `dropId` to `keepId` and deletes `dropId`. */
  reassignPerson(dropId: number, keepId: number): Promise<void>;
  /** Events the person takes part in. */
  eventsWithParticipant(personId: number): Promise<number[]>;
  /** Sets the speaker name of the person's quotes (and their search text). */
  renameSpeaker(personId: number, name: string): Promise<void>;

  // Events.
  allEventIds(): Promise<number[]>;
  /** Events whose first day is in [firstFrom, firstTo] and whose last day is on or after `lastFrom`. */
  eventIdsDated(firstFrom: IsoDay, firstTo: IsoDay, lastFrom: IsoDay): Promise<number[]>;
  /** Undated events with a source published in [from, to]. */
  undatedEventIdsPublished(from: IsoDay, to: IsoDay): Promise<number[]>;
  /** The events with these ids, by id. */
  events(ids: number[]): Promise<StoredEvent[]>;
  /** The sources of these events, by event id. */
  sourcesOf(eventIds: number[]): Promise<StoredSource[]>;
  participantsOf(eventId: number): Promise<number[]>;
  insertEvent(fields: MergedEventFields): Promise<number>;
  /** Adds a source unless the event already has one for this article and sentence. */
  addSource(eventId: number, articleId: number, evidence: string, report: StoredReport): Promise<void>;
  updateSourceReport(eventId: number, articleId: number, evidence: string, report: StoredReport): Promise<void>;
  /** Moves every source of `fromEventId` to `toEventId` (keeping the target's own on a clash). */
  moveSources(fromEventId: number, toEventId: number): Promise<void>;
  snapshot(eventId: number): Promise<EventSnapshot | null>;
  updateEvent(eventId: number, fields: Omit<MergedEventFields, 'participants'>): Promise<void>;
  /** The event's side rows, sorted. */
  sidesOf(eventId: number): Promise<CountryCode[]>;
  replaceSides(eventId: number, sides: CountryCode[]): Promise<void>;
  replaceParticipants(eventId: number, personIds: number[]): Promise<void>;
  touchEvent(eventId: number): Promise<void>;
  /**
   * Deletes an event that has no sources left. Its id is retired (never given to a new event)
   * and, with `joinedInto`, resolves to the event its sources went to.
   */
  deleteEvent(eventId: number, joinedInto?: number | null): Promise<void>;
  /** Rewrites the event's full-text entry from its summary, sources, place and people. */
  refreshEventSearch(eventId: number): Promise<void>;
  /** Appends to the change log (read by the alert dispatcher, src/alerts). */
  recordEventChange(change: EventChange): Promise<void>;

  // Quotes.
  quotesOfArticle(articleId: number): Promise<StoredQuote[]>;
  personName(personId: number): Promise<string | null>;
  deleteQuote(quoteId: number): Promise<void>;
  updateQuote(quoteId: number, fields: { personId: number | null; speaker: string | null; date: IsoDay | null }): Promise<void>;
  insertQuote(
    articleId: number,
    quote: { personId: number | null; speaker: string | null; text: string; date: IsoDay | null },
  ): Promise<void>;
}

/** A store that can run a merge: opens one transaction, commits when `work` resolves, rolls back when it throws. */
export interface MergeBackend {
  mergeTransaction<T>(work: (tx: MergeTransaction) => Promise<T>): Promise<T>;
}
