// The status step: held, planned, proposed or cancelled, from the words governing the trigger.
import { describe, expect, it } from 'vitest';
import {
  calledOffAfter,
  CANCELLED_CUES,
  eventStatus,
  HELD_CUES,
  noDateSet,
  PLANNED_CUES,
  PROPOSED_CUES,
  segmentStatus,
} from '../src/extract/events/status.ts';
import { checkPatternTable, checkPredicateTable } from './support/patternTable.ts';

checkPatternTable('cancelled cues', CANCELLED_CUES);
checkPatternTable('proposed cues', PROPOSED_CUES);
checkPatternTable('planned cues', PLANNED_CUES);
checkPatternTable('held cues', HELD_CUES);

checkPredicateTable('status rules', [
  {
    name: 'called off after the event noun',
    test: calledOffAfter,
    matches: [' between Peru and Chile, which had been set for Friday, has been postponed.', ' in Lima was called off.'],
    rejects: [' in Lima on Friday, after the vote was postponed.', ' in Lima on Friday and the vote was postponed.'],
  },
  { name: 'no date set', test: noDateSet, matches: [', though no date was given.', ' without setting a date'], rejects: [' on Friday.'] },
]);

const status = (before: string, after: string, date: string | null = null, publishedAt = '2025-06-12') =>
  eventStatus({ before, after, date, dateTo: null, publishedAt });

describe('eventStatus', () => {
  it('a meeting in the past is held, a future one planned', () => {
    expect(status('The envoys ', ' in Lima on Tuesday', '2025-06-10')).toBe('held');
    expect(status('The envoys will ', ' in Lima on Monday', '2025-06-16')).toBe('planned');
  });
  it('a denial governs the clause it introduces', () => {
    expect(status('The ministry denied that any such ', ' was planned')).toBe('cancelled');
  });
  it('a passive after the trigger: proposed or called off', () => {
    expect(status('A ', ' that would include Brazil was proposed')).toBe('proposed');
    expect(status('The ', ' in Lima was postponed')).toBe('cancelled');
  });
  it('a wish is proposed', () => {
    expect(status('The opposition urged a ', '')).toBe('proposed');
  });
  it('the month May is no modal', () => {
    expect(status('The envoys will ', ' on May 12, he said.', '2025-05-12', '2025-05-10')).toBe('planned');
  });
  it('segmentStatus: a planned round the sentence calls off, a plan without a date', () => {
    expect(
      segmentStatus({
        before: 'The ',
        after: ' in Lima',
        date: '2025-06-14',
        dateTo: null,
        publishedAt: '2025-06-12',
        rest: ' in Lima, which had been set for Saturday, was postponed.',
      }),
    ).toBe('cancelled');
    expect(
      segmentStatus({
        before: 'They will ',
        after: ' again',
        date: null,
        dateTo: null,
        publishedAt: '2025-06-12',
        rest: ' again, though no date was given.',
      }),
    ).toBe('proposed');
  });
});
