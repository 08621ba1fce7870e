// The clause step: where a sentence splits into clauses, and a clause into segments with their own dates.
import { describe, expect, it } from 'vitest';
import { CLAUSE_BREAKS, segmentsOf, splitClauses } from '../src/extract/events/clause.ts';
import { findTriggers } from '../src/extract/events/trigger.ts';
import { findDates } from '../src/extract/dates/resolve.ts';
import { checkPatternTable } from './support/patternTable.ts';

checkPatternTable('clause breaks', CLAUSE_BREAKS);

const clauses = (text: string) => splitClauses(text, 0).map((c) => c.text);

describe('splitClauses', () => {
  it('a denial and a separate meeting are two clauses', () => {
    expect(clauses('Peru and Chile did not hold direct talks, and each side met separately with Brazilian officials.')).toEqual([
      'Peru and Chile did not hold direct talks',
      'and each side met separately with Brazilian officials.',
    ]);
  });
  it('"three days after his summit" stays one clause', () => {
    expect(clauses('The king flew to Rabat three days after his summit with the emir.')).toEqual([
      'The king flew to Rabat',
      'three days after his summit with the emir.',
    ]);
  });
  it('a sentence with no break is one clause, with its offsets', () => {
    const [only] = splitClauses('Envoys met in Oslo.', 10);
    expect(only).toEqual({ start: 10, end: 29, text: 'Envoys met in Oslo.' });
  });
});

describe('segmentsOf', () => {
  const sentenceOf = (text: string) => ({ text, start: 0, end: text.length, index: 0, paragraph: 0 });
  const segmentTexts = (text: string, publishedAt: string) => {
    const sentence = sentenceOf(text);
    const [clause] = splitClauses(text, 0);
    return segmentsOf(clause!, findTriggers(clause!), sentence, findDates(text, publishedAt)).map((s) => text.slice(s.start, s.end));
  };
  it('two talks nouns with their own dates are two segments', () => {
    expect(
      segmentTexts('It follows Kenyan-Ugandan talks on June 2 and Kenyan-Tanzanian talks on June 3 in Nairobi.', '2025-06-05'),
    ).toEqual(['It follows Kenyan-Ugandan talks on June 2 and ', 'Kenyan-Tanzanian talks on June 3 in Nairobi.']);
  });
  it('talks and meetings on one day are one segment', () => {
    expect(segmentTexts('There were talks and meetings in Nairobi on June 3.', '2025-06-05')).toHaveLength(1);
  });
  it('a call and a meeting in one clause are two segments', () => {
    expect(segmentTexts("The plan for a meeting came out of last week's phone call.", '2025-06-05')).toHaveLength(2);
  });
});
