// Runs a table of pattern rules: every row must find each of its `matches` and none of its
// `rejects`. The row is tested alone, so a rule cannot lean on its neighbours.
import { describe, expect, it } from 'vitest';
import type { PatternRow } from '../../src/extract/events/patternTable.ts';

export function checkPatternTable(title: string, rows: readonly PatternRow[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(row.name, () => {
        expect(row.matches.length, 'a row needs a sentence it must match').toBeGreaterThan(0);
        expect(row.rejects.length, 'a row needs a sentence it must not match').toBeGreaterThan(0);
        // A global or sticky pattern keeps its position between calls; test a fresh copy.
        const pattern = new RegExp(row.pattern.source, row.pattern.flags.replace(/[gy]/g, ''));
        for (const text of row.matches) expect(pattern.test(text), `"${row.name}" should match: ${text}`).toBe(true);
        for (const text of row.rejects) expect(pattern.test(text), `"${row.name}" should not match: ${text}`).toBe(false);
      });
    }
  });
}

export interface PredicateRow {
  name: string;
  test: (text: string) => boolean;
  matches: readonly string[];
  rejects: readonly string[];
}

/** The same for rules written as small named functions of one text. */
export function checkPredicateTable(title: string, rows: readonly PredicateRow[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(row.name, () => {
        for (const text of row.matches) expect(row.test(text), `"${row.name}" should hold for: ${text}`).toBe(true);
        for (const text of row.rejects) expect(row.test(text), `"${row.name}" should not hold for: ${text}`).toBe(false);
      });
    }
  });
}
