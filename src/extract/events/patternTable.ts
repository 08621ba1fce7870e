// A rule written as a pattern carries the sentences it is for: the ones it must match and the
// ones it must not. The tests run every row of every table (tests/extract.events.<step>.test.ts),
// so a reader finds a rule and its proof in one place, and a new row cannot go in untested.

export interface PatternRow {
  /** What the rule recognises, in a few words. */
  name: string;
  pattern: RegExp;
  /** Texts (in our own words) the pattern must find. */
  matches: readonly string[];
  /** Texts it must leave alone. */
  rejects: readonly string[];
}

/** Does any row's pattern find something in `text`? */
export function anyRowMatches(rows: readonly PatternRow[], text: string): boolean {
  return rows.some((r) => r.pattern.test(text));
}

/**
 * The rows as one pattern, in row order, for rules that need positions (`matchAll`): the
 * alternation finds at each offset what the first matching row finds there.
 */
export function alternationOf(rows: readonly PatternRow[], flags: string): RegExp {
  return new RegExp(rows.map((r) => `(?:${r.pattern.source})`).join('|'), flags);
}
