// How the reports of one event combine into the event: its status, dates, place, kind, sides,
// participants and summary. Pure functions over the reports, so an event is always exactly what
// its current sources say, whatever order they arrived in.
import type { CountryCode, EventKind, EventStatus, IsoDay, Place } from '../domain/types.ts';
import { dateWindow, informativeSides, normalizePlaceName } from './compatibility.ts';
import { compareReportsByPublication, type EventReport, type MergedEventFields } from './report.ts';

/**
 * The event's status from its reports in publication order: what the latest source tells, with
 * two exceptions. A later "planned" never undoes a report that the event was held (a recap in
 * the future tense is not news that it has not happened), and "proposed" never overrules
 * anything: a proposal becomes held or planned only when a source says so. A later
 * cancellation or denial overrules a plan, and also an earlier report that it was held.
 */
export function resolveStatus(statuses: readonly EventStatus[]): EventStatus {
  if (statuses.length === 0) throw new Error('resolveStatus: an event needs at least one report');
  let status: EventStatus = statuses[0]!;
  for (const s of statuses.slice(1)) {
    if (s === 'held' || s === 'cancelled') status = s;
    else if (s === 'planned' && status !== 'held') status = s;
  }
  return status;
}

export interface ResolvedDates {
  date: IsoDay | null;
  dateTo: IsoDay | null;
  approx: boolean;
}

type Dated = Pick<EventReport, 'date' | 'dateTo' | 'approx'>;

function spanOf(r: Dated): { from: IsoDay; to: IsoDay } {
  const from = r.date!;
  const to = r.dateTo && r.dateTo > from ? r.dateTo : from;
  return { from, to };
}

/**
 * The event's dates. A precise date wins over an approximate one. Among precise dates, the span
 * most sources give exactly; on a tie the narrower one, since a range widens only on evidence
 * that outweighs the single days (one source's "two days of talks" does not turn two other
 * sources' "talks on Saturday" into a two-day round); then the earliest source's. With only
 * approximate dates, the narrowest one, flagged approximate.
 */
export function resolveDates(reports: readonly Dated[]): ResolvedDates {
  const precise = reports.filter((r) => r.date !== null && !r.approx);
  if (precise.length > 0) {
    const support = new Map<string, { span: { from: IsoDay; to: IsoDay }; count: number; width: number; first: number }>();
    precise.map(spanOf).forEach((span, i) => {
      const key = `${span.from}/${span.to}`;
      const entry = support.get(key);
      if (entry) entry.count++;
      else support.set(key, { span, count: 1, width: span.to > span.from ? Date.parse(span.to) - Date.parse(span.from) : 0, first: i });
    });
    const chosen = [...support.values()].sort((a, b) => b.count - a.count || a.width - b.width || a.first - b.first)[0]!.span;
    return { date: chosen.from, dateTo: chosen.to > chosen.from ? chosen.to : null, approx: false };
  }
  const approximate = reports.filter((r) => r.date !== null);
  if (approximate.length > 0) {
    const narrowest = approximate
      .map((r, i) => ({
        r,
        i,
        width: (() => {
          const w = dateWindow(r)!;
          return w.hi - w.lo;
        })(),
      }))
      .sort((a, b) => a.width - b.width || a.i - b.i)[0]!.r;
    const span = spanOf(narrowest);
    return { date: span.from, dateTo: span.to > span.from ? span.to : null, approx: true };
  }
  return { date: null, dateTo: null, approx: false };
}

/** Values by how many reports give them, ties going to the earliest report. */
function mostCommon<T>(values: readonly T[], key: (v: T) => string): T | null {
  const counts = new Map<string, { value: T; count: number; first: number }>();
  values.forEach((value, i) => {
    const k = key(value);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { value, count: 1, first: i });
  });
  const best = [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first)[0];
  return best ? best.value : null;
}

/** The city most sources name (with the country they give for it), else the country most give. */
export function resolvePlace(places: readonly Place[]): Place {
  const withCity = places.filter((p) => p.city);
  const city = mostCommon(
    withCity.map((p) => p.city!),
    normalizePlaceName,
  );
  if (city !== null) {
    const countries = withCity.filter((p) => normalizePlaceName(p.city!) === normalizePlaceName(city) && p.country).map((p) => p.country!);
    const fallback = places.filter((p) => p.country).map((p) => p.country!);
    return { city, country: mostCommon(countries, (c) => c) ?? mostCommon(fallback, (c) => c) };
  }
  return {
    city: null,
    country: mostCommon(
      places.filter((p) => p.country).map((p) => p.country!),
      (c) => c,
    ),
  };
}

/** The kind most sources use, ties going to the earliest. */
export function resolveKind(kinds: readonly EventKind[]): EventKind {
  const kind = mostCommon(kinds, (k) => k);
  if (kind === null) throw new Error('resolveKind: an event needs at least one report');
  return kind;
}

/** Union in first-seen order. */
export function unionInOrder<T>(lists: ReadonlyArray<readonly T[]>): T[] {
  const seen = new Set<T>();
  const out: T[] = [];
  for (const list of lists)
    for (const x of list)
      if (!seen.has(x)) {
        seen.add(x);
        out.push(x);
      }
  return out;
}

/** All sides any source gives, sorted so the same sources always give the same list. */
export function resolveSides(lists: ReadonlyArray<readonly CountryCode[]>): CountryCode[] {
  return unionInOrder(lists).sort();
}

/**
 * The status a report can stand for: an article cannot know that talks dated after its own
 * publication day were held, so such a "held" (a tense misread) counts as planned.
 */
export function credibleStatus(r: Pick<EventReport, 'status' | 'date' | 'approx' | 'publishedAt'>): EventStatus {
  if (r.status === 'held' && r.date !== null && !r.approx && r.publishedAt !== null && r.date > r.publishedAt) return 'planned';
  return r.status;
}

/** The merged event from its reports (any order). */
export function mergeReports(reports: readonly EventReport[]): MergedEventFields {
  if (reports.length === 0) throw new Error('mergeReports: an event needs at least one report');
  const ordered = [...reports].sort(compareReportsByPublication);
  const status = resolveStatus(ordered.map(credibleStatus));
  const dates = resolveDates(ordered);
  // The summary of the latest source that tells the event as it now stands, preferring one that
  // says who met over one that only names the host.
  const latestFirst = [...ordered].reverse();
  const summarySource =
    latestFirst.find((r) => credibleStatus(r) === status && informativeSides(r).length > 0) ??
    latestFirst.find((r) => credibleStatus(r) === status) ??
    latestFirst[0]!;
  return {
    kind: resolveKind(ordered.map((r) => r.kind)),
    status,
    ...dates,
    location: resolvePlace(ordered.map((r) => r.location)),
    // A source that only names the host country as a side adds nothing when others say who met.
    sides: resolveSides(ordered.some((r) => informativeSides(r).length > 0) ? ordered.map(informativeSides) : ordered.map((r) => r.sides)),
    participants: unionInOrder(ordered.map((r) => r.participants)),
    summary: summarySource.summary,
  };
}
