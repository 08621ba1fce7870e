// Duplicate detection, pure: canonical URLs, exact content hashes and near-duplicate fingerprints.
//
// Near duplicates (a syndicated copy with a changed headline, a trimmed paragraph, a few edited
// words) are found in two steps: a 64-bit SimHash over word 3-shingles selects candidates cheaply
// (a small Hamming distance), then the closest few are compared exactly: their shingle sets
// (Jaccard resemblance) and the names and numbers they mention. SimHash alone is not enough at
// scale: unrelated articles land within 16 bits of each other often enough that a store of many
// thousands would merge a few by accident; and shared wording alone is not enough either, since
// wire reports of different meetings are written from the same template.
//
// What a report says is in its facts: the names, places, dates and numbers in its sentences. Two
// texts are one report only when no fact of one stands where the other has a different one
// (`conflictingFacts`): "talks on Dec. 19" and "talks on Dec. 21" are two articles however alike
// the rest is, while a copy may add a byline, a credit line or a fuller date and stay a copy.
import { createHash } from 'node:crypto';
import { isBoilerplateLine } from '../clean/boilerplate.ts';
import { countryFromWord } from '../extract/geo/countries.ts';

/** Query parameters that only track where a click came from; they never change the page. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'yclid',
  'mc_cid',
  'mc_eid',
  'igshid',
  '_ga',
  '_gl',
  'ocid',
  'cmpid',
]);

/**
 * The URL that identifies an article: tracking parameters (utm_*, fbclid, ...) and the fragment
 * removed, host lower-cased, a trailing slash dropped, remaining parameters sorted.
 * Throws on a string that is not an absolute http(s) URL.
 */
export function canonicalUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`not an http(s) URL: ${raw}`);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams.entries()].filter(([name]) => {
    const lower = name.toLowerCase();
    return !lower.startsWith('utm_') && !TRACKING_PARAMETERS.has(lower);
  });
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = '';
  for (const [name, value] of kept) url.searchParams.append(name, value);
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

/** Lower case, accents kept, typographic variants unified, everything but letters and digits a single space. */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(text: string): string[] {
  const normalised = normaliseForComparison(text);
  return normalised === '' ? [] : normalised.split(' ');
}

/** SHA-256 of the normalised text: equal for copies that differ only in spacing, case or punctuation. */
export function contentHash(text: string): string {
  return hashOfNormalised(normaliseForComparison(text));
}

function hashOfNormalised(normalised: string): string {
  return createHash('sha256').update(normalised).digest('hex');
}

/** `contentHash` and `fingerprint` of one text, normalising it once (storing an article needs both). */
export function hashAndFingerprint(text: string): { hash: string; print: TextFingerprint } {
  const normalised = normaliseForComparison(text);
  return { hash: hashOfNormalised(normalised), print: fingerprintOf(text, normalised === '' ? [] : normalised.split(' ')) };
}

const SHINGLE_SIZE = 3;

/** Overlapping word n-grams; a text shorter than one shingle is one shingle of all its words. */
export function shingles(text: string, size = SHINGLE_SIZE): string[] {
  return shinglesOf(words(text), size);
}

function shinglesOf(w: string[], size = SHINGLE_SIZE): string[] {
  if (w.length === 0) return [];
  if (w.length <= size) return [w.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + size <= w.length; i++) out.push(w.slice(i, i + size).join(' '));
  return out;
}

/** Two independent 32-bit string hashes (a cyrb53-style mix), together a 64-bit feature hash. */
function hash64(feature: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < feature.length; i++) {
    const ch = feature.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** Everything dedup needs of one text, computed in one pass over its words. */
export interface TextFingerprint {
  wordCount: number;
  /** 64-bit SimHash of the word 3-shingles, as 16 lower-case hex digits. */
  simhash: string;
  /** The shingles, each as a 32-bit hash (collisions are too rare to move a resemblance). */
  shingles: Set<number>;
  /** The words of those facts (`factWords`). */
  names: Set<string>;
  /** The facts of its sentences by the words around them (see `factSlots`). */
  facts: FactSlots;
}

/** What `nearDuplicateScore` compares of a text: a fingerprint without the SimHash (a stored article has it already). */
export type ComparableText = Omit<TextFingerprint, 'simhash'>;

export function comparableText(text: string): ComparableText {
  const w = words(text);
  const hashed = new Set<number>();
  for (const shingle of shinglesOf(w)) hashed.add(hash64(shingle)[0]);
  const facts = factSlots(text);
  return { wordCount: w.length, shingles: hashed, names: factWords(facts), facts };
}

export function fingerprint(text: string): TextFingerprint {
  return fingerprintOf(text, words(text));
}

function fingerprintOf(text: string, w: string[]): TextFingerprint {
  const facts = factSlots(text);
  const weights = new Int32Array(64);
  const hashed = new Set<number>();
  for (const shingle of shinglesOf(w)) {
    const [high, low] = hash64(shingle);
    if (hashed.has(high)) continue;
    hashed.add(high);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (high >>> (31 - bit)) & 1 ? 1 : -1;
      weights[32 + bit]! += (low >>> (31 - bit)) & 1 ? 1 : -1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) high |= 1 << (31 - bit);
    if (weights[32 + bit]! > 0) low |= 1 << (31 - bit);
  }
  return {
    wordCount: w.length,
    simhash: (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0'),
    shingles: hashed,
    names: factWords(facts),
    facts,
  };
}

/** 64-bit SimHash of the text's word 3-shingles, as 16 lower-case hex digits. */
export function simhash(text: string): string {
  return fingerprint(text).simhash;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two 16-hex-digit SimHashes. */
export function hammingDistance(a: string, b: string): number {
  const ah = parseInt(a.slice(0, 8), 16);
  const al = parseInt(a.slice(8), 16);
  const bh = parseInt(b.slice(0, 8), 16);
  const bl = parseInt(b.slice(8), 16);
  if (a.length !== 16 || b.length !== 16 || Number.isNaN(ah + al + bh + bl)) throw new Error(`not a 64-bit hex SimHash: ${a} / ${b}`);
  return popcount32(ah ^ bh) + popcount32(al ^ bl);
}

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * The SimHashes of stored articles held in memory as two 32-bit halves, for the candidate scan:
 * XOR and popcount over plain numbers, no string parsing per article. It only grows; `add` takes
 * ids in increasing order so a repository can top it up with what other processes stored.
 */
export class SimhashIndex {
  private readonly ids: number[] = [];
  private readonly highs: number[] = [];
  private readonly lows: number[] = [];

  get lastId(): number {
    return this.ids.at(-1) ?? 0;
  }

  get size(): number {
    return this.ids.length;
  }

  add(id: number, simhash: string): void {
    this.ids.push(id);
    this.highs.push(parseInt(simhash.slice(0, 8), 16) >>> 0);
    this.lows.push(parseInt(simhash.slice(8), 16) >>> 0);
  }

  /** Ids within `maxDistance` bits of `simhash`, closest first, at most `limit`. */
  nearest(simhash: string, maxDistance: number, limit: number): number[] {
    const high = parseInt(simhash.slice(0, 8), 16) >>> 0;
    const low = parseInt(simhash.slice(8), 16) >>> 0;
    const found: Array<{ id: number; distance: number }> = [];
    for (let i = 0; i < this.ids.length; i++) {
      const distance = popcount32(high ^ this.highs[i]!) + popcount32(low ^ this.lows[i]!);
      if (distance <= maxDistance) found.push({ id: this.ids[i]!, distance });
    }
    return found
      .sort((a, b) => a.distance - b.distance || a.id - b.id)
      .slice(0, limit)
      .map((f) => f.id);
  }
}

/** |A ∩ B| / |A ∪ B| over the two texts' shingle sets; 1 for identical wording, near 0 for different articles. */
export function resemblance(a: string, b: string): number {
  return jaccard(new Set(shingles(a)), new Set(shingles(b)));
}

/**
 * The words of a text's facts (names, places, dates, numbers) in its sentences: what makes an
 * article about one event. Headlines, bylines and credits are left out, since copies change them.
 */
export function factWords(facts: FactSlots): Set<string> {
  const out = new Set<string>();
  for (const values of facts.values()) for (const value of values) for (const word of value) out.add(word);
  return out;
}

/**
 * SimHash distance up to which an article is a near-duplicate candidate. A copy with a few edited
 * words or one paragraph more or less differs in about 5-16 bits; unrelated texts in about 32.
 */
export const NEAR_DUPLICATE_CANDIDATE_DISTANCE = 20;
/** Shingle resemblance from which a candidate may be the same article... */
export const NEAR_DUPLICATE_MIN_RESEMBLANCE = 0.5;
/**
 * ...provided it also names the same people, places and dates. Reports of different meetings
 * written from one template (wire copy, "officials said" filler) share half their shingles but
 * few names; a syndicated copy shares nearly all of them.
 */
export const NEAR_DUPLICATE_MIN_NAME_OVERLAP = 0.7;
/** From this resemblance on, the wording alone decides: the texts are the same. */
export const NEAR_DUPLICATE_SURE_RESEMBLANCE = 0.85;
/** Texts shorter than this many words are too short to call near duplicates (only exact copies count). */
export const NEAR_DUPLICATE_MIN_WORDS = 40;

/**
 * A text's facts keyed by where they stand: for every run of fact words (a name, a place, a date,
 * a number: capitalised, holding a digit or a number word; a sentence's first word only when it
 * holds a digit or is in capitals, like a dateline) the two ordinary words before it (or the one,
 * when a fact comes before that) and those after it, each a key, with the run's words as the value. Only sentences count, in paragraphs of at least eight words that end like
 * prose: headlines, bylines, credits and copyright lines are what copies change.
 */
export type FactSlots = Map<string, string[][]>;

/** Number words and ordinals are numbers too: "the fifth round" and "the sixth round" differ. */
const NUMBER_WORDS = new Set(
  (
    'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty ' +
    'thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen dozens hundreds thousands millions ' +
    'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth half twice'
  ).split(' '),
);

/** Month abbreviations as the month, so "Dec. 19" and "December 19" are one date. */
const MONTH_ABBREVIATIONS: Record<string, string> = {
  jan: 'january',
  feb: 'february',
  mar: 'march',
  apr: 'april',
  jun: 'june',
  jul: 'july',
  aug: 'august',
  sep: 'september',
  sept: 'september',
  oct: 'october',
  nov: 'november',
  dec: 'december',
};

const FACT_PARAGRAPH_MIN_WORDS = 8;
const PROSE_END = /[.!?…]["'”’)\]]*$/u;

export function factSlots(text: string): FactSlots {
  const slots: FactSlots = new Map();
  for (const paragraph of text.split(/\n\s*\n|\n(?=\s*\S)/)) {
    const trimmed = paragraph.trim();
    if (!PROSE_END.test(trimmed) || isBoilerplateLine(trimmed)) continue;
    // Words keep inner dots ("U.S.", "3.5"); a dot after a short capitalised word ("Dec.", "Mr.")
    // is an abbreviation's, not a sentence's end.
    const raw = trimmed.normalize('NFKC').match(/[\p{L}\p{N}](?:[\p{L}\p{N}'’-]|\.(?=[\p{L}\p{N}]))*|[.!?;:]/gu) ?? [];
    const tokens = raw.filter((token, i) => !(token === '.' && i > 0 && /^(?:\p{Lu}[\p{L}]{0,3}|\p{L}(?:\.\p{L})+)$/u.test(raw[i - 1]!)));
    if (tokens.filter((t) => /[\p{L}\p{N}]/u.test(t)).length < FACT_PARAGRAPH_MIN_WORDS) continue;
    // Each token as ordinary word, fact word or sentence break.
    const kinds: Array<'word' | 'fact' | 'break'> = [];
    let sentenceStart = true;
    for (const token of tokens) {
      if (/^[.!?;:]$/.test(token)) {
        kinds.push('break');
        sentenceStart = token !== ';' && token !== ':' ? true : sentenceStart;
        continue;
      }
      const bare = token.replace(/['’-]+$/u, '');
      const isFact =
        /\p{N}/u.test(bare) ||
        NUMBER_WORDS.has(bare.toLowerCase()) ||
        (/^\p{Lu}/u.test(bare) && (!sentenceStart || (bare.length > 1 && bare === bare.toUpperCase())));
      kinds.push(isFact ? 'fact' : 'word');
      sentenceStart = false;
    }
    const key = (i: number) => {
      const word = tokens[i]!.toLowerCase()
        .replace(/['’-]+$/u, '')
        .replace(/’/g, "'");
      return MONTH_ABBREVIATIONS[word] ?? word;
    };
    for (let i = 0; i < tokens.length; i++) {
      if (kinds[i] !== 'fact' || kinds[i - 1] === 'fact') continue;
      let end = i;
      while (kinds[end + 1] === 'fact') end++;
      const value: string[] = [];
      for (let j = i; j <= end; j++) value.push(key(j));
      // Keyed by the two words before and, separately, the two after: an edit on one side of a
      // fact ("envoy Steve Witkoff said" / "Secretary of State Marco Rubio said") leaves the other.
      // Facts stand close together ("Lavrov in Muscat on Feb. 22"): one ordinary word will do.
      if (kinds[i - 1] === 'word') addSlot(slots, kinds[i - 2] === 'word' ? `${key(i - 2)} ${key(i - 1)} _` : `${key(i - 1)} _`, value);
      if (kinds[end + 1] === 'word')
        addSlot(slots, kinds[end + 2] === 'word' ? `_ ${key(end + 1)} ${key(end + 2)}` : `_ ${key(end + 1)}`, value);
    }
  }
  return slots;
}

function addSlot(slots: FactSlots, slot: string, value: string[]): void {
  const list = slots.get(slot);
  if (list) list.push(value);
  else slots.set(slot, [value]);
}

/** True when every word of `inner` is in `outer`: "Friday" within "Friday May 16". */
function within(inner: string[], outer: string[]): boolean {
  return inner.every((word) => outer.includes(word));
}

/**
 * Whether two facts in one slot can be the same fact told two ways: one within the other
 * ("Rubio", "Marco Rubio"; "Dec. 19", "December 19, 2025"), or one country ("United States", "US").
 */
function sameFact(a: string[], b: string[]): boolean {
  if (within(a, b) || within(b, a)) return true;
  const country = countryOf(a);
  return country !== null && country === countryOf(b);
}

/** Facts are kept lower-case; a short form is looked up as written in news ("US", "EU"). */
function countryOf(fact: string[]): string | null {
  return countryFromWord(fact.length === 1 && fact[0]!.length <= 3 ? fact[0]!.toUpperCase() : fact.join(' '));
}

/**
 * The slots where the two texts state different facts: the same words around a name, place,
 * date or number, and neither text's fact there contained in one of the other's.
 */
export function conflictingFacts(a: FactSlots, b: FactSlots): string[] {
  const conflicts: string[] = [];
  for (const [slot, valuesA] of a) {
    const valuesB = b.get(slot);
    if (!valuesB) continue;
    const agrees = (value: string[], others: string[][]) => others.some((other) => sameFact(value, other));
    if (!valuesA.every((value) => agrees(value, valuesB)) && !valuesB.every((value) => agrees(value, valuesA))) conflicts.push(slot);
  }
  return conflicts;
}

/** Resemblance of two texts when they are near duplicates (the higher, the closer), else null. */
export function nearDuplicateScore(a: ComparableText, b: ComparableText): number | null {
  if (a.wordCount < NEAR_DUPLICATE_MIN_WORDS || b.wordCount < NEAR_DUPLICATE_MIN_WORDS) return null;
  const score = jaccard(a.shingles, b.shingles);
  if (score < NEAR_DUPLICATE_MIN_RESEMBLANCE) return null;
  // However alike the wording, a different date, number, name or place makes another report.
  if (conflictingFacts(a.facts, b.facts).length > 0) return null;
  if (score >= NEAR_DUPLICATE_SURE_RESEMBLANCE) return score;
  return jaccard(a.names, b.names) >= NEAR_DUPLICATE_MIN_NAME_OVERLAP ? score : null;
}

export function isNearDuplicate(a: string, b: string): boolean {
  const fa = fingerprint(a);
  const fb = fingerprint(b);
  if (hammingDistance(fa.simhash, fb.simhash) > NEAR_DUPLICATE_CANDIDATE_DISTANCE) return false;
  return nearDuplicateScore(fa, fb) !== null;
}
