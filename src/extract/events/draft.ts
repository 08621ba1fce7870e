// A draft is one report of an event as the steps build it: the trigger and its clause give the
// kind, the sides, date, place, status and participant steps fill in the rest, and the article
// steps (references, separate meetings, folding) tidy the drafts of the whole article.
import type { CountryCode, EventKind, EventStatus, IsoDay } from '../../domain/types.ts';
import type { KnownPlace } from '../../config/schema.ts';
import type { ArticleFrame } from '../people/reference.ts';

export interface Draft {
  kind: EventKind;
  status: EventStatus;
  date: IsoDay | null;
  dateTo: IsoDay | null;
  approx: boolean;
  city: string | null;
  country: CountryCode | null;
  sides: CountryCode[];
  /** Sides named before and after "with": tells who met whom when meetings were separate. */
  sidesBeforeWith: CountryCode[];
  sidesAfterWith: CountryCode[];
  participants: string[];
  /** People named in the clause as taking part (not filled in from elsewhere). */
  explicit: Set<string>;
  evidence: string;
  sentence: number;
  separately: boolean;
  /** "These talks", "the meeting": refers back to an event already reported. */
  anaphoric: boolean;
  /** "European leaders joined the talks": more sides for an event already reported. */
  joins: boolean;
  /** "After the meeting Trump phoned Putin": happened right after the event reported before. */
  afterPrevious: boolean;
  /** The kind the "After the ..." opening names. */
  afterKind: EventKind | null;
  /** "since the talks opened on Monday": the first day of talks reported elsewhere in the article. */
  opening: boolean;
}

export interface EventContext {
  frame: ArticleFrame;
  publishedAt: IsoDay | null;
  knownPlaces: KnownPlace[];
  /** The speaker of the quotation covering an offset, if the quote rules found one. */
  speakerOfQuote: (pos: number) => string | null;
}

/** Held or planned: an event that is (going to be) real, as against proposed or cancelled. */
export const isLive = (s: EventStatus): boolean => s === 'held' || s === 'planned';

/** Is `day` inside the span of a multi-day report? */
export function withinRange(m: Draft, day: IsoDay): boolean {
  return m.date !== null && m.dateTo !== null && day >= m.date && day <= m.dateTo;
}

/** Dates at most `days` apart (either may be a range). */
export function datesNear(a: Draft, b: Draft, days: number): boolean {
  if (!a.date || !b.date) return false;
  const day = (x: string): number => Date.parse(`${x}T00:00:00Z`) / 86_400_000;
  const a0 = day(a.date);
  const a1 = day(a.dateTo ?? a.date);
  const b0 = day(b.date);
  const b1 = day(b.dateTo ?? b.date);
  return a0 - days <= b1 && b0 - days <= a1;
}

export function sameDates(a: Draft, b: Draft): boolean {
  return a.date === b.date && (a.dateTo ?? a.date) === (b.dateTo ?? b.date);
}

/** One list of sides inside the other (an empty list fits anything). */
export function sidesCompatible(a: CountryCode[], b: CountryCode[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.every((s) => b.includes(s)) || b.every((s) => a.includes(s));
}

export function countryOfPerson(frame: ArticleFrame, key: string): CountryCode | null {
  return frame.people.people.find((p) => p.key === key)?.country ?? null;
}
