// Step 4, the date: which of a clause's dates is the event's. The dates module finds every date a
// sentence names (src/extract/dates/); this step drops the ones that date something else (the
// day a speaker said it, a length of time), widens a day to the days of talks that ended on it,
// and picks the one date that dates the meeting.
import type { IsoDay } from '../../domain/types.ts';
import { findDates, type DateMention } from '../dates/resolve.ts';
import type { Sentence } from '../sentences.ts';
import { insideQuote } from '../quotes/quoteSpans.ts';
import type { ArticleFrame } from '../people/reference.ts';
import { sidesCompatible, type Draft } from './draft.ts';
import { countryMentionsOf } from './geoMemo.ts';

const SPEECH_BEFORE_DATE =
  /\b(?:said|says|told|tells|wrote|writes|announced|stated|noted|added|reported|reports|according\s+to|confirmed|posted|tweeted|quoted|interview)\b(?:\s+\S+){0,4}\s*$/;
const SPEECH_AFTER_DATE =
  /^[\s,]*(?:(?:evening|morning|afternoon|night)[\s,]+)?(?:\p{Lu}[\p{L}.'\u2019-]*\s+|the\s+|[\p{Ll}]+\s+){0,5}(?:said|says|told|wrote|announced|stated|noted|added|confirmed|posted|tweeted)\b/u;

/** "..., Misri said." closing the sentence: an attribution of the whole sentence, undated. */
export function trailingAttribution(afterDate: string): boolean {
  return /^,\s*(?:[\p{L}.'\u2019-]+\s+){1,5}(?:said|says|told\s+[\p{L}]+|added|wrote)\s*[.!?]?\s*$/u.test(afterDate);
}

/** "told reporters on Dec. 20", "On Friday, Putin said": the day of the report, not of the event. */
export function isSpeechDate(sentence: string, d: Pick<DateMention, 'start' | 'end' | 'surface'>): boolean {
  if (SPEECH_BEFORE_DATE.test(sentence.slice(Math.max(0, d.start - 50), d.start))) return true;
  if (trailingAttribution(sentence.slice(d.end))) return false;
  return /^\s*(?:On|on)\b/.test(d.surface) || /(?:^|[.;]\s*)$/.test(sentence.slice(0, d.start))
    ? SPEECH_AFTER_DATE.test(sentence.slice(d.end, d.end + 60))
    : false;
}

/** "tariffs cut for 90 days", "a truce for two weeks": a length of time, not a day counted from the publication. */
export function isDuration(sentence: string, d: Pick<DateMention, 'start' | 'surface'>): boolean {
  return (
    /\b(?:for|lasting|over)\s+(?:the\s+(?:next|following)\s+|another\s+|up\s+to\s+|at\s+least\s+)?$/i.test(
      sentence.slice(Math.max(0, d.start - 30), d.start),
    ) &&
    /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|[\p{L}-]+teen|[\p{L}-]+ty(?:-[\p{L}]+)?)\s+(?:days?|weeks?|months?|years?|hours?)\b/iu.test(
      d.surface,
    )
  );
}

/**
 * "Sharm El-Sheikh, Oct 7: Delegations ... on Monday began talks": the dateline's day is when the
 * story was filed; it dates the event only when the span names no day of its own.
 */
export function withoutFiledDay(dates: DateMention[]): DateMention[] {
  return dates.some((d) => !d.filed) ? dates.filter((d) => !d.filed) : dates;
}

/** Dates of a span that date the event, not the report of it ("told reporters on Dec. 20"). */
export function eventDates(sentence: Sentence, dates: DateMention[], from: number, to: number): DateMention[] {
  return withoutFiledDay(
    dates.filter(
      (d) =>
        sentence.start + d.start >= from &&
        sentence.start + d.end <= to &&
        !isSpeechDate(sentence.text, d) &&
        !isDuration(sentence.text, d),
    ),
  );
}

export function distinctDays(dates: DateMention[]): number {
  return new Set(dates.map((d) => `${d.date}/${d.dateTo ?? ''}`)).size;
}

const COUNT_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
};
const countOf = (w: string): number =>
  /^\d+$/.test(w) ? Number(w) : /^(\d+)(?:st|nd|rd|th)$/.exec(w) ? Number(/^(\d+)/.exec(w)![1]) : (COUNT_WORDS[w.toLowerCase()] ?? 0);

/**
 * How many days of talks end on the date at `dateStart`: "Two days of talks ended in Stockholm
 * on Tuesday" (2), "resumed on Wednesday, the third day of talks" (3); 1 when the sentence says
 * nothing of the kind.
 */
export function daysOfTalksEndingAt(sentence: string, dateStart: number, dateEnd: number): number {
  const before = sentence.slice(0, dateStart);
  const ended =
    /\b(\w+)\s+days\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:talks|negotiations|consultations|meetings)\b[^.;]{0,80}?\b(?:ended|concluded|wrapped\s+up|closed|finished)\b[^.;]{0,50}$/iu.exec(
      before,
    );
  if (ended) return Math.max(1, Math.min(7, countOf(ended[1]!)));
  const nth = /^,?\s+(?:the|their)\s+(\w+)\s+day\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:talks|negotiations|consultations)\b/iu.exec(
    sentence.slice(dateEnd),
  );
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
  const dates = oneDayPerWeekday(frame, findDates(sentence.text, publishedAt));
  if (!dates.some((d) => isSpeechDate(sentence.text, d))) return dates;
  return dates.filter((d) => !(insideQuote(frame.quotes, sentence.start + d.start) && RELATIVE_DAY.test(d.surface.trim())));
}

/** "Sunday", "on Sunday": a weekday named without "last", "next" or "this". */
export function bareWeekday(surface: string): string | null {
  const m = /^(?:on\s+)?((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)$/i.exec(surface.trim());
  return m ? m[1]!.toLowerCase() : null;
}

const weekdayDays = new WeakMap<ArticleFrame, Map<string, IsoDay>>();

/**
 * "Trudeau will chat briefly Sunday with Modi ... Sunday's meeting wasn't confirmed until ...":
 * a weekday named bare in one article is one day; the first mention (the lead's tense) decides.
 */
export function oneDayPerWeekday(frame: ArticleFrame, dates: DateMention[]): DateMention[] {
  let days = weekdayDays.get(frame);
  if (!days) weekdayDays.set(frame, (days = new Map<string, IsoDay>()));
  return dates.map((d) => {
    const name = d.dateTo ? null : bareWeekday(d.surface);
    if (!name) return d;
    const first = days.get(name);
    if (!first) {
      days.set(name, d.date);
      return d;
    }
    return first !== d.date && Math.abs(Date.parse(first) - Date.parse(d.date)) === 7 * 86_400_000 ? { ...d, date: first } : d;
  });
}

/**
 * Can this date date a meeting? A span of more than a week ("in recent weeks") does not; a named
 * month ("in November 2023") still dates an old meeting.
 */
export function datesAMeeting(d: DateMention, publishedAt: IsoDay | null = null): boolean {
  const span = d.dateTo ? (Date.parse(d.dateTo) - Date.parse(d.date)) / 86_400_000 : 0;
  return (
    span <= 7 ||
    (span <= 31 && /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b/.test(d.surface)) ||
    pastYear(d, publishedAt)
  );
}

/** "their summit in Helsinki in 2018": a year before the article's own dates a meeting it recalls. */
export function pastYear(d: DateMention, publishedAt: IsoDay | null): boolean {
  return publishedAt !== null && /^(?:19|20)\d{2}$/.test(d.surface.trim()) && Number(d.surface.trim()) < Number(publishedAt.slice(0, 4));
}

/**
 * "the first phone call since November", "talks for the first time since 2019": a day after
 * "since" that follows the event starts the time since it, not the event; "have been meeting
 * since Saturday" is talks going on from that day.
 */
export function startsTheTimeSince(sentence: string, d: Pick<DateMention, 'start'>, eventAt: number): boolean {
  const before = sentence.slice(0, d.start);
  // "since November", or "since Trump quit the deal in 2018": the day of the "since" clause.
  const since = /\bsince\s+(?:[^,;:.!?()\u2014]{0,80}?\s)?$/i.exec(before);
  return since !== null && eventAt < since.index && !/\b(?:has|have|had)\s+been\s+\p{L}+ing\b/u.test(before);
}

/**
 * "Ushakov announced the talks on Jan. 22 following a meeting in Moscow": a meeting that a dated
 * report right before it follows was on about that day (the same day or just before).
 */
export function followedReport(sentence: Sentence, dates: DateMention[], segStart: number, segText: string): DateMention | null {
  if (!/^(?:following|after)\s+(?:a|an|the|their|his|her|its)\s+/i.test(segText)) return null;
  const last = dates.filter((d) => d.end <= segStart && !d.approx && !d.dateTo).at(-1);
  return last && /^[\s,]*$/.test(sentence.text.slice(last.end, segStart)) ? last : null;
}

/**
 * "In their call a day after Ishiba was elected", "talks two weeks before the vote": a span
 * counted "after" or "before" something dates that thing, not an event named before it.
 */
export function datesWhatFollows(d: Pick<DateMention, 'start' | 'surface'>, eventAt: number): boolean {
  return /\b(?:after|before)$/i.test(d.surface.trim()) && eventAt < d.start;
}

/** The earliest-stated date that is not approximate wins; an approximate one only when alone. */
export function chooseDate(dates: DateMention[], publishedAt: IsoDay | null = null): DateMention | null {
  const usable = dates.filter((d) => datesAMeeting(d, publishedAt));
  return usable.find((d) => !d.approx) ?? usable[0] ?? null;
}

/** "at 15:35 that afternoon", "later that day": the day the article was just talking about. */
export function sameDayAsBefore(text: string): boolean {
  return (
    /\b(?:that|the\s+same)\s+(?:afternoon|morning|evening|night|day)\b|\b(?:later|earlier)\s+in\s+the\s+(?:day|afternoon|evening)\b/i.test(
      text,
    ) || lastedHours(text)
  );
}

/**
 * "his meeting with Xi, which is due to take place at 5pm, local time": an hour with no day in
 * a sentence that names no date is on the day of the story.
 */
export function clockTimeOnly(sentence: string, dates: readonly DateMention[]): boolean {
  return (
    dates.length === 0 &&
    /\bat\s+(?:around\s+|about\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)/i.test(sentence) &&
    !/\b(?:every|each|daily|usually)\b/i.test(sentence)
  );
}

/** "The second round lasted about four hours": a sitting measured in hours, on the day being reported. */
export function lastedHours(text: string): boolean {
  return /\blasted\s+(?:about\s+|around\s+|more\s+than\s+|less\s+than\s+|nearly\s+|almost\s+|some\s+|over\s+)?[\w.-]+(?:\s+and\s+a\s+half)?\s+(?:hours?|minutes)\b/i.test(
    text,
  );
}

/**
 * "has concluded three hours of talks", "have ended two days of trade talks": talks the story
 * reports as just over, on the day it was filed when the sentence names no day.
 */
export function justEnded(text: string): boolean {
  return /\b(?:has|have)\s+(?:just\s+|now\s+)?(?:concluded|ended|wrapped\s+up|finished|completed)\s+(?:(?!(?:that|whether|if|how|why)\b)[\p{L}-]+\s+){0,4}?(?:talks|negotiations|consultations|meetings?|summit)\b/iu.test(
    text,
  );
}

/** "ended two days of talks": how many days of talks the sentence says just ended (1 when it does not say). */
export function daysOfTalksJustEnded(text: string): number {
  const m =
    /\b(?:concluded|ended|wrapped\s+up|finished|completed)\s+(\w+)\s+days\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:talks|negotiations|consultations|meetings)\b/iu.exec(
      text,
    );
  return m ? Math.max(1, Math.min(7, countOf(m[1]!))) : 1;
}

/** The last single day named before `sentence` (the lead's "on Saturday"), else the publication day. */
export function referenceDayBefore(frame: ArticleFrame, sentence: Sentence, publishedAt: IsoDay | null): DateMention | null {
  for (let i = sentence.index - 1; i >= 0; i--) {
    const before = frame.sentences[i];
    if (!before) continue;
    const days = findDates(before.text, publishedAt).filter(
      (d) => !d.approx && !d.dateTo && !isDuration(before.text, d) && !/\b(?:after|before)$/i.test(d.surface.trim()),
    );
    const last = days[days.length - 1];
    if (last) return { ...last, start: 0, end: 0, surface: '' };
  }
  return publishedAt ? { date: publishedAt, dateTo: null, approx: false, start: 0, end: 0, surface: '' } : null;
}

/**
 * "Biden and Xi have first phone call", "Kenya and Uganda hold talks", "the envoys have met":
 * the headline or the lead reports the day's news, in the present or the present perfect.
 */
export function newsOfTheDay(text: string): boolean {
  return (
    /\b(?:has|have)\s+(?:now\s+|just\s+|finally\s+)?(?:met|held|spoken|talked|had|begun|started|opened|arrived|landed)\b/i.test(text) ||
    /(?<!\b(?:will|would|to|may|might|could|should|can|must|shall|not|never)\s+)\b(?:hold|holds|meet|meets|have|has|begin|begins|start|starts|open|opens|end|ends|wrap\s+up|wraps\s+up)\s+(?:(?!been\b|to\b)[\p{L}-]+\s+){0,4}?(?:talks|call|meeting|summit|negotiations)\b/iu.test(
      text,
    )
  );
}

/**
 * "Modi, on Friday during his landmark visit to Ukraine, invited Zelensky ... PM Modi met
 * Zelensky in Kyiv": the one day the article gives a visit to a country dates the undated
 * meetings held there.
 */
export function dateByVisit(frame: ArticleFrame, drafts: Draft[], publishedAt: IsoDay | null): boolean {
  const undated = drafts.filter((d) => !d.date && d.status === 'held' && d.country && d.kind !== 'call');
  if (undated.length === 0) return false;
  const days = new Map<string, Set<IsoDay>>();
  for (const sentence of frame.sentences) {
    const visit = /\bvisit(?:ed|s|ing)?\s+(?:to\s+)?(?:the\s+)?/gi;
    for (const m of sentence.text.matchAll(visit)) {
      const to = countryMentionsOf(sentence.text.slice(m.index + m[0].length)).find((c) => c.start === 0);
      if (!to) continue;
      const dates = findDates(sentence.text, publishedAt).filter((d) => !d.approx && !d.dateTo);
      if (dates.length !== 1) continue;
      days.set(to.code, new Set([...(days.get(to.code) ?? []), dates[0]!.date]));
    }
  }
  let dated = false;
  for (const d of undated) {
    const visitDays = days.get(d.country!);
    if (visitDays?.size !== 1) continue;
    d.date = [...visitDays][0]!;
    dated = true;
  }
  return dated;
}

/** How many sentences open an article (a stray line, the headline, the lead) and report the day's news. */
const LEAD_SENTENCES = 3;

/**
 * An event the headline or lead reports as the day's news ("Biden and Xi have first phone call",
 * "Trump has concluded three hours of talks with Putin") that nothing else in the article dates
 * was held on the publication day ("have ended two days of talks": the days up to it). Run after
 * undated mentions have joined the dated reports of the same talks, so it dates only the rest.
 */
export function dateLeadNews(frame: ArticleFrame, drafts: Draft[], publishedAt: IsoDay | null): boolean {
  if (!publishedAt) return false;
  let dated = false;
  const first = frame.sentences[0]?.index ?? 0;
  const datedByText = new Set(drafts.filter((o) => o.date));
  for (const d of drafts) {
    if (d.date || d.status !== 'held' || d.sentence - first >= LEAD_SENTENCES) continue;
    // Its own sentence, or the lead right after a headline whose report it folded in.
    const own = frame.sentences.filter((s) => s.index === d.sentence || s.index === d.sentence + 1).map((s) => s.text);
    const news = own.find((text) => justEnded(text) || newsOfTheDay(text));
    if (!news) continue;
    // "have held a new round of talks ... after talks held on December 19": the body dates these
    // talks, and merging joins the report that does.
    const recent = (o: Draft): boolean => o.date !== null && Math.abs(Date.parse(o.date) - Date.parse(publishedAt)) <= 2 * 86_400_000;
    const sameTalks = (o: Draft): boolean =>
      o !== d &&
      datedByText.has(o) &&
      recent(o) &&
      o.status === 'held' &&
      (o.kind === 'call') === (d.kind === 'call') &&
      sidesCompatible(o.sides, d.sides) &&
      !(o.city && d.city && o.city !== d.city) &&
      !(o.country && d.country && o.country !== d.country);
    if (drafts.some(sameTalks)) continue;
    const n = daysOfTalksJustEnded(news);
    d.date = n > 1 ? daysBefore(publishedAt, n - 1) : publishedAt;
    d.dateTo = n > 1 ? publishedAt : null;
    dated = true;
  }
  return dated;
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
  /** Where the segment's first trigger starts in the article text. */
  eventAt?: number;
}

/**
 * The date of a segment: its own event dates, else a date of its clause that no other segment
 * holds ("the talks come after Trump phoned both leaders on Saturday": Saturday is the call's),
 * else the single day of a sentence of several clauses; then "that afternoon" for the day
 * reported before. `own` is the dates the segment had to choose from.
 */
export function segmentDate(
  frame: ArticleFrame,
  publishedAt: IsoDay | null,
  at: SegmentPlace,
): { date: DateMention | null; own: DateMention[] } {
  const { sentence, dates } = at;
  const inOther = (d: DateMention): boolean =>
    at.otherSegments.some((o) => sentence.start + d.start >= o.start && sentence.start + d.end <= o.end);
  let own = eventDates(sentence, dates, at.seg.start, at.seg.end);
  if (own.length === 0) own = eventDates(sentence, dates, at.clause.start, at.clause.end).filter((d) => !inOther(d));
  const sentenceDates = eventDates(sentence, dates, sentence.start, sentence.end);
  if (own.length === 0 && distinctDays(sentenceDates) === 1 && at.clauseCount > 1) own = sentenceDates.filter((d) => !inOther(d));
  if (at.eventAt !== undefined) {
    const eventAt = at.eventAt - sentence.start;
    own = own.filter((d) => !startsTheTimeSince(sentence.text, d, eventAt) && !datesWhatFollows(d, eventAt));
  }
  if (own.length === 0) {
    const before = followedReport(sentence, dates, at.seg.start - sentence.start, at.segText);
    if (before) own = [{ ...before, approx: true }];
  }
  const chosen = chooseDate(own, publishedAt);
  const date = chosen
    ? spanOfTalks(sentence, chosen)
    : sameDayAsBefore(at.segText)
      ? referenceDayBefore(frame, sentence, publishedAt)
      : publishedAt && clockTimeOnly(sentence.text, dates)
        ? { date: publishedAt, dateTo: null, approx: false, start: 0, end: 0, surface: '' }
        : null;
  return { date, own };
}
