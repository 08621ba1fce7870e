// When two reports (or a report and a merged event) can be the same event. Each test answers one
// question the merge rules ask; `matchScore` combines them and ranks the candidates.
import type { CountryCode, EventKind, EventStatus, IsoDay, Place } from '../domain/types.ts';
import type { MergedEventFields } from './report.ts';

/** How far an approximate date ("earlier this week", "last week") may be from the real day. */
export const APPROX_SLACK_DAYS = 3;

/** Days since 1970-01-01 for an ISO day, or null when it is not one. */
export function dayNumber(day: IsoDay | null): number | null {
  if (day === null || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? null : Math.round(t / 86_400_000);
}

export interface DatedShape {
  date: IsoDay | null;
  dateTo: IsoDay | null;
  approx: boolean;
}

/** The days an event may have taken place on, widened when the date is approximate. */
export function dateWindow(e: DatedShape): { lo: number; hi: number } | null {
  const a = dayNumber(e.date);
  if (a === null) return null;
  const b = dayNumber(e.dateTo) ?? a;
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const slack = e.approx ? APPROX_SLACK_DAYS : 0;
  return { lo: lo - slack, hi: hi + slack };
}

export type DateRelation = 'overlap' | 'disjoint' | 'unknown';

/** Whether two reported dates can be the same event: their (widened) day ranges meet. */
export function compareDates(a: DatedShape, b: DatedShape): DateRelation {
  const wa = dateWindow(a);
  const wb = dateWindow(b);
  if (!wa || !wb) return 'unknown';
  return wa.lo <= wb.hi && wb.lo <= wa.hi ? 'overlap' : 'disjoint';
}

/** City names compared without case, accents or punctuation ("Genève" = "Geneve"). */
export function normalizePlaceName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type PlaceRelation = 'same' | 'unknown' | 'different';

/** Same city, or one place unknown (then the countries must not contradict each other). */
export function comparePlaces(a: Place, b: Place): PlaceRelation {
  if (a.city && b.city) {
    if (normalizePlaceName(a.city) !== normalizePlaceName(b.city)) return 'different';
    if (a.country && b.country && a.country !== b.country) return 'different';
    return 'same';
  }
  if (a.country && b.country && a.country !== b.country) return 'different';
  return 'unknown';
}

export type SidesRelation = 'equal' | 'subset' | 'overlapping' | 'crossing' | 'disjoint' | 'unknown';

/**
 * How two sets of sides relate. "crossing" (UA-US against RU-US) means two different meetings:
 * they share a side but each has one the other lacks. "overlapping" is the milder case where
 * most sides agree and each adds one (UA-US-EU against UA-US-DE: the same round told by one
 * source as "European" and by another as "German"): at least two shared sides, Jaccard ≥ 0.5.
 */
export function compareSides(a: readonly CountryCode[], b: readonly CountryCode[]): SidesRelation {
  if (a.length === 0 || b.length === 0) return 'unknown';
  const sa = new Set(a);
  const sb = new Set(b);
  const shared = [...sa].filter((s) => sb.has(s)).length;
  if (shared === 0) return 'disjoint';
  if (shared === sa.size && shared === sb.size) return 'equal';
  if (shared === sa.size || shared === sb.size) return 'subset';
  const union = new Set([...sa, ...sb]).size;
  return shared >= 2 && shared / union >= 0.5 ? 'overlapping' : 'crossing';
}

export function sharedCount<T>(a: readonly T[], b: readonly T[]): number {
  const sb = new Set(b);
  return new Set(a.filter((x) => sb.has(x))).size;
}

/** A phone call is never the same event as a meeting in person; talks, meetings and summits may be. */
export function kindsCompatible(a: EventKind, b: EventKind): boolean {
  return (a === 'call') === (b === 'call');
}

/** Whether a status says the event took place or will (as opposed to was only floated or called off). */
export function isLiveStatus(status: EventStatus): boolean {
  return status === 'held' || status === 'planned';
}

/**
 * The sides worth comparing. A report whose only side is the host country ("a meeting held in
 * the Saudi capital" read as side SA) says where, not who: its sides count as unknown.
 */
export function informativeSides(e: { sides: readonly CountryCode[]; location: Place }): CountryCode[] {
  const unique = [...new Set(e.sides)];
  if (unique.length === 1 && e.location.country !== null && unique[0] === e.location.country) return [];
  return unique;
}

export interface MatchShape extends DatedShape {
  kind: EventKind;
  status: EventStatus;
  location: Place;
  sides: CountryCode[];
  participants: number[];
}

/**
 * A positive score when `report` can be a report of `event`, null when it cannot. Higher means
 * more evidence that they are the same (shared people weigh most, then the city and the sides).
 */
export function matchScore(report: MatchShape, event: MatchShape | MergedEventFields): number | null {
  if (!kindsCompatible(report.kind, event.kind)) return null;
  const place = comparePlaces(report.location, event.location);
  if (place === 'different') return null;
  const reportSides = informativeSides(report);
  const eventSides = informativeSides(event);
  const sides = compareSides(reportSides, eventSides);
  if (sides === 'crossing' || sides === 'disjoint') return null;
  // A report that the event happened and one that it was only proposed or called off are the
  // same event only when they name exactly the same sides; otherwise a denied trilateral would
  // swallow the bilateral meetings that did take place.
  if (isLiveStatus(report.status) !== isLiveStatus(event.status) && sides !== 'equal') return null;
  const people = sharedCount(report.participants, event.participants);
  const sideCount = sharedCount(reportSides, eventSides);
  // A meeting that was only floated, denied or called off is talked about for days, mostly with
  // no date of its own: reports of it naming exactly the same sides (two or more) within a few
  // days of each other, or undated, are one proposal.
  if (!isLiveStatus(report.status) && !isLiveStatus(event.status) && sides === 'equal' && reportSides.length >= 2) {
    if (compareDates({ ...report, approx: true }, { ...event, approx: true }) === 'disjoint') return null;
    return 1 + people * 10 + (place === 'same' ? 5 : 0) + 4;
  }
  const dates = compareDates(report, event);
  if (dates === 'disjoint') return null;
  if (dates === 'unknown') {
    // An undated report joins a dated event only on a clear match: same city, the same sides
    // (or one side's list within the other's), a shared person. Two undated reports need the same.
    if (place !== 'same' || (sides !== 'equal' && sides !== 'subset') || people === 0) return null;
  } else {
    const evidence = people > 0 || sides === 'equal' || sideCount >= 1 || (place === 'same' && sides === 'unknown');
    if (!evidence) return null;
  }
  let score = 1;
  score += people * 10;
  if (place === 'same') score += 5;
  if (sides === 'equal') score += 4;
  else if (sides === 'subset') score += 2;
  if (dates === 'overlap' && report.date !== null && report.date === event.date && !report.approx && !event.approx) score += 3;
  if (report.kind === event.kind) score += 1;
  return score;
}

/**
 * Two reports from the same article describe the same event only when nothing tells them apart:
 * an article that reports UA-US talks on the 19th and RU-US talks on the 20th, or UA-US and RU-US
 * talks on the same day, reports distinct events, and so does one that reports a meeting held and
 * another proposed.
 */
export function sameArticleReportsAgree(a: MatchShape, b: MatchShape): boolean {
  if (!kindsCompatible(a.kind, b.kind)) return false;
  if (isLiveStatus(a.status) !== isLiveStatus(b.status)) return false;
  if (comparePlaces(a.location, b.location) === 'different') return false;
  const sides = compareSides(informativeSides(a), informativeSides(b));
  if (sides === 'crossing' || sides === 'disjoint') return false;
  if (compareDates(a, b) === 'disjoint') return false;
  return true;
}
