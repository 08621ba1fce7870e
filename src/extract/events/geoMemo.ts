// The event rules ask the geo module about the same sentence, clause and segment texts many times
// over; one article's answers are kept here and dropped when the next article starts.
import type { KnownPlace } from '../../config/schema.ts';
import { findCountryMentions, type CountryMention } from '../geo/countries.ts';
import { findPlaces, type PlaceMention } from '../geo/places.ts';

const countryMemo = new Map<string, CountryMention[]>();
const placeMemo = new Map<string, PlaceMention[]>();
let placesFor: KnownPlace[] = [];

/** Forget the previous article's answers; `knownPlaces` are the ones the next calls use. */
export function resetGeoMemo(knownPlaces: KnownPlace[]): void {
  countryMemo.clear();
  placeMemo.clear();
  placesFor = knownPlaces;
}

export function countryMentionsOf(text: string): CountryMention[] {
  let found = countryMemo.get(text);
  if (!found) {
    found = findCountryMentions(text);
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
