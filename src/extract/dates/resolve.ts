// Dates in a sentence, resolved to the day the thing happened (not the day it was reported),
// against the article's publication day and the tense of the clause the date stands in.
//
// Rules, in short:
// - Explicit days ("Dec. 19", "19 December", "Nov. 30, 2025", "2025-12-19", "21.12.2025",
//   "12/19/2025") and ranges ("Dec. 14-15", "December 14 and 15", "Dec. 30 - Jan. 2", "Monday
//   and Tuesday"). Without a year, the year
//   that puts the day nearest the publication day in the direction the tense says (past: on or
//   before it, future: on or after it; a day of slack for time zones), within eleven months.
// - Weekdays: past/present "on Saturday" is the latest Saturday on or before publication (the
//   same day when the weekdays agree); future is the next one on or after it ("next" skips the
//   same day). Present tense without other cues takes the nearer of the two.
// - today, tonight, yesterday, tomorrow, the day before, the day before yesterday.
// - Vague spans give approximate ranges: weekends (past/future by tense), earlier/later this
//   week, this/last/next week, the past week, recent weeks, this/last/next month, month names
//   without a day, "two months ago", "more than two weeks after/before/earlier", "in six months".
//   "N after" gives the day N before publication: it dates the thing the sentence says came
//   N earlier than the reported one ("the visit could come two weeks after they met in Moscow").
//   When the sentence states a day before the span, the span counts from that day instead ("on
//   Monday, three days after the summit" is Friday); "the next day" and "two days later" need
//   such a day and are dropped without one. Also: "the first week of May", "early next year",
//   "over Christmas", "on New Year's Eve". Durations ("the first talks in three years") and
//   weekdays inside names ("Good Friday Agreement", "The Sunday Times") are not dates.
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import type { IsoDay } from '../../domain/types.ts';
import { addDays, addMonths, daysBetween, isIsoDay, isValidDay, mondayOf, monthRange, parts, toIsoDay, weekdayOf } from './calendar.ts';
import { tenseAt, type Tense } from './tense.ts';
import { wireDatelineOf } from './dateline.ts';

export { tenseOf, tenseAt, type Tense } from './tense.ts';

export interface DateMention {
  date: IsoDay;
  dateTo: IsoDay | null;
  approx: boolean;
  start: number;
  end: number;
  surface: string;
  /** The day of the dateline opening the sentence ("DOHA, Jan 15 (Reuters) -"): when the story was filed. */
  filed?: true;
}

interface Resolved {
  date: IsoDay;
  dateTo: IsoDay | null;
  approx: boolean;
  /**
   * For "three days after", "two weeks before": the same span counted from another day. A date
   * stated earlier in the sentence is the anchor ("on Monday, three days after the summit").
   */
  fromAnchor?: (anchor: IsoDay) => Resolved;
  /** Meaningless without an anchor ("the next day", "two days later"): dropped when none is found. */
  needsAnchor?: boolean;
}

interface RuleContext {
  sentence: string;
  ref: IsoDay | null;
  start: number;
  end: number;
  tense(): Tense;
}

interface Rule {
  name: string;
  /** A cheap test that must pass before the full pattern runs (most sentences hold no date). */
  hint: RegExp;
  pattern: RegExp;
  resolve(m: RegExpMatchArray, ctx: RuleContext): Resolved | null;
}

// ---------- vocabulary ----------

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_WORD =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
// Full names first, so the dot after an abbreviation ("Dec.") belongs to the date but a full stop does not.
const MONTH =
  '((?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?(?!\\d|:\\d|\\.\\d)';
const YEAR = '(?:,?\\s+(\\d{4}))?(?!\\d)';
const WEEKDAY_WORD = '(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?';
const OPTIONAL_WEEKDAY = `(?:${WEEKDAY_WORD}\\.?,?\\s+(?:the\\s+)?)?`;
const RANGE_JOIN = '\\s*(?:-|\u2013|\u2014|to|and|through|till|until|or)\\s*';

const MONTH_HINT = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/i;
const MONTH_HINT_DIGIT =
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[\s\S]*\d|\d[\s\S]*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/i;

const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const WEEKDAY_NAMES = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'a couple of': 2,
  'a few': 3,
  several: 3,
  few: 3,
};
const NUMBER = '(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|several)';

function monthNumber(word: string): number {
  return MONTHS[word.toLowerCase().slice(0, 3)] ?? (word.toLowerCase().startsWith('sept') ? 9 : 0);
}

function countOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? 0);
}

// ---------- resolution helpers ----------

/** How far the tense may push a day without a year away from the reference (past or future). */
const TENSE_WINDOW = 330;

/** The year for a month/day without one: nearest the reference in the tense's direction. */
export function inferYear(month: number, day: number, ref: IsoDay, tense: Tense): number | null {
  const refYear = parts(ref).year;
  const candidates = [refYear - 1, refYear, refYear + 1]
    .filter((y) => isValidDay(y, month, day))
    .map((y) => ({ y, offset: daysBetween(ref, toIsoDay(y, month, day)) }));
  if (candidates.length === 0) return null;
  const nearest = [...candidates].sort((a, b) => Math.abs(a.offset) - Math.abs(b.offset))[0]!;
  if (tense === 'past') {
    const past = candidates.filter((c) => c.offset <= 1 && c.offset >= -TENSE_WINDOW).sort((a, b) => b.offset - a.offset)[0];
    return (past ?? nearest).y;
  }
  if (tense === 'future') {
    const future = candidates.filter((c) => c.offset >= -1 && c.offset <= TENSE_WINDOW).sort((a, b) => a.offset - b.offset)[0];
    return (future ?? nearest).y;
  }
  return nearest.y;
}

function explicitOrInferred(month: number, day: number, year: string | undefined, ctx: RuleContext): IsoDay | null {
  if (year) {
    const y = Number(year);
    return isValidDay(y, month, day) ? toIsoDay(y, month, day) : null;
  }
  if (!ctx.ref) return null;
  const y = inferYear(month, day, ctx.ref, ctx.tense());
  return y !== null && isValidDay(y, month, day) ? toIsoDay(y, month, day) : null;
}

function range(
  fromMonth: number,
  fromDay: number,
  toMonth: number,
  toDay: number,
  year: string | undefined,
  ctx: RuleContext,
): Resolved | null {
  const from = explicitOrInferred(fromMonth, fromDay, year && toMonth < fromMonth ? String(Number(year) - 1) : year, ctx);
  if (!from) return null;
  const fromYear = parts(from).year;
  const toYear = toMonth < fromMonth ? fromYear + 1 : fromYear;
  if (!isValidDay(toYear, toMonth, toDay)) return null;
  const to = toIsoDay(toYear, toMonth, toDay);
  const length = daysBetween(from, to);
  if (length < 0 || length > 62) return null;
  return { date: from, dateTo: length === 0 ? null : to, approx: false };
}

/** The weekday's date: past/present on or before the reference, future on or after it. */
export function resolveWeekday(weekday: number, ref: IsoDay, tense: Tense, modifier: string | null): IsoDay {
  const refDay = weekdayOf(ref);
  const back = (refDay - weekday + 7) % 7;
  const forward = (weekday - refDay + 7) % 7;
  switch (modifier) {
    case 'last':
    case 'this past':
      return addDays(ref, -(back === 0 ? 7 : back));
    case 'next':
    case 'this coming':
      return addDays(ref, forward === 0 ? 7 : forward);
    default:
      break;
  }
  if (tense === 'future') return addDays(ref, forward);
  if (tense === 'past') return addDays(ref, -back);
  return back <= forward ? addDays(ref, -back) : addDays(ref, forward);
}

/** Day `dayOfMonth` of the reference month, or of the month before (past) or after (future). */
function dayOfMonthNear(dayOfMonth: number, ref: IsoDay, tense: Tense): Resolved | null {
  const { year, month, dayOfMonth: refDay } = parts(ref);
  let shift = 0;
  if (tense === 'past' && dayOfMonth > refDay + 1) shift = -1;
  if (tense === 'future' && dayOfMonth < refDay - 1) shift = 1;
  const first = addMonths(toIsoDay(year, month, 1), shift);
  const { year: y, month: mo } = parts(first);
  return isValidDay(y, mo, dayOfMonth) ? { date: toIsoDay(y, mo, dayOfMonth), dateTo: null, approx: false } : null;
}

/** Saturday and Sunday of the weekend a phrase means. */
function resolveWeekend(ref: IsoDay, tense: Tense, modifier: string): Resolved {
  const refDay = weekdayOf(ref);
  const onWeekend = refDay === 0 || refDay === 6;
  // The Saturday of the weekend containing ref, or of the one just past.
  const currentOrLastSaturday = addDays(ref, -((refDay + 1) % 7));
  const nextSaturday = onWeekend ? addDays(currentOrLastSaturday, 7) : addDays(ref, 6 - refDay);
  let saturday: IsoDay;
  if (modifier === 'last' || modifier === 'this past' || modifier === 'past') {
    saturday = onWeekend ? addDays(currentOrLastSaturday, -7) : currentOrLastSaturday;
  } else if (modifier === 'next' || modifier === 'this coming' || modifier === 'coming') {
    saturday = nextSaturday;
  } else if (onWeekend) {
    saturday = currentOrLastSaturday;
  } else {
    saturday = tense === 'future' ? nextSaturday : currentOrLastSaturday;
  }
  return { date: saturday, dateTo: addDays(saturday, 1), approx: false };
}

function approxRange(from: IsoDay, to: IsoDay): Resolved {
  if (daysBetween(from, to) < 0) return { date: to, dateTo: null, approx: true };
  return { date: from, dateTo: from === to ? null : to, approx: true };
}

function shift(ref: IsoDay, count: number, unit: string): IsoDay {
  const u = unit.toLowerCase();
  if (u.startsWith('day')) return addDays(ref, count);
  if (u.startsWith('week')) return addDays(ref, count * 7);
  if (u.startsWith('month')) return addMonths(ref, count);
  return addMonths(ref, count * 12);
}

/** Capitalised words before a weekday that make it a name: "Good Friday Agreement", "Bloody Sunday". */
const WEEKDAY_NAME_BEFORE = /\b(?:Good|Black|Bloody|Cyber|Super|Easter|Palm|Ash|Holy|Maundy|Shrove|Whit|Orange)\s+$/;

/** "The Sunday Times", "the Good Friday Agreement": a weekday inside a name is no date. */
function weekdayInName(sentence: string, start: number, end: number): boolean {
  const before = sentence.slice(Math.max(0, start - 10), start);
  if (WEEKDAY_NAME_BEFORE.test(before)) return true;
  return /\bthe\s+$/i.test(before) && /^\s+\p{Lu}/u.test(sentence.slice(end, end + 3));
}

const ORDINAL_WEEKS: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3 };

/** Dates inside URLs ("/2025/12/21/") are paths, not dates the text states. */
const INSIDE_URL = /\S*(?:https?:|www\.|\.com|\.org|\.net)\S*$/;

// ---------- rules (longer, more specific matches win over shorter ones) ----------

const RULES: Rule[] = [
  {
    name: 'iso day',
    hint: /\d{4}-/,
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    resolve: (m) => (isIsoDay(`${m[1]}-${m[2]}-${m[3]}`) ? { date: `${m[1]}-${m[2]}-${m[3]}`, dateTo: null, approx: false } : null),
  },
  {
    name: 'dotted day',
    hint: /\d\.\d/,
    pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g,
    resolve: (m) => {
      const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return isValidDay(y, mo, d) ? { date: toIsoDay(y, mo, d), dateTo: null, approx: false } : null;
    },
  },
  {
    // US order (month first) unless the first number cannot be a month; a year is required, since
    // "24/7" and "9/11" are not dates of the story.
    name: 'slashed day',
    hint: /\d\/\d/,
    pattern: /(?<![\w/.])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\w/])/g,
    resolve: (m, ctx) => {
      if (INSIDE_URL.test(ctx.sentence.slice(Math.max(0, ctx.start - 200), ctx.start))) return null;
      const [a, b] = [Number(m[1]), Number(m[2])];
      const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      const [month, day] = a > 12 ? [b, a] : [a, b];
      return isValidDay(year, month, day) ? { date: toIsoDay(year, month, day), dateTo: null, approx: false } : null;
    },
  },
  {
    name: 'month day to month day',
    hint: MONTH_HINT_DIGIT,
    pattern: new RegExp(`\\b${OPTIONAL_WEEKDAY}${MONTH}\\s+${DAY}${RANGE_JOIN}${MONTH}\\s+${DAY}${YEAR}`, 'gi'),
    resolve: (m, ctx) => range(monthNumber(m[1]!), Number(m[2]), monthNumber(m[3]!), Number(m[4]), m[5], ctx),
  },
  {
    name: 'month day to day',
    hint: MONTH_HINT_DIGIT,
    pattern: new RegExp(`\\b${OPTIONAL_WEEKDAY}${MONTH}\\s+${DAY}${RANGE_JOIN}${DAY}${YEAR}`, 'gi'),
    resolve: (m, ctx) => range(monthNumber(m[1]!), Number(m[2]), monthNumber(m[1]!), Number(m[3]), m[4], ctx),
  },
  {
    name: 'day to day month',
    hint: MONTH_HINT_DIGIT,
    pattern: new RegExp(`\\b${DAY}${RANGE_JOIN}${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}`, 'gi'),
    resolve: (m, ctx) => range(monthNumber(m[3]!), Number(m[1]), monthNumber(m[3]!), Number(m[2]), m[4], ctx),
  },
  {
    name: 'day month to day month',
    hint: MONTH_HINT_DIGIT,
    pattern: new RegExp(`\\b${DAY}\\s+${MONTH}${RANGE_JOIN}${DAY}\\s+${MONTH}${YEAR}`, 'gi'),
    resolve: (m, ctx) => range(monthNumber(m[2]!), Number(m[1]), monthNumber(m[4]!), Number(m[3]), m[5], ctx),
  },
  {
    name: 'month day',
    hint: MONTH_HINT_DIGIT,
    pattern: new RegExp(`\\b${OPTIONAL_WEEKDAY}${MONTH}\\s+${DAY}${YEAR}`, 'gi'),
    resolve: (m, ctx) => {
      const date = explicitOrInferred(monthNumber(m[1]!), Number(m[2]), m[3], ctx);
      return date ? { date, dateTo: null, approx: false } : null;
    },
  },
  {
    name: 'day month',
    hint: MONTH_HINT_DIGIT,
    pattern: new RegExp(`\\b${OPTIONAL_WEEKDAY}${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}`, 'gi'),
    resolve: (m, ctx) => {
      const date = explicitOrInferred(monthNumber(m[2]!), Number(m[1]), m[3], ctx);
      return date ? { date, dateTo: null, approx: false } : null;
    },
  },
  {
    // Month names alone are capitalised in running text; "may" and "march" in lower case are verbs.
    name: 'month without day',
    hint: MONTH_HINT,
    pattern: new RegExp(
      `(?:(?<=\\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Oo]f|[Tt]hrough|[Bb]efore|[Aa]fter|[Tt]his|[Ll]ast|[Nn]ext) )|\\b(early|mid|late|the end of|the beginning of|the start of|the middle of)[ -])${MONTH_WORD.replace('(?:', '(')}\\b(?:,?\\s+(\\d{4})\\b)?`,
      'g',
    ),
    resolve: (m, ctx) => {
      const month = monthNumber(m[2]!);
      let year: number | null = m[3] ? Number(m[3]) : null;
      if (year === null) {
        if (!ctx.ref) return null;
        year = inferYear(month, 15, ctx.ref, ctx.tense());
        if (year === null) return null;
      }
      const { from, to } = monthRange(year, month);
      const last = parts(to).dayOfMonth;
      const part = (m[1] ?? '').toLowerCase();
      if (part === 'early' || /beginning|start/.test(part)) return approxRange(from, toIsoDay(year, month, 10));
      if (part === 'mid' || /middle/.test(part)) return approxRange(toIsoDay(year, month, 11), toIsoDay(year, month, 20));
      if (part === 'late' || /end/.test(part)) return approxRange(toIsoDay(year, month, 21), toIsoDay(year, month, last));
      return approxRange(from, to);
    },
  },
  {
    name: 'week of month',
    hint: MONTH_HINT,
    pattern: new RegExp(
      `\\b(?:the\\s+)?(first|second|third|fourth|last)\\s+week\\s+of\\s+${MONTH_WORD.replace('(?:', '(')}\\b(?:,?\\s+(\\d{4})\\b)?`,
      'gi',
    ),
    resolve: (m, ctx) => {
      const month = monthNumber(m[2]!);
      let year: number | null = m[3] ? Number(m[3]) : null;
      if (year === null) {
        if (!ctx.ref) return null;
        year = inferYear(month, 15, ctx.ref, ctx.tense());
        if (year === null) return null;
      }
      const { to } = monthRange(year, month);
      const last = parts(to).dayOfMonth;
      const which = m[1]!.toLowerCase();
      const firstDay = which === 'last' ? last - 6 : 1 + 7 * ORDINAL_WEEKS[which]!;
      return approxRange(toIsoDay(year, month, firstDay), toIsoDay(year, month, Math.min(last, firstDay + 6)));
    },
  },
  {
    // "began his diplomacy on the 2nd", "talks until the 15th": a day of the month without the
    // month, as translated Korean and Japanese news writes it. The month is the publication
    // month, the one before when a past day would come after publication, the one after when a
    // future day would come before it. "the 15th day", "the 60th anniversary" are no dates.
    name: 'day of the month',
    hint: /\bthe \d{1,2}(?:st|nd|rd|th)\b/,
    pattern:
      /(?<=\b(?:[Oo]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter) )the (\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:$|[,.;:)]|\s(?:by|at|in|and|or|with|to|when|as|after|before|that|for|from|but|while|during|of\s+(?:this|the|that)\s+month)\b))/g,
    resolve: (m, ctx) => (ctx.ref ? dayOfMonthNear(Number(m[1]), ctx.ref, ctx.tense()) : null),
  },
  {
    name: 'day word',
    hint: /today|tonight|yesterday|tomorrow|day before|previous day|last night|this (?:morning|afternoon|evening)/i,
    pattern:
      /\b(?:(the day before yesterday)|(the day after tomorrow)|((?:earlier |later )?today|tonight|this (?:morning|afternoon|evening))|(yesterday|last night|the day before|the previous day)|(tomorrow))\b/gi,
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const offset = m[1] ? -2 : m[2] ? 2 : m[3] ? 0 : m[4] ? -1 : 1;
      return { date: addDays(ctx.ref, offset), dateTo: null, approx: false };
    },
  },
  {
    // "Talks began on Monday and went on the next day": counted from the date stated before it.
    name: 'day after an anchor',
    hint: /next day|following day|later/i,
    pattern: new RegExp(`\\b(?:the (?:next|following) day|${NUMBER} (days?|weeks?) later)\\b`, 'gi'),
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const count = m[1] ? countOf(m[1]) : 1;
      const unit = m[2] ?? 'day';
      if (count <= 0) return null;
      const from = (anchor: IsoDay): Resolved => ({ date: shift(anchor, count, unit), dateTo: null, approx: !unit.startsWith('day') });
      return { ...from(ctx.ref), fromAnchor: from, needsAnchor: true };
    },
  },
  {
    // "their summit in Helsinki in 2018": a year alone dates a thing somewhere in it.
    name: 'year',
    hint: /\b(?:19|20)\d{2}\b/,
    pattern: /(?<=\b(?:[Ii]n|[Dd]uring|[Ss]ince) )((?:19|20)\d{2})\b(?![-/.]\d|,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))/g,
    resolve: (m) => {
      const year = Number(m[1]);
      return approxRange(toIsoDay(year, 1, 1), toIsoDay(year, 12, 31));
    },
  },
  {
    name: 'year relative',
    hint: / year\b/i,
    pattern: /\b(?:(early|late|mid-?|the end of|the start of|the beginning of)\s*)?(last|this|next) year\b/gi,
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const year = parts(ctx.ref).year + ({ last: -1, this: 0, next: 1 } as Record<string, number>)[m[2]!.toLowerCase()]!;
      const part = (m[1] ?? '').toLowerCase();
      if (part === 'early' || /start|beginning/.test(part)) return approxRange(toIsoDay(year, 1, 1), toIsoDay(year, 4, 30));
      if (part.startsWith('mid')) return approxRange(toIsoDay(year, 5, 1), toIsoDay(year, 8, 31));
      if (part === 'late' || /end/.test(part)) return approxRange(toIsoDay(year, 9, 1), toIsoDay(year, 12, 31));
      return approxRange(toIsoDay(year, 1, 1), toIsoDay(year, 12, 31));
    },
  },
  {
    name: 'holiday',
    hint: /Christmas|New Year/,
    pattern:
      /(?<=\b(?:[Oo]n|[Oo]ver|[Aa]t) )(Christmas Eve|Christmas Day|Christmas|New Year['\u2019]s Eve|New Year['\u2019]s Day|New Year)\b/g,
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const name = m[1]!.replace('\u2019', "'");
      const [month, day] =
        name === 'Christmas Eve' ? [12, 24] : name.startsWith('Christmas') ? [12, 25] : name === "New Year's Eve" ? [12, 31] : [1, 1];
      const year = inferYear(month, day, ctx.ref, ctx.tense());
      if (year === null) return null;
      return { date: toIsoDay(year, month, day), dateTo: null, approx: name === 'Christmas' || name === 'New Year' };
    },
  },
  {
    name: 'weekend',
    hint: /weekend/i,
    pattern: /\b(?:(?:(last|next|this past|this coming|this|past|coming|over the|at the|on the|the)\s+)?weekend)\b/gi,
    resolve: (m, ctx) => (ctx.ref ? resolveWeekend(ctx.ref, ctx.tense(), (m[1] ?? '').toLowerCase()) : null),
  },
  {
    name: 'week',
    hint: /week/i,
    pattern:
      /\b(earlier this week|later this week|this week|last week|next week|(?:in |over |during )?the (?:past|last|previous) (?:week|seven days)|the week before|(?:in |over )?recent weeks|the coming weeks?|the next (?:week|seven days))\b/gi,
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const ref = ctx.ref;
      const phrase = m[1]!.toLowerCase();
      const monday = mondayOf(ref);
      if (phrase === 'earlier this week') return approxRange(monday, addDays(ref, monday === ref ? 0 : -1));
      if (phrase === 'later this week') return approxRange(addDays(ref, 1), addDays(monday, 6));
      if (phrase === 'this week') return approxRange(monday, addDays(monday, 6));
      if (phrase === 'last week' || phrase === 'the week before') return approxRange(addDays(monday, -7), addDays(monday, -1));
      if (phrase === 'next week') return approxRange(addDays(monday, 7), addDays(monday, 13));
      if (/recent weeks/.test(phrase)) return approxRange(addDays(ref, -21), ref);
      if (/coming week|next (?:week|seven)/.test(phrase)) return approxRange(addDays(ref, 1), addDays(ref, 7));
      return approxRange(addDays(ref, -7), ref);
    },
  },
  {
    name: 'month relative',
    hint: / month\b/i,
    pattern: /\b(earlier this month|later this month|this month|last month|next month)\b/gi,
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const { year, month } = parts(ctx.ref);
      const phrase = m[1]!.toLowerCase();
      const shifted = phrase === 'last month' ? -1 : phrase === 'next month' ? 1 : 0;
      const first = addMonths(toIsoDay(year, month, 1), shifted);
      const whole = monthRange(parts(first).year, parts(first).month);
      if (phrase === 'earlier this month') return approxRange(whole.from, addDays(ctx.ref, -1));
      if (phrase === 'later this month') return approxRange(addDays(ctx.ref, 1), whole.to);
      return approxRange(whole.from, whole.to);
    },
  },
  {
    name: 'span ago or after',
    hint: /\b(?:ago|earlier|before|after|previously)\b/i,
    pattern: new RegExp(
      `\\b(?:(more than|over|about|around|roughly|nearly|almost|some|just over|less than|just under)\\s+)?${NUMBER}\\s+(days?|weeks?|months?|years?)\\s+(ago|earlier|before|after|previously)\\b`,
      'gi',
    ),
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const count = countOf(m[2]!);
      if (count <= 0) return null;
      const unit = m[3]!.toLowerCase();
      const qualifier = (m[1] ?? '').toLowerCase();
      const word = m[4]!.toLowerCase();
      const direction = word === 'before' ? 1 : -1;
      const exact = unit.startsWith('day') && !qualifier && count <= 3;
      const from = (anchor: IsoDay): Resolved => {
        let day = shift(anchor, direction * count, unit);
        // "more than two weeks" is a little over fourteen days; the day lands a little further away.
        if (qualifier === 'more than' || qualifier === 'over' || qualifier === 'just over') {
          day = addDays(day, direction * (unit.startsWith('day') ? 1 : unit.startsWith('week') ? 2 : 7));
        }
        return { date: day, dateTo: null, approx: !exact };
      };
      const resolved = from(ctx.ref);
      return word === 'ago' ? resolved : { ...resolved, fromAnchor: from };
    },
  },
  {
    name: 'span ahead',
    hint: /\b(?:in|within) .*\b(?:day|week|month|year)/i,
    pattern: new RegExp(
      `\\b(in|within)\\s+(?:(about|around|roughly|some|less than|more than)\\s+)?${NUMBER}\\s+(days?|weeks?|months?|years?)(?:['\u2019]\\s*time)?\\b`,
      'gi',
    ),
    resolve: (m, ctx) => {
      // "the first talks in six months" is a duration, not a date: only a future clause looks ahead,
      // and not after "first", "only" or a superlative.
      if (!ctx.ref || ctx.tense() !== 'future') return null;
      if (/\b(?:first|last|only|longest|\w{3,}est)\b[^.;,]{0,80}$/i.test(ctx.sentence.slice(Math.max(0, ctx.start - 80), ctx.start)))
        return null;
      const count = countOf(m[3]!);
      if (count <= 0) return null;
      const day = shift(ctx.ref, count, m[4]!);
      if (m[1]!.toLowerCase() === 'within') return approxRange(ctx.ref, day);
      return { date: day, dateTo: null, approx: true };
    },
  },
  {
    name: 'weekday range',
    hint: /day\b/,
    pattern: new RegExp(`\\b(${WEEKDAY_NAMES})${RANGE_JOIN}(${WEEKDAY_NAMES})\\b`, 'g'),
    resolve: (m, ctx) => {
      if (!ctx.ref) return null;
      const firstDay = WEEKDAYS[m[1]!.slice(0, 3).toLowerCase()]!;
      const lastDay = WEEKDAYS[m[2]!.slice(0, 3).toLowerCase()]!;
      const from = resolveWeekday(firstDay, ctx.ref, ctx.tense(), null);
      const length = (lastDay - firstDay + 7) % 7;
      if (length === 0 || length > 4) return null;
      return { date: from, dateTo: addDays(from, length), approx: false };
    },
  },
  {
    name: 'weekday',
    hint: /day\b/,
    pattern: new RegExp(
      `\\b(?:(last|next|this past|this coming|this)\\s+)?(${'Mon|Tues|Wednes|Thurs|Fri|Satur|Sun'
        .split('|')
        .map((w) => w + 'day')
        .join('|')})\\b`,
      'g',
    ),
    resolve: (m, ctx) => {
      if (!ctx.ref || weekdayInName(ctx.sentence, ctx.start, ctx.end)) return null;
      const weekday = WEEKDAYS[m[2]!.slice(0, 3).toLowerCase()]!;
      const modifier = m[1] ? m[1].toLowerCase() : null;
      return { date: resolveWeekday(weekday, ctx.ref, ctx.tense(), modifier === 'this' ? null : modifier), dateTo: null, approx: false };
    },
  },
];

// ---------- matching ----------

interface Candidate extends Resolved {
  start: number;
  end: number;
  priority: number;
}

const TIME_ZONE_NOTE = /^\s*\((?:[A-Z]{2,4}|local|[A-Z][a-z]+) time\)/;

// chrono-node knows forms the rules above do not ("19-Dec-2025", "2025/12/19"); it runs only when
// a sentence holds such a form, to keep a whole article under a few ms.
const CHRONO_HINT =
  /\b\d{1,2}-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*-\d{2,4}\b|(?<![\w/])\d{4}\/\d{1,2}\/\d{1,2}(?![\w/])/i;

// Loaded on first need: most articles never reach the fallback, and chrono-node costs start-up time.
const require = createRequire(import.meta.url);
let chronoModule: typeof Chrono | null = null;
function chrono(): typeof Chrono {
  chronoModule ??= require('chrono-node') as typeof Chrono;
  return chronoModule;
}

function chronoCandidates(sentence: string, ref: IsoDay, taken: Candidate[]): Candidate[] {
  if (!CHRONO_HINT.test(sentence)) return [];
  const refDate = new Date(`${ref}T12:00:00Z`);
  const found: Candidate[] = [];
  for (const r of chrono().parse(sentence, { instant: refDate, timezone: 0 }, { forwardDate: false })) {
    const start = r.index;
    const end = r.index + r.text.length;
    if (taken.some((c) => start < c.end && c.start < end)) continue;
    if (/[\w/]/.test(sentence[start - 1] ?? '') || INSIDE_URL.test(sentence.slice(Math.max(0, start - 200), start))) continue;
    if (!r.start.isCertain('day') || !r.start.isCertain('month')) continue;
    const month = r.start.get('month')!;
    const day = r.start.get('day')!;
    const tense = tenseAt(sentence, start, end);
    const year = r.start.isCertain('year') ? r.start.get('year')! : inferYear(month, day, ref, tense);
    if (year === null || !isValidDay(year, month, day)) continue;
    found.push({ date: toIsoDay(year, month, day), dateTo: null, approx: false, start, end, priority: RULES.length });
  }
  return found;
}

/**
 * "Sharm El-Sheikh, Oct 7: Delegations ... on Monday began talks": the dateline's day is the day
 * the story was filed, which dates what the sentence says only when it names no day of its own.
 */
function markDatelineDay<T extends { start: number; end: number }>(sentence: string, mentions: T[]): Array<T & { filed?: true }> {
  const dateline = mentions.length ? wireDatelineOf(sentence) : null;
  if (!dateline) return mentions;
  return mentions.map((m) => (m.end <= dateline.end ? { ...m, filed: true as const } : m));
}

/**
 * Every date in a sentence with the day (or range) it stands for. `publishedAt` anchors relative
 * dates; without it only dates that carry their year are returned.
 */
export function findDates(sentence: string, publishedAt: IsoDay | null): DateMention[] {
  const ref = publishedAt && isIsoDay(publishedAt) ? publishedAt : null;
  const candidates: Candidate[] = [];
  RULES.forEach((rule, priority) => {
    if (!rule.hint.test(sentence)) return;
    for (const m of sentence.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      let tense: Tense | null = null;
      const ctx: RuleContext = {
        sentence,
        ref,
        start,
        end,
        tense: () => (tense ??= tenseAt(sentence, start, end)),
      };
      const resolved = rule.resolve(m, ctx);
      if (resolved) candidates.push({ ...resolved, start, end, priority });
    }
  });
  // Longest first, then the earlier (more specific) rule; overlapping shorter matches lose.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.priority - b.priority);
  const chosen: Candidate[] = [];
  for (const c of candidates) if (!chosen.some((x) => c.start < x.end && x.start < c.end)) chosen.push(c);
  if (ref) chosen.push(...chronoCandidates(sentence, ref, chosen));
  chosen.sort((a, b) => a.start - b.start);
  let anchor: Candidate | null = null;
  for (let k = 0; k < chosen.length; k++) {
    const c = chosen[k]!;
    if (c.fromAnchor && anchor) chosen[k] = { ...c, ...c.fromAnchor(anchor.date), fromAnchor: undefined, needsAnchor: false };
    else if (!c.approx && !c.fromAnchor) anchor = c;
  }
  // A day past year 9999 ("next Saturday" from 9999-12-31) is no ISO day: such a mention dates nothing.
  const resolvable = (c: Candidate) => isIsoDay(c.date) && (c.dateTo === null || isIsoDay(c.dateTo));
  const kept = markDatelineDay(
    sentence,
    chosen.filter((c) => !(c.needsAnchor && c.fromAnchor) && resolvable(c)),
  );
  return kept.map((c) => {
    let end = c.end;
    const note = TIME_ZONE_NOTE.exec(sentence.slice(end));
    if (note) end += note[0].length;
    const mention: DateMention = {
      date: c.date,
      dateTo: c.dateTo,
      approx: c.approx,
      start: c.start,
      end,
      surface: sentence.slice(c.start, end),
    };
    if (c.filed) mention.filed = true;
    return mention;
  });
}
