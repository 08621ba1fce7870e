// An in-memory index of every person's name and aliases for /who look-ups and autocomplete.
// Holding 10,000 people (a few labels each) costs a few MB and answers in well under a
// millisecond, where a LIKE or fuzzy scan in SQL would not. Matching is spelling-insensitive
// through the same token folding the extractor uses (Zelensky / Zelenskyy / Zelenskiy).
import { foldToken, normalizeName } from '../../extract/people/nameMatch.ts';

export interface NameLabel {
  personId: number;
  /** The canonical name or an alias, as written. */
  label: string;
  isCanonical: boolean;
}

export interface NameMatch {
  personId: number;
  /** The label that matched best. */
  label: string;
  canonicalName: string;
  score: number;
}

interface Entry {
  personId: number;
  label: string;
  isCanonical: boolean;
  normalized: string;
  folded: string;
  gramCount: number;
}

// Scores by kind of match; within a kind, shorter labels (closer to what was typed) rank first.
const EXACT = 1000;
const FOLDED_EXACT = 900;
const LABEL_PREFIX = 800;
const TOKEN_PREFIX = 700;
const FOLDED_PREFIX = 600;
const FUZZY = 400;
/** Trigram similarity (Dice) below which a fuzzy candidate is not a match. */
const MIN_SIMILARITY = 0.4;

export class PeopleNameIndex {
  private readonly entries: Entry[] = [];
  private readonly canonical = new Map<number, string>();
  private readonly weight = new Map<number, number>();
  /** Sorted (token, entry) pairs over normalised and folded tokens, for prefix search by bisection. */
  private readonly tokens: Array<{ token: string; entry: number }> = [];
  private readonly trigrams = new Map<string, number[]>();

  /** `weights` (e.g. how many events a person took part in) break ties between equal matches. */
  constructor(labels: readonly NameLabel[], weights: ReadonlyMap<number, number> = new Map()) {
    for (const l of labels) {
      const normalized = normalizeName(l.label);
      if (!normalized) continue;
      const folded = foldName(normalized);
      const grams = new Set(trigramsOf(folded));
      const index = this.entries.push({ personId: l.personId, label: l.label, isCanonical: l.isCanonical, normalized, folded, gramCount: grams.size }) - 1;
      if (l.isCanonical || !this.canonical.has(l.personId)) this.canonical.set(l.personId, l.label);
      const seen = new Set<string>();
      for (const token of [...normalized.split(' '), ...folded.split(' ')]) {
        if (token && !seen.has(token)) {
          seen.add(token);
          this.tokens.push({ token, entry: index });
        }
      }
      for (const gram of grams) {
        let list = this.trigrams.get(gram);
        if (!list) this.trigrams.set(gram, (list = []));
        list.push(index);
      }
    }
    this.tokens.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : a.entry - b.entry));
    for (const [id, w] of weights) this.weight.set(id, w);
  }

  get size(): number {
    return this.canonical.size;
  }

  /** People whose name or alias matches `query`, best first, one match per person. */
  search(query: string, limit: number): NameMatch[] {
    const normalized = normalizeName(query);
    if (!normalized || limit <= 0) return [];
    const folded = foldName(normalized);
    const best = new Map<number, { entry: Entry; score: number }>();
    const consider = (index: number, score: number) => {
      const entry = this.entries[index]!;
      // Shorter labels first, then canonical names over aliases.
      const adjusted = score - Math.min(entry.normalized.length, 99) / 100 + (entry.isCanonical ? 0.001 : 0);
      const current = best.get(entry.personId);
      if (!current || current.score < adjusted) best.set(entry.personId, { entry, score: adjusted });
    };

    const queryTokens = normalized.split(' ');
    const foldedTokens = folded.split(' ');
    const lastToken = queryTokens[queryTokens.length - 1]!;
    const lastFolded = foldedTokens[foldedTokens.length - 1]!;
    const candidates = new Set<number>([...this.prefixEntries(lastToken), ...this.prefixEntries(lastFolded)]);
    for (const index of candidates) {
      const entry = this.entries[index]!;
      if (entry.normalized === normalized) consider(index, EXACT);
      else if (entry.folded === folded) consider(index, FOLDED_EXACT);
      else if (entry.normalized.startsWith(normalized)) consider(index, LABEL_PREFIX);
      else if (tokensPrefixMatch(entry.normalized.split(' '), queryTokens)) consider(index, TOKEN_PREFIX);
      else if (tokensPrefixMatch(entry.folded.split(' '), foldedTokens)) consider(index, FOLDED_PREFIX);
    }

    if (best.size < limit) {
      for (const [index, similarity] of this.similar(folded)) consider(index, FUZZY + similarity * 100);
    }

    return [...best.values()]
      .sort((a, b) => b.score - a.score || (this.weight.get(b.entry.personId) ?? 0) - (this.weight.get(a.entry.personId) ?? 0) || a.entry.personId - b.entry.personId)
      .slice(0, limit)
      .map(({ entry, score }) => ({ personId: entry.personId, label: entry.label, canonicalName: this.canonical.get(entry.personId)!, score }));
  }

  /** Entries with a token that starts with `prefix`. */
  private prefixEntries(prefix: string): number[] {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tokens[mid]!.token < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    // Very short prefixes can match thousands of tokens; a cap keeps autocomplete fast.
    for (let i = lo; i < this.tokens.length && this.tokens[i]!.token.startsWith(prefix) && found.length < 2000; i += 1) found.push(this.tokens[i]!.entry);
    return found;
  }

  /** Entries whose folded label shares enough trigrams with `folded`. */
  private similar(folded: string): Array<[number, number]> {
    const grams = [...new Set(trigramsOf(folded))];
    if (grams.length === 0) return [];
    const shared = new Map<number, number>();
    for (const gram of grams) for (const index of this.trigrams.get(gram) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
    const results: Array<[number, number]> = [];
    for (const [index, count] of shared) {
      const entryGrams = this.entries[index]!.gramCount;
      // Compare against the best-matching stretch of the label, so a surname typed alone still
      // matches a full name: Dice over the query's grams and the label's, capped by the query.
      const dice = (2 * count) / (grams.length + Math.min(entryGrams, grams.length + 2));
      if (dice >= MIN_SIMILARITY) results.push([index, Math.min(dice, 1)]);
    }
    return results;
  }
}

function foldName(normalized: string): string {
  return normalized
    .split(' ')
    .map(foldToken)
    .filter((t) => t.length > 0)
    .join(' ');
}

/** Each query token is a prefix of a distinct label token, in order. */
function tokensPrefixMatch(labelTokens: string[], queryTokens: string[]): boolean {
  let from = 0;
  for (const q of queryTokens) {
    let found = false;
    for (let i = from; i < labelTokens.length; i += 1) {
      if (labelTokens[i]!.startsWith(q)) {
        from = i + 1;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function trigramsOf(text: string): string[] {
  const grams: string[] = [];
  for (const word of text.split(' ')) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.push(padded.slice(i, i + 3));
  }
  return grams;
}
