// Whether an article's weekday names agree with a candidate publication day. A day and month
// written without a year ("BUDAPEST, July 5", "Dec. 4 (UPI)") leave the year open, and the
// weekdays close it, since the same day and month fall on another weekday every year:
//
// - a date written with its weekday ("Sunday, Nov. 23") must fall on that weekday;
// - "earlier on Friday", "later on Friday": the article's own day is a Friday;
// - plain "on Tuesday" (past) and "on Thursday" (future) lie within one week together with the
//   article's day: news names a weekday only for the days around it. "will meet on Thursday"
//   and "met in Moscow on Tuesday" in an article of Friday would span nine days.
import type { IsoDay } from '../../domain/types.ts';
import { splitSentences } from '../sentences.ts';
import { daysBetween, weekdayOf } from './calendar.ts';
import { findDates } from './resolve.ts';

const WEEKDAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const WEEKDAY_NAME = /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/;
/** A plain weekday: "Tuesday", not "last Tuesday" or "next Tuesday" (those may reach further). */
const PLAIN_WEEKDAY = /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/;
/** "Sunday, Nov. 23", "Sun., 23 November": a date led by its weekday. */
const WEEKDAY_LED_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+\S.*\d/i;
/** "Earlier on Friday", "later Friday": the day the article is written. */
const SAME_DAY_BEFORE = /\b(?:earlier|later)\s+(?:on\s+)?$/i;

/** Days a plain weekday and the article's day may lie apart, all of them together. */
const ONE_WEEK = 6;

export interface WeekdayFit {
  /** Weekday names the text gives that bear on the day (0: nothing to go by). */
  clues: number;
  /** Every clue agrees with the day. */
  fits: boolean;
}

const weekdayNumber = (word: string): number => WEEKDAY_INDEX[word.slice(0, 3).toLowerCase()]!;

/** How the weekday names of `text` agree with `day` as its publication day. */
export function weekdayFit(text: string, day: IsoDay): WeekdayFit {
  let clues = 0;
  let fits = true;
  const plainDays: IsoDay[] = [];
  for (const sentence of splitSentences(text)) {
    if (!WEEKDAY_NAME.test(sentence.text)) continue;
    for (const mention of findDates(sentence.text, day)) {
      const led = WEEKDAY_LED_DATE.exec(mention.surface);
      if (led) {
        clues++;
        if (weekdayOf(mention.date) !== weekdayNumber(led[1]!)) fits = false;
        continue;
      }
      if (!PLAIN_WEEKDAY.test(mention.surface)) continue;
      clues++;
      if (SAME_DAY_BEFORE.test(sentence.text.slice(Math.max(0, mention.start - 12), mention.start)) && mention.date !== day) fits = false;
      plainDays.push(mention.date);
    }
  }
  if (plainDays.length) {
    const all = [...plainDays, day].sort();
    if (daysBetween(all[0]!, all[all.length - 1]!) > ONE_WEEK) fits = false;
  }
  return { clues, fits };
}
