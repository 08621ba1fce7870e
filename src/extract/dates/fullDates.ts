// Dates written in full, with their year: "2025-12-21", "December 21, 2025", "21 Dec 2025",
// "21.12.2025", "12/21/2025" (only where the order is unambiguous). They date an article by
// themselves (a dateline, a caption) and give the year to the days a text writes without one.
import type { IsoDay } from '../../domain/types.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
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

export interface DateMatch {
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
