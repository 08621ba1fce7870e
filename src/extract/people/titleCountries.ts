// Countries a person's role or the article's wording implies when no nationality word is written
// beside the name: offices that exist in one country only ("Treasury Secretary" in a story about
// Washington's trade talks), and "Congo" read in the light of the rest of the article.
import type { CountryCode } from '../../domain/types.ts';
import { findCountryMentions } from '../geo/countries.ts';

interface CountrySpecificTitle {
  /** The whole role as written, compared case-insensitively. */
  title: RegExp;
  country: CountryCode;
  /** Countries that have an office of the same name; when the article names one, the title decides nothing. */
  sharedWith: CountryCode[];
}

/**
 * Unqualified titles news English uses for one country's office only. Titles that many countries
 * share ("President", "Vice President", "Foreign Minister", "Foreign Secretary", which India
 * has too) are deliberately absent: guessing them would be wrong as often as right.
 */
export const COUNTRY_SPECIFIC_TITLES: CountrySpecificTitle[] = [
  // The Vatican has a Secretary of State; Britain's are always "Secretary of State for ...".
  { title: /^secretary of state$/i, country: 'US', sharedWith: ['VA'] },
  { title: /^(?:treasury secretary|secretary of the treasury)$/i, country: 'US', sharedWith: [] },
  { title: /^(?:commerce secretary|secretary of commerce)$/i, country: 'US', sharedWith: [] },
  { title: /^(?:trade representative|u\.?s\.? trade representative)$/i, country: 'US', sharedWith: [] },
  { title: /^(?:defense secretary|secretary of defense|war secretary|secretary of war)$/i, country: 'US', sharedWith: [] },
  { title: /^(?:homeland security secretary|secretary of homeland security)$/i, country: 'US', sharedWith: [] },
  {
    title: /^(?:national security adviser|national security advisor)$/i,
    country: 'US',
    sharedWith: ['IN', 'GB', 'IL', 'UA', 'PK', 'AF', 'IQ', 'KR', 'JP'],
  },
  { title: /^(?:senate majority leader|senate minority leader|house speaker|speaker of the house)$/i, country: 'US', sharedWith: [] },
  { title: /^chancellor of the exchequer$/i, country: 'GB', sharedWith: [] },
  { title: /^(?:external affairs minister|minister of external affairs)$/i, country: 'IN', sharedWith: [] },
];

/** Every country the article names, by name, nationality, capital or institution. */
export function countriesNamedIn(text: string): Set<CountryCode> {
  return new Set(findCountryMentions(text).map((m) => m.code));
}

/**
 * The country of an office that exists in one country only, when the article names that country
 * and no other country with an office of the same name; else null. `articleCountries` may be
 * given as a function, called only when the role is such an office.
 */
export function countryOfTitle(
  role: string,
  articleCountries: ReadonlySet<CountryCode> | (() => ReadonlySet<CountryCode>),
): CountryCode | null {
  const trimmed = role.trim();
  // Written as a title ("Trade Representative Jamieson Greer"), not a description ("China's
  // international trade representative"): descriptions fit officials of any country.
  if (!/^\p{Lu}/u.test(trimmed) || !trimmed.split(/\s+/).every((w) => /^\p{Lu}/u.test(w) || /^(?:of|the)$/.test(w))) return null;
  for (const t of COUNTRY_SPECIFIC_TITLES) {
    if (!t.title.test(trimmed)) continue;
    // Reading the article's countries costs a pass over the text: only done for a matching title.
    const named = typeof articleCountries === 'function' ? articleCountries() : articleCountries;
    if (!named.has(t.country)) return null;
    if (t.sharedWith.some((c) => named.has(c))) return null;
    return t.country;
  }
  return null;
}

const DRC_WORDS = /\b(?:Democratic Republic of (?:the )?Congo|DR ?Congo|DRC|Kinshasa|Congo-Kinshasa)\b/;
const ROC_WORDS = /\b(?:Brazzaville|Congo-Brazzaville)\b|(?<!Democratic )\bRepublic of (?:the )?Congo\b/;

/**
 * Bare "Congo" names two countries. In an article that names the Democratic Republic (or
 * Kinshasa) and not the Republic (or Brazzaville) it is the DRC, and the other way round.
 */
export function congoOfArticle(text: string): CountryCode | null {
  const drc = DRC_WORDS.test(text);
  const roc = ROC_WORDS.test(text);
  if (drc && !roc) return 'CD';
  if (roc && !drc) return 'CG';
  return null;
}

/** A country code as the article means it: a "Congo" code follows `congoOfArticle`. */
export function countryInArticle(code: CountryCode | null, congo: CountryCode | null): CountryCode | null {
  if ((code === 'CG' || code === 'CD') && congo !== null) return congo;
  return code;
}

/**
 * The article's pair of countries, in its own order: the first "<country> and <country>" it
 * writes ("India and Pakistan agree to a ceasefire"). Null when it names no such pair.
 */
export function articleCountryPair(text: string): [CountryCode, CountryCode] | null {
  const mentions = findCountryMentions(text.slice(0, 3000));
  for (let i = 0; i + 1 < mentions.length; i++) {
    const [a, b] = [mentions[i]!, mentions[i + 1]!];
    if (a.code !== b.code && /^\s+and\s+(?:the\s+)?$/.test(text.slice(a.end, b.start))) return [a.code, b.code];
  }
  return null;
}

/**
 * "officials in both countries, including Prime Ministers Narendra Modi and Shehbaz Sharif": a
 * plural title over two names after "both countries" pairs them with the article's two
 * countries in order. `listStart` is where the plural title starts.
 */
export function bothCountriesBefore(text: string, listStart: number): boolean {
  const sentenceStart = Math.max(text.lastIndexOf('. ', listStart), text.lastIndexOf('\n', listStart)) + 1;
  return /\b(?:in|of|from)\s+both\s+(?:countries|nations|governments)\b/i.test(text.slice(sentenceStart, listStart));
}
