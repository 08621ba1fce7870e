// Sides the article says met separately never met all together: "each side met separately with
// US officials" is one bilateral per side, and an article that says two sides did not meet (a
// denied trilateral, "did not hold direct talks", a meeting only proposed) cannot also report
// them meeting on that day.
import type { CountryCode, IsoDay } from '../../domain/types.ts';
import type { ArticleFrame } from '../people/reference.ts';
import { countryOfPerson, isLive, type Draft } from './draft.ts';
import type { PatternRow } from './patternTable.ts';

/** Sides that did not all meet together, and the side each met (the host) when the article says. */
interface SeparateMeetings {
  sides: CountryCode[];
  date: IsoDay | null;
  host: CountryCode | null;
  /** From a denial or a mere proposal rather than from "met separately". */
  denial?: boolean;
}

function withSides(frame: ArticleFrame, d: Draft, sides: CountryCode[]): Draft {
  const keep = (k: string): boolean => {
    const c = countryOfPerson(frame, k);
    return c === null || sides.includes(c);
  };
  return { ...d, sides, participants: d.participants.filter(keep), explicit: new Set([...d.explicit].filter(keep)), separately: false };
}

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

/**
 * A live event naming all the sides of a denial or of separate meetings is split into bilateral
 * events with the side that met each (the host), else the side that took part in most of the
 * article's events.
 */
function splitExcluded(frame: ArticleFrame, drafts: Draft[], separate: SeparateMeetings[]): Draft[] {
  const excluded: SeparateMeetings[] = [
    ...drafts
      .filter((d) => !isLive(d.status) && d.sides.length >= 2)
      .map((d) => ({ sides: d.sides, date: d.date, host: null, denial: true })),
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
    const conflict =
      isLive(d.status) && d.sides.length >= 3 ? excluded.find((x) => x.sides.every((s) => d.sides.includes(s)) && applies(x)) : undefined;
    if (!conflict) {
      out.push(d);
      continue;
    }
    const host = conflict.host ?? [...d.sides].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
    for (const s of d.sides) if (s !== host) out.push(withSides(frame, d, [host, s]));
  }
  return out;
}

/** "his first phone calls with A, B and C", "spoke separately by phone with A and B": one call each. */
export const CALLS_IN_SUCCESSION: PatternRow = {
  name: 'several calls with a list of people',
  pattern:
    /\b(?:(?:phone|telephone|video)[\s-]+calls|calls|separate(?:ly)?\s+(?:(?:phone|telephone)\s+)?(?:calls?|conversations?)|spoke\s+separately(?:\s+by\s+(?:phone|telephone))?)\b[^.;]{0,40}?\bwith\b/i,
  matches: [
    'held phone calls in succession with the leaders of Kenya and Ghana',
    'spoke separately by phone with the two presidents',
    'had separate calls with A and B',
  ],
  rejects: ['held a phone call with the Kenyan president', 'called for talks with the rebels'],
};

/**
 * One call draft per person called, when the sentence says there were several calls: the callers
 * (named before "with") are on each, each person called on their own.
 */
export function splitCallsInSuccession(frame: ArticleFrame, d: Draft): Draft[] {
  if (d.kind !== 'call' || d.participants.length < 3) return [d];
  const sentence = frame.sentences.find((x) => x.index === d.sentence);
  if (!sentence) return [d];
  const m = CALLS_IN_SUCCESSION.pattern.exec(sentence.text);
  if (!m) return [d];
  const withAt = sentence.start + m.index + m[0].length;
  const firstAt = (k: string): number =>
    frame.people.mentions.find((x) => x.key === k && x.start >= sentence.start && x.end <= sentence.end)?.start ?? -1;
  const callers = d.participants.filter((k) => firstAt(k) >= 0 && firstAt(k) < withAt);
  const called = d.participants.filter((k) => firstAt(k) >= withAt);
  if (callers.length === 0 || called.length < 2) return [d];
  const calledCountries = new Set(called.map((k) => countryOfPerson(frame, k)).filter((c): c is CountryCode => c !== null));
  const callerSides = d.sides.filter((s) => !calledCountries.has(s));
  return called.map((k) => {
    const country = countryOfPerson(frame, k);
    const participants = [...callers, k];
    return { ...d, participants, explicit: new Set(participants), sides: [...new Set([...callerSides, ...(country ? [country] : [])])] };
  });
}

/** The article's drafts with separate meetings and denied joint ones split into bilaterals. */
export function splitSeparateMeetings(frame: ArticleFrame, drafts: Draft[]): Draft[] {
  const separate: SeparateMeetings[] = [];
  const split = drafts
    .flatMap((x) => splitCallsInSuccession(frame, x))
    .flatMap((d) => {
      const parts = splitSeparate(frame, d);
      if (parts.length > 1)
        separate.push({ sides: d.sides, date: d.date, host: parts[0]!.sides.find((s) => parts.every((p) => p.sides.includes(s))) ?? null });
      return parts;
    });
  return splitExcluded(frame, split, separate);
}
