// Step 4, the date: which of a clause's dates is the event's. The dates module finds every date a
// sentence names (src/extract/dates/); this step drops the ones that date something else (the
// day a speaker said it, a length of time), widens a day to the days of talks that ended on it,
// and picks the one date that dates the meeting.
import type { IsoDay } from '../../domain/types.ts';
import { findDates, type DateMention } from '../dates/resolve.ts';
import type { Sentence } from '../sentences.ts';
import { insideQuote } from '../quotes/quoteSpans.ts';
import type { ArticleFrame } from '../people/reference.ts';

const SPEECH_BEFORE_DATE = /\b(?:said|says|told|tells|wrote|writes|announced|stated|noted|added|reported|reports|according\s+to|confirmed|posted|tweeted|quoted|interview)\b(?:\s+\S+){0,4}\s*$/;
const SPEECH_AFTER_DATE = /^[\s,]*(?:(?:evening|morning|afternoon|night)[\s,]+)?(?:\p{Lu}[\p{L}.'\u2019-]*\s+|the\s+|[\p{Ll}]+\s+){0,5}(?:said|says|told|wrote|announced|stated|noted|added|confirmed|posted|tweeted)\b/u;

/** "..., Misri said." closing the sentence: an attribution of the whole sentence, undated. */
export function trailingAttribution(afterDate: string): boolean {
  return /^,\s*(?:[\p{L}.'\u2019-]+\s+){1,5}(?:said|says|told\s+[\p{L}]+|added|wrote)\s*[.!?]?\s*$/u.test(afterDate);
}

/** "told reporters on Dec. 20", "On Friday, Putin said": the day of the report, not of the event. */
export function isSpeechDate(sentence: string, d: Pick<DateMention, 'start' | 'end' | 'surface'>): boolean {
  if (SPEECH_BEFORE_DATE.test(sentence.slice(Math.max(0, d.start - 50), d.start))) return true;
  if (trailingAttribution(sentence.slice(d.end))) return false;
  return /^\s*(?:On|on)\b/.test(d.surface) || /(?:^|[.;]\s*)$/.test(sentence.slice(0, d.start)) ? SPEECH_AFTER_DATE.test(sentence.slice(d.end, d.end + 60)) : false;
}

/** "tariffs cut for 90 days", "a truce for two weeks": a length of time, not a day counted from the publication. */
export function isDuration(sentence: string, d: Pick<DateMention, 'start' | 'surface'>): boolean {
  return /\b(?:for|lasting|over)\s+(?:the\s+(?:next|following)\s+|another\s+|up\s+to\s+|at\s+least\s+)?$/i.test(sentence.slice(Math.max(0, d.start - 30), d.start)) &&
    /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|[\p{L}-]+teen|[\p{L}-]+ty(?:-[\p{L}]+)?)\s+(?:days?|weeks?|months?|years?|hours?)\b/iu.test(d.surface);
}

/** Dates of a span that date the event, not the report of it ("told reporters on Dec. 20"). */
export function eventDates(sentence: Sentence, dates: DateMention[], from: number, to: number): DateMention[] {
  return dates.filter((d) => sentence.start + d.start >= from && sentence.start + d.end <= to && !isSpeechDate(sentence.text, d) && !isDuration(sentence.text, d));
}

export function distinctDays(dates: DateMention[]): number {
  return new Set(dates.map((d) => `${d.date}/${d.dateTo ?? ''}`)).size;
}

const COUNT_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7 };
const countOf = (w: string): number => (/^\d+$/.test(w) ? Number(w) : /^(\d+)(?:st|nd|rd|th)$/.exec(w) ? Number(/^(\d+)/.exec(w)![1]) : COUNT_WORDS[w.toLowerCase()] ?? 0);

/**
 * How many days of talks end on the date at `dateStart`: "Two days of talks ended in Stockholm
 * on Tuesday" (2), "resumed on Wednesday, the third day of talks" (3); 1 when the sentence says
 * nothing of the kind.
 */
export function daysOfTalksEndingAt(sentence: string, dateStart: number, dateEnd: number): number {
  const before = sentence.slice(0, dateStart);
  const ended = /\b(\w+)\s+days\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:talks|negotiations|consultations|meetings)\b[^.;]{0,80}?\b(?:ended|concluded|wrapped\s+up|closed|finished)\b[^.;]{0,50}$/iu.exec(before);
  if (ended) return Math.max(1, Math.min(7, countOf(ended[1]!)));
  const nth = /^,?\s+(?:the|their)\s+(\w+)\s+day\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:talks|negotiations|consultations)\b/iu.exec(sentence.slice(dateEnd));
  if (nth) return Math.max(1, Math.min(7, countOf(nth[1]!)));
  return 1;
}

function daysBefore(day: IsoDay, n: number): IsoDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10) as IsoDay;
}

/** A single day widened back over the days of talks that ended on it. */
export function spanOfTalks(sentence: Sentence, d: DateMention): DateMention {
  if (d.dateTo || d.approx) return d;
  const n = daysOfTalksEndingAt(sentence.text, d.start, d.end);
  return n > 1 ? { ...d, date: daysBefore(d.date as IsoDay, n - 1), dateTo: d.date } : d;
}

const RELATIVE_DAY = /^(?:today|tonight|tomorrow|yesterday|this\s+\w+|last\s+\w+|next\s+\w+|on\s+\w+day|\w+day)$/i;

/**
 * A relative day inside a quotation ("will continue today") counts from when the words were
 * said; when the sentence dates the saying ("told reporters on Saturday"), drop it rather than
 * count it from the publication day.
 */
export function datesOfSentence(frame: ArticleFrame, sentence: Sentence, publishedAt: IsoDay | null): DateMention[] {
  const dates = findDates(sentence.text, publishedAt);
  if (!dates.some((d) => isSpeechDate(sentence.text, d))) return dates;
  return dates.filter((d) => !(insideQuote(frame.quotes, sentence.start + d.start) && RELATIVE_DAY.test(d.surface.trim())));
}

/**
 * Can this date date a meeting? A span of more than a week ("in recent weeks") does not; a named
 * month ("in November 2023") still dates an old meeting.
 */
export function datesAMeeting(d: DateMention): boolean {
  const span = d.dateTo ? (Date.parse(d.dateTo) - Date.parse(d.date)) / 86_400_000 : 0;
  return span <= 7 || (span <= 31 && /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b/.test(d.surface));
}

/** The earliest-stated date that is not approximate wins; an approximate one only when alone. */
export function chooseDate(dates: DateMention[]): DateMention | null {
  const usable = dates.filter(datesAMeeting);
  return usable.find((d) => !d.approx) ?? usable[0] ?? null;
}

/** "at 15:35 that afternoon", "later that day": the day the article was just talking about. */
export function sameDayAsBefore(text: string): boolean {
  return /\b(?:that|the\s+same)\s+(?:afternoon|morning|evening|night|day)\b|\b(?:later|earlier)\s+in\s+the\s+(?:day|afternoon|evening)\b/i.test(text) || lastedHours(text);
}

/** "The second round lasted about four hours": a sitting measured in hours, on the day being reported. */
export function lastedHours(text: string): boolean {
  return /\blasted\s+(?:about\s+|around\s+|more\s+than\s+|less\s+than\s+|nearly\s+|almost\s+|some\s+|over\s+)?[\w.-]+(?:\s+and\s+a\s+half)?\s+(?:hours?|minutes)\b/i.test(text);
}

/** The last single day named before `sentence` (the lead's "on Saturday"), else the publication day. */
export function referenceDayBefore(frame: ArticleFrame, sentence: Sentence, publishedAt: IsoDay | null): DateMention | null {
  for (let i = sentence.index - 1; i >= 0; i--) {
    const before = frame.sentences[i];
    if (!before) continue;
    const days = findDates(before.text, publishedAt).filter((d) => !d.approx && !d.dateTo && !isDuration(before.text, d));
    const last = days[days.length - 1];
    if (last) return { ...last, start: 0, end: 0, surface: '' };
  }
  return publishedAt ? { date: publishedAt, dateTo: null, approx: false, start: 0, end: 0, surface: '' } : null;
}

/** Where a segment sits: its sentence (with the sentence's dates), its clause, and the other segments of the clause. */
export interface SegmentPlace {
  sentence: Sentence;
  dates: DateMention[];
  clause: { start: number; end: number };
  seg: { start: number; end: number };
  otherSegments: ReadonlyArray<{ start: number; end: number }>;
  clauseCount: number;
  segText: string;
}

/**
 * The date of a segment: its own event dates, else a date of its clause that no other segment
 * holds ("the talks come after Trump phoned both leaders on Saturday": Saturday is the call's),
 * else the single day of a sentence of several clauses; then "that afternoon" for the day
 * reported before. `own` is the dates the segment had to choose from.
 */
export function segmentDate(frame: ArticleFrame, publishedAt: IsoDay | null, at: SegmentPlace): { date: DateMention | null; own: DateMention[] } {
  const { sentence, dates } = at;
  const inOther = (d: DateMention): boolean => at.otherSegments.some((o) => sentence.start + d.start >= o.start && sentence.start + d.end <= o.end);
  let own = eventDates(sentence, dates, at.seg.start, at.seg.end);
  if (own.length === 0) own = eventDates(sentence, dates, at.clause.start, at.clause.end).filter((d) => !inOther(d));
  const sentenceDates = eventDates(sentence, dates, sentence.start, sentence.end);
  if (own.length === 0 && distinctDays(sentenceDates) === 1 && at.clauseCount > 1) own = sentenceDates.filter((d) => !inOther(d));
  const chosen = chooseDate(own);
  const date = chosen ? spanOfTalks(sentence, chosen) : sameDayAsBefore(at.segText) ? referenceDayBefore(frame, sentence, publishedAt) : null;
  return { date, own };
}
