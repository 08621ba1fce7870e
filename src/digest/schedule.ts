// Digest schedules: the presets people type ("daily 08:00", "weekly monday 18:30") and five-field
// cron expressions, turned into concrete instants ("slots") in the subscription's time zone.
// Slots are computed here with luxon rather than read off a timer, so that the scheduler can be
// driven by any clock (tests inject one) and a restart can tell which slot it missed.
import { IANAZone } from 'luxon';
import cron from 'node-cron';

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export interface ParsedSchedule {
  /** Five-field cron expression: minute hour day-of-month month day-of-week. */
  cron: string;
  /** How to show it: "daily 08:00", "weekly Monday 18:30" or the cron expression. */
  label: string;
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** 0 = Sunday … 6 = Saturday for "mon", "Monday", "tues"; null when it is not a day name. */
export function dayOfWeekFromName(word: string): number | null {
  const w = word.toLowerCase().replace(/[.,]$/, '');
  if (w.length < 2) return null;
  const index = DAY_NAMES.findIndex((day) => day.startsWith(w));
  return index >= 0 ? index : null;
}

/** "8:00", "08:00", "8am", "6:30 pm" -> { hour, minute }; null when it is not a time of day. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (match[2] === undefined && meridiem === undefined) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Reads a schedule as a person gives it: "daily", "daily 08:00", "weekly monday", "weekly mon
 * 18:30", or a five-field cron expression. `time` (the separate /digest option) and
 * `defaultTime` fill in a preset that names no time. Throws ScheduleError with a message fit to
 * show the user.
 */
export function parseSchedule(schedule: string | undefined, time: string | undefined, defaultTime: string): ParsedSchedule {
  const text = (schedule ?? 'daily').trim().replace(/\s+/g, ' ');
  const words = text.toLowerCase().split(' ');
  const preset = words[0];
  if (preset === 'daily' || preset === 'weekly') {
    let day: number | null = null;
    const rest = words.slice(1);
    if (preset === 'weekly') {
      const dayWord = rest.shift();
      if (dayWord === undefined) throw new ScheduleError('A weekly digest needs a day, e.g. "weekly monday".');
      day = dayOfWeekFromName(dayWord);
      if (day === null) throw new ScheduleError(`"${dayWord}" is not a day of the week; try "weekly monday".`);
    }
    const inlineTime = rest.join(' ');
    if (inlineTime && time && inlineTime !== time.trim().toLowerCase()) {
      throw new ScheduleError(`The schedule says ${inlineTime} but the time option says ${time}; give the time once.`);
    }
    const timeText = inlineTime || time?.trim() || defaultTime;
    const at = parseTimeOfDay(timeText);
    if (!at) throw new ScheduleError(`"${timeText}" is not a time of day; use HH:MM, e.g. 08:00.`);
    const hhmm = `${pad(at.hour)}:${pad(at.minute)}`;
    if (day === null) return { cron: `${at.minute} ${at.hour} * * *`, label: `daily ${hhmm}` };
    const dayName = DAY_NAMES[day]!;
    return { cron: `${at.minute} ${at.hour} * * ${day}`, label: `weekly ${dayName[0]!.toUpperCase()}${dayName.slice(1)} ${hhmm}` };
  }
  if (time) throw new ScheduleError('The time option goes with "daily" or "weekly"; a cron expression carries its own time.');
  const expression = text;
  validateCron(expression);
  return { cron: expression, label: expression };
}

// ---------- cron ----------

export interface CronFields {
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: Set<number>;
  /** Standard cron: when both day fields are restricted, a day matching either runs. */
  dayMatchesEither: boolean;
}

/** Throws ScheduleError unless `expression` is a five-field cron expression this module can run. */
export function validateCron(expression: string): CronFields {
  const raw = expression.trim().split(/\s+/);
  if (raw.length !== 5) {
    throw new ScheduleError(
      `"${expression}" is not a schedule. Use "daily 08:00", "weekly monday 08:00" or a cron expression with 5 fields (minute hour day month weekday), e.g. "0 8 * * 1-5".`,
    );
  }
  const NAMES = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat/gi;
  if (raw.some((field) => /[a-z#?]/i.test(field.replace(NAMES, '')))) {
    throw new ScheduleError(
      `"${expression}" uses L, W, # or ?, which digests do not support; use numbers, ranges, lists, steps and day or month names.`,
    );
  }
  const detailed = cron.validateDetailed(raw.join(' '));
  if (!detailed.valid || !detailed.fields) {
    const first = detailed.errors[0];
    throw new ScheduleError(`"${expression}" is not a valid cron expression${first ? `: ${first.message}` : ''}.`);
  }
  const f = detailed.fields;
  const numbers = (values: Array<number | string>): number[] => values.map(Number).filter((n) => Number.isInteger(n));
  const daysOfWeek = new Set(numbers(f.dayOfWeek).map((d) => d % 7));
  const fields: CronFields = {
    minutes: [...new Set(numbers(f.minute))].sort((a, b) => a - b),
    hours: [...new Set(numbers(f.hour))].sort((a, b) => a - b),
    daysOfMonth: new Set(numbers(f.dayOfMonth)),
    months: new Set(numbers(f.month)),
    daysOfWeek,
    dayMatchesEither: !isWildcard(raw[2]!) && !isWildcard(raw[4]!),
  };
  if (
    fields.minutes.length === 0 ||
    fields.hours.length === 0 ||
    fields.daysOfMonth.size === 0 ||
    fields.months.size === 0 ||
    daysOfWeek.size === 0
  ) {
    throw new ScheduleError(`"${expression}" never matches a minute.`);
  }
  if (findSlot(fields, 'UTC', Date.UTC(2000, 0, 1), 'after') === null) {
    throw new ScheduleError(`"${expression}" never runs (no such date).`);
  }
  return fields;
}

function isWildcard(field: string): boolean {
  return field === '*';
}

/** `day` is a calendar day as UTC midnight of that date (no zone involved). */
function dayMatches(fields: CronFields, day: Date): boolean {
  if (!fields.months.has(day.getUTCMonth() + 1)) return false;
  const dom = fields.daysOfMonth.has(day.getUTCDate());
  const dow = fields.daysOfWeek.has(day.getUTCDay());
  return fields.dayMatchesEither ? dom || dow : dom && dow;
}

// Feb 29 on a given weekday can be 28 years away; five years covers every practical schedule
// and bounds the search.
const SEARCH_DAYS = 366 * 5 + 2;
const MINUTE = 60_000;
const DAY = 86_400_000;

// Asking Intl for a zone's offset costs tens of microseconds. Offsets change only at transitions,
// which in the tz database fall on whole quarter hours, so one answer holds for its quarter hour.
const QUARTER_HOUR = 15 * MINUTE;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 50_000;

/** The zone's UTC offset in minutes at `instant`. */
function offsetAt(zone: IANAZone, instant: number): number {
  let byQuarter = offsetCache.get(zone.name);
  if (!byQuarter) offsetCache.set(zone.name, (byQuarter = new Map<number, number>()));
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    if (byQuarter.size >= OFFSET_CACHE_LIMIT) byQuarter.clear();
    offset = zone.offset(quarter * QUARTER_HOUR);
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/**
 * The instant a wall-clock time in `zone` happens. `wallMillis` is the wall time written as if
 * it were UTC. A time skipped when clocks go forward maps to just after the gap (as luxon and
 * vixie cron do); a time that happens twice when clocks go back maps to its first occurrence.
 */
export function wallTimeToInstant(zone: IANAZone, wallMillis: number): number {
  // The zone's offsets around this day; a DST change never happens twice within a day.
  const offsets = new Set([offsetAt(zone, wallMillis - DAY), offsetAt(zone, wallMillis), offsetAt(zone, wallMillis + DAY)]);
  const matches: number[] = [];
  for (const offset of offsets) {
    const instant = wallMillis - offset * MINUTE;
    if (offsetAt(zone, instant) === offset) matches.push(instant);
  }
  if (matches.length > 0) return Math.min(...matches);
  return wallMillis - Math.min(...offsets) * MINUTE;
}

/**
 * The first slot strictly after `from` ('after') or the last at or before it ('atOrBefore').
 * Days are walked as plain calendar dates and only matching days are converted to instants,
 * because a minute tick checks every subscription and must stay cheap.
 */
function findSlot(fields: CronFields, zoneName: string, fromMillis: number, direction: 'after' | 'atOrBefore'): number | null {
  const zone = IANAZone.create(zoneName);
  const localNow = new Date(fromMillis + offsetAt(zone, fromMillis) * MINUTE);
  const today = Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate());
  const step = direction === 'after' ? 1 : -1;
  // Start one day early/late: a gap-shifted slot can cross midnight.
  for (let offset = -step; Math.abs(offset) <= SEARCH_DAYS; offset += step) {
    const day = today + offset * DAY;
    if (!dayMatches(fields, new Date(day))) continue;
    const candidates: number[] = [];
    for (const hour of fields.hours) {
      for (const minute of fields.minutes) candidates.push(wallTimeToInstant(zone, day + hour * 3_600_000 + minute * MINUTE));
    }
    candidates.sort((a, b) => a - b);
    const pick = direction === 'after' ? candidates.find((t) => t > fromMillis) : candidates.reverse().find((t) => t <= fromMillis);
    if (pick !== undefined) return pick;
  }
  return null;
}

/** A compiled schedule: cron fields in a time zone. */
export interface DigestSchedule {
  cron: string;
  timeZone: string;
  fields: CronFields;
}

export function compileSchedule(cronExpression: string, timeZone: string): DigestSchedule {
  if (!IANAZone.isValidZone(timeZone)) throw new ScheduleError(`"${timeZone}" is not an IANA time zone; try e.g. "Europe/Kyiv" or "UTC".`);
  return { cron: cronExpression, timeZone, fields: validateCron(cronExpression) };
}

/** The first slot strictly after `instant`, or null when the schedule never runs again. */
export function nextSlotAfter(schedule: DigestSchedule, instant: Date): Date | null {
  const slot = findSlot(schedule.fields, schedule.timeZone, instant.getTime(), 'after');
  return slot === null ? null : new Date(slot);
}

/** The last slot at or before `instant`, or null when there is none within five years. */
export function latestSlotAtOrBefore(schedule: DigestSchedule, instant: Date): Date | null {
  const slot = findSlot(schedule.fields, schedule.timeZone, instant.getTime(), 'atOrBefore');
  return slot === null ? null : new Date(slot);
}

/**
 * The zone as the runtime spells it ("europe/kyiv" -> "Europe/Kyiv") when that differs only in
 * case; the name as given when it is a valid alias; null when it is no IANA zone.
 */
export function canonicalTimeZone(zone: string): string | null {
  const trimmed = zone.trim();
  if (!trimmed || !IANAZone.isValidZone(trimmed)) return null;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === trimmed.toLowerCase()) return resolved;
  // An alias typed in lower case ("europe/kyiv", which the runtime resolves to "Europe/Kiev").
  const titled = trimmed.replace(/(^|[/_])([a-z])/g, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
  return trimmed === trimmed.toLowerCase() && IANAZone.isValidZone(titled) ? titled : trimmed;
}
