// Which talks go in which lane of the timeline picture. Pure: the same talks always give the
// same lanes. A lane is one pair or group of sides ("Ukraine · United States"); when the picture
// is about one person, a lane is one counterpart (the sides of a talk other than the person's
// own country). The busiest lanes are shown, at most MAX_LANES; the rest become "and N more".
import type { CountryCode, EventStatus, IsoDay } from '../domain/types.ts';
import type { TimelineTalk } from '../store/queries.ts';
import { countryName } from '../extract/geo/countries.ts';

export const MAX_LANES = 12;

export interface Lane {
  key: string;
  /** Plain text (not markdown): drawn into the picture and escaped where it becomes markdown. */
  label: string;
  /** The same with country codes ("EU · UA · US"), for when the names do not fit. */
  shortLabel: string;
  talks: TimelineTalk[];
}

export interface LaneSet {
  lanes: Lane[];
  /** Lanes not drawn, and the talks in them. */
  hidden: { lanes: number; talks: number };
  /** The first planned talk on or after today, if any (drawn to stand out). */
  nextPlanned: TimelineTalk | null;
}

export interface LaneOptions {
  today: IsoDay;
  /** The person the picture is about: lanes are their counterparts, not the sides of each talk. */
  personCountry?: CountryCode | null;
  maxLanes?: number;
}

const UPCOMING: ReadonlySet<EventStatus> = new Set(['planned', 'proposed']);

export function buildLanes(talks: TimelineTalk[], options: LaneOptions): LaneSet {
  const max = options.maxLanes ?? MAX_LANES;
  const byKey = new Map<string, Lane>();
  const lastDays = new Map<Lane, string>();
  for (const talk of talks) {
    const sides = laneSides(talk, options);
    const key = sides.join('+') || (options.personCountry !== undefined ? 'alone' : 'unknown');
    let lane = byKey.get(key);
    if (!lane) {
      lane = {
        key,
        label: laneLabel(sides, options, key, countryName),
        shortLabel: laneLabel(sides, options, key, (code) => code),
        talks: [],
      };
      byKey.set(key, lane);
    }
    lane.talks.push(talk);
    const end = talk.dateTo ?? talk.date;
    if (end > (lastDays.get(lane) ?? '')) lastDays.set(lane, end);
  }
  const nextPlanned =
    talks.find((t) => t.status === 'planned' && t.date >= options.today) ??
    talks.find((t) => UPCOMING.has(t.status) && t.date >= options.today) ??
    null;

  // Busiest first; then the lane with the latest talk; then by name, so the order is stable.
  const ranked = [...byKey.values()].sort(
    (a, b) => b.talks.length - a.talks.length || lastDays.get(b)!.localeCompare(lastDays.get(a)!) || a.label.localeCompare(b.label),
  );
  let shown = ranked.slice(0, max);
  // The next planned talk is the one thing a reader looks for: its lane is always drawn.
  if (nextPlanned && !shown.some((lane) => lane.talks.includes(nextPlanned))) {
    const lane = ranked.find((l) => l.talks.includes(nextPlanned))!;
    shown = [...shown.slice(0, max - 1), lane];
  }
  const hiddenLanes = ranked.filter((lane) => !shown.includes(lane));
  return {
    lanes: shown,
    hidden: { lanes: hiddenLanes.length, talks: hiddenLanes.reduce((sum, lane) => sum + lane.talks.length, 0) },
    nextPlanned,
  };
}

function laneSides(talk: TimelineTalk, options: LaneOptions): CountryCode[] {
  const sides = talk.sides.length === 1 ? [talk.sides[0]!.toUpperCase()] : [...new Set(talk.sides.map((s) => s.toUpperCase()))].sort();
  if (options.personCountry === undefined) return sides;
  return sides.filter((s) => s !== options.personCountry);
}

function laneLabel(sides: CountryCode[], options: LaneOptions, key: string, name: (code: CountryCode) => string): string {
  if (sides.length === 0) {
    if (key === 'alone') return options.personCountry ? `${name(options.personCountry)} only` : 'no other side known';
    return 'sides not known';
  }
  const names = sides.map(name).join(' · ');
  return options.personCountry !== undefined ? `with ${names}` : names;
}
