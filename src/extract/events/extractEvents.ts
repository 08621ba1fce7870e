// Events of one article: talks, meetings, calls and summits, each with its status, date, place,
// sides and participants, read clause by clause, then tidied at the article level (events the
// article says happened separately are split, missing places and delegations are filled in from
// the rest of the article, repeats of the same event are folded together).
import type { CountryCode, EventKind, EventStatus, ExtractedEvent, IsoDay } from '../../domain/types.ts';
import type { KnownPlace } from '../../config/schema.ts';
import { findDates, type DateMention } from '../dates/resolve.ts';
import { countryName } from '../geo/countries.ts';
import { countryMentionsOf, placesOf, resetGeoMemo } from './geoMemo.ts';
import { REGIONS } from '../geo/regions.ts';
import type { Sentence } from '../sentences.ts';
import { insideQuote } from '../quotes/quoteSpans.ts';
import { ROLE_HEADS, ROLE_MODIFIERS } from '../people/lexicon.ts';
import { resolvePronoun, resolveRoleReference, subjectMention, type ArticleFrame } from '../people/reference.ts';
import { eventKind, findTriggers, mayHoldTrigger, splitClauses, type Clause, type Trigger } from './clauses.ts';
import { findSides, uniqueCodes } from './sides.ts';
import { eventStatus } from './status.ts';

interface Draft {
  kind: EventKind;
  status: EventStatus;
  date: IsoDay | null;
  dateTo: IsoDay | null;
  approx: boolean;
  city: string | null;
  country: CountryCode | null;
  sides: CountryCode[];
  /** Sides named before and after "with": tells who met whom when meetings were separate. */
  sidesBeforeWith: CountryCode[];
  sidesAfterWith: CountryCode[];
  participants: string[];
  /** People named in the clause as taking part (not filled in from elsewhere). */
  explicit: Set<string>;
  evidence: string;
  sentence: number;
  separately: boolean;
  /** "These talks", "the meeting": refers back to an event already reported. */
  anaphoric: boolean;
  /** "European leaders joined the talks": more sides for an event already reported. */
  joins: boolean;
  /** "After the meeting Trump phoned Putin": happened right after the event reported before. */
  afterPrevious: boolean;
  /** The kind the "After the ..." opening names. */
  afterKind: EventKind | null;
  /** "since the talks opened on Monday": the first day of talks reported elsewhere in the article. */
  opening: boolean;
}

const SPEECH_BEFORE_DATE = /\b(?:said|says|told|tells|wrote|writes|announced|stated|noted|added|reported|reports|according\s+to|confirmed|posted|tweeted|quoted|interview)\b(?:\s+\S+){0,4}\s*$/;
const SPEECH_AFTER_NAME = /^(?:['\u2019]s)?\s*(?:,[^,]{1,140},\s*)?(?:(?:on|in|at|last|this|earlier|later|also)\b[^,;]{0,30}?\s+)?(?:said|says|told|tells|wrote|writes|announced|stated|noted|added|confirmed|reported|summarized|stressed|warned|insisted|claimed|signaled|signalled|called|urged|posted|tweeted|explained)\b/;
// Case-sensitive on purpose: with the i flag \p{Lu} would match lower case too.
const ROLE_REFERENCE = /\b(?:with|and|met|meet|meets|between)\s+the\s+((?:[\p{L}-]+\s+){0,2}?)(president|dictator|leader|envoy|minister|chancellor|premier|king|emir|prince|secretary|counterpart)\b(?!\s+(?:of\s+)?\p{Lu})/gu;

const SPEECH_AFTER_DATE = /^[\s,]*(?:(?:evening|morning|afternoon|night)[\s,]+)?(?:\p{Lu}[\p{L}.'\u2019-]*\s+|the\s+|[\p{Ll}]+\s+){0,5}(?:said|says|told|wrote|announced|stated|noted|added|confirmed|posted|tweeted)\b/u;

/** "told reporters on Dec. 20", "On Friday, Putin said": the day of the report, not of the event. */
const NOT_PARTICIPANT_PREPOSITION = /^(?:to|for|of|about|against|on|from|by|than|like|under|over)$/;

/**
 * "report to Zelenskyy", "a plan by Trump": a name governed by a preposition other than "with"
 * (allowing a title between: "to U.S. Secretary of State Marco Rubio") is not a participant.
 * "Secretary of State" itself is a title, not a preposition phrase.
 */
function governedByPreposition(lead: string): boolean {
  const words = lead.trim().split(/\s+/).filter(Boolean);
  for (let i = words.length - 1; i >= 0 && i >= words.length - 5; i--) {
    const w = words[i]!;
    if (NOT_PARTICIPANT_PREPOSITION.test(w)) {
      const prev = i > 0 ? words[i - 1]! : '';
      // "hosted by Fidan", "led by Yermak": the agent takes part.
      if (w === 'by' && /^(?:hosted|led|headed|chaired|mediated|accompanied|joined|attended|flanked)$/i.test(prev)) return false;
      return !/^\p{Lu}/u.test(prev);
    }
    const titleWord = /^\p{Lu}/u.test(w) || /^(?:the|a|an|his|her|their)$/.test(w) || ROLE_HEADS.has(w.toLowerCase()) || ROLE_MODIFIERS.has(w.toLowerCase());
    if (!titleWord) return false;
  }
  return false;
}

const COMPANIONS = /\b(?:accompanied\s+by|joined\s+by|flanked\s+by|sat\s+(?:with|across|beside|next\s+to|alongside|at)|(?:was|were)\s+(?:also\s+)?(?:present|in\s+attendance)|also\s+(?:attended|took\s+part)|took\s+part)\b/;

/**
 * Members of a negotiating team named in a sentence: those after "led by", "headed by", "the
 * delegation included", "Kyiv is sending", "joined by"; before "will represent Washington"; and
 * the subject of "led the Russian side".
 */
function teamMembers(frame: ArticleFrame, s: Sentence): string[] {
  const out: string[] = [];
  const mentions = frame.people.mentions.filter((m) => m.start >= s.start && m.end <= s.end && !m.possessive && !insideQuote(frame.quotes, m.start));
  const after = (re: RegExp): void => {
    for (const m of s.text.matchAll(re)) {
      const from = s.start + m.index + m[0].length;
      const stop = s.text.slice(from - s.start).search(/;\s|\s(?:while|but|whereas|and\s+the)\s/);
      const to = stop < 0 ? s.end : from + stop;
      for (const x of mentions) if (x.start >= from && x.end <= to) out.push(x.key);
    }
  };
  after(/\b(?:led|headed|chaired|joined|accompanied|flanked)\s+by\s+/g);
  after(/\b(?:delegation|team)\s+(?:also\s+)?(?:includes|included|including|comprising|comprised|comprises)\s+/g);
  after(/\b(?:is|are|was|were|will\s+be)\s+sending\s+|\b(?:sent|will\s+send)\s+(?=\p{Lu})/gu);
  for (const m of s.text.matchAll(/\b(?:will\s+)?(?:represent|represents|represented)\s+(?:the\s+)?\p{Lu}/gu)) {
    for (const x of mentions) if (x.end <= s.start + m.index) out.push(x.key);
  }
  for (const m of s.text.matchAll(/\b(?:led|leads|headed|heads)\s+(?:the\s+)?\p{Lu}[\p{L}.'\u2019]*\s+(?:delegation|side|team|negotiators)\b/gu)) {
    // The subject, past an appositive: "Vladimir Medinsky, an aide to President Putin, led the Russian side".
    const verbAt = s.start + m.index;
    const subject = mentions
      .filter((x) => x.end <= verbAt)
      .reverse()
      .find((x) => /^\s*(?:,[^,]{1,140},)?\s*(?:also\s+)?$/.test(frame.text.slice(x.end, verbAt)));
    if (subject) out.push(subject.key);
  }
  return out;
}

function kindOfWord(text: string): EventKind | null {
  if (/\bsummit\b/i.test(text)) return 'summit';
  if (/\bcall\b/i.test(text)) return 'call';
  if (/\b(?:talks|negotiations)\b/i.test(text)) return 'talks';
  if (/\b(?:meeting|session|visit)\b/i.test(text)) return 'meeting';
  return null;
}

const LEADING_AFTER = /^(?:After|Following|Straight\s+after|Right\s+after)\s+(?:the|this|that|their|his|her)\s+(?:\p{Ll}+\s+)?(?:meeting|talks|summit|call|session|negotiations|visit)\b,?\s*/u;
// "The final push brought together A, B and C": more people at talks already reported.
const JOINED = /\b(?:joined|join|joins|joining|attended|attend|attends|attending)\s+(?:the|these|those|this|that|their)\s+(?:\p{Ll}+\s+)?(?:talks|meeting|summit|negotiations|session)\b|\b(?:brought|brings|bringing)\s+together\b/u;

/** "..., Misri said." closing the sentence: an attribution of the whole sentence, undated. */
export function trailingAttribution(afterDate: string): boolean {
  return /^,\s*(?:[\p{L}.'\u2019-]+\s+){1,5}(?:said|says|told\s+[\p{L}]+|added|wrote)\s*[.!?]?\s*$/u.test(afterDate);
}

function isSpeechDate(sentence: string, d: DateMention): boolean {
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
function eventDates(sentence: Sentence, dates: DateMention[], from: number, to: number): DateMention[] {
  return dates.filter((d) => sentence.start + d.start >= from && sentence.start + d.end <= to && !isSpeechDate(sentence.text, d) && !isDuration(sentence.text, d));
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
function spanOfTalks(sentence: Sentence, d: DateMention): DateMention {
  if (d.dateTo || d.approx) return d;
  const n = daysOfTalksEndingAt(sentence.text, d.start, d.end);
  return n > 1 ? { ...d, date: daysBefore(d.date as IsoDay, n - 1), dateTo: d.date } : d;
}

/**
 * "the fourth round, which had been scheduled for Saturday, has been postponed": the rest of the
 * sentence after the event noun calls it off.
 */
export function calledOffAfter(rest: string): boolean {
  const m = /^([^.;]{0,160}?)\b(?:(?:has|have|had)\s+been|was|were|is|are)\s+(?:now\s+|also\s+)?(?:postponed|delayed|called\s+off|cancel(?:l)?ed|scrapped|put\s+off|suspended)\b/i.exec(rest);
  // Another event named in between is what was called off.
  if (m === null) return false;
  // The event must be the subject: only its own phrases and a relative clause on it come between,
  // not another clause ("..., after the vote was postponed").
  const between = m[1]!.replace(/,\s*(?:which|that)\b[^,]*,/gi, ' ');
  return !/\b(?:talks|meetings?|summit|round|negotiations|call|visit|after|because|when|since|while|but|though|although|until|before|as|said|says)\b/i.test(between) && !/\band\s+(?:the|a|an|his|her|its|their)\s+\p{Ll}/u.test(between);
}

const RELATIVE_DAY = /^(?:today|tonight|tomorrow|yesterday|this\s+\w+|last\s+\w+|next\s+\w+|on\s+\w+day|\w+day)$/i;

/**
 * A relative day inside a quotation ("will continue today") counts from when the words were
 * said; when the sentence dates the saying ("told reporters on Saturday"), drop it rather than
 * count it from the publication day.
 */
function datesOfSentence(frame: ArticleFrame, sentence: Sentence, publishedAt: IsoDay | null): DateMention[] {
  const dates = findDates(sentence.text, publishedAt);
  if (!dates.some((d) => isSpeechDate(sentence.text, d))) return dates;
  return dates.filter((d) => !(insideQuote(frame.quotes, sentence.start + d.start) && RELATIVE_DAY.test(d.surface.trim())));
}

function distinctDays(dates: DateMention[]): number {
  return new Set(dates.map((d) => `${d.date}/${d.dateTo ?? ''}`)).size;
}

/** Cut a clause into one segment per talks noun when the nouns carry different dates. */
function segmentsOf(clause: Clause, triggers: Trigger[], sentence: Sentence, dates: DateMention[]): Array<{ start: number; end: number; triggers: Trigger[] }> {
  // "The plan for a summit had come out of last week's phone call": a call and a meeting are two events.
  const call = triggers.find((t) => t.kind === 'call');
  if (call && triggers.some((t) => t.kind !== 'call')) {
    const lead = sentence.text.slice(clause.start - sentence.start, call.start - sentence.start);
    const joint = [...lead.matchAll(/\s(?:of|in|at|on|and|after|before|with|from|during|following)\s|[,;]\s/g)].pop();
    const cut = joint ? clause.start + joint.index + joint[0].length : call.start;
    const callFirst = triggers.filter((t) => t.kind === 'call').every((t) => t.start < (triggers.find((x) => x.kind !== 'call')?.start ?? 0));
    if (callFirst) {
      const other = triggers.find((t) => t.kind !== 'call')!;
      const lead2 = sentence.text.slice(call.end - sentence.start, other.start - sentence.start);
      const joint2 = [...lead2.matchAll(/\s(?:of|in|at|on|and|after|before|with|from|during|following)\s|[,;]\s/g)].pop();
      const cut2 = joint2 ? call.end + joint2.index + joint2[0].length : other.start;
      return [
        { start: clause.start, end: cut2, triggers: triggers.filter((t) => t.start < cut2) },
        { start: cut2, end: clause.end, triggers: triggers.filter((t) => t.start >= cut2) },
      ].filter((x) => x.triggers.length > 0);
    }
    return [
      { start: clause.start, end: cut, triggers: triggers.filter((t) => t.start < cut) },
      { start: cut, end: clause.end, triggers: triggers.filter((t) => t.start >= cut) },
    ].filter((x) => x.triggers.length > 0);
  }
  const nouns = triggers.filter((t) => t.noun);
  const clauseDates = eventDates(sentence, dates, clause.start, clause.end);
  if (nouns.length < 2 || distinctDays(clauseDates) < 2) return [{ start: clause.start, end: clause.end, triggers }];
  const cuts = [clause.start];
  for (let i = 1; i < nouns.length; i++) {
    const between = sentence.text.slice(nouns[i - 1]!.end - sentence.start, nouns[i]!.start - sentence.start);
    const joins = [...between.matchAll(/\s+and\s+|,\s+/g)];
    const last = joins[joins.length - 1];
    if (!last) continue;
    // Only cut where each side has its own date, otherwise "talks and meetings on Dec. 19" is one event.
    const cut = nouns[i - 1]!.end + last.index + last[0].length;
    if (eventDates(sentence, dates, cuts[cuts.length - 1]!, cut).length === 0) continue;
    cuts.push(cut);
  }
  cuts.push(clause.end);
  const out: Array<{ start: number; end: number; triggers: Trigger[] }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    out.push({ start, end, triggers: triggers.filter((t) => t.start >= start && t.start < end) });
  }
  return out.filter((s) => s.triggers.length > 0);
}

/** "Rome to host the second round", "Doha will host talks": the city after which this comes is the venue. */
export function hostsEvent(afterPlace: string): boolean {
  return /^\s+(?:(?:is|was|will|would|to)\s+(?:also\s+)?(?:be\s+)?)?(?:host|hosts|hosted|hosting)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}-]+\s+){0,3}(?:round|talks|meeting|summit|negotiations)\b/u.test(afterPlace);
}

interface PlaceFound {
  city: string | null;
  country: CountryCode | null;
}

const REGION_COUNTRY = new Map<string, CountryCode>();
let regionRe: RegExp | null = null;

/** "in Florida", "at Ontario": a first-level region names the country of a meeting place. */
function regionPattern(): RegExp {
  if (regionRe) return regionRe;
  const names: string[] = [];
  for (const region of REGIONS) {
    for (const name of region.names) {
      if (name.length < 4 || /\./.test(name)) continue;
      REGION_COUNTRY.set(name, region.country);
      names.push(name);
    }
  }
  names.sort((a, b) => b.length - a.length);
  regionRe = new RegExp(`\\b(?:in|at)\\s+(${names.join('|')})\\b(?!,?\\s+\\p{Lu})`, 'gu');
  return regionRe;
}

/**
 * The place of an event in a span: a located city ("in Miami", "Hallandale Beach, Florida") or
 * "in <country or region>", the one nearest the trigger at offset `near` (after it preferred);
 * a city before a talks word ("Istanbul talks") also counts. "Washington's push" is no place.
 */
function placeIn(text: string, knownPlaces: KnownPlace[], near: number | number[] = 0): PlaceFound | null {
  const anchors = Array.isArray(near) ? near : [near];
  const candidates: Array<PlaceFound & { at: number }> = [];
  for (const p of placesOf(text)) {
    if (/^['\u2019]s?\b/u.test(text.slice(p.end))) continue;
    if (p.locative || namedAsSettlement(text.slice(Math.max(0, p.start - 20), p.start)) || /^\s*(?:peace\s+)?(?:talks|meeting|summit|negotiations)\b/.test(text.slice(p.end)) || hostsEvent(text.slice(p.end))) candidates.push({ city: p.city, country: p.country, at: p.start });
  }
  for (const m of countryMentionsOf(text)) {
    if (m.kind === 'institution' || m.kind === 'capital') continue;
    const lead = text.slice(Math.max(0, m.start - 30), m.start);
    // "the war in Ukraine" is a topic, not where the talks are.
    if (/\b(?:war|conflict|fighting|crisis|peace|ceasefire|truce|situation|invasion|aggression)\s+(?:in|on)\s+(?:the\s+)?$/i.test(lead)) continue;
    if (/\b(?:in|at)\s+(?:the\s+)?$/i.test(lead) && !/^['\u2019]s?\b/u.test(text.slice(m.end))) candidates.push({ city: null, country: m.code, at: m.start });
  }
  for (const m of text.matchAll(regionPattern())) {
    const country = REGION_COUNTRY.get(m[1]!);
    if (country) candidates.push({ city: null, country, at: m.index });
  }
  if (candidates.length === 0) return null;
  // A city inside a region ("Hallandale Beach, Florida") comes with its own country; prefer cities
  // over bare countries at the same distance.
  const distance = (c: { at: number; city: string | null }): number =>
    Math.min(...anchors.map((a) => (c.at >= a ? c.at - a : (a - c.at) * 2))) + (c.city ? 0 : 60);
  const best = candidates.sort((x, y) => distance(x) - distance(y))[0]!;
  return { city: best.city, country: best.country };
}

/** People of a clause who take part in its event: not possessors, not people inside someone's role, not mere speakers. */
function clauseParticipants(frame: ArticleFrame, clause: Clause, speakerOfQuote: (pos: number) => string | null): Set<string> {
  const out = new Set<string>();
  const roleRanges: Array<{ key: string; start: number; end: number }> = [];
  for (const [key, roles] of frame.people.roles) for (const r of roles) roleRanges.push({ key, start: r.start, end: r.end });
  const text = frame.text;
  for (const m of frame.people.mentions) {
    if (m.start < clause.start || m.end > clause.end) continue;
    if (m.possessive) continue;
    // "an aide to Vladimir Putin": Putin is part of Ushakov's description.
    if (roleRanges.some((r) => r.key !== m.key && m.start >= r.start && m.end <= r.end)) continue;
    const after = text.slice(m.end, clause.end);
    // "report to Zelenskyy", "a plan by Trump": objects of other verbs do not take part.
    if (governedByPreposition(text.slice(Math.max(clause.start, m.start - 80), m.start))) continue;
    // "the Trump administration", "the Putin government": the name only qualifies an institution.
    if (/^\s+(?:administration|government|team|campaign|era|regime|camp|cabinet|White\s+House)\b/.test(after)) continue;
    const speech = SPEECH_AFTER_NAME.exec(after);
    if (speech || /\baccording\s+to\s+(?:[^,\s]+\s+){0,4}$/i.test(text.slice(clause.start, m.start))) {
      // A speaker takes part only when what they said refers back to them: "said he would hold".
      const complement = speech ? after.slice(speech[0].length).split(',')[0]! : '';
      if (!/\b(?:he|she|his|her|we|our)\b/i.test(complement)) continue;
    }
    out.add(m.key);
  }
  // "met with the Russian dictator": a role that names someone introduced earlier.
  for (const m of clause.text.matchAll(ROLE_REFERENCE)) {
    const key = resolveRoleReference(frame, m[2]!, clause.start + m.index);
    if (key) out.add(key);
  }
  // "he would hold another meeting", "we will start another round": the pronoun's person.
  const pronoun = /\b(he|she)\s+(?:would|will|had|has|is|was|met|meets|held|holds|plans|planned)\b/i.exec(clause.text);
  if (pronoun && !insideQuote(frame.quotes, clause.start + pronoun.index)) {
    const key = resolvePronoun(frame, clause.start + pronoun.index);
    if (key) out.add(key);
  }
  const we = /\bwe\b/i.exec(clause.text);
  if (we && insideQuote(frame.quotes, clause.start + we.index)) {
    const key = speakerOfQuote(clause.start + we.index);
    if (key) out.add(key);
  }
  return out;
}

function countryOfPerson(frame: ArticleFrame, key: string): CountryCode | null {
  return frame.people.people.find((p) => p.key === key)?.country ?? null;
}

export interface EventContext {
  frame: ArticleFrame;
  publishedAt: IsoDay | null;
  knownPlaces: KnownPlace[];
  /** The speaker of the quotation covering an offset, if the quote rules found one. */
  speakerOfQuote: (pos: number) => string | null;
}

/** "the Red Sea resort of Sharm el-Sheikh", "the port city of Aden": the place after "of" is a town. */
export function namedAsSettlement(before: string): boolean {
  return /\b(?:resort|city|town|port|village|capital|enclave|island)\s+of\s+$/i.test(before);
}

/** "since the talks opened on Monday", "when negotiations began on Sunday": the start of talks reported as a whole. */
export function talksOpened(text: string): boolean {
  return /\b(?:the|these|those)\s+(?:\p{Ll}+\s+)?(?:talks|negotiations|consultations)\s+(?:first\s+)?(?:opened|began|started|kicked\s+off|got\s+under\s+way)\b/u.test(text);
}

/** After a name: "told state TV that the two sides had made progress", "said we agreed": speaking as one of the sides. */
export function reportsFromTheTable(afterName: string): boolean {
  return /^\s*(?:said|says|told\s+(?:[\p{L}]+\s+){1,2}|added|stressed)\s*(?:that\s+|,\s*)?(?:the\s+two\s+sides|both\s+sides|the\s+sides|we|our\s+(?:delegation|team|side))\s+(?:had|have|has|were|are|agreed|made|reached|discussed|will|would)\b/iu.test(afterName);
}

/** "MUSCAT, April 12 (Reuters) - ...": the wire dateline's city, in capitals. */
export function datelineCity(sentence: string): string | null {
  const m = /^\s*(?:\d{1,2}:\d{2}\s+-\s+)?([A-Z][A-Z .'-]{2,}?)\s*,/.exec(sentence);
  return m ? m[1]!.trim() : null;
}

/** "..., though no date was given": a plan without a date is only an intention. */
export function noDateSet(rest: string): boolean {
  return /\bno\s+(?:date|time|timetable|timeline)\s+(?:was|has\s+been|had\s+been|is|have\s+been)\s+(?:yet\s+)?(?:given|set|fixed|announced|agreed)\b|\bwithout\s+(?:giving|setting)\s+a\s+date\b/i.test(rest);
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
function referenceDayBefore(frame: ArticleFrame, sentence: Sentence, publishedAt: IsoDay | null): DateMention | null {
  for (let i = sentence.index - 1; i >= 0; i--) {
    const before = frame.sentences[i];
    if (!before) continue;
    const days = findDates(before.text, publishedAt).filter((d) => !d.approx && !d.dateTo && !isDuration(before.text, d));
    const last = days[days.length - 1];
    if (last) return { ...last, start: 0, end: 0, surface: '' };
  }
  return publishedAt ? { date: publishedAt, dateTo: null, approx: false, start: 0, end: 0, surface: '' } : null;
}

function draftsOfSentence(ctx: EventContext, sentence: Sentence): Draft[] {
  const { frame, publishedAt, knownPlaces } = ctx;
  // Most sentences name no talks at all; skip the date and place work for them.
  if (!mayHoldTrigger(sentence.text)) return [];
  const dates = datesOfSentence(frame, sentence, publishedAt);
  const clauses = splitClauses(sentence.text, sentence.start);
  const drafts: Draft[] = [];
  let previousSides: CountryCode[] = [];
  let sentencePlaceMemo: PlaceFound | null | undefined;
  const sentencePlace = (): PlaceFound | null => (sentencePlaceMemo === undefined ? (sentencePlaceMemo = placeIn(sentence.text, knownPlaces)) : sentencePlaceMemo);
  const sentenceDates = eventDates(sentence, dates, sentence.start, sentence.end);
  for (const clause of clauses) {
    const clauseSides = uniqueCodes(findSides(clause.text));
    // "After the meeting Trump phoned Putin": the meeting named is the previous event, not this one.
    const prefix = clause.start === sentence.start ? LEADING_AFTER.exec(clause.text) : null;
    const triggers = findTriggers(clause).filter((t) => !prefix || t.start >= clause.start + prefix[0].length);
    if (triggers.length === 0) {
      if (clauseSides.length) previousSides = clauseSides;
      continue;
    }
    const participantsHere = clauseParticipants(frame, clause, ctx.speakerOfQuote);
    // "Umerov attends a briefing after a meeting with Rubio": the main clause's subject met too.
    if (/^(?:(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|months?|hours?)\s+)?(?:after|before|following)\b/iu.test(clause.text) && clause.start > sentence.start) {
      const subject = subjectMention(frame, sentence, clause.start);
      if (subject) participantsHere.add(subject.key);
    }
    const segments = segmentsOf(clause, triggers, sentence, dates);
    for (const seg of segments) {
      const segText = frame.text.slice(seg.start, seg.end);
      // Sides after the trigger count up to the end of its phrase: "talks with Ukrainian and
      // European officials in Berlin" yes, "... after the administration proposed a plan that
      // officials in Kyiv and their EU supporters called unworkable" no.
      const lastTrigger = seg.triggers[seg.triggers.length - 1]!;
      const tail = frame.text.slice(lastTrigger.end, seg.end);
      // ("the meeting that Russian and American diplomats held": that relative clause names the sides.)
      const stop = /,\s+(?![\p{Lu}]|and\b)|;|\s(?:that(?<!^\s?that)|after|before|to\s+(?!the\s+\p{Lu})|which(?<!^\s?which)|who|when|because|while|so|weeks|days|months)\s/u.exec(tail);
      // A trailing attribution (", Turkish officials said.") names who reported, not who met; a
      // relative clause on a participant (", whose country holds the EU presidency,") neither.
      const sideText = frame.text
        .slice(seg.start, stop ? lastTrigger.end + stop.index : seg.end)
        .replace(/,\s+(?:according\s+to\s+[^,]+|(?:the\s+)?(?:[\p{L}.'\u2019-]+\s+){0,4}(?:said|says|told\s+reporters|reported|reports|announced|confirmed|noted)(?:\s+[\p{L}.'\u2019-]+){0,3})[.!?]?\s*$/u, '')
        .replace(/,\s+(?:who|whose|which)\s+[^,]{1,100},/gu, ',');
      let sides = uniqueCodes(findSides(sideText));
      // "each side met separately": the sides of the clause before; "which also includes talks
      // with ...": the clause the relative clause hangs on.
      if (/\b(?:each|both)\s+(?:side|sides|country|countries|party|parties|delegation|delegations)\b/i.test(segText) || /^\s*which\b/i.test(clause.text) || (clause.start > sentence.start && sides.length === 0 && /^\s*(?:after|following)\s+(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|rounds?)\s+of\b/iu.test(clause.text))) {
        sides = [...new Set([...previousSides, ...sides])];
      }
      // Who met whom matters only when the meetings were separate.
      const withAt = /\bseparate(?:ly)?\b/i.test(segText) ? /\bwith\b/i.exec(sideText) : null;
      const beforeWith = withAt ? uniqueCodes(findSides(sideText.slice(0, withAt.index))) : sides;
      const afterWith = withAt ? uniqueCodes(findSides(sideText.slice(withAt.index))) : [];
      let segDates = eventDates(sentence, dates, seg.start, seg.end);
      // A date inside another segment of the clause belongs to that segment's event: in "the talks
      // come after Trump phoned both leaders on Saturday" Saturday is the call's.
      if (segDates.length === 0)
        segDates = eventDates(sentence, dates, clause.start, clause.end).filter((d) => !segments.some((o) => o !== seg && sentence.start + d.start >= o.start && sentence.start + d.end <= o.end));
      if (segDates.length === 0 && distinctDays(sentenceDates) === 1 && clauses.length > 1) segDates = sentenceDates.filter((d) => !segments.some((o) => o !== seg && sentence.start + d.start >= o.start && sentence.start + d.end <= o.end));
      // The earliest-stated date that is not approximate wins; an approximate one only when alone.
      // A span of more than a week ("in recent weeks") does not date a meeting.
      // A named month ("in November 2023") still dates an old meeting.
      const usable = segDates.filter((d) => {
        const span = d.dateTo ? (Date.parse(d.dateTo) - Date.parse(d.date)) / 86_400_000 : 0;
        return span <= 7 || (span <= 31 && /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b/.test(d.surface));
      });
      const chosen = usable.find((d) => !d.approx) ?? usable[0] ?? null;
      const date = chosen ? spanOfTalks(sentence, chosen) : sameDayAsBefore(segText) ? referenceDayBefore(frame, sentence, publishedAt) : null;
      // The trigger that names the kind places the event: "The Miami talks follow a summit ... in Berlin".
      const kind = eventKind(seg.triggers.map((t) => ({ ...t, start: t.start - sentence.start, end: t.end - sentence.start })), sentence.text);
      const kindTriggers = new Set(seg.triggers.map((t) => t.kind)).size > 1 && (kind === 'summit' || kind === 'call') ? seg.triggers.filter((t) => t.kind === kind) : seg.triggers;
      const ownPlace =
        placeIn(segText, knownPlaces, kindTriggers.map((t) => t.start - seg.start)) ??
        (seg.start === clause.start && seg.end === clause.end ? null : placeIn(clause.text, knownPlaces, kindTriggers.map((t) => t.start - clause.start)));
      const borrowedPlace = ownPlace ? null : clauses.length === 1 || segDates.length ? sentencePlace() : null;
      const first = seg.triggers[0]!;
      const statusByTense = eventStatus({
        before: frame.text.slice(clause.start, first.start),
        after: frame.text.slice(seg.triggers[seg.triggers.length - 1]!.end, clause.end),
        date: date?.date ?? null,
        dateTo: date?.dateTo ?? null,
        publishedAt,
      });
      const rest = frame.text.slice(lastTrigger.end, sentence.end);
      const status = isLive(statusByTense) && calledOffAfter(rest) ? 'cancelled' : statusByTense === 'planned' && !date && noDateSet(rest) ? 'proposed' : statusByTense;
      // "MUSCAT - ... held talks in Oman on Saturday, and agreed to reconvene next week": the place of
      // another clause (or the dateline) is where today's talks were, not where the next will be.
      let place = ownPlace ?? (status === 'planned' && clauses.length > 1 ? null : borrowedPlace);
      // "MUSCAT - ... held talks in Oman on Saturday": a city of the sentence in the country named is the place.
      if (place && !place.city && place.country && status === 'held') {
        const inSentence = sentencePlace();
        if (inSentence?.city && inSentence.country === place.country && datelineCity(sentence.text) === inSentence.city.toUpperCase()) place = inSentence;
      }
      const participants = [...participantsHere].filter((k) => {
        const m = frame.people.mentions.find((x) => x.key === k && x.start >= seg.start && x.end <= seg.end);
        return m !== undefined || segmentsOf(clause, triggers, sentence, dates).length === 1;
      });
      const participantSides = participants.map((k) => countryOfPerson(frame, k)).filter((c): c is CountryCode => c !== null);
      drafts.push({
        kind,
        status,
        date: date?.date ?? null,
        dateTo: date?.dateTo && date.dateTo !== date.date ? date.dateTo : null,
        approx: date?.approx ?? false,
        // A call joins people in two places; it has none of its own.
        city: kind === 'call' ? null : place?.city ?? null,
        country: kind === 'call' ? null : place?.country ?? null,
        sides: [...new Set([...sides, ...participantSides])],
        sidesBeforeWith: beforeWith,
        sidesAfterWith: afterWith,
        participants,
        explicit: new Set(participants),
        evidence: sentence.text,
        sentence: sentence.index,
        separately: /\bseparate(?:ly)?\b/i.test(segText),
        joins: JOINED.test(segText),
        afterPrevious: prefix !== null,
        afterKind: prefix ? kindOfWord(prefix[0]) : null,
        opening: talksOpened(segText),
        anaphoric:
          JOINED.test(segText) ||
          (sides.length === 0 &&
          (/\b(?:these|those|this|that|the)\s+(?:\p{Ll}+\s+)?(?:talks|meeting|meetings|negotiations|consultations|round)\b/iu.test(segText) ||
            /\b(?:the\s+two|both|the)\s+(?:sides|delegations|leaders|countries|ministers|teams|governments|parties)\b/i.test(segText) ||
            namesTwoPeople(segText))),
      });
      if (sides.length) previousSides = sides;
    }
  }
  return drafts;
}

const isLive = (s: EventStatus): boolean => s === 'held' || s === 'planned';

/** "each side met separately with US officials": one bilateral event per side. */
function splitSeparate(frame: ArticleFrame, d: Draft): Draft[] {
  if (!d.separately || d.sides.length < 3) return [d];
  let pairs: Array<[CountryCode, CountryCode]> = [];
  if (d.sidesAfterWith.length === 1) {
    const host = d.sidesAfterWith[0]!;
    pairs = d.sides.filter((s) => s !== host).map((s) => [s, host]);
  } else if (d.sidesAfterWith.length > 1) {
    const guests = d.sidesAfterWith;
    const host = d.sides.find((s) => !guests.includes(s));
    if (host) pairs = guests.filter((g) => g !== host).map((g) => [host, g]);
  }
  if (pairs.length === 0) return [d];
  return pairs.map(([a, b]) => withSides(frame, d, [a, b]));
}

function withSides(frame: ArticleFrame, d: Draft, sides: CountryCode[]): Draft {
  const keep = (k: string): boolean => {
    const c = countryOfPerson(frame, k);
    return c === null || sides.includes(c);
  };
  return { ...d, sides, participants: d.participants.filter(keep), explicit: new Set([...d.explicit].filter(keep)), separately: false };
}

/**
 * An article that says two sides did not meet (a denied trilateral, "did not hold direct talks",
 * a meeting only proposed) cannot also report them meeting: a live event naming all of them is
 * split into bilateral events with the side that took part in most of the article's events.
 */
interface SeparateMeetings {
  sides: CountryCode[];
  date: IsoDay | null;
  host: CountryCode | null;
  /** From a denial or a mere proposal rather than from "met separately". */
  denial?: boolean;
}

function splitExcluded(frame: ArticleFrame, drafts: Draft[], separate: SeparateMeetings[]): Draft[] {
  const excluded: SeparateMeetings[] = [
    ...drafts.filter((d) => !isLive(d.status) && d.sides.length >= 2).map((d) => ({ sides: d.sides, date: d.date, host: null, denial: true })),
    ...separate.map((x) => ({ ...x, denial: false })),
  ];
  if (excluded.length === 0) return drafts;
  const counts = new Map<CountryCode, number>();
  for (const d of drafts) if (isLive(d.status)) for (const s of d.sides) counts.set(s, (counts.get(s) ?? 0) + 1);
  const out: Draft[] = [];
  for (const d of drafts) {
    // Meetings said to be separate on one day exclude a joint meeting on that day only.
    // A denial ("did not hold direct talks", "the Kremlin denied a trilateral") rules out an undated
    // report or one of the same day; a dated meeting elsewhere in the article stands ("Zelensky
    // would not meet the Russian team" does not undo the delegations' talks on Friday).
    const applies = (x: (typeof excluded)[number]): boolean =>
      x.denial ? d.date === null || (x.date !== null && x.date === d.date) : x.date === null || x.date === d.date;
    const conflict = isLive(d.status) && d.sides.length >= 3 ? excluded.find((x) => x.sides.every((s) => d.sides.includes(s)) && applies(x)) : undefined;
    if (!conflict) {
      out.push(d);
      continue;
    }
    const host = conflict.host ?? [...d.sides].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
    for (const s of d.sides) if (s !== host) out.push(withSides(frame, d, [host, s]));
  }
  return out;
}

/** Is `day` inside the span of a multi-day report? */
function withinRange(m: Draft, day: IsoDay): boolean {
  return m.date !== null && m.dateTo !== null && day >= m.date && day <= m.dateTo;
}

/** Dates at most `days` apart (either may be a range). */
function datesNear(a: Draft, b: Draft, days: number): boolean {
  if (!a.date || !b.date) return false;
  const day = (x: string): number => Date.parse(`${x}T00:00:00Z`) / 86_400_000;
  const a0 = day(a.date);
  const a1 = day(a.dateTo ?? a.date);
  const b0 = day(b.date);
  const b1 = day(b.dateTo ?? b.date);
  return a0 - days <= b1 && b0 - days <= a1;
}

function sameDates(a: Draft, b: Draft): boolean {
  return a.date === b.date && (a.dateTo ?? a.date) === (b.dateTo ?? b.date);
}

function sidesCompatible(a: CountryCode[], b: CountryCode[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.every((s) => b.includes(s)) || b.every((s) => a.includes(s));
}

/** Two reports in one article of the same event. */
function sameEvent(a: Draft, b: Draft): boolean {
  if (isLive(a.status) !== isLive(b.status)) return false;
  if (!isLive(a.status) && a.status !== b.status) return false;
  if ((a.kind === 'call') !== (b.kind === 'call')) return false;
  if (a.city && b.city && a.city !== b.city) return false;
  if (a.country && b.country && a.country !== b.country) return false;
  if (!sidesCompatible(a.sides, b.sides)) return false;
  // A bilateral is not the same event as a trilateral on the same day; a report naming one side
  // or none may be either.
  if (a.sides.length >= 2 && b.sides.length >= 2 && a.sides.length !== b.sides.length) return false;
  if (a.date && b.date) return sameDates(a, b) || (datesNear(a, b, 0) && (a.approx || b.approx));
  // The same undated talks named twice (a headline repeated in the page, "the talks" again).
  if (!a.date && !b.date) return a.city === b.city && a.sides.length === b.sides.length && sidesCompatible(a.sides, b.sides);
  return false;
}

function fold(into: Draft, from: Draft): void {
  into.sides = [...new Set([...into.sides, ...from.sides])];
  into.participants = [...new Set([...into.participants, ...from.participants])];
  for (const k of from.explicit) into.explicit.add(k);
  into.city ??= from.city;
  into.country ??= from.country;
  if (into.approx && from.date && !from.approx) {
    into.date = from.date;
    into.dateTo = from.dateTo;
    into.approx = false;
  }
  // The later-stated status of a live event wins only if it moves forward (planned -> held).
  if (into.status === 'planned' && from.status === 'held') into.status = 'held';
  if (into.kind !== from.kind && (from.kind === 'summit' || (from.kind === 'talks' && into.kind === 'meeting'))) into.kind = from.kind;
}

function summaryOf(frame: ArticleFrame, d: Draft): string {
  const kindWord = { talks: 'Talks', meeting: 'Meeting', call: 'Call', summit: 'Summit' }[d.kind];
  const sides = d.sides.map((s) => countryName(s));
  const between = sides.length >= 2 ? ` between ${sides.slice(0, -1).join(', ')} and ${sides[sides.length - 1]}` : sides.length === 1 ? ` with ${sides[0]}` : '';
  const where = d.city ? ` in ${d.city}` : d.country ? ` in ${countryName(d.country)}` : '';
  const names = d.participants
    .map((k) => frame.people.people.find((p) => p.key === k)?.name)
    .filter((n): n is string => Boolean(n))
    .slice(0, 5);
  const who = names.length ? ` (${names.join(', ')})` : '';
  return `${kindWord}${between}${where}${who}`;
}

/**
 * A dated event without a city takes the city of a neighbouring report of the same talks (a
 * shared side, within two days, or an undated mention in the sentence before). Events whose
 * country is known go first, and the closest match (same sides, nearest exact date) wins. Calls
 * have no place.
 */
function inheritCities(drafts: Draft[]): void {
  const dayGap = (a: Draft, b: Draft): number => (a.date && b.date ? Math.abs(Date.parse(a.date) - Date.parse(b.date)) / 86_400_000 : 1.5);
  const inheritOrder = drafts.filter((d) => !d.city && d.date && isLive(d.status) && d.kind !== 'call').sort((a, b) => Number(b.country !== null) - Number(a.country !== null));
  for (const d of inheritOrder) {
    const candidates = drafts.filter(
      (o) =>
        o !== d &&
        o.city !== null &&
        o.kind !== 'call' &&
        isLive(o.status) &&
        // A meeting planned for later is not placed by an earlier one ("meet again next week").
        !(d.status === 'planned' && o.status === 'held' && o.date !== null && d.date !== null && d.date > (o.dateTo ?? o.date) && !datesNear(o, d, 1)) &&
        o.sides.some((s) => d.sides.includes(s)) &&
        (d.country === null || o.country === d.country) &&
        ((o.date !== null && datesNear(o, d, 2)) || (o.date === null && Math.abs(o.sentence - d.sentence) <= 1)),
    );
    const rank = (o: Draft): number =>
      (sidesCompatible(o.sides, d.sides) && o.sides.length === d.sides.length ? 0 : 10) + dayGap(o, d) + (o.approx ? 5 : 0);
    const source = candidates.sort((x, y) => rank(x) - rank(y))[0];
    if (source) {
      d.city = source.city;
      d.country = source.country;
    }
  }

}

/** "The two officers will speak again": the two people the article has just named. */
export function namesTwoPeople(text: string): boolean {
  return /\b(?:[Tt]he\s+two|[Bb]oth)\s+(?:[\p{Ll}-]+\s+)?(?:men|women|officers|officials|generals|commanders|envoys|negotiators|leaders|ministers|presidents|premiers|diplomats|counterparts|chiefs|heads)\b/u.test(text);
}

/** "commanders from both countries", "the two sides will meet again": an anaphor for two sides at once. */
export function namesBothSides(text: string): boolean {
  return /\b(?:both|the\s+two)\s+(?:countries|sides|nations|governments|parties|states|delegations)\b/i.test(text);
}

/**
 * "Iran-US nuclear talks in Rome, round two" over a report of "the second round at the embassy in
 * Rome" on the day: the headline names the sides of the talks the body dates. An undated headline
 * event gives its sides to the first dated report of the same kind in the same city.
 */
function absorbHeadline(drafts: Draft[], headline: number): void {
  const heads = drafts.filter((d) => d.sentence === headline && !d.date && d.city && d.sides.length >= 2 && isLive(d.status));
  for (const h of heads) {
    const body = drafts.find((o) => o.sentence > headline && o.date && o.city === h.city && isLive(o.status) && o.kind !== 'call' && (o.sides.length <= 1 || sidesCompatible(o.sides, h.sides)));
    if (!body) continue;
    body.sides = [...new Set([...h.sides, ...body.sides])];
    for (const k of h.participants) if (!body.participants.includes(k)) body.participants.push(k);
  }
}

/** Everything the article reports about talks and meetings. */
export function extractEvents(ctx: EventContext): ExtractedEvent[] {
  const { frame, publishedAt } = ctx;
  resetGeoMemo(ctx.knownPlaces);
  let drafts: Draft[] = [];
  for (const sentence of frame.sentences) drafts.push(...draftsOfSentence(ctx, sentence));

  absorbHeadline(drafts, frame.sentences[0]?.index ?? -1);

  // "These talks are scheduled for December 20": take sides, place and people of the event before.
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (!d.anaphoric) continue;
    const prev = drafts
      .slice(0, i)
      .reverse()
      .find(
        (p) =>
          d.sentence - p.sentence <= 4 &&
          p.sides.length >= (namesBothSides(d.evidence) ? 2 : 1) &&
          isLive(p.status) === isLive(d.status) &&
          (p.kind === 'call') === (d.kind === 'call') &&
          (d.city === null || p.city === d.city),
      );
    if (!prev) continue;
    d.sides = [...new Set([...prev.sides, ...d.sides])];
    // "They agreed to meet again next week": the same people, but not necessarily the same place.
    if (d.date === null || d.date === prev.date) {
      d.city ??= prev.city;
      d.country ??= prev.country;
    }
    for (const k of prev.participants) if (!d.participants.includes(k)) d.participants.push(k);
  }

  // Sides the article says met separately never met all together.
  const separate: SeparateMeetings[] = [];
  drafts = drafts.flatMap((d) => {
    const parts = splitSeparate(frame, d);
    if (parts.length > 1) separate.push({ sides: d.sides, date: d.date, host: parts[0]!.sides.find((s) => parts.every((p) => p.sides.includes(s))) ?? null });
    return parts;
  });
  drafts = splitExcluded(frame, drafts, separate);

  // "After the meeting Trump phoned Putin": the day of the meeting reported just before, roughly.
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (!d.afterPrevious || d.date) continue;
    const candidates = drafts.slice(0, i).reverse().filter((p) => p.date && isLive(p.status) && d.sentence - p.sentence <= 3);
    // "After the meeting": the meeting, if one was reported, else the latest event.
    const prev = candidates.find((p) => p.kind === d.afterKind) ?? candidates[0];
    if (prev) {
      d.date = prev.date;
      d.dateTo = prev.dateTo;
      d.approx = true;
    }
  }

  // The negotiating teams: people whose role says so, people the article says lead a team, and
  // people named as taking part in the article's current (undated or recent) events.
  const recent = (d: Draft): boolean => {
    if (!d.date || !publishedAt) return true;
    const gap = (Date.parse(`${publishedAt}T00:00:00Z`) - Date.parse(`${d.date}T00:00:00Z`)) / 86_400_000;
    return Math.abs(gap) <= 7;
  };
  const delegates = new Set(frame.people.delegates);
  // (A meeting only planned, with no date, says nothing of who is at today's table.)
  for (const d of drafts) if (isLive(d.status) && recent(d) && (d.status === 'held' || d.date !== null)) for (const k of d.explicit) delegates.add(k);
  for (const s of frame.sentences) for (const k of teamMembers(frame, s)) delegates.add(k);

  for (const d of drafts) {
    if (!isLive(d.status)) continue;
    // The article's current talks (within a week of publication) get the whole team of each side.
    // Only for the article's current talks: an older meeting keeps the people it names.
    if (!recent(d)) continue;
    const covered = new Set(d.participants.map((k) => countryOfPerson(frame, k)));
    for (const side of d.sides) {
      for (const k of delegates) if (countryOfPerson(frame, k) === side && !d.participants.includes(k)) d.participants.push(k);
    }
  }

  // "Araqchi told state TV that the two sides had made progress": a speaker who reports from the
  // table, right after a report of the talks in the same paragraph, sat at it.
  for (const s of frame.sentences) {
    const target = [...drafts].reverse().find((d) => d.status === 'held' && d.date !== null && d.sentence < s.index && s.index - d.sentence <= 1 && frame.sentences[d.sentence]?.paragraph === s.paragraph);
    if (!target || drafts.some((d) => d.sentence === s.index)) continue;
    for (const m of frame.people.mentions) {
      if (m.start < s.start || m.end > s.end || m.possessive || insideQuote(frame.quotes, m.start)) continue;
      if (reportsFromTheTable(frame.text.slice(m.end, s.end)) && !target.participants.includes(m.key)) target.participants.push(m.key);
    }
  }

  // "Rubio led the US team, joined by Waltz and Witkoff", "Putin was accompanied by Lavrov": the
  // people at the table of the event reported just before.
  for (const s of frame.sentences) {
    if (!COMPANIONS.test(s.text)) continue;
    const target = [...drafts].reverse().find((d) => isLive(d.status) && d.date !== null && d.sentence < s.index && s.index - d.sentence <= 2);
    if (!target || drafts.some((d) => d.sentence === s.index && isLive(d.status))) continue;
    for (const m of frame.people.mentions) {
      if (m.start < s.start || m.end > s.end || m.possessive || insideQuote(frame.quotes, m.start)) continue;
      if (!target.participants.includes(m.key)) target.participants.push(m.key);
    }
  }

  // Fold repeats: the same event reported twice in one article.
  const merged: Draft[] = [];
  // Undated additions ("brought together A, B and C", "X joined the talks") go last, so that they
  // join the event once its reports are folded, not one report of it.
  const undatedJoin = (d: Draft): boolean => d.joins && !d.date;
  for (const d of [...drafts.filter((x) => !undatedJoin(x)), ...drafts.filter(undatedJoin)]) {
    // "Zelensky attended the summit": more people at an event already reported that day.
    const joinsIt = (m: Draft): boolean =>
      d.joins && isLive(m.status) && isLive(d.status) && (m.kind === 'call') === (d.kind === 'call') && (d.date === null || m.date === d.date || withinRange(m, d.date)) && !(m.city && d.city && m.city !== d.city);
    // "since the talks opened on Monday": the first day of a span of talks already reported.
    const opens = (m: Draft): boolean => d.opening && isLive(m.status) && isLive(d.status) && m.kind !== 'call' && d.kind !== 'call' && m.dateTo !== null && m.date === d.date && !(m.city && d.city && m.city !== d.city);
    const nearness = (m: Draft): number => (m.sentence <= d.sentence ? d.sentence - m.sentence : 1000 + m.sentence - d.sentence);
    const joinable = [...merged].reverse().filter(joinsIt).sort((a, b) => nearness(a) - nearness(b));
    const same = merged.find((m) => sameEvent(m, d)) ?? merged.find(opens) ?? joinable.find((m) => d.city !== null && m.city === d.city) ?? joinable[0];
    if (same) fold(same, d);
    else merged.push(d);
  }

  // An undated mention right after a dated report of the same talks ("Lavrov said the talks were
  // useful") adds its people to that report instead of standing alone.
  const kept: Draft[] = [];
  for (const d of merged) {
    if (d.date || !isLive(d.status)) {
      kept.push(d);
      continue;
    }
    const host = kept
      .filter((o) => o.date && o.status === d.status && !d.separately && d.sentence - o.sentence >= 0 && d.sentence - o.sentence <= 3)
      .filter((o) => (d.joins || sidesCompatible(o.sides, d.sides)) && !(o.city && d.city && o.city !== d.city) && (o.kind === 'call') === (d.kind === 'call'))
      .filter((o) => d.anaphoric || o.participants.some((k) => d.participants.includes(k)))
      .sort((x, y) => Number(x.city !== null && x.city === d.city) - Number(y.city !== null && y.city === d.city))
      .pop();
    if (host) {
      host.participants = [...new Set([...host.participants, ...d.participants])];
      if (d.joins) host.sides = [...new Set([...host.sides, ...d.sides])];
      host.city ??= d.city;
      host.country ??= d.country;
    } else kept.push(d);
  }

  inheritCities(kept);

  return kept
    .filter((d) => {
      if (d.sides.length === 0 && d.participants.length === 0) return false;
      if (!isLive(d.status)) return d.sides.length >= 2 || d.participants.length >= 2;
      if (d.date) return d.sides.length > 0 || d.participants.length > 0;
      // Undated: only when merge can attach it to a dated report of the same talks.
      return d.city !== null && d.sides.length >= 2 && d.participants.length > 0;
    })
    .map((d) => ({
      kind: d.kind,
      status: d.status,
      date: d.date,
      dateTo: d.dateTo,
      approx: d.approx,
      location: { city: d.city, country: d.country },
      sides: d.sides,
      participantKeys: d.participants,
      evidence: d.evidence,
      summary: summaryOf(frame, d),
    }));
}
