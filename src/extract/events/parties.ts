// The parties of an event: whose talks they are. Diplomacy is between states, governments,
// international bodies and armed movements, through their officials; a news feed uses the same
// words ("talks", "met", "summit") for business deals, sport, labour disputes and a country's
// own politics. So an event needs two parties, read from the text: the sides the clause names
// (countries, international bodies), the countries its participants are known for, and a
// participant whose title is a state office though the text gives no country. A golf
// commissioner meeting a fund manager, a speaker of parliament negotiating with his own
// president, a chief executive on a conference stage: one party or none, no event.
import type { CountryCode, EventKind } from '../../domain/types.ts';
import type { ArticleFrame } from '../people/reference.ts';
import type { PatternRow } from './patternTable.ts';
import { anyRowMatches } from './patternTable.ts';

/** Titles that hold a state office or speak for a government or an international body. */
export const STATE_OFFICE_TITLES: readonly PatternRow[] = [
  {
    name: 'head of state or government',
    pattern:
      /\b(?:president|prime\s+minister|premier|chancellor|king|queen|emir|sultan|crown\s+prince|monarch|taoiseach|head\s+of\s+state)\b/i,
    matches: ['President', 'Prime Minister', 'Chancellor', 'Emir of Qatar', 'Crown Prince'],
    rejects: ['Tour commissioner', 'Disney Chief Executive'],
  },
  {
    name: 'minister or secretary of a government',
    pattern: /\b(?:minister|secretary(?:\s+of\s+state|-general|\s+general)?|vice[-\s]premier|foreign\s+policy\s+aide)\b/i,
    matches: ['Foreign Minister', 'Secretary of State', 'Treasury Secretary', 'UN Secretary-General', 'Vice Premier'],
    rejects: ['chief executive of an airline', 'striker'],
  },
  {
    name: 'diplomat, envoy or negotiator',
    pattern:
      /\b(?:envoy|ambassador|diplomat|negotiator|emissary|mediator|national\s+security\s+advis[eo]r|security\s+council|delegation)\b/i,
    matches: ['special envoy', 'Ambassador to the UN', 'chief negotiator', 'national security adviser', 'head of the delegation'],
    rejects: ['Tour commissioner', 'founder'],
  },
];

/**
 * Titles of business, sport, media and academia. A "president" of a club or "minister" of a
 * church is not a state office, so these win over the rows above.
 */
export const NON_STATE_TITLE: PatternRow = {
  name: 'business, sport, media or academic title',
  pattern:
    /\b(?:ceo|chief\s+executive|executive|founder|co-founder|chairman\s+of\s+\p{Lu}|club|league|tour|team|coach|manager|company|corporation|firm|bank|fund|federation|association|editor|reporter|photographer|correspondent|journalist|analyst|professor|commissioner|union\s+(?:boss|leader)|church|university)\b/iu,
  matches: ['Tour commissioner', 'club president', 'chief executive of Tesla', 'president of the football federation', 'bank governor'],
  rejects: ['President', 'Foreign Minister', 'special envoy'],
};

/** Is this title a state office (of a government or an international body)? */
export function isStateOffice(title: string | null): boolean {
  if (!title) return false;
  return anyRowMatches(STATE_OFFICE_TITLES, title) && !NON_STATE_TITLE.pattern.test(title);
}

/**
 * The distinct parties of an event: its sides, and a participant without a known country who
 * holds a state office counts as a party of their own (their side is unknown, not absent).
 */
export function partiesOf(frame: ArticleFrame, sides: readonly CountryCode[], participants: readonly string[]): Set<string> {
  const parties = new Set<string>(sides);
  for (const key of participants) {
    const person = frame.people.people.find((p) => p.key === key);
    if (!person) continue;
    if (person.country) parties.add(person.country);
    // A bare name the text gives no title or country for may be anyone's: it keeps the benefit
    // of the doubt. A title that is not a state office (a chief executive, a coach) is no party.
    else if (person.role === null || isStateOffice(person.role)) parties.add(`person:${key}`);
  }
  return parties;
}

/** International bodies whose own summit is a meeting of many states. */
const INTERNATIONAL_BODIES = new Set(['EU', 'UN', 'NATO', 'AU', 'ASEAN']);

/** "EU leaders will hold a summit": a summit of an international body is between its members. */
export function summitOfBody(kind: EventKind, sides: readonly CountryCode[]): boolean {
  return kind === 'summit' && sides.some((s) => INTERNATIONAL_BODIES.has(s));
}

/** Talks need two parties: states, governments, international bodies or their officials. */
export function hasTwoParties(
  frame: ArticleFrame,
  kind: EventKind,
  sides: readonly CountryCode[],
  participants: readonly string[],
): boolean {
  return summitOfBody(kind, sides) || partiesOf(frame, sides, participants).size >= 2;
}
