// The event rules ask the geo module about the same sentence, clause and segment texts many times
// over; one article's answers are kept here and dropped when the next article starts.
import type { KnownPlace } from '../../config/schema.ts';
import type { CountryCode } from '../../domain/types.ts';
import { findCountryMentions, type CountryMention } from '../geo/countries.ts';
import { findPlaces, type PlaceMention } from '../geo/places.ts';

const countryMemo = new Map<string, CountryMention[]>();
const placeMemo = new Map<string, PlaceMention[]>();
let placesFor: KnownPlace[] = [];
let congo: CountryCode = 'CD';

/**
 * Forget the previous article's answers; `knownPlaces` are the ones the next calls use, and the
 * article's text (when given) tells which Congo a bare "Congo" is.
 */
export function resetGeoMemo(knownPlaces: KnownPlace[], articleText = ''): void {
  countryMemo.clear();
  placeMemo.clear();
  placesFor = knownPlaces;
  congo = congoOf(articleText, knownPlaces);
}

/**
 * "Congo" alone is the DRC (Kinshasa, Goma) unless the article names more of the Republic of the
 * Congo (Brazzaville, Pointe-Noire, "Congo-Brazzaville") than of the DRC.
 */
export function congoOf(text: string, knownPlaces: KnownPlace[] = []): CountryCode {
  if (!/\bCongo/.test(text)) return 'CD';
  let cd = 0;
  let cg = 0;
  for (const m of findCountryMentions(text)) {
    if (m.surface === 'Congo' || m.kind === 'demonym') continue;
    if (m.code === 'CD') cd++;
    if (m.code === 'CG') cg++;
  }
  for (const p of findPlaces(text, knownPlaces)) {
    if (p.country === 'CD') cd++;
    if (p.country === 'CG') cg++;
  }
  return cg > cd ? 'CG' : 'CD';
}

export function countryMentionsOf(text: string): CountryMention[] {
  let found = countryMemo.get(text);
  if (!found) {
    found = findCountryMentions(text).map((m) => (m.surface === 'Congo' && m.code !== congo ? { ...m, code: congo } : m));
    countryMemo.set(text, found);
  }
  return found;
}

export function placesOf(text: string): PlaceMention[] {
  let found = placeMemo.get(text);
  if (!found) {
    found = findPlaces(text, placesFor);
    placeMemo.set(text, found);
  }
  return found;
}
