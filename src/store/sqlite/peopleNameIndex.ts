// An in-memory index of every person's name and aliases for /who look-ups and autocomplete.
// Holding 10,000 people (a few labels each) costs a few MB and answers in well under a
// millisecond, where a LIKE or fuzzy scan in SQL would not. Matching is spelling-insensitive
// through the same token folding the extractor uses (Zelensky / Zelenskyy / Zelenskiy).
// Changes are applied per person (remove their labels, add the current ones), so ingest adding,
// renaming or merging people does not force a rebuild; removed labels stay behind as tombstones
// until the owner decides a rebuild is due (`tombstoneFraction`).
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
  normalizedTokens: string[];
  foldedTokens: string[];
  gramCount: number;
  removed: boolean;
}

// Scores by kind of match; within a kind, shorter labels (closer to what was typed) rank first.
const EXACT = 1000;
const FOLDED_EXACT = 900;
const LABEL_PREFIX = 800;
const TOKEN_PREFIX = 700;
const FOLDED_PREFIX = 600;
const FUZZY = 400;
/** Trigram similarity below which a fuzzy candidate is not a match. */
const MIN_SIMILARITY = 0.4;
/**
 * Prefix candidates examined at most; a one-letter prefix could otherwise touch every name.
 * Autocomplete shows 25, and scoring and sorting cost grows with this: at 10,000 people, 1,500
 * candidates took 7 ms of CPU for a two-letter prefix, 500 take under 2 ms.
 */
const MAX_PREFIX_CANDIDATES = 500;
/** Fuzzy matching only runs when prefix matching found fewer people than this. */
const FUZZY_WHEN_FEWER_THAN = 5;

export class PeopleNameIndex {
  private readonly entries: Entry[] = [];
  private readonly canonical = new Map<number, string>();
  private readonly entriesOfPerson = new Map<number, number[]>();
  private removedCount = 0;
  private readonly weight = new Map<number, number>();
  /** Sorted tokens (normalised and folded) with the entries that have them, for prefix search. */
  private tokenKeys: string[] = [];
  private readonly tokenEntries = new Map<string, number[]>();
  private readonly trigrams = new Map<string, number[]>();
  private readonly foldCache = new Map<string, string>();
  private sharedCounts = new Uint16Array(0);

  /** `weights` (e.g. how many events a person took part in) break ties between equal matches. */
  constructor(labels: readonly NameLabel[] = [], weights: ReadonlyMap<number, number> = new Map()) {
    for (const [id, w] of weights) this.weight.set(id, w);
    this.add(labels);
  }

  get size(): number {
    return this.canonical.size;
  }

  /** Share of stored labels that are removed; a rebuild reclaims them. */
  get tombstoneFraction(): number {
    return this.entries.length === 0 ? 0 : this.removedCount / this.entries.length;
  }

  /** Forgets every label of these people (before re-adding their current ones). */
  removePeople(personIds: Iterable<number>): void {
    for (const personId of personIds) {
      for (const index of this.entriesOfPerson.get(personId) ?? []) {
        const entry = this.entries[index]!;
        if (!entry.removed) {
          entry.removed = true;
          this.removedCount += 1;
        }
      }
      this.entriesOfPerson.delete(personId);
      this.canonical.delete(personId);
    }
  }

  /** Adds labels (new people, or new aliases of known people). */
  add(labels: readonly NameLabel[]): void {
    const newTokens: string[] = [];
    for (const l of labels) {
      const normalized = normalizeName(l.label);
      if (!normalized) continue;
      const normalizedTokens = normalized.split(' ');
      const foldedTokens = normalizedTokens.map((t) => this.fold(t)).filter((t) => t.length > 0);
      const folded = foldedTokens.join(' ');
      const index = this.entries.length;
      const entry: Entry = {
        personId: l.personId,
        label: l.label,
        isCanonical: l.isCanonical,
        normalized,
        folded,
        normalizedTokens,
        foldedTokens,
        gramCount: 0,
        removed: false,
      };
      this.entries.push(entry);
      let own = this.entriesOfPerson.get(l.personId);
      if (!own) this.entriesOfPerson.set(l.personId, (own = []));
      own.push(index);
      if (l.isCanonical || !this.canonical.has(l.personId)) this.canonical.set(l.personId, l.label);
      // Posting lists get each entry once: the entry being added is always the last one appended.
      for (const token of normalizedTokens.concat(foldedTokens)) {
        let list = this.tokenEntries.get(token);
        if (!list) {
          this.tokenEntries.set(token, (list = []));
          newTokens.push(token);
        }
        if (list[list.length - 1] !== index) list.push(index);
      }
      for (const gram of trigramsOf(foldedTokens)) {
        let list = this.trigrams.get(gram);
        if (!list) this.trigrams.set(gram, (list = []));
        if (list[list.length - 1] !== index) {
          list.push(index);
          entry.gramCount += 1;
        }
      }
    }
    // A merge of two sorted lists: linear in the index size, so adding in many small slices
    // (a rebuild that yields to the event loop) costs no more than one bulk add.
    if (newTokens.length > 0) this.tokenKeys = mergeSorted(this.tokenKeys, newTokens.sort());
  }

  setWeight(personId: number, weight: number): void {
    this.weight.set(personId, weight);
  }

  /** People whose name or alias matches `query`, best first, one match per person. */
  search(query: string, limit: number): NameMatch[] {
    const normalized = normalizeName(query);
    if (!normalized || limit <= 0) return [];
    const queryTokens = normalized.split(' ');
    const foldedTokens = queryTokens.map((t) => foldToken(t)).filter((t) => t.length > 0);
    const folded = foldedTokens.join(' ');
    const best = new Map<number, { entry: Entry; score: number }>();
    const consider = (index: number, score: number) => {
      const entry = this.entries[index]!;
      if (entry.removed) return;
      // Shorter labels first, then canonical names over aliases.
      const adjusted = score - Math.min(entry.normalized.length, 99) / 100 + (entry.isCanonical ? 0.001 : 0);
      const current = best.get(entry.personId);
      if (!current || current.score < adjusted) best.set(entry.personId, { entry, score: adjusted });
    };

    const lastToken = queryTokens[queryTokens.length - 1]!;
    const lastFolded = foldedTokens[foldedTokens.length - 1] ?? lastToken;
    for (const index of this.prefixCandidates([lastToken, lastFolded])) {
      const entry = this.entries[index]!;
      if (entry.normalized === normalized) consider(index, EXACT);
      else if (entry.folded === folded) consider(index, FOLDED_EXACT);
      else if (entry.normalized.startsWith(normalized)) consider(index, LABEL_PREFIX);
      else if (tokensPrefixMatch(entry.normalizedTokens, queryTokens)) consider(index, TOKEN_PREFIX);
      else if (tokensPrefixMatch(entry.foldedTokens, foldedTokens)) consider(index, FOLDED_PREFIX);
    }

    // A name typed exactly needs no look-alikes; fuzzy matching over the trigrams of a full name
    // is the most expensive step (6 ms at 10,000 people).
    let exactFound = false;
    for (const { score } of best.values()) if (score > FOLDED_EXACT - 1) exactFound = true;
    if (!exactFound && best.size < Math.min(limit, FUZZY_WHEN_FEWER_THAN)) {
      for (const [index, similarity] of this.similar(foldedTokens)) consider(index, FUZZY + similarity * 100);
    }

    return [...best.values()]
      .sort(
        (a, b) =>
          b.score - a.score ||
          (this.weight.get(b.entry.personId) ?? 0) - (this.weight.get(a.entry.personId) ?? 0) ||
          a.entry.personId - b.entry.personId,
      )
      .slice(0, limit)
      .map(({ entry, score }) => ({
        personId: entry.personId,
        label: entry.label,
        canonicalName: this.canonical.get(entry.personId)!,
        score,
      }));
  }

  private fold(token: string): string {
    let folded = this.foldCache.get(token);
    if (folded === undefined) {
      folded = foldToken(token);
      this.foldCache.set(token, folded);
    }
    return folded;
  }

  /** Entries with a token that starts with one of `prefixes`. */
  private prefixCandidates(prefixes: string[]): Set<number> {
    const found = new Set<number>();
    for (const prefix of new Set(prefixes)) {
      for (let i = lowerBound(this.tokenKeys, prefix); i < this.tokenKeys.length && this.tokenKeys[i]!.startsWith(prefix); i += 1) {
        for (const index of this.tokenEntries.get(this.tokenKeys[i]!) ?? []) {
          if (this.entries[index]!.removed) continue;
          found.add(index);
          if (found.size >= MAX_PREFIX_CANDIDATES) return found;
        }
      }
    }
    return found;
  }

  /**
   * Entries sharing enough trigrams with the query. The label's gram count is capped near the
   * query's, so a surname typed alone (with a typo) still matches a full name.
   */
  private similar(foldedTokens: string[]): Array<[number, number]> {
    const grams = [...new Set(trigramsOf(foldedTokens))];
    if (grams.length === 0) return [];
    if (this.sharedCounts.length < this.entries.length) this.sharedCounts = new Uint16Array(Math.max(this.entries.length, 1024) * 2);
    const counts = this.sharedCounts;
    const touched: number[] = [];
    for (const gram of grams) {
      for (const index of this.trigrams.get(gram) ?? []) {
        if (this.entries[index]!.removed) continue;
        if (counts[index] === 0) touched.push(index);
        counts[index] = counts[index]! + 1;
      }
    }
    const results: Array<[number, number]> = [];
    for (const index of touched) {
      const shared = counts[index]!;
      counts[index] = 0;
      const dice = (2 * shared) / (grams.length + Math.min(this.entries[index]!.gramCount, grams.length + 2));
      if (dice >= MIN_SIMILARITY) results.push([index, Math.min(dice, 1)]);
    }
    return results;
  }
}

function mergeSorted(a: string[], b: string[]): string[] {
  // oxlint-disable-next-line unicorn/no-new-array -- preallocated to its final length, filled below
  const merged = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

function trigramsOf(tokens: string[]): string[] {
  const grams: string[] = [];
  for (const word of tokens) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.push(padded.slice(i, i + 3));
  }
  return grams;
}
