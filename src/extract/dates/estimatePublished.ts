// An article with no date header and no dateline still dates itself. What it announces in the
// future tense has not happened yet when it is written, and what it reports in the past tense
// already has, so its publication day lies between the latest past-tense calendar date and the
// earliest future-tense one. News announces what comes next, often that very day ("Today ... we
// will start another round"; "On December 19, the United States will host talks"), so the
// earliest upcoming day is the estimate; with nothing upcoming, the latest reported day is.
//
// Only calendar dates count: "on Saturday" or "yesterday" need the very day we are looking for.
// A day written without a year takes the year nearest `context` (the publication days of the
// articles it arrived with, or today).
import type { IsoDay } from '../../domain/types.ts';
import { splitSentences } from '../sentences.ts';
import { daysBetween } from './calendar.ts';
import { findDates, tenseAt } from './resolve.ts';

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** "December 19", "Dec. 19", "19 December", "2025-12-19", "19.12.2025": a day on the calendar. */
const CALENDAR_DATE = new RegExp(`\\b${MONTH}\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+${MONTH}|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{4}\\b`, 'i');

/** Dates further than this from the context are history the article recalls, not its news. */
const NEWS_WINDOW_DAYS = 120;

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
      if (Math.abs(daysBetween(context, mention.date)) > NEWS_WINDOW_DAYS) continue;
      found.push({ day: mention.date, tense: tenseAt(sentence.text, mention.start, mention.end) });
    }
  }
  return found;
}

/** The publication day an undated article implies, or null when it names no usable date. */
export function estimatePublishedDate(text: string, context: IsoDay): IsoDay | null {
  const dated = calendarDatesWithTense(text, context);
  const latestPast = dated.filter((d) => d.tense === 'past').map((d) => d.day).sort().at(-1);
  const earliestFuture = dated.filter((d) => d.tense === 'future').map((d) => d.day).sort()[0];
  if (earliestFuture && (!latestPast || earliestFuture >= latestPast)) return earliestFuture;
  return latestPast ?? null;
}
