// A person's country from the team they belong to or the country the article is about, when
// nothing beside their name says it:
//   "Ukraine was represented by Rustem Umerov, Chief of the General Staff Andrii Hnatov and ..."
//   "The Israeli delegation includes the Mossad chief, foreign policy adviser X, and Y."
//   "First Deputy Foreign Minister X would be among the officials joining Umerov."
//   Prime Minister X in a story that is about Jamaica from its dateline to its last line.
import type { CountryCode } from '../../domain/types.ts';
import { findCountryMentions } from '../geo/countries.ts';
import { findPlaces } from '../geo/places.ts';
import { wireDatelineOf } from '../dates/dateline.ts';

/** Where the country was read. */
export interface TeamFinding {
  code: CountryCode;
  at: number;
}

// A list of a team's members follows one of these; the country is in the words before.
const LIST_OPENERS: RegExp[] = [
  // "Ukraine was represented by", "Washington will be represented by"
  /((?:the\s+)?[\p{Lu}][\p{L}.'\u2019]*(?:\s+[\p{Lu}][\p{L}.]*)?)\s+(?:is|was|were|are|will\s+be|would\s+be)\s+represented\s+by\s+/gu,
  // "The Israeli delegation includes", "Russia's team comprised", "the Ukrainian side, which included"
  /((?:the\s+)?[\p{Lu}][\p{L}.'\u2019]*(?:\s+[\p{Lu}][\p{L}.]*)?)\s+(?:delegation|team|side|negotiating\s+team)\s*,?\s+(?:which\s+)?(?:also\s+)?(?:includes|included|including|comprises|comprised|consists\s+of|consisted\s+of|is\s+made\s+up\s+of|was\s+made\s+up\s+of)\s+/gu,
];

/** Words that close one clause and open another: a list cannot run across them. */
const CLAUSE_BREAK = /;|\b(?:while|whereas|but|although)\b|\.\s/;

/**
 * The country of a team whose member list, opened earlier in the same sentence, holds the name
 * starting at `nameStart`; null when no list reaches it.
 */
export function teamListCountry(text: string, nameStart: number): TeamFinding | null {
  const sentenceStart = Math.max(text.lastIndexOf('. ', nameStart), text.lastIndexOf('\n', nameStart)) + 1;
  const lead = text.slice(sentenceStart, nameStart);
  let best: TeamFinding | null = null;
  for (const re of LIST_OPENERS) {
    for (const m of lead.matchAll(re)) {
      const after = lead.slice(m.index + m[0].length);
      if (CLAUSE_BREAK.test(after)) continue;
      const code = findCountryMentions(m[1]!)[0]?.code;
      if (code && (!best || m.index + sentenceStart > best.at)) best = { code, at: sentenceStart + m.index };
    }
  }
  return best;
}

/**
 * "X would be among the officials joining Umerov", "X, accompanied by Y": the person another one
 * goes with, as written (null when none). `nameEnd` is the end of the first person's name.
 */
export function companionAfter(text: string, nameEnd: number): string | null {
  const m = /^[^.;:]{0,80}?\b(?:joining|accompanying|alongside)\s+((?:\p{Lu}[\p{L}\-']+\s+){0,2}\p{Lu}[\p{L}\-']+)/u.exec(
    text.slice(nameEnd, nameEnd + 160),
  );
  return m ? m[1]! : null;
}

/**
 * The one country an article is about, or null: it has at least four mentions (one after a place
 * preposition counts half), twice as many as any other country and half of all, and an agency
 * dateline, when there is one, is in it.
 * A report on a hurricane in Jamaica is about Jamaica; a summit of two leaders, or a story filed
 * from a third country, is about no single country.
 */
export function singleCountryOfArticle(text: string): CountryCode | null {
  const counts = new Map<CountryCode, number>();
  let total = 0;
  for (const m of findCountryMentions(text)) {
    if (m.code === 'EU') continue;
    // "to meet in Budapest" says where, not whose: a place of the story counts half.
    const weight = m.locative ? 0.5 : 1;
    counts.set(m.code, (counts.get(m.code) ?? 0) + weight);
    total += weight;
  }
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!first || first[1] < 4 || (second && first[1] < 2 * second[1]) || first[1] < 0.5 * total) return null;
  const dateline = datelineCity(text);
  if (dateline && dateline !== first[0]) return null;
  return first[0];
}

/** The country of the city in an agency dateline opening one of the first paragraphs. */
function datelineCity(text: string): CountryCode | null {
  for (const para of text.split(/\n\s*\n/).slice(0, 4)) {
    const d = wireDatelineOf(para.trim());
    if (!d?.city) continue;
    // "GENEVA" as agencies write it is Geneva.
    const city =
      d.city === d.city.toUpperCase()
        ? d.city.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
        : d.city;
    return findPlaces(city, [])[0]?.country ?? findCountryMentions(city)[0]?.code ?? null;
  }
  return null;
}

/** Offices a country has one holder of at a time: two people holding one in an article cannot both be its own. */
const SINGLE_HOLDER_OFFICE =
  /^(?:former\s+|then[-\s])?(president|prime minister|premier|chancellor|king|queen|emir|foreign minister|vice president)$/i;

/**
 * Whether the article-country rule may give `role`'s holder the article's country: not when
 * another person without a country holds the same one-holder office ("President Lula" and
 * "President Trump" in one story: one of them is foreign, and the text does not say which).
 */
export function singleHolderClash(role: string | null, otherRoles: ReadonlyArray<string | null>): boolean {
  const office = role ? SINGLE_HOLDER_OFFICE.exec(role.trim())?.[1]?.toLowerCase() : undefined;
  if (!office) return false;
  return otherRoles.some((r) => r !== null && SINGLE_HOLDER_OFFICE.exec(r.trim())?.[1]?.toLowerCase() === office);
}

// Ministries by their field, as titles name them: "Deputy Defence Minister", "foreign ministry spokesperson".
const MINISTRY_FIELD =
  /\b(defen[cs]e|foreign|interior|finance|justice|health|economy|energy|trade|agriculture|education|culture|emergencies)\s+(?:affairs\s+)?(?:minister|ministry)\b/i;

/**
 * The country of a ministry an unqualified title belongs to, from the ministry named with its
 * country close before it or in the same sentence: "the Russian Defence Ministry decided ...,
 * Deputy Defence Minister X said". Null when none is named there, or ministries of two countries are.
 */
export function ministryCountry(text: string, role: string, at: number): TeamFinding | null {
  const field = MINISTRY_FIELD.exec(role)?.[1]?.toLowerCase().replace('defense', 'defence');
  if (!field) return null;
  const sentenceEnd = text.slice(at).search(/[.!?]\s|\n/);
  const from = Math.max(0, at - 600);
  const window = text.slice(from, sentenceEnd < 0 ? text.length : at + sentenceEnd);
  const found = new Map<CountryCode, number>();
  const re = /((?:\p{Lu}[\p{L}.]*\s+)?\p{Lu}[\p{L}.]*(?:['\u2019]s)?)\s+(\p{L}+)\s+(?:Affairs\s+)?[Mm]inistry\b/gu;
  for (const m of window.matchAll(re)) {
    if (m[2]!.toLowerCase().replace('defense', 'defence') !== field) continue;
    const code = findCountryMentions(m[1]!).at(-1)?.code;
    if (code) found.set(code, from + m.index);
  }
  const only = found.size === 1 ? [...found][0]! : null;
  return only ? { code: only[0], at: only[1] } : null;
}
