// An article with no date header and no dateline still dates itself. What it announces in the
// future tense has not happened yet when it is written, and what it reports in the past tense
// already has, so its publication day lies between the latest past-tense calendar date and the
// earliest future-tense one. News announces what comes next, often that very day ("Today ... we
// will start another round"; "On December 19, the United States will host talks"), so the
// earliest upcoming day is the estimate; with nothing upcoming, the latest reported day is.
//
// Only calendar dates count: "on Saturday" or "yesterday" need the very day we are looking for,
// and so does a date that only names a thing ("a Nov. 27 deadline", "the May 9 parade"), whose
// clause tells nothing about when it falls.
//
// The year comes from the text when it writes one: the latest date written with its year
// ("Sunday, Nov. 23, 2025" in a caption) is the article's time, and its other dates are read
// around it. A text without a year takes the year nearest `context` (the publication days of the
// articles it arrived with, or today) only when that context is close: a day and month alone in
// a batch spanning years could be any of them, and the article stays undated.
import type { IsoDay } from '../../domain/types.ts';
import { splitSentences } from '../sentences.ts';
import { daysBetween } from './calendar.ts';
import { findDates, tenseAt } from './resolve.ts';
import { findFullDates } from './fullDates.ts';

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** "December 19", "Dec. 19", "19 December", "2025-12-19", "19.12.2025": a day on the calendar. */
const CALENDAR_DATE = new RegExp(
  `\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+${MONTH}|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{4}\\b`,
  'i',
);

/** Dates further than this from the article's time are history it recalls, not its news. */
export const NEWS_WINDOW_DAYS = 120;

/** "a Nov. 27 deadline", "the May 9 parade", "Hamas's Oct. 7 attack": a date naming a thing. */
export function namesAThing(sentence: string, start: number, end: number): boolean {
  const before = sentence.slice(Math.max(0, start - 40), start);
  const after = sentence.slice(end, end + 30);
  return (
    /(?:^|\s)(?:a|an|the|its|his|her|their|our|this|that|whose|\p{L}+['\u2019]s?)\s+(?:\p{Ll}+\s+)?$/iu.test(before) &&
    /^\s+(?!(?:and|or|to|at|in|on|of|for|with|when|as|by|from|was|is|were|will|would|the|a|an)\b)\p{Ll}/u.test(after)
  );
}

export interface TensedDay {
  day: IsoDay;
  tense: 'past' | 'present' | 'future';
}

/** The calendar dates a text names, each with the tense of the clause it stands in. */
export function calendarDatesWithTense(text: string, context: IsoDay): TensedDay[] {
  const found: TensedDay[] = [];
  for (const sentence of splitSentences(text)) {
    for (const mention of findDates(sentence.text, context)) {
      if (mention.approx || !CALENDAR_DATE.test(mention.surface)) continue;
      if (namesAThing(sentence.text, mention.start, mention.end)) continue;
      if (Math.abs(daysBetween(context, mention.date)) > NEWS_WINDOW_DAYS) continue;
      found.push({ day: mention.date, tense: tenseAt(sentence.text, mention.start, mention.end) });
    }
  }
  return found;
}

/** The latest day the text writes with its year, if any lies within `within` days of `context`. */
function latestDateWithYear(text: string, context: IsoDay, within: number): IsoDay | null {
  const days = findFullDates(text)
    .map((d) => d.day)
    .filter((day) => Math.abs(daysBetween(context, day)) <= within)
    .sort();
  return days.at(-1) ?? null;
}

function estimateAround(text: string, reference: IsoDay): IsoDay | null {
  const dated = calendarDatesWithTense(text, reference);
  const latestPast = dated
    .filter((d) => d.tense === 'past')
    .map((d) => d.day)
    .sort()
    .at(-1);
  const earliestFuture = dated
    .filter((d) => d.tense === 'future')
    .map((d) => d.day)
    .sort()[0];
  if (earliestFuture && (!latestPast || earliestFuture >= latestPast)) return earliestFuture;
  return latestPast ?? null;
}

/**
 * The publication day an undated article implies, or null when it names no usable date.
 * `within` is how far from `context` the article may have been written: the spread of the batch
 * it came with (a batch of one month is a close context, one over years is not).
 */
export function estimatePublishedDate(text: string, context: IsoDay, within = NEWS_WINDOW_DAYS): IsoDay | null {
  const ownTime = latestDateWithYear(text, context, Math.max(within, NEWS_WINDOW_DAYS));
  if (ownTime) return estimateAround(text, ownTime);
  return within <= NEWS_WINDOW_DAYS ? estimateAround(text, context) : null;
}
