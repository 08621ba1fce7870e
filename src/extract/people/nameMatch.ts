// Deciding whether two spellings name the same person. Used inside one article (a bare surname
// after a full name) and across articles by the merge stage. Transliterations of Slavic and
// other names vary between outlets, so names are compared through a phonetic-ish "fold" built
// from generic rules, never from a list of known names.

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'sir',
  'madam',
  'mme',
  'm',
  'herr',
  'frau',
  'sen',
  'rep',
  'gen',
  'lt',
  'col',
  'capt',
]);

const normalizeCache = new Map<string, string>();

/** Lower case, accents folded, apostrophes and dashes unified, honorifics and punctuation dropped. */
export function normalizeName(name: string): string {
  const cached = normalizeCache.get(name);
  if (cached !== undefined) return cached;
  if (normalizeCache.size > 50_000) normalizeCache.clear();
  const normalized = normalizeUncached(name);
  normalizeCache.set(name, normalized);
  return normalized;
}

function normalizeUncached(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u201b\u2032`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .toLowerCase()
    // Possessive "Trump's" is the same person as "Trump".
    .replace(/'s\b/g, '')
    .replace(/[^a-z0-9' -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const tokens = folded.split(' ').filter((t) => t.length > 0);
  while (tokens.length > 1 && HONORIFICS.has(tokens[0]!.replace(/'/g, ''))) tokens.shift();
  return tokens.join(' ');
}

/** Name tokens of a normalised name; hyphens and apostrophes kept inside a token. */
function nameTokens(name: string): string[] {
  return normalizeName(name)
    .split(' ')
    .map((t) => t.replace(/^['-]+|['-]+$/g, ''))
    .filter((t) => t.length > 0);
}

// Ordered rewrite rules that map common romanisation variants onto one spelling. Applied to a
// single lower-case token.
const FOLD_RULES: Array<[RegExp, string]> = [
  [/'/g, ''],
  [/-/g, ''],
  // Digraph families first, so later single-letter rules do not split them.
  [/shch/g, 'sc'],
  [/sch/g, 's'],
  [/tch/g, 'c'],
  [/ch/g, 'c'],
  [/zh/g, 'j'],
  [/sh/g, 's'],
  [/kh/g, 'h'],
  [/ts/g, 'c'],
  [/tz/g, 'c'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/w/g, 'v'],
  [/x/g, 'ks'],
  [/j/g, 'y'],
  // Iotated vowels: ya/ia, yu/iu, ye/ie are the same Cyrillic letter in different systems.
  [/([aeiou])y([aeiou])/g, '$1i$2'],
  [/y([aeiou])/g, 'i$1'],
  // Endings: -iy, -ii, -yy, -y, -i, -ij, -yi are the same adjectival ending (Andrii, Andriy).
  [/(?:iy|ii|yy|ij|yi|y)$/g, 'i'],
  // Russian -ei/-ey against Ukrainian -ii/-iy (Andrei, Andrey, Andrii; Sergei, Serhii).
  [/ei$/g, 'i'],
  [/y/g, 'i'],
  // Doubled letters (Witkoff / Witkof; Dmitriyev reaches "dmitriiev" above, then "dmitriev").
  [/(.)\1+/g, '$1'],
];

/** A spelling-insensitive key for one name token. */
const foldCache = new Map<string, string>();

export function foldToken(token: string): string {
  const cached = foldCache.get(token);
  if (cached !== undefined) return cached;
  if (foldCache.size > 50_000) foldCache.clear();
  const folded = applyFoldRules(token);
  foldCache.set(token, folded);
  return folded;
}

function applyFoldRules(token: string): string {
  let t = token.toLowerCase();
  for (const [pattern, replacement] of FOLD_RULES) t = t.replace(pattern, replacement);
  return t;
}

// Folding runs a dozen regex rewrites per token, and merging compares every mention with every
// stored person sharing a surname initial, so the same few thousand names are folded over and over.
const foldedCache = new Map<string, readonly string[]>();

function foldedTokens(name: string): readonly string[] {
  const cached = foldedCache.get(name);
  if (cached !== undefined) return cached;
  if (foldedCache.size > 50_000) foldedCache.clear();
  const folded = Object.freeze(
    nameTokens(name)
      .map(foldToken)
      .filter((t) => t.length > 0),
  );
  foldedCache.set(name, folded);
  return folded;
}

/**
 * Edit distance with adjacent transpositions counted as one edit ("Zelenksyy" for "Zelenskyy" is
 * a typing slip, one edit), bounded: returns max+1 as soon as the distance exceeds `max`.
 */
function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Ukrainian romanises its letter "г" as h where Russian has g: Hnatov and Gnatov, Serhii and
 * Sergii, Olha and Olga. Folded tokens of four letters or more that differ only there agree.
 */
export function sameUpToHG(a: string, b: string): boolean {
  return Math.min(a.length, b.length) >= 4 && a.length === b.length && a.replace(/h/g, 'g') === b.replace(/h/g, 'g');
}

/** True when two folded tokens are spellings of the same name part. */
function tokensMatch(a: string, b: string): boolean {
  if (a === b || sameUpToHG(a, b)) return true;
  // Short tokens (initials, "Li", "Xi") must match exactly; long ones tolerate one edit, which
  // covers an extra or missing soft-sign vowel that the fold rules did not reach.
  if (Math.min(a.length, b.length) < 6) return false;
  return a[0] === b[0] && boundedEditDistance(a, b, 1) <= 1;
}

/** True when an initial ("J.") or a full given name agree. */
function givenNamesAgree(a: string, b: string): boolean {
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return tokensMatch(a, b);
}

/**
 * Whether two names denote the same person: equal after folding spelling variants, or one is a
 * bare surname (or surname with the same given name) of the other. "Zelensky" matches
 * "Volodymyr Zelenskyy"; "Steve Witkoff" matches "Steve Vitkoff"; "Andrii Hnatov" matches
 * "Andriy Hnatov"; "Steve Witkoff" does not match "Jared Witkoff".
 */
export function namesMatch(a: string, b: string): boolean {
  const ta = foldedTokens(a);
  const tb = foldedTokens(b);
  if (ta.length === 0 || tb.length === 0) return false;
  // "Yoon Suk-yeol" and "Yoon Suk Yeol": a hyphenated given name written as two words.
  if (ta.length >= 2 && tb.length >= 2 && ta.length !== tb.length && ta.join('') === tb.join('')) return true;
  const lastA = ta[ta.length - 1]!;
  const lastB = tb[tb.length - 1]!;
  // A bare single token is taken as a surname, the way news style refers back to people; a short
  // one may be the family name that comes first ("Xi" for "Xi Jinping", "Kim" for "Kim Jong Un").
  if (!tokensMatch(lastA, lastB)) {
    if (ta.length === 1 && tb.length >= 2 && lastA.length <= 4 && lastA === tb[0]) return true;
    if (tb.length === 1 && ta.length >= 2 && lastB.length <= 4 && lastB === ta[0]) return true;
    return false;
  }
  if (ta.length === 1 || tb.length === 1) return true;
  // Both have given names: the first given names must agree (initials allowed).
  return givenNamesAgree(ta[0]!, tb[0]!);
}
