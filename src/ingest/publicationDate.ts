// Publication dates: the ` date YYYY-MM-DD` header of plain-text article files, metadata values
// (ISO instants, RFC 2822 feed dates) and datelines in the text ("Dec 21, 2025, 12:01 AM").
import type { IsoDay } from '../domain/types.ts';
import { inferPublishedDate } from '../extract/dates/publishedFromText.ts';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

/** 'YYYY-MM-DD' when the parts make a real calendar day, else null. */
export function calendarDay(year: number, month: number, day: number): IsoDay | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface DateMatch {
  day: IsoDay;
  index: number;
  length: number;
}

const DATE_PATTERNS: Array<{ pattern: RegExp; toDay: (m: RegExpExecArray) => IsoDay | null }> = [
  // 2025-12-21 (also the start of 2025-12-21T00:01:00Z)
  { pattern: /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/g, toDay: (m) => calendarDay(+m[1]!, +m[2]!, +m[3]!) },
  // December 21, 2025 / Dec. 21st 2025
  {
    pattern: new RegExp(`\\b${MONTH_NAME}\\s+${DAY},?\\s+${YEAR}\\b`, 'gi'),
    toDay: (m) => calendarDay(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!),
  },
  // 21 December 2025 / 21st Dec, 2025
  {
    pattern: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH_NAME},?\\s+${YEAR}\\b`, 'gi'),
    toDay: (m) => calendarDay(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!),
  },
  // 21.12.2025 (day first, as everywhere dots are used)
  { pattern: /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/g, toDay: (m) => calendarDay(+m[3]!, +m[2]!, +m[1]!) },
  // 12/21/2025 or 21/12/2025, only when the order is unambiguous
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/g,
    toDay: (m) => {
      const a = +m[1]!;
      const b = +m[2]!;
      if (a > 12 && b <= 12) return calendarDay(+m[3]!, b, a);
      if (b > 12 && a <= 12) return calendarDay(+m[3]!, a, b);
      if (a === b) return calendarDay(+m[3]!, a, b);
      return null;
    },
  },
];

/** Every full date (with a year) written in the text, in order of appearance. */
export function findFullDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const { pattern, toDay } of DATE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const day = toDay(m);
      if (day && !found.some((f) => m!.index < f.index + f.length && f.index < m!.index + m![0].length)) {
        found.push({ day, index: m.index, length: m[0].length });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

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
const DATELINE_NOISE = /^[\s•·|,–—-]*(?:(?:published|posted|updated|last updated|first published|date)\s*(?:on|at)?:?\s*)?|\s*(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*))?)?[\s•·|,]*$/gi;

/**
 * The publication day from a dateline: a line that is a date and little else, such as
 * "• Dec 21, 2025, 12:01 AM" or "Published 21.12.2025", else an agency dateline (see
 * `findWireDateline`; `now` bounds a year read from elsewhere). Only the article's first lines
 * are searched (lists of other headlines further down carry their own dates).
 */
export function findDateline(lines: string[], searchLines = 25, now: Date = new Date()): IsoDay | null {
  for (const line of lines.slice(0, searchLines)) {
    const day = datelineDay(line);
    if (day) return day;
  }
  // An agency dateline opening the first paragraph: "DOHA, Jan 15 (Reuters) - ...".
  return findWireDateline(lines, lines.join('\n'), now);
}

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

const WIRE_MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/**
 * A news-agency dateline opening a paragraph: "WASHINGTON, June 27, 2025 (AFP) - ...",
 * "DOHA, Jan 15 (Reuters) - ...", "SHARM EL-SHEIKH, Egypt, Oct 8 (AP) — ...". The city is
 * capitalised, the date follows its comma, and an agency in brackets or a dash ends it.
 */
const WIRE_DATELINE = new RegExp(
  `^\\s*\\p{Lu}[\\p{L}\\p{M}.'\u2019-]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}.'\u2019-]*){0,3}(?:,\\s*\\p{Lu}[\\p{L}\\p{M}.]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}.]*){0,2})?,\\s+(${WIRE_MONTH})\\s+(\\d{1,2})(?:,?\\s+((?:19|20)\\d{2}))?\\s*(?:\\([^()\\n]{2,40}\\)\\s*)?[-\u2013\u2014]+\\s`,
  'u',
);

/** Without a city the agency must be named: "Nov 23 (Reuters) - ...". */
const AGENCY_DATELINE = new RegExp(
  `^\\s*(${WIRE_MONTH})\\s+(\\d{1,2})(?:,?\\s+((?:19|20)\\d{2}))?\\s*\\((?:Reuters|AP|AFP|Bloomberg|dpa|DPA|Xinhua|Anadolu|TASS|Kyodo|Yonhap|UPI|ANI|PTI|EFE|ANSA|Interfax)\\)\\s*[-\u2013\u2014]+\\s`,
  'u',
);

/** The year in a "Copyright 2025 The Associated Press" or "© 2025 Reuters" line; the last of a range ("© 2019-2025"). */
export function copyrightYear(text: string): number | null {
  const m = /(?:\bcopyright\b|©|\(c\))\s*(?:©\s*)?((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)\d{2}))?\b/i.exec(text);
  return m ? Number(m[2] ?? m[1]) : null;
}

const dayNumber = (day: IsoDay): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * The year of a month and day written without one: the copyright year when the page states it,
 * else the year that puts the day nearest the latest full date in the text, else the last
 * occurrence on or before `now` (a dateline is never in the future).
 */
export function yearForMonthDay(month: number, day: number, text: string, now: Date): IsoDay | null {
  const today = now.toISOString().slice(0, 10) as IsoDay;
  const copyright = copyrightYear(text);
  if (copyright !== null) {
    const d = calendarDay(copyright, month, day);
    // A page dated after the fetch would be a stale or wrong copyright line; the other clues decide.
    if (d !== null && d <= today) return d;
  }
  const latest = findFullDates(text).map((d) => d.day).sort().at(-1);
  if (latest !== undefined) {
    const year = Number(latest.slice(0, 4));
    const candidates = [year - 1, year, year + 1]
      .map((y) => calendarDay(y, month, day))
      .filter((d): d is IsoDay => d !== null && d <= today)
      .sort((a, b) => Math.abs(dayNumber(a) - dayNumber(latest)) - Math.abs(dayNumber(b) - dayNumber(latest)));
    if (candidates[0]) return candidates[0];
  }
  for (let y = now.getUTCFullYear(); y >= now.getUTCFullYear() - 1; y--) {
    const d = calendarDay(y, month, day);
    if (d !== null && d <= today) return d;
  }
  return null;
}

/**
 * The publication day from a wire dateline in the article's first paragraphs. A dateline with a
 * year is read by `inferPublishedDate`; one without takes its year from the rest of the text
 * (see `yearForMonthDay`). `text` is the whole article, searched for a copyright year.
 */
export function findWireDateline(lines: string[], text: string, now: Date, searchLines = 12): IsoDay | null {
  for (const line of lines.filter((l) => l.trim() !== '').slice(0, searchLines)) {
    const m = WIRE_DATELINE.exec(line) ?? AGENCY_DATELINE.exec(line);
    if (!m) continue;
    if (m[3] !== undefined) return inferPublishedDate(`${m[1]} ${m[2]}, ${m[3]}`);
    return yearForMonthDay(MONTHS[m[1]!.toLowerCase().replace(/\.$/, '')]!, Number(m[2]), text, now);
  }
  return null;
}
