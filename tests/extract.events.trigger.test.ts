// The trigger step: the words that name an event, each row with the sentences it is for.
import { describe, expect, it } from 'vitest';
import {
  eventKind,
  findTriggers,
  kindOfWord,
  mayHoldTrigger,
  summitAsVenue,
  talksAsNotion,
  TRIGGERS,
} from '../src/extract/events/trigger.ts';
import { checkPatternTable, checkPredicateTable } from './support/patternTable.ts';

checkPatternTable('trigger patterns', TRIGGERS);

const clause = (text: string) => ({ start: 0, end: text.length, text });
const kinds = (text: string) => findTriggers(clause(text)).map((t) => `${t.kind}:${t.surface}`);

checkPredicateTable('trigger rules', [
  {
    name: 'talks as a notion',
    test: (s) => {
      const at = s.indexOf('talks');
      return talksAsNotion(s.slice(0, at), 'talks', s.slice(at + 5));
    },
    matches: [
      'They made progress in peace talks.',
      'The terms set out for talks were strict.',
      'She named her conditions for starting talks.',
    ],
    rejects: ['They arrived for talks with the envoy.', 'They held talks in Lima.', 'after two rounds of talks'],
  },
  {
    name: 'a summit as the venue',
    test: summitAsVenue,
    matches: ['They met on the sidelines of the ', 'The two leaders spoke during the '],
    rejects: ['The leaders opened the '],
  },
  {
    name: 'may hold a trigger',
    test: mayHoldTrigger,
    matches: ['They met.', 'a phone call'],
    rejects: ['The harvest was late this year.'],
  },
]);

describe('findTriggers', () => {
  it('keeps the earlier row where two overlap', () => {
    expect(kinds('The two held a phone call on Friday.')).toEqual(['call:phone call']);
  });
  it('finds each trigger of a clause in order', () => {
    expect(kinds('The envoys met after the summit.')).toEqual(['meeting:met', 'summit:summit']);
  });
  it('drops talks as a notion but keeps talks with their own arguments', () => {
    expect(kinds('He spoke of progress in peace talks.')).toEqual([]);
    expect(kinds('He flew to Lima for talks with the envoy.')).toEqual(['talks:talks']);
  });
});

describe('eventKind', () => {
  it('a summit or a call says more than talks', () => {
    const text = 'Summit talks opened in Lima';
    expect(eventKind(findTriggers(clause(text)), text)).toBe('summit');
  });
  it('a summit that is only the venue makes a meeting', () => {
    const text = 'They met on the sidelines of the summit';
    expect(eventKind(findTriggers(clause(text)), text)).toBe('meeting');
  });
  it('kindOfWord names the kind of a bare noun', () => {
    expect(kindOfWord('After the call,')).toBe('call');
    expect(kindOfWord('After the visit,')).toBe('meeting');
    expect(kindOfWord('After lunch,')).toBe(null);
  });
});
