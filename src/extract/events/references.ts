// Reports that point at other reports: "these talks" and "the two sides" take the sides, place
// and people of the event just reported; "After the meeting, Trump phoned Putin" happened on the
// day of that meeting; "X joined the talks" adds to them; an undated headline names the sides of
// the round the body dates.
import type { IsoDay } from '../../domain/types.ts';
import { findDates } from '../dates/resolve.ts';
import type { ArticleFrame } from '../people/reference.ts';
import { sameDayAsBefore } from './date.ts';
import { kindOfWord } from './trigger.ts';
import { namesBothSides } from './sides.ts';
import { namesTwoPeople } from './participants.ts';
import { countryOfPerson, isLive, sidesCompatible, type Draft } from './draft.ts';

const LEADING_AFTER =
  /^(?:After|Following|Straight\s+after|Right\s+after)\s+(?:the|this|that|their|his|her)\s+(?:\p{Ll}+\s+)?(?:meeting|talks|summit|call|session|negotiations|visit)\b,?\s*/u;

/** "After the meeting, Trump phoned Putin": the opening that names the event before (its length), or null. */
export function leadingAfter(sentenceOpening: string): RegExpExecArray | null {
  return LEADING_AFTER.exec(sentenceOpening);
}

// "The final push brought together A, B and C": more people at talks already reported.
const JOINED =
  /\b(?:joined|join|joins|joining|attended|attend|attends|attending|(?:present|in\s+attendance|observers?)\s+(?:at|in))\s+(?:the|these|those|this|that|their)\s+(?:\p{Ll}+\s+)?(?:talks|meeting|summit|negotiations|session)\b|\b(?:brought|brings|bringing)\s+together\b/u;

/** "European leaders joined the talks", "brought together A and B": more people at an event already reported. */
export function joinsReportedEvent(text: string): boolean {
  return JOINED.test(text);
}

/** "since the talks opened on Monday", "when negotiations began on Sunday": the start of talks reported as a whole. */
export function talksOpened(text: string): boolean {
  return /\b(?:the|these|those)\s+(?:\p{Ll}+\s+)?(?:talks|negotiations|consultations)\s+(?:first\s+)?(?:opened|began|started|kicked\s+off|got\s+under\s+way)\b/u.test(
    text,
  );
}

/** "these talks", "the two sides", "the two officers": a report of an event already named, when it names no sides itself. */
export function refersBack(text: string, ownSides: number): boolean {
  return (
    joinsReportedEvent(text) ||
    (ownSides === 0 &&
      (/\b(?:these|those|this|that|the)\s+(?:\p{Ll}+\s+)?(?:talks|meeting|meetings|negotiations|consultations|round)\b/iu.test(text) ||
        /\btheir\s+(?:\p{Ll}+\s+){0,2}(?:talks|meeting|call|conversation|negotiations|summit)\b/iu.test(text) ||
        /\b(?:the\s+two|both|the)\s+(?:sides|delegations|leaders|countries|ministers|teams|governments|parties)\b/i.test(text) ||
        namesTwoPeople(text)))
  );
}

/**
 * "Iran-US nuclear talks in Rome, round two" over a report of "the second round at the embassy in
 * Rome" on the day: the headline names the sides of the talks the body dates. An undated headline
 * event gives its sides to the first dated report of the same kind in the same city.
 */
export function absorbHeadline(drafts: Draft[], headline: number): void {
  const heads = drafts.filter((d) => d.sentence === headline && !d.date && d.city && d.sides.length >= 2 && isLive(d.status));
  for (const h of heads) {
    const body = drafts.find(
      (o) =>
        o.sentence > headline &&
        o.date &&
        o.city === h.city &&
        isLive(o.status) &&
        o.kind !== 'call' &&
        (o.sides.length <= 1 || sidesCompatible(o.sides, h.sides)),
    );
    if (!body) continue;
    body.sides = [...new Set([...h.sides, ...body.sides])];
    for (const k of h.participants) if (!body.participants.includes(k)) body.participants.push(k);
  }
}

/** "These talks are scheduled for December 20": take sides, place and people of the event before. */
export function resolveBackReferences(drafts: Draft[]): void {
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
}

/** "After the meeting Trump phoned Putin": the day of the meeting reported just before, roughly. */
export function dateFollowUps(drafts: Draft[]): void {
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (!d.afterPrevious || d.date) continue;
    const candidates = drafts
      .slice(0, i)
      .reverse()
      .filter((p) => p.date && isLive(p.status) && d.sentence - p.sentence <= 3);
    // "After the meeting": the meeting, if one was reported, else the latest event.
    const prev = candidates.find((p) => p.kind === d.afterKind) ?? candidates[0];
    if (prev) {
      d.date = prev.date;
      d.dateTo = prev.dateTo;
      d.approx = true;
    }
  }
}

/**
 * "their call a day after Ishiba was elected": the only date of the sentence counts from another
 * event (the election), so it is that event's day, not the call's.
 */
export function datedOnlyByAnotherEvent(d: Draft, dates: ReadonlyArray<{ date: IsoDay; surface: string }>): boolean {
  return dates.length === 1 && dates[0]!.date === d.date && /\b(?:after|before)$/i.test(dates[0]!.surface);
}

/**
 * "Ishiba and Yoon agreed on Wednesday to stay in close touch. In their telephone conversation,
 * the two leaders also ...": an undated report that refers back, with no event reported before
 * it, is the event behind the sentence before: that sentence's one day, and its two people when
 * the report names none.
 */
export function dateFromSentenceBefore(frame: ArticleFrame, drafts: Draft[], publishedAt: IsoDay | null): void {
  for (const d of drafts) {
    if (!isLive(d.status) || !d.anaphoric) continue;
    if (
      d.date &&
      !datedOnlyByAnotherEvent(
        d,
        findDates(d.evidence, publishedAt).filter((x) => !x.approx),
      )
    )
      continue;
    if (drafts.some((o) => o.sentence < d.sentence)) continue;
    const before = frame.sentences.find((s) => s.index === d.sentence - 1);
    if (!before) continue;
    const days = new Set(
      findDates(before.text, publishedAt)
        .filter((x) => !x.approx && !x.dateTo)
        .map((x) => x.date),
    );
    if (days.size !== 1) continue;
    const people = new Set(
      frame.people.mentions.filter((m) => m.start >= before.start && m.end <= before.end && !m.possessive).map((m) => m.key),
    );
    if (d.participants.length < 2 && people.size !== 2) continue;
    d.date = [...days][0]!;
    if (d.participants.length >= 2) continue;
    for (const k of people) {
      if (!d.participants.includes(k)) d.participants.push(k);
      const country = countryOfPerson(frame, k);
      if (country && !d.sides.includes(country)) d.sides.push(country);
    }
  }
}

/**
 * "Ishiba also held a phone meeting with Albanese on the same day": with no date of its own,
 * "the same day" is the day of the event reported just before, not of whatever date the
 * sentences before happen to state.
 */
export function sameDayAsEventBefore(drafts: Draft[], publishedAt: IsoDay | null): void {
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (!isLive(d.status) || !sameDayAsBefore(d.evidence)) continue;
    if (findDates(d.evidence, publishedAt).some((x) => !x.approx)) continue;
    const prev = drafts
      .slice(0, i)
      .reverse()
      .find((p) => p.sentence < d.sentence && d.sentence - p.sentence <= 6 && p.date && !p.dateTo && isLive(p.status));
    if (!prev) continue;
    d.date = prev.date;
    d.dateTo = null;
    d.approx = prev.approx;
  }
}

/** "announced the talks on Jan. 22 following a meeting in Moscow": the event that came just before. */
export const FOLLOWING_EVENT =
  /\b(?:following|after)\s+(?:a|an|the|their|his|her)\s+(?:[\p{L}-]+\s+){0,2}?(?:meeting|talks|call|summit|visit|negotiations)\b/iu;

/**
 * "Ushakov announced the talks on Jan. 22 following a meeting in Moscow": an undated event the
 * dated main clause follows took place that day or just before, so it takes the day, roughly.
 */
export function dateByFollowingClause(frame: ArticleFrame, drafts: Draft[], publishedAt: IsoDay | null): void {
  for (const d of drafts) {
    if (d.date || d.status !== 'held') continue;
    const m = FOLLOWING_EVENT.exec(d.evidence);
    // The report of the event after "following", not of the one announced.
    if (!m || kindOfWord(m[0]) !== d.kind) continue;
    const days = new Set(
      findDates(d.evidence.slice(0, m.index), publishedAt)
        .filter((x) => !x.approx && !x.dateTo)
        .map((x) => x.date),
    );
    if (days.size !== 1) continue;
    d.date = [...days][0]!;
    d.approx = true;
  }
}

/** A date mention inside "since ...": "the first call since their meeting in November". */
export function insideSince(textBefore: string): boolean {
  return /\bsince\s+(?:[^,.;:()]{0,60}\s)?$/i.test(textBefore.slice(-70));
}

/**
 * "Biden and Xi have first phone call since November crisis talks": a date inside "since ..."
 * belongs to the earlier event, never to this one. The report takes the sentence's other day,
 * else the publication day (it is news of the day: the first call since then).
 */
export function redateSince(drafts: Draft[], publishedAt: IsoDay | null): void {
  for (const d of drafts) {
    if (!d.date || !isLive(d.status) || !/\bsince\b/i.test(d.evidence)) continue;
    const dates = findDates(d.evidence, publishedAt);
    const own = dates.filter((x) => x.date === d.date);
    if (own.length === 0 || !own.every((x) => insideSince(d.evidence.slice(0, x.start)))) continue;
    // Only the event that is the sentence's news: the one named before "since".
    const before = d.evidence.slice(0, d.evidence.search(/\bsince\b/i));
    const kindBefore = /\b(?:call|phone|phoned|spoke|spoken|conversation)\b/i.test(before)
      ? 'call'
      : kindOfWord(before.replace(/\bmet\b/gi, 'meeting'));
    if (kindBefore !== d.kind) continue;
    const others = new Set(dates.filter((x) => !x.approx && !x.dateTo && !insideSince(d.evidence.slice(0, x.start))).map((x) => x.date));
    const day = others.size === 1 ? [...others][0]! : others.size === 0 ? publishedAt : null;
    if (!day) continue;
    d.date = day;
    d.dateTo = null;
    d.approx = others.size === 0;
  }
}
