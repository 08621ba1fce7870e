// Cities in running text (captions included: they are plain sentences), with their country,
// from the generated world gazetteer (data/cities.json) and the operator's config/places.yaml.
//
// Rules:
// - Only capitalised words start a place; the longest gazetteer phrase wins ("Hallandale Beach"
//   before "Hallandale"). Countries and first-level regions ("Florida") are never cities.
// - "City, Region" and "City, Country" pick the namesake in that region or country and are
//   context enough on their own; otherwise the summit venue, then the most populous namesake wins.
// - A city name right next to another capitalised name word is part of a name ("Vladimir Putin",
//   "Miami Herald"), not a place.
// - A city whose name is also an English word or a person's name ("Reading", "Nice", "Split",
//   "Of", "Victoria", "Austin"), a town under 100,000 people, or a name the same text uses as a
//   surname ("Marco Rubio" makes a later bare "Rubio" a person) needs place context: a place
//   preposition before it ("in", "at", "near"; "to"/"from" only after travel words, not in
//   "according to"), "the city of", a "City, Region/Country" tail, or a talks word after it
//   ("Minsk agreements", "Istanbul talks").
// - "Moscow-backed" and "Washington-Moscow" are not places; "at the Kremlin", "in the Oval
//   Office" are (Moscow, Washington); "GENEVA, Nov 23 (Reuters) -" datelines are read too.
// - Known places from config win over the gazetteer, with no context needed.
import type { CountryCode } from '../../domain/types.ts';
import type { KnownPlace } from '../../config/schema.ts';
import { readFileSync } from 'node:fs';
import { countryFromWord, phraseKey, tokenize } from './countries.ts';
import { REGIONS, type Region } from './regions.ts';

export interface PlaceMention {
  city: string;
  country: CountryCode;
  start: number;
  end: number;
  surface: string;
  /** A place preposition stands before it or a region/country follows ("in Miami", "Miami, Florida"). */
  locative: boolean;
}

interface CityEntry {
  name: string;
  country: CountryCode;
  admin1: string;
  population: number;
  wordLike: boolean;
  venue: boolean;
}

interface Gazetteer {
  byKey: Map<string, CityEntry[]>;
  /** Multi-word names in lower case: "Sharm El-Sheikh" and "Sharm el-Sheikh" are one place. */
  byLowerKey: Map<string, CityEntry[]>;
  lowerPrefixes: Set<string>;
  /** Leading words of multi-word names ("Hallandale", "Santiago de"): a longer match may follow. */
  prefixes: Set<string>;
  maxWords: number;
  regionsByKey: Map<string, Region[]>;
}

type CityRow = [string, string, string, number, number, ...string[]];

let gazetteer: Gazetteer | null = null;

/** "Saint Petersburg" is also written "St. Petersburg" and "St Petersburg", and the other way round. */
function withSaintVariants(forms: string[]): string[] {
  const all = new Set(forms);
  for (const form of forms) {
    const saint = /^Saint[ -](.+)$/.exec(form);
    if (saint) all.add(`St. ${saint[1]}`);
    const st = /^St\.? (.+)$/.exec(form);
    if (st) all.add(`Saint ${st[1]}`);
  }
  return [...all];
}

function buildGazetteer(): Gazetteer {
  const regionsByKey = new Map<string, Region[]>();
  for (const region of REGIONS) {
    for (const name of region.names) {
      const key = phraseKey(name);
      regionsByKey.set(key, [...(regionsByKey.get(key) ?? []), region]);
    }
  }
  const byKey = new Map<string, CityEntry[]>();
  let maxWords = 1;
  // Read at first use rather than imported: 0.8 MB of JSON should not slow start-up or the type checker.
  const data = JSON.parse(readFileSync(new URL('./data/cities.json', import.meta.url), 'utf8')) as { cities: CityRow[] };
  for (const row of data.cities) {
    const [name, country, admin1, population, flags, ...alts] = row;
    const capital = (flags & 2) !== 0;
    const entry: CityEntry = { name, country, admin1, population, wordLike: (flags & 1) !== 0, venue: (flags & 4) !== 0 };
    for (const form of withSaintVariants([name, ...alts])) {
      const key = phraseKey(form);
      // A region's name ("Florida", "Victoria") means the region, except for a national capital or
      // a city far better known than its namesakes ("New York").
      if (regionsByKey.has(key) && !capital && population < 1_000_000) continue;
      const list = byKey.get(key);
      if (list) {
        if (!list.includes(entry)) list.push(entry);
      } else byKey.set(key, [entry]);
      maxWords = Math.max(maxWords, key.split(' ').length);
    }
  }
  const prefixes = new Set<string>();
  for (const key of byKey.keys()) {
    const words = key.split(' ');
    for (let n = 1; n < words.length; n++) prefixes.add(words.slice(0, n).join(' '));
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => Number(b.venue) - Number(a.venue) || b.population - a.population);
  }
  const byLowerKey = new Map<string, CityEntry[]>();
  const lowerPrefixes = new Set<string>();
  for (const [key, list] of byKey) {
    if (!key.includes(' ')) continue;
    const lower = key.toLowerCase();
    const merged = [...(byLowerKey.get(lower) ?? []), ...list.filter((e) => !byLowerKey.get(lower)?.includes(e))];
    merged.sort((a, b) => Number(b.venue) - Number(a.venue) || b.population - a.population);
    byLowerKey.set(lower, merged);
    const words = lower.split(' ');
    for (let n = 1; n < words.length; n++) lowerPrefixes.add(words.slice(0, n).join(' '));
  }
  return { byKey, byLowerKey, lowerPrefixes, prefixes, maxWords, regionsByKey };
}

/** Loads the gazetteer now (it is otherwise loaded on first use). */
export function loadGazetteer(): void {
  gazetteer ??= buildGazetteer();
}

function getGazetteer(): Gazetteer {
  gazetteer ??= buildGazetteer();
  return gazetteer;
}

interface KnownIndex {
  byKey: Map<string, KnownPlace>;
  maxWords: number;
}

const knownIndexes = new WeakMap<KnownPlace[], KnownIndex>();

function knownIndex(places: KnownPlace[]): KnownIndex {
  let index = knownIndexes.get(places);
  if (!index) {
    const byKey = new Map<string, KnownPlace>();
    let maxWords = 1;
    for (const place of places) {
      for (const form of [place.name, ...place.aliases]) {
        const key = phraseKey(form);
        if (!key) continue;
        byKey.set(key, place);
        maxWords = Math.max(maxWords, key.split(' ').length);
      }
    }
    index = { byKey, maxWords };
    knownIndexes.set(places, index);
  }
  return index;
}

// ---------- context ----------

const LOCATIVE_BEFORE = new Set([
  'in',
  'at',
  'near',
  'outside',
  'to',
  'from',
  'into',
  'inside',
  'around',
  'via',
  'visit',
  'visited',
  'visiting',
  'visits',
  'arrived',
  'arrive',
  'arrives',
  'toward',
  'towards',
  'hosted',
  'host',
  'hosts',
  'city',
  'town',
  'capital',
  'port',
  'resort',
  'village',
  'held',
  'venue',
]);

/**
 * Towns below this size need place context too: news introduces them with one ("in Hallandale
 * Beach"), while a bare capitalised word matching a small town is usually a surname ("Carney").
 */
const SMALL_TOWN = 100_000;

/** "the city of X", "the outskirts of X": the word before "of" makes X a place. */
const PLACE_BEFORE_OF = new Set([
  'city',
  'town',
  'village',
  'port',
  'capital',
  'outskirts',
  'suburbs',
  'centre',
  'center',
  'streets',
  'mayor',
  'residents',
  'people',
]);

const NOT_PLACE_BEFORE_TO = new Set([
  'according',
  'spoke',
  'speak',
  'speaks',
  'speaking',
  'talked',
  'talk',
  'talking',
  'said',
  'says',
  'say',
  'told',
  'wrote',
  'write',
  'writes',
  'letter',
  'message',
  'messages',
  'reply',
  'replied',
  'respond',
  'responded',
  'close',
  'next',
  'adviser',
  'advisor',
  'aide',
  'envoy',
  'ambassador',
  'thanks',
  'similar',
  'opposed',
  'contrast',
  'addition',
  'regard',
  'respect',
  'open',
  'committed',
  'answer',
  'answered',
  'loyal',
  'turned',
  'appealed',
  'listened',
  'proposal',
  'offer',
  'gift',
  'call',
  'calls',
  'apology',
  'condolences',
  'tribute',
  'up',
]);

const TRAVEL_BEFORE_FROM = new Set([
  'returned',
  'return',
  'returning',
  'returns',
  'arrived',
  'arriving',
  'came',
  'come',
  'coming',
  'flew',
  'fly',
  'flying',
  'travelled',
  'traveled',
  'travel',
  'traveling',
  'travelling',
  'back',
  'fled',
  'evacuated',
  'withdrew',
  'withdrawn',
  'km',
  'kilometres',
  'kilometers',
  'miles',
  'north',
  'south',
  'east',
  'west',
  'away',
  'reporting',
  'reported',
  'live',
  'far',
  'drove',
  'driven',
  'left',
  'departed',
  'delegation',
  'delegations',
  'officials',
]);

const TALKS_AFTER = new Set([
  'talks',
  'summit',
  'summits',
  'meeting',
  'meetings',
  'negotiations',
  'conference',
  'format',
  'process',
  'round',
  'agreement',
  'agreements',
  'accord',
  'accords',
  'declaration',
  'communique',
  'communiqué',
  'platform',
  'forum',
  'memorandum',
  'protocol',
  'peace',
]);

const FUNCTION_WORDS = new Set([
  'In',
  'At',
  'To',
  'From',
  'The',
  'And',
  'Of',
  'With',
  'For',
  'On',
  'By',
  'Near',
  'Both',
  'Between',
  'As',
  'But',
  'While',
  'After',
  'Before',
  'When',
  'Meanwhile',
  'Or',
  'A',
  'An',
  'Like',
  'Unlike',
  'Into',
  'Outside',
  'Inside',
  'During',
  'Since',
  'Until',
  'Via',
  'Across',
  'Through',
  'This',
  'That',
  'Then',
  'Now',
  'Also',
  'Still',
  'Later',
  'Earlier',
  'Today',
  'Yesterday',
  'Tomorrow',
  'Only',
  'Even',
  'If',
  'So',
  'Yet',
]);

const isCapitalised = (s: string): boolean => /^\p{Lu}/u.test(s);

/**
 * Seats of government that place a meeting in their city: "met Putin at the Kremlin" happened in
 * Moscow. Only read as places after "at/in/to/inside/outside/from the"; elsewhere they are actors.
 */
const SEATS: Array<[string, string, CountryCode]> = [
  ['Kremlin', 'Moscow', 'RU'],
  ['White House', 'Washington', 'US'],
  ['Oval Office', 'Washington', 'US'],
  ['Pentagon', 'Washington', 'US'],
  ['State Department', 'Washington', 'US'],
  ['Capitol', 'Washington', 'US'],
  ['Elysee', 'Paris', 'FR'],
  ['Elysee Palace', 'Paris', 'FR'],
  ['Downing Street', 'London', 'GB'],
  ['Bankova', 'Kyiv', 'UA'],
  ['Mariinskyi Palace', 'Kyiv', 'UA'],
  ['Zhongnanhai', 'Beijing', 'CN'],
  ['Great Hall of the People', 'Beijing', 'CN'],
  ['Chancellery', 'Berlin', 'DE'],
  ['Bundestag', 'Berlin', 'DE'],
  ['Palazzo Chigi', 'Rome', 'IT'],
  ['Quirinale', 'Rome', 'IT'],
  ['Vatican', 'Vatican City', 'VA'],
  ['Berlaymont', 'Brussels', 'BE'],
  ['Dolmabahce Palace', 'Istanbul', 'TR'],
  ['Ciragan Palace', 'Istanbul', 'TR'],
];
const SEAT_KEYS = new Map(SEATS.map(([seat, city, country]) => [phraseKey(seat), { city, country }]));
const SEAT_MAX_WORDS = Math.max(...SEATS.map(([seat]) => seat.split(' ').length));
const SEAT_INTRO = /\b(?:at|in|to|inside|outside|into|from|on)\s+the\s+$/i;

/** A seat of government at token i read as its city, or null. */
function seatAt(text: string, tokens: Token[], i: number): { last: number; city: string; country: CountryCode } | null {
  if (!SEAT_INTRO.test(text.slice(Math.max(0, tokens[i]!.start - 12), tokens[i]!.start))) return null;
  let found: { last: number; city: string; country: CountryCode } | null = null;
  for (let last = i; last < i + SEAT_MAX_WORDS && last < tokens.length; last++) {
    if (last > i && !joinable(text, tokens[last - 1]!, tokens[last]!)) break;
    const seat = SEAT_KEYS.get(phraseKey(text.slice(tokens[i]!.start, tokens[last]!.end)));
    if (seat) found = { last, ...seat };
  }
  return found;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function gapBetween(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

/** Words of one phrase are joined by a space, hyphen, apostrophe or the dot of an abbreviation. */
function joinable(text: string, a: Token, b: Token): boolean {
  return /^(?: |-|\u2010|\u2011|'|\u2019|\. |\.)$/u.test(gapBetween(text, a, b));
}

function isNameWord(t: Token | undefined): boolean {
  if (!t || !isCapitalised(t.text) || FUNCTION_WORDS.has(t.text)) return false;
  if (/^\p{Lu}+$/u.test(t.text) && t.text.length <= 3) return false; // "US", "EU", "AP"
  return countryFromWord(t.text) === null;
}

/** Capitalised words the text uses as the last word of a two-word name ("Marco Rubio" -> Rubio). */
function surnamesIn(text: string, tokens: Token[], gaz: Gazetteer): Set<string> {
  const surnames = new Set<string>();
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!;
    const cur = tokens[i]!;
    if (gapBetween(text, prev, cur) !== ' ' || !isCapitalised(cur.text) || !isNameWord(prev)) continue;
    if (gaz.byKey.has(phraseKey(`${prev.text} ${cur.text}`)) || gaz.regionsByKey.has(phraseKey(`${prev.text} ${cur.text}`))) continue;
    // Titles and place words before a city name do not make it a surname ("President Trump" does).
    if (
      /^(?:Greater|Central|North|South|East|West|Northern|Southern|Eastern|Western|Downtown|Old|New|Port|Saint|St|San|Santa|Fort|Lake|Mount|Cape)$/.test(
        prev.text,
      )
    )
      continue;
    surnames.add(cur.text);
  }
  return surnames;
}

interface Tail {
  country: CountryCode;
  admin1: string | null;
  end: number;
}

/** ", Florida", ", USA", " (Ukraine)" after a city: the region or country it is in. */
function tailAfter(text: string, tokens: Token[], last: number, gaz: Gazetteer): Tail | null {
  const after = tokens[last + 1];
  if (!after) return null;
  const gap = gapBetween(text, tokens[last]!, after);
  if (!/^(?:,\s*|\s*\(\s*)$/.test(gap)) return null;
  for (let n = 4; n >= 1; n--) {
    const lastTail = last + n;
    if (lastTail >= tokens.length) continue;
    let ok = true;
    for (let j = last + 2; j <= lastTail; j++) if (!joinable(text, tokens[j - 1]!, tokens[j]!)) ok = false;
    if (!ok) continue;
    const phrase = text.slice(after.start, tokens[lastTail]!.end);
    const trailingDot = text[tokens[lastTail]!.end] === '.' && /\p{Lu}\.\p{Lu}$/u.test(phrase) ? 1 : 0;
    const regions = gaz.regionsByKey.get(phraseKey(phrase));
    if (regions?.[0]) return { country: regions[0].country, admin1: regions[0].admin1, end: tokens[lastTail]!.end + trailingDot };
    if (!isCapitalised(after.text)) return null;
    const country = countryFromWord(phrase);
    if (country && country !== 'EU') return { country, admin1: null, end: tokens[lastTail]!.end };
  }
  return null;
}

function locativeBefore(text: string, tokens: Token[], first: number): boolean {
  const prev = tokens[first - 1];
  if (!prev || !/^\s+$/.test(gapBetween(text, prev, tokens[first]!))) return false;
  const word = prev.text.toLowerCase();
  const beforePrev = tokens[first - 2]?.text.toLowerCase() ?? '';
  if (word === 'of') return PLACE_BEFORE_OF.has(beforePrev);
  // "according to Rubio", "a call from Carney": "to" and "from" lead to people as often as to places.
  if (word === 'to') return !NOT_PLACE_BEFORE_TO.has(beforePrev);
  if (word === 'from') return TRAVEL_BEFORE_FROM.has(beforePrev);
  return LOCATIVE_BEFORE.has(word);
}

/**
 * "at the Camp David presidential retreat", "in the Sochi resort": a place after "at/in the" and
 * before a common noun is where something happened ("the Washington Post" is a name, not this).
 */
function venueAfterThe(text: string, tokens: Token[], first: number, last: number): boolean {
  const the = tokens[first - 1];
  const prep = tokens[first - 2];
  const next = tokens[last + 1];
  if (!the || !prep || !next || the.text.toLowerCase() !== 'the' || !/^(?:at|in|inside|near|outside)$/i.test(prep.text)) return false;
  if (
    !/^\s+$/.test(gapBetween(text, prep, the)) ||
    !/^\s+$/.test(gapBetween(text, the, tokens[first]!)) ||
    !/^ $/.test(gapBetween(text, tokens[last]!, next))
  )
    return false;
  return /^\p{Ll}/u.test(next.text);
}

/** "in Ohrid Source: Tanjug": a capitalised word before a colon labels what follows (Source:, Photo:); it names nothing with the word before. */
function isLabel(text: string, t: Token): boolean {
  return text[t.end] === ':';
}

const surfaceOf = (text: string, first: Token, last: Token): string => text.slice(first.start, last.end);

function talksWordAfter(text: string, tokens: Token[], last: number): boolean {
  const next = tokens[last + 1];
  if (!next || !/^(?:\s+|-)$/.test(gapBetween(text, tokens[last]!, next))) return false;
  return TALKS_AFTER.has(next.text.toLowerCase());
}

/**
 * "Moscow-backed", "Kyiv-based" (a modifier) and "Washington-Moscow talks" (a pair of actors)
 * name no place where something happened.
 */
function inCompound(text: string, tokens: Token[], first: number, last: number): boolean {
  const next = tokens[last + 1];
  if (next && /^[-\u2010\u2011\u2013]$/.test(gapBetween(text, tokens[last]!, next))) {
    if (!isCapitalised(next.text)) return !TALKS_AFTER.has(next.text.toLowerCase());
    if (countryFromWord(next.text) !== null) return true;
  }
  const prev = tokens[first - 1];
  if (prev && /^[-\u2010\u2011\u2013]$/.test(gapBetween(text, prev, tokens[first]!)) && countryFromWord(prev.text) !== null) return true;
  return false;
}

function choose(entries: CityEntry[], tail: Tail | null): CityEntry | null {
  if (tail) {
    const inRegion = entries.filter((e) => e.country === tail.country && (tail.admin1 === null || e.admin1 === tail.admin1));
    if (inRegion[0]) return inRegion[0];
    const inCountry = entries.filter((e) => e.country === tail.country);
    if (inCountry[0]) return inCountry[0];
  }
  return entries[0] ?? null;
}

const titleCase = (word: string): string => word.charAt(0) + word.slice(1).toLowerCase();

/**
 * A wire-service dateline: a city in capitals at the start of a line, then a comma, a bracket or
 * a dash ("KYIV, Dec 20 (Reuters) -", "MIAMI (AP) --", "HALLANDALE BEACH, Florida").
 */
function datelineAt(text: string, tokens: Token[], i: number, gaz: Gazetteer): { last: number; place: PlaceMention } | null {
  const first = tokens[i]!;
  if (!/^\p{Lu}{2,}$/u.test(first.text) || !/(?:^|\n)[\s"'\u201c]*$/.test(text.slice(Math.max(0, first.start - 4), first.start)))
    return null;
  let found: { last: number; entries: CityEntry[] } | null = null;
  for (let last = i; last < i + 4 && last < tokens.length; last++) {
    if (!/^\p{Lu}{2,}$/u.test(tokens[last]!.text)) break;
    if (last > i && !joinable(text, tokens[last - 1]!, tokens[last]!)) break;
    const words = tokens.slice(i, last + 1).map((t) => titleCase(t.text));
    const key = phraseKey(words.join(' '));
    const entries = gaz.byKey.get(key) ?? gaz.byLowerKey.get(key.toLowerCase());
    if (entries?.[0] && /^\s*(?:,|\(|[-\u2013\u2014])/.test(text.slice(tokens[last]!.end, tokens[last]!.end + 3)))
      found = { last, entries };
  }
  if (!found) return null;
  const tail = tailAfter(text, tokens, found.last, gaz);
  const entry = choose(found.entries, tail);
  if (!entry) return null;
  const end = tokens[found.last]!.end;
  return {
    last: found.last,
    place: { city: entry.name, country: entry.country, start: first.start, end, surface: text.slice(first.start, end), locative: true },
  };
}

/**
 * Cities named in a text, in order, each with its country and offsets. Known places (from
 * config/places.yaml) win over the gazetteer.
 */
export function findPlaces(text: string, knownPlaces: KnownPlace[] = []): PlaceMention[] {
  const gaz = getGazetteer();
  const known = knownIndex(knownPlaces);
  const tokens = tokenize(text);
  const maxWords = Math.max(gaz.maxWords, known.maxWords);
  let surnames: Set<string> | null = null;
  const places: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (!isCapitalised(first.text)) {
      i++;
      continue;
    }
    const dateline = datelineAt(text, tokens, i, gaz);
    if (dateline) {
      places.push(dateline.place);
      i = dateline.last + 1;
      continue;
    }
    let knownMatch: { last: number; place: KnownPlace } | null = null;
    let cityMatch: { last: number; entries: CityEntry[] } | null = null;
    for (let last = i; last < i + maxWords && last < tokens.length; last++) {
      if (last > i && !joinable(text, tokens[last - 1]!, tokens[last]!)) break;
      const key = phraseKey(text.slice(first.start, tokens[last]!.end));
      const place = known.byKey.get(key);
      if (place) knownMatch = { last, place };
      const entries = gaz.byKey.get(key) ?? (last > i ? gaz.byLowerKey.get(key.toLowerCase()) : undefined);
      if (entries) cityMatch = { last, entries };
      if (!gaz.prefixes.has(key) && !gaz.lowerPrefixes.has(key.toLowerCase()) && known.maxWords <= last - i + 1) break;
    }
    if (knownMatch && (!cityMatch || knownMatch.last >= cityMatch.last)) {
      const end = tokens[knownMatch.last]!.end;
      places.push({
        city: knownMatch.place.name,
        country: knownMatch.place.country,
        start: first.start,
        end,
        surface: text.slice(first.start, end),
        locative: locativeBefore(text, tokens, i),
      });
      i = knownMatch.last + 1;
      continue;
    }
    if (!cityMatch) {
      const seat = seatAt(text, tokens, i);
      if (seat) {
        const end = tokens[seat.last]!.end;
        places.push({
          city: seat.city,
          country: seat.country,
          start: first.start,
          end,
          surface: text.slice(first.start, end),
          locative: true,
        });
        i = seat.last + 1;
        continue;
      }
      i++;
      continue;
    }
    const last = cityMatch.last;
    const tail = tailAfter(text, tokens, last, gaz);
    const locative = tail !== null || locativeBefore(text, tokens, i) || venueAfterThe(text, tokens, i, last);
    const prev = tokens[i - 1];
    const next = tokens[last + 1];
    // "European Union", "Soviet Union": a country's or union's name, not a town called Union.
    if (
      prev &&
      gapBetween(text, prev, first) === ' ' &&
      countryFromWord(surfaceOf(text, first, tokens[last]!)) === null &&
      countryFromWord(text.slice(prev.start, tokens[last]!.end)) !== null
    ) {
      i = last + 1;
      continue;
    }
    const partOfName =
      !tail &&
      ((prev !== undefined && gapBetween(text, prev, first) === ' ' && isNameWord(prev) && !locative) ||
        (next !== undefined &&
          gapBetween(text, tokens[last]!, next) === ' ' &&
          isNameWord(next) &&
          !TALKS_AFTER.has(next.text.toLowerCase()) &&
          !isLabel(text, next)));
    if (partOfName || inCompound(text, tokens, i, last)) {
      i = last + 1;
      continue;
    }
    const entry = choose(cityMatch.entries, tail);
    if (!entry) {
      i++;
      continue;
    }
    const surface = text.slice(first.start, tokens[last]!.end);
    const singleWord = last === i;
    if (singleWord) surnames ??= surnamesIn(text, tokens, gaz);
    const needsContext = entry.wordLike || (entry.population < SMALL_TOWN && !entry.venue) || (singleWord && surnames!.has(first.text));
    if (needsContext && !locative && !talksWordAfter(text, tokens, last)) {
      i = last + 1;
      continue;
    }
    places.push({ city: entry.name, country: entry.country, start: first.start, end: tokens[last]!.end, surface, locative });
    let nextIndex = last + 1;
    if (tail) while (nextIndex < tokens.length && tokens[nextIndex]!.start < tail.end) nextIndex++;
    i = nextIndex;
  }
  return places;
}

export interface RegionMention {
  region: string;
  country: CountryCode;
  start: number;
  end: number;
  surface: string;
  /** A place preposition stands before it ("talks in Florida"). */
  locative: boolean;
}

/**
 * States, provinces and nations named in a text ("weekend meetings in Florida"), for a country
 * when no city is named. Regions right after "City," are part of that city's name and skipped.
 */
export function findRegionMentions(text: string): RegionMention[] {
  const gaz = getGazetteer();
  const tokens = tokenize(text);
  const found: RegionMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    if (!isCapitalised(first.text)) continue;
    let match: { last: number; region: Region } | null = null;
    for (let last = i; last < i + 4 && last < tokens.length; last++) {
      if (last > i && !joinable(text, tokens[last - 1]!, tokens[last]!)) break;
      const region = gaz.regionsByKey.get(phraseKey(text.slice(first.start, tokens[last]!.end)))?.[0];
      if (region) match = { last, region };
    }
    if (!match) continue;
    const surface = text.slice(first.start, tokens[match.last]!.end);
    // Abbreviations ("Ga.", "Pa.", "ACT") are read only after "City," where findPlaces uses them.
    if (/^\p{Lu}[\p{Ll}]?\.?$|^\p{Lu}+$/u.test(surface) || /^\p{Lu}\.\p{Lu}/u.test(surface)) continue;
    const before = text.slice(Math.max(0, first.start - 2), first.start);
    const prev = tokens[i - 1];
    const afterCity = /,\s*$/.test(before) && prev !== undefined && isCapitalised(prev.text);
    const next = tokens[match.last + 1];
    const nameWord =
      !afterCity &&
      ((prev !== undefined && gapBetween(text, prev, first) === ' ' && isNameWord(prev) && !gaz.regionsByKey.has(phraseKey(prev.text))) ||
        (next !== undefined && gapBetween(text, tokens[match.last]!, next) === ' ' && isNameWord(next)));
    if (afterCity || nameWord || countryFromWord(surface) !== null) {
      i = match.last;
      continue;
    }
    found.push({
      region: match.region.names[0]!,
      country: match.region.country,
      start: first.start,
      end: tokens[match.last]!.end,
      surface,
      locative: locativeBefore(text, tokens, i),
    });
    i = match.last;
  }
  return found;
}
