// Step 3, the parties: whose representatives take part in an event, from the country words
// around it. A country word counts as a side when it names an actor ("Ukrainian delegates",
// "talks between the US and Ukraine", "Russian team meets Americans", "European officials"), not
// a topic ("the war in Ukraine", "guarantees for Ukraine", "Ukraine's territories") or a place
// ("in the United States").
import type { CountryCode } from '../../domain/types.ts';
import type { CountryMention } from '../geo/countries.ts';
import { countryMentionsOf } from './geoMemo.ts';
import { ROLE_HEADS } from '../people/lexicon.ts';

/** Nouns that make a nationality word before them an actor. */
const PARTY_NOUNS = new Set([
  'delegation',
  'delegations',
  'delegate',
  'delegates',
  'team',
  'teams',
  'official',
  'officials',
  'representative',
  'representatives',
  'negotiator',
  'negotiators',
  'envoy',
  'envoys',
  'side',
  'sides',
  'partner',
  'partners',
  'counterpart',
  'counterparts',
  'leader',
  'leaders',
  'president',
  'minister',
  'ministers',
  'diplomat',
  'diplomats',
  'government',
  'governments',
  'authorities',
  'administration',
  'colleagues',
  'adviser',
  'advisers',
  'advisor',
  'advisors',
  'secretary',
  'chancellor',
  'premier',
  'prime',
  'foreign',
  'defense',
  'defence',
  'national',
  'special',
  'top',
  'senior',
  'chief',
  'head',
  'heads',
  'counsellor',
  'security',
  'presidential',
  'state',
  'military',
  'talks',
  'meeting',
  'meetings',
  'negotiations',
  'summit',
  'consultations',
  'call',
  'counterparts',
  'aides',
  'aide',
  'lawmakers',
  'parliamentarians',
  'generals',
  'commanders',
  'mediators',
  'ambassador',
  'ambassadors',
  'embassy',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'intelligence',
  'staff',
  'leadership',
  'bilateral',
  'trilateral',
  'direct',
  'face-to-face',
  'high-level',
  'new',
  'further',
  'another',
  'fresh',
  'formal',
  'secret',
  'technical',
  'expert',
  'level',
  'warring',
  'rival',
  'parties',
  'party',
  'factions',
  'faction',
]);

/** Words before a country that make it a topic rather than an actor. */
const TOPIC_BEFORE =
  /\b(?:conflict\s+with|war\s+with|for|on|about|against|over|toward|towards|regarding|concerning|into|across|throughout|within|inside|beyond|under|despite|of\s+the\s+war\s+in|war\s+in|war\s+on|peace\s+in|aid\s+to|support\s+for|pressure\s+on)\s+(?:the\s+)?$/i;
/** Nouns before "of X" that make X an actor: "representatives of the United States". */
const ACTOR_OF =
  /\b(?:office|summit|talks|rounds?|meetings?|negotiations|consultations|representatives?|delegations?|delegates|leaders?|presidents?|ministers?|officials|envoys?|teams?|negotiators|heads?|governments?|sides?|participation|presence|mediation|auspices)\s+(?:of|from)\s+(?:the\s+)?$/i;
/** "hosted by Qatar", "mediated by Egypt and Qatar": the host or mediator takes part. */
const HOST_BY = /\b(?:hosted|mediated|brokered|facilitated|chaired|organi[sz]ed)\s+by\s+(?:the\s+)?$/i;

/** "Saudi-hosted summit", "Qatari-mediated talks": a host or mediator named in a compound adjective. */
export function hostCompound(after: string): boolean {
  return /^\s*[-\u2010-\u2015]\s*(?:hosted|mediated|brokered|sponsored|facilitated)\b/i.test(after);
}
/** "between X and Y", "among X, Y and Z", "with X": the list after these names actors. */
const LIST_OPENER = /\b(?:between|among|amongst|with|and|including|both)\s+(?:the\s+)?$/i;

const isPartyNoun = (w: string): boolean => PARTY_NOUNS.has(w) || ROLE_HEADS.has(w);

function wordAfter(text: string, end: number): string {
  const m = /^(?:['\u2019]s)?[\s-]+(?:and\s+|,\s*)?([\p{L}-]+)/u.exec(text.slice(end));
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * A capital that names a place or another event rather than a government: "the London round",
 * "the Geneva talks" (an event named by its city), "in Geneva and London" (a list of venues),
 * "Rome to host the next round" (the venue).
 */
export function capitalIsVenue(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 40);
  const before = text.slice(Math.max(0, start - 60), start);
  if (
    /^\s+(?:round|rounds|talks|meeting|meetings|summit|negotiations|session|framework|process|format|agreement|accord|deal)\b/i.test(after)
  )
    return true;
  if (/^\s+(?:(?:is|was|will|would|to)\s+(?:be\s+)?)?(?:host|hosts|hosted|hosting)\b/i.test(after)) return true;
  return /\b(?:in|at)\s+(?:\p{Lu}[\p{L}'\u2019.-]*\s+){0,2}?\p{Lu}[\p{L}'\u2019.-]*(?:,\s*|\s+and\s+|\s+or\s+)$/u.test(before);
}

/** Is this country mention an actor in `text`? `previousActor` is the verdict of the list item before it. */
function isActor(text: string, m: CountryMention, previousActor: boolean | null): boolean {
  const before = text.slice(Math.max(0, m.start - 40), m.start);
  const after = text.slice(m.end, m.end + 40);
  const possessive = /^['\u2019]s?\b/u.test(after);
  // In a list ("Ukrainian, U.S., and European officials", "between the US and Ukraine") an item
  // shares the verdict of the item before it.
  const listJoin = /(?:,\s*(?:and\s+)?|\s+and\s+|\s*[-\u2010-\u2015/]\s*)(?:the\s+)?$/.test(before);
  if ((m.locative || /\b(?:in|at|near|to|from)\s+the\s+$/i.test(before)) && !ACTOR_OF.test(before)) {
    // "in Miami" is a place; "to Ukraine" a destination.
    return false;
  }
  if (TOPIC_BEFORE.test(before)) return false;
  if (HOST_BY.test(before) || hostCompound(after)) return true;
  if (m.kind === 'capital' && capitalIsVenue(text, m.start, m.end)) return false;
  // "in Jeddah, Saudi Arabia": the country of a place just named.
  if (m.kind === 'name' && /\b(?:in|at|near)\s+(?:\p{Lu}[\p{L}'\u2019.-]*\s+){0,2}\p{Lu}[\p{L}'\u2019.-]*,\s*$/u.test(before)) return false;
  const nextWord = wordAfter(text, m.end);
  // "Ukraine peace talks", "Gaza ceasefire talks": the country is what the talks are about.
  if (
    m.kind !== 'demonym' &&
    !possessive &&
    /^\s+(?:peace|ceasefire|truce|war|crisis|conflict|reconstruction|recovery|aid|security\s+guarantees)\b/.test(after)
  )
    return false;
  // "part of the US President Donald Trump administration's push": a title makes it an actor.
  if ((m.kind === 'demonym' || m.kind === 'name') && !possessive && /^\s+\p{Lu}/u.test(after) && isPartyNoun(nextWord)) return true;
  // Compound adjectives: "U.S.-backed plan", "US-led efforts", "Russian-occupied territories".
  if (/^\s*[-\u2010-\u2015]\s*\p{Ll}/u.test(after)) return false;
  if (/\bof\s+(?:the\s+)?$/i.test(before) && !ACTOR_OF.test(before)) return false;
  const next = wordAfter(text, m.end);
  if (m.kind === 'demonym' || /^\s*[-\u2010-\u2015]\s*\p{Lu}/u.test(after) || possessive) {
    // Adjective use: an actor only before an actor noun ("Russian team"), a talks noun, another
    // nationality in a compound ("Ukrainian-U.S. talks"), or as a plural noun ("meets Americans").
    if (/s$/.test(m.surface) && m.kind === 'demonym' && !possessive && !isPartyNoun(next)) return !/\b(?:for|of)\s+$/.test(before);
    if (isPartyNoun(next)) return true;
    if (/^\s*(?:,\s*|\s+and\s+|\s*[-\u2010-\u2015/]\s*)/.test(after) && previousActor !== false) return true; // the list continues
    if (/^\p{Lu}/u.test(next) || next === '') return previousActor === true;
    return false;
  }
  if (possessive) return isPartyNoun(next);
  if (listJoin && previousActor !== null) return previousActor;
  if (LIST_OPENER.test(before)) return true;
  // A country named as subject or object of the sentence: "the United States will host",
  // "Ukraine and Russia did not hold talks", "Moscow is planning".
  return m.kind !== 'capital' || !m.locative;
}

export interface SideMention {
  code: CountryCode;
  start: number;
  end: number;
}

/** The sides named as actors in `text`, in order of mention, without repeats. */
export function findSides(text: string): SideMention[] {
  const out: SideMention[] = [];
  let previous: { end: number; actor: boolean } | null = null;
  for (const m of countryMentionsOf(text)) {
    const joined =
      previous !== null &&
      /^(?:['\u2019]s)?(?:,\s*(?:and\s+)?|\s+and\s+|\s*[-\u2010-\u2015/]\s*)(?:the\s+)?$/u.test(text.slice(previous.end, m.start));
    const actor = isActor(text, m, joined ? previous!.actor : null);
    previous = { end: m.end, actor };
    if (actor) out.push({ code: m.code, start: m.start, end: m.end });
  }
  return out;
}

export function uniqueCodes(sides: readonly SideMention[]): CountryCode[] {
  return [...new Set(sides.map((s) => s.code))];
}

/**
 * Where the trigger's phrase ends in the text after it, so that sides after the trigger count up
 * to there: "talks with Ukrainian and European officials in Berlin" yes, "... after the
 * administration proposed a plan that officials in Kyiv and their EU supporters called
 * unworkable" no. ("the meeting that Russian and American diplomats held": a relative clause
 * right on the trigger names the sides.)
 */
export function endOfTriggerPhrase(afterTrigger: string): number | null {
  const stop =
    /,\s+(?![\p{Lu}]|and\b)|;|\s(?:that(?<!^\s?that)|after|before|to\s+(?!the\s+\p{Lu})|which(?<!^\s?which)|who|when|because|while|so|weeks|days|months)\s/u.exec(
      afterTrigger,
    );
  return stop ? stop.index : null;
}

/**
 * A trailing attribution (", Turkish officials said.") names who reported, not who met; a
 * relative clause on a participant (", whose country holds the EU presidency,") neither.
 */
export function withoutAsides(text: string): string {
  return text
    .replace(
      /,\s+(?:according\s+to\s+[^,]+|(?:the\s+)?(?:[\p{L}.'\u2019-]+\s+){0,4}(?:said|says|told\s+reporters|reported|reports|announced|confirmed|noted)(?:\s+[\p{L}.'\u2019-]+){0,3})[.!?]?\s*$/u,
      '',
    )
    .replace(/,\s+(?:who|whose|which)\s+[^,]{1,100},/gu, ',');
}

/** "each side met separately", "both delegations": the sides are the ones just named. */
export function namesEachSide(text: string): boolean {
  return /\b(?:each|both)\s+(?:side|sides|country|countries|party|parties|delegation|delegations)\b/i.test(text);
}

/** "commanders from both countries", "the two sides will meet again": an anaphor for two sides at once. */
export function namesBothSides(text: string): boolean {
  return /\b(?:both|the\s+two)\s+(?:countries|sides|nations|governments|parties|states|delegations)\b/i.test(text);
}

/** "after two days of talks, ...": a clause continuing the talks of the clause before. */
export function continuesTalks(clauseText: string): boolean {
  return /^\s*(?:after|following)\s+(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|rounds?)\s+of\b/iu.test(clauseText);
}

/** "met separately with US officials": who met whom matters only when the meetings were separate. */
export function saysSeparately(text: string): boolean {
  return /\bseparate(?:ly)?\b/i.test(text);
}

export interface SegmentSides {
  sides: CountryCode[];
  /** Sides named before and after "with" in a separate meeting, to tell who met whom. */
  beforeWith: CountryCode[];
  afterWith: CountryCode[];
}

/**
 * The sides of one segment's event. `phrase` is the segment's text up to the end of the trigger's
 * phrase; `previous` the sides of the clause before, which "each side", a relative clause
 * ("which also includes talks with ...") and "after two days of talks" in a later clause share.
 */
export function segmentSides(input: {
  phrase: string;
  segText: string;
  clauseText: string;
  laterClause: boolean;
  previous: CountryCode[];
}): SegmentSides {
  const sideText = withoutAsides(input.phrase);
  let sides = uniqueCodes(findSides(sideText));
  if (
    namesEachSide(input.segText) ||
    /^\s*which\b/i.test(input.clauseText) ||
    (input.laterClause && sides.length === 0 && continuesTalks(input.clauseText))
  ) {
    sides = [...new Set([...input.previous, ...sides])];
  }
  const withAt = saysSeparately(input.segText) ? /\bwith\b/i.exec(sideText) : null;
  return {
    sides,
    beforeWith: withAt ? uniqueCodes(findSides(sideText.slice(0, withAt.index))) : sides,
    afterWith: withAt ? uniqueCodes(findSides(sideText.slice(withAt.index))) : [],
  };
}
