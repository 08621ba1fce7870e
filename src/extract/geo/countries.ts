// Country words in news English: names, short forms, demonyms, capitals and seats of government.
//
// The EU rule: "EU", "European Union", "European Commission/Council/Parliament" always mean the
// Union. "Europe", "European" and "Europeans" mean it too ("European partners", "the Europeans
// introduced changes"), except after a geographic qualifier ("Eastern Europe", "non-European").
// "Brussels" means the Union when it acts ("Brussels warned"); after a place preposition ("talks in
// Brussels") it is a place, reported as Belgium with `locative: true`.
//
// Capitals count as their country (the "Moscow is planning" metonym); every mention carries its
// `kind` and whether a place preposition stands before it, so callers can tell "Moscow said" (an
// actor) from "met in Moscow" (a place).
import type { CountryCode } from '../../domain/types.ts';
import { readFileSync } from 'node:fs';
import {
  AMBIGUOUS_CAPITALS,
  CAPITAL_ALIASES,
  EU_DEMONYMS,
  EU_GEOGRAPHIC_QUALIFIERS,
  EU_NAMES,
  EXTRA_COUNTRY_NAMES,
  EXTRA_DEMONYMS,
  INSTITUTIONS,
  MOVEMENTS,
  NAME_LIKE_COUNTRIES,
  PREFERRED_OWNER,
} from './countryWords.ts';
import { REGIONS } from './regions.ts';

export type CountryWordKind = 'name' | 'demonym' | 'capital' | 'institution';

export interface CountryMention {
  code: CountryCode;
  start: number;
  end: number;
  surface: string;
  kind: CountryWordKind;
  /** A place preposition ("in", "at", "to", "near"...) stands right before it. */
  locative: boolean;
}

interface CountryRecord {
  code: string;
  name: string;
  official: string;
  names: string[];
  demonyms: string[];
  capitals: string[];
  sovereign: boolean;
}

interface LexiconEntry {
  code: CountryCode;
  kind: CountryWordKind;
}

/** Forms from the generated data that are ordinary English in running text. */
const BLOCKED_FORMS = new Set(['Island', 'Mann', 'Dominique', 'Douglas', 'Sofia', 'Man', 'Viti']);

const KIND_RANK: Record<CountryWordKind, number> = { institution: 0, name: 1, demonym: 2, capital: 3 };

/** The lookup key of a phrase: accents, dots and hyphens do not matter; case does ("US" is not "us"). */
export function phraseKey(phrase: string): string {
  // Most phrases are plain ASCII words: skip the costly Unicode normalisation for them.
  if (/^[A-Za-z]+$/.test(phrase)) return phrase;
  return phrase
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\./g, '')
    .replace(/[-\u2010-\u2015]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function pluralDemonym(demonym: string): string | null {
  if (/(ese|ish|ch|ss|sh|s|x|z)$/i.test(demonym)) return null;
  return demonym + 's';
}

interface CountryLexicon {
  entries: Map<string, LexiconEntry>;
  /** Multi-word region names that hold a country word ("New Mexico", "British Columbia", "Northern Ireland"). */
  regionPhrases: Set<string>;
  /** Leading words of multi-word forms ("United", "White"): a longer match may follow. */
  prefixes: Set<string>;
  maxWords: number;
  names: Map<CountryCode, string>;
}

let lexicon: CountryLexicon | null = null;

function buildLexicon(): CountryLexicon {
  const records = JSON.parse(readFileSync(new URL('./data/countries.json', import.meta.url), 'utf8')) as CountryRecord[];
  const sovereign = new Map(records.map((r) => [r.code, r.sovereign]));
  const entries = new Map<string, LexiconEntry>();
  let maxWords = 1;
  const add = (form: string, code: CountryCode, kind: CountryWordKind): void => {
    if (BLOCKED_FORMS.has(form)) return;
    const key = phraseKey(form);
    if (!key || BLOCKED_FORMS.has(key)) return;
    const preferred = PREFERRED_OWNER[key];
    const existing = entries.get(key);
    if (existing) {
      if (preferred !== undefined) {
        if (existing.code === preferred) return;
        if (code !== preferred) return;
      } else {
        if (KIND_RANK[existing.kind] < KIND_RANK[kind]) return;
        if (KIND_RANK[existing.kind] === KIND_RANK[kind] && (sovereign.get(existing.code) || !sovereign.get(code))) return;
      }
    }
    entries.set(key, { code, kind });
    maxWords = Math.max(maxWords, key.split(' ').length);
  };

  for (const [code, forms] of Object.entries(INSTITUTIONS)) for (const f of forms) add(f, code, 'institution');
  for (const [code, forms] of Object.entries(MOVEMENTS)) for (const f of forms) add(f, code, 'institution');
  for (const [code, forms] of Object.entries(EXTRA_COUNTRY_NAMES)) for (const f of forms) add(f, code, 'name');
  for (const r of records) for (const f of [r.name, r.official, ...r.names]) add(f, r.code, 'name');
  for (const [code, forms] of Object.entries(EXTRA_DEMONYMS)) for (const f of forms) add(f, code, 'demonym');
  for (const r of records) {
    for (const d of r.demonyms) {
      add(d, r.code, 'demonym');
      const plural = pluralDemonym(d);
      if (plural) add(plural, r.code, 'demonym');
    }
  }
  for (const r of records) {
    if (!r.sovereign) continue;
    for (const c of r.capitals) if (!AMBIGUOUS_CAPITALS.has(c)) add(c, r.code, 'capital');
  }
  for (const [code, forms] of Object.entries(CAPITAL_ALIASES)) for (const f of forms) add(f, code, 'capital');
  for (const f of EU_NAMES) entries.set(phraseKey(f), { code: 'EU', kind: 'institution' });
  for (const f of EU_DEMONYMS) entries.set(phraseKey(f), { code: 'EU', kind: 'demonym' });
  maxWords = Math.max(maxWords, ...EU_NAMES.map((f) => phraseKey(f).split(' ').length));

  const names = new Map<CountryCode, string>(records.map((r) => [r.code, r.name]));
  names.set('EU', 'European Union');
  const prefixes = new Set<string>();
  for (const key of entries.keys()) {
    const words = key.split(' ');
    for (let n = 1; n < words.length; n++) prefixes.add(words.slice(0, n).join(' '));
  }
  const regionPhrases = new Set<string>();
  for (const region of REGIONS) {
    for (const name of region.names) {
      const key = phraseKey(name);
      const words = key.split(' ');
      if (words.length > 1 && words.some((w) => entries.has(w))) {
        regionPhrases.add(key);
        for (let n = 1; n < words.length; n++) prefixes.add(words.slice(0, n).join(' '));
      }
    }
  }
  return { entries, regionPhrases, prefixes, maxWords, names };
}

function getLexicon(): CountryLexicon {
  lexicon ??= buildLexicon();
  return lexicon;
}

function stripPossessive(word: string): string {
  return word.replace(/['\u2019]s?$/u, '');
}

/**
 * The country a single word or phrase names: "Ukraine", "U.S.", "Ukrainian", "Kremlin",
 * "Ukraine's", "European Union". Null when it names none.
 */
export function countryFromWord(word: string): CountryCode | null {
  const cleaned = stripPossessive(word.trim().replace(/^[^\p{L}]+|[^\p{L}.'\u2019]+$/gu, '')).replace(/^the\s+/i, '');
  if (!cleaned) return null;
  const { entries } = getLexicon();
  const direct = entries.get(phraseKey(cleaned));
  if (direct) return direct.code;
  // Tolerate case slips in callers' input ("ukraine", "RUSSIA"), but not for short forms like "us".
  if (cleaned.length > 3 && (cleaned === cleaned.toLowerCase() || cleaned === cleaned.toUpperCase())) {
    const titled = cleaned.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    return entries.get(phraseKey(titled))?.code ?? null;
  }
  return null;
}

/** The English short name of a country code ("UA" -> "Ukraine", "EU" -> "European Union"). */
export function countryName(code: CountryCode): string {
  return getLexicon().names.get(code.toUpperCase()) ?? code.toUpperCase();
}

/** The flag emoji of a country code, built from regional indicator letters (also for "EU"). */
export function countryFlag(code: CountryCode): string {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return '';
  return String.fromCodePoint(...upper.split('').map((ch) => 0x1f1e6 + ch.charCodeAt(0) - 65));
}

// ---------- finding mentions in running text ----------

interface Token {
  text: string;
  start: number;
  end: number;
}

// Abbreviations with dots ("U.S.", "E.U.") are one token; everything else splits at non-letters,
// so "Ukrainian-U.S." gives two tokens and "Ukraine's" gives "Ukraine" and "s".
const TOKEN = /\p{Lu}(?:\.\p{Lu})+\.?|[\p{L}\p{M}\p{N}]+/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}

const LOCATIVE_WORDS = new Set([
  'in',
  'at',
  'to',
  'near',
  'outside',
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
  'within',
]);

/** Capitalised words that do not make a neighbouring word part of a person's name. */
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
  'Neither',
  'Nor',
  'Or',
  'A',
  'An',
  'Like',
  'Unlike',
  'Into',
]);

const isCapitalised = (s: string): boolean => /^\p{Lu}/u.test(s);
const titleCased = (key: string): string =>
  key
    .toLowerCase()
    .replace(/(^|\s)(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/\b(Of|The|And)\b/g, (w) => w.toLowerCase());

/** Before a demonym these make it a region of the world, not the country: "Latin American". */
const DEMONYM_REGION_QUALIFIERS = new Set(['Latin', 'South', 'North', 'Central', 'African', 'Native', 'Pan', 'Anglo', 'Meso']);
/** After a country word these make it a sea or a landmass: "Indian Ocean". */
const GEOGRAPHIC_NOUNS = new Set(['Ocean', 'Sea', 'Gulf', 'Peninsula', 'Subcontinent', 'Archipelago']);

/** Only spaces (and at most one hyphen or apostrophe) may join the words of one phrase. */
function joinable(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return /^(?:\s+|\s*[-\u2010\u2011'\u2019]\s*|\.?\s+)$/u.test(gap) && !/\n\s*\n/.test(gap);
}

function previousWord(text: string, tokens: Token[], i: number): string | null {
  const prev = tokens[i - 1];
  if (!prev) return null;
  if (!/^\s+$/.test(text.slice(prev.end, tokens[i]!.start))) return null;
  return prev.text;
}

function adjacentNameWord(text: string, tokens: Token[], first: number, last: number): boolean {
  const prev = tokens[first - 1];
  const next = tokens[last + 1];
  const { entries } = getLexicon();
  const isNameWord = (t: Token | undefined): boolean =>
    t !== undefined && isCapitalised(t.text) && !FUNCTION_WORDS.has(t.text) && !entries.has(phraseKey(t.text));
  if (prev && /^ $/.test(text.slice(prev.end, tokens[first]!.start)) && isNameWord(prev)) return true;
  if (next && /^ $/.test(text.slice(tokens[last]!.end, next.start)) && isNameWord(next)) return true;
  return false;
}

/**
 * Every country mention in a text, longest phrase first ("United States" before "States"),
 * with character offsets into `text`.
 */
export function findCountryMentions(text: string): CountryMention[] {
  const { entries, regionPhrases, prefixes, maxWords } = getLexicon();
  const tokens = tokenize(text);
  const mentions: CountryMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (!isCapitalised(first.text)) {
      i++;
      continue;
    }
    let matched: { last: number; entry: LexiconEntry } | null = null;
    let region = -1;
    for (let last = i; last < i + maxWords && last < tokens.length; last++) {
      if (last > i && !joinable(text, tokens[last - 1]!, tokens[last]!)) break;
      let key = phraseKey(text.slice(first.start, tokens[last]!.end));
      // Headlines in capitals ("UKRAINE AND RUSSIA"): read words of four letters or more title-cased.
      if (!entries.has(key) && !prefixes.has(key) && key.length > 3 && !/\p{Ll}/u.test(key)) key = titleCased(key);
      const entry = entries.get(key);
      if (entry) matched = { last, entry };
      if (regionPhrases.has(key)) region = last;
      if (!prefixes.has(key)) break;
    }
    if (region >= 0 && (!matched || region >= matched.last)) {
      i = region + 1;
      continue;
    }
    if (!matched) {
      i++;
      continue;
    }
    const end = tokens[matched.last]!.end;
    const surface = text.slice(first.start, end);
    const prevWord = previousWord(text, tokens, i);
    const locative = prevWord !== null && LOCATIVE_WORDS.has(prevWord.toLowerCase());
    let { code, kind } = matched.entry;
    let keep = true;
    if (NAME_LIKE_COUNTRIES.has(surface) && adjacentNameWord(text, tokens, i, matched.last)) keep = false;
    if (code === 'EU' && kind === 'demonym' && prevWord !== null && EU_GEOGRAPHIC_QUALIFIERS.has(prevWord)) keep = false;
    if (kind === 'demonym' && code !== 'EU' && prevWord !== null && DEMONYM_REGION_QUALIFIERS.has(prevWord)) keep = false;
    if (
      kind === 'demonym' &&
      code !== 'EU' &&
      /-$/.test(text.slice(0, first.start)) &&
      DEMONYM_REGION_QUALIFIERS.has(tokens[i - 1]?.text ?? '')
    )
      keep = false;
    const nextToken = tokens[matched.last + 1];
    if (nextToken && /^ $/.test(text.slice(end, nextToken.start)) && GEOGRAPHIC_NOUNS.has(nextToken.text)) keep = false;
    // "Atlanta, Georgia": a US state after a city, not the country.
    if (
      surface === 'Georgia' &&
      /^,\s*$/.test(text.slice(tokens[i - 1]?.end ?? 0, first.start)) &&
      isCapitalised(tokens[i - 1]?.text ?? '')
    )
      keep = false;
    if (
      code === 'EU' &&
      /-\s*$/.test(text.slice(Math.max(0, first.start - 2), first.start)) &&
      /^(non|pan)$/i.test(tokens[i - 1]?.text ?? '')
    )
      keep = false;
    if (surface === 'Brussels' && locative) {
      code = 'BE';
      kind = 'capital';
    }
    if (keep) mentions.push({ code, start: first.start, end, surface, kind, locative });
    i = matched.last + 1;
  }
  return mentions;
}
