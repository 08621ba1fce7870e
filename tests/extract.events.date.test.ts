// The date step: which of a clause's dates is the event's.
import { describe, expect, it } from 'vitest';
import { chooseDate, datesAMeeting, daysOfTalksEndingAt, isDuration, isSpeechDate, lastedHours, sameDayAsBefore, trailingAttribution } from '../src/extract/events/date.ts';
import { findDates, type DateMention } from '../src/extract/dates/resolve.ts';
import { checkPredicateTable } from './support/patternTable.ts';

/** The first date the sentence names, published on a Thursday. */
const firstDate = (s: string): DateMention => findDates(s, '2025-06-12')[0]!;

checkPredicateTable('date rules', [
  {
    name: 'the date of a saying',
    test: (s) => isSpeechDate(s, firstDate(s)),
    matches: ['The ministry told reporters on Tuesday that talks were going well.', 'Tuesday, the premier said, the talks would go on.'],
    rejects: ['The envoys met on Tuesday, the premier said.', 'The envoys met on Tuesday in Lima.'],
  },
  {
    name: 'a length of time',
    test: (s) => isDuration(s, firstDate(s)),
    matches: ['Tariffs fall for 90 days after the talks.', 'The truce holds for two weeks after Monday.'],
    rejects: ['They met 90 days after the election.'],
  },
  { name: 'a closing attribution', test: trailingAttribution, matches: [', the envoy said.', ', Ruto told reporters'], rejects: [', the ministry said in a statement that talks would follow.'] },
  { name: 'the same day as before', test: sameDayAsBefore, matches: ['at 9:00 that morning', 'later in the day', 'The round lasted about three hours.'], rejects: ['the next day'] },
  { name: 'a sitting of hours', test: lastedHours, matches: ['The meeting lasted two and a half hours'], rejects: ['The truce lasted two weeks'] },
  {
    name: 'a date that can date a meeting',
    test: (s) => datesAMeeting(firstDate(s)),
    matches: ['They met on Tuesday.', 'They met in November 2023.'],
    rejects: ['They met several times in recent weeks.'],
  },
]);

describe('days of talks ending on a day', () => {
  it('counts the days of talks that ended on it', () => {
    const s = 'Three days of trade talks between Peru and Chile ended in Lima on Thursday.';
    expect(daysOfTalksEndingAt(s, s.indexOf('Thursday'), s.indexOf('Thursday') + 8)).toBe(3);
    const t = 'Envoys met again on Thursday, the second day of talks.';
    expect(daysOfTalksEndingAt(t, t.indexOf('on Thursday'), t.indexOf('on Thursday') + 11)).toBe(2);
    expect(daysOfTalksEndingAt('They met on Thursday.', 7, 18)).toBe(1);
  });
});

describe('chooseDate', () => {
  it('the first exact date wins over an approximate one', () => {
    const s = 'Weeks ago the envoys met, and on Tuesday they met again.';
    expect(chooseDate(findDates(s, '2025-06-12'))?.date).toBe('2025-06-10');
  });
  it('no dates choose nothing', () => {
    expect(chooseDate([])).toBe(null);
  });
});
