// Publication dates: the ` date YYYY-MM-DD` header of plain-text article files, metadata values
// (ISO instants, RFC 2822 feed dates) and datelines in the text ("Dec 21, 2025, 12:01 AM").
import type { IsoDay } from '../domain/types.ts';
import { wireDatelineOf } from '../extract/dates/dateline.ts';
import { weekdayFit } from '../extract/dates/weekdayFit.ts';
import { calendarDay, findFullDates } from '../extract/dates/fullDates.ts';

export { calendarDay, findFullDates } from '../extract/dates/fullDates.ts';

/**
 * The day in a metadata value: an ISO date or instant, an RFC 2822 date, or a written date.
 * The day is the one written, in the publisher's own offset, not converted to UTC: "yesterday"
 * in an article posted at 00:30 in Kyiv means the day before Kyiv's date.
 */
export function parseMetadataDate(value: string | null | undefined): IsoDay | null {
  if (!value) return null;
  return findFullDates(value.trim())[0]?.day ?? null;
}

export interface DateHeader {
  publishedAt: IsoDay;
  /** Whatever followed the date on the header line (sometimes junk like a logo, sometimes the first sentence). */
  rest: string;
}

/** Reads the ` date YYYY-MM-DD` header some article files start with. */
export function parseDateHeader(firstLine: string): DateHeader | null {
  const m = /^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?=\s|$)(.*)$/i.exec(firstLine);
  if (!m) return null;
  const day = calendarDay(+m[1]!, +m[2]!, +m[3]!);
  if (!day) return null;
  return { publishedAt: day, rest: m[4]!.trim() };
}

/** Characters in a dateline that are not the date: bullets, "Published", "Updated", a time of day. */
const DATELINE_NOISE =
  /^[\s•·|,–—-]*(?:(?:published|posted|updated|last updated|first published|date)\s*(?:on|at)?:?\s*)?|\s*(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*))?)?[\s•·|,]*$/gi;

/**
 * The publication day from a dateline: a line that is a date and little else, such as
 * "• Dec 21, 2025, 12:01 AM" or "Published 21.12.2025", else an agency dateline (see
 * `findWireDateline`; `now` bounds a year read from elsewhere). Only the article's first lines
 * are searched (lists of other headlines further down carry their own dates).
 *
 * A page may also show the day it was viewed ("• Tuesday, 24 December 2024" above the headline
 * of a story filed "Washington, 2 April 2024 (dpa) -"): a date line days away from the story's
 * own dateline is such a widget, and the dateline wins.
 */
export function findDateline(lines: string[], searchLines = 25, now: Date = new Date()): IsoDay | null {
  let own: IsoDay | null = null;
  for (const line of lines.slice(0, searchLines)) {
    own = datelineDay(line);
    if (own) break;
  }
  // An agency dateline opening the first paragraph: "DOHA, Jan 15 (Reuters) - ...".
  const wire = findWireDateline(lines, lines.join('\n'), now);
  if (own && wire && Math.abs(dayNumber(own) - dayNumber(wire)) > WIDGET_GAP_DAYS) return wire;
  return own ?? wire;
}

const dayNumber = (day: IsoDay): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** A page's date line and the story's dateline this many days apart are not the same date. */
const WIDGET_GAP_DAYS = 2;

/** The day when the line is a dateline (a date and little else), else null. */
export function datelineDay(line: string): IsoDay | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > 80) return null;
  const dates = findFullDates(trimmed);
  if (dates.length !== 1) return null;
  const date = dates[0]!;
  const remainder = (trimmed.slice(0, date.index) + ' ' + trimmed.slice(date.index + date.length)).replace(DATELINE_NOISE, '').trim();
  // Allow a weekday or a short place ("KYIV —") beside the date, not a sentence.
  return remainder.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length <= 2 ? date.day : null;
}

/** The year in a "Copyright 2025 The Associated Press" or "© 2025 Reuters" line; the last of a range ("© 2019-2025"). */
export function copyrightYear(text: string): number | null {
  const m = /(?:\bcopyright\b|©|\(c\))\s*(?:©\s*)?((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)\d{2}))?\b/i.exec(text);
  return m ? Number(m[2] ?? m[1]) : null;
}

/** Years searched back from now for one whose weekdays fit a day and month written without a year. */
const WEEKDAY_YEARS = 10;

/**
 * The year of a month and day written without one: the copyright year when the page states it,
 * else the year that puts the day nearest the latest full date in the text, else the latest year
 * whose weekdays fit the text's ("BUDAPEST, July 5 ... Earlier on Friday" is a year when July 5
 * was a Friday; see `weekdayFit`), else the last occurrence on or before `now` (a dateline is
 * never in the future).
 */
export function yearForMonthDay(month: number, day: number, text: string, now: Date): IsoDay | null {
  const today = now.toISOString().slice(0, 10) as IsoDay;
  const copyright = copyrightYear(text);
  if (copyright !== null) {
    const d = calendarDay(copyright, month, day);
    // A page dated after the fetch would be a stale or wrong copyright line; the other clues decide.
    if (d !== null && d <= today) return d;
  }
  const latest = findFullDates(text)
    .map((d) => d.day)
    .sort()
    .at(-1);
  if (latest !== undefined) {
    const year = Number(latest.slice(0, 4));
    const candidates = [year - 1, year, year + 1]
      .map((y) => calendarDay(y, month, day))
      .filter((d): d is IsoDay => d !== null && d <= today)
      .sort((a, b) => Math.abs(dayNumber(a) - dayNumber(latest)) - Math.abs(dayNumber(b) - dayNumber(latest)));
    if (candidates[0]) return candidates[0];
  }
  const onOrBeforeToday = (y: number): IsoDay | null => {
    const d = calendarDay(y, month, day);
    return d !== null && d <= today ? d : null;
  };
  for (let y = now.getUTCFullYear(); y >= now.getUTCFullYear() - WEEKDAY_YEARS; y--) {
    const d = onOrBeforeToday(y);
    if (d === null) continue;
    const fit = weekdayFit(text, d);
    if (fit.clues === 0) break;
    if (fit.fits) return d;
  }
  for (let y = now.getUTCFullYear(); y >= now.getUTCFullYear() - 1; y--) {
    const d = onOrBeforeToday(y);
    if (d !== null) return d;
  }
  return null;
}

/**
 * The publication day from a wire dateline in the article's first paragraphs (see
 * `wireDatelineOf`). A dateline without a year takes it from the rest of the text (see
 * `yearForMonthDay`). `text` is the whole article, searched for a copyright year and weekdays.
 */
export function findWireDateline(lines: string[], text: string, now: Date, searchLines = 12): IsoDay | null {
  for (const line of lines.filter((l) => l.trim() !== '').slice(0, searchLines)) {
    const dateline = wireDatelineOf(line);
    if (!dateline) continue;
    if (dateline.year !== null) return calendarDay(dateline.year, dateline.month, dateline.day);
    return yearForMonthDay(dateline.month, dateline.day, text, now);
  }
  return null;
}
