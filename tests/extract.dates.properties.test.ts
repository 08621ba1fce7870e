import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDates } from '../src/extract/dates/resolve.ts';
import { addDays, daysBetween, isIsoDay, toIsoDay } from '../src/extract/dates/calendar.ts';

const WORDS = [
  'on',
  'in',
  'the',
  'talks',
  'met',
  'will',
  'meet',
  'said',
  'held',
  'are',
  'holding',
  'Dec.',
  'December',
  'Jan.',
  'May',
  'may',
  'March',
  '19',
  '30',
  '2025',
  '14-15',
  'and',
  '15',
  'Monday',
  'Saturday',
  "Sunday's",
  'next',
  'last',
  'week',
  'weekend',
  'earlier',
  'this',
  'two',
  'months',
  'ago',
  'more',
  'than',
  'weeks',
  'after',
  'before',
  'six',
  'today',
  'yesterday',
  'tomorrow',
  'day',
  ',',
  '.',
  '(US time)',
  'mid-',
  'early',
  '12/19/2025',
  '2025-12-19',
  '21.12.2025',
  'Friday,',
  'to',
  'from',
  'expected',
  'a',
  'few',
  'days',
  'within',
];

const sentence = fc.array(fc.constantFrom(...WORDS), { maxLength: 25 }).map((w) => w.join(' '));
const day = fc
  .record({ y: fc.integer({ min: 2000, max: 2040 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => toIsoDay(y, m, d));

describe('findDates on any text', () => {
  it('returns well-formed, ordered, non-overlapping mentions whose surface is the text at their offsets', () => {
    fc.assert(
      fc.property(sentence, fc.option(day, { nil: null }), (text, ref) => {
        const found = findDates(text, ref);
        let previousEnd = 0;
        for (const d of found) {
          expect(text.slice(d.start, d.end)).toBe(d.surface);
          expect(d.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = d.end;
          expect(isIsoDay(d.date)).toBe(true);
          if (d.dateTo !== null) {
            expect(isIsoDay(d.dateTo)).toBe(true);
            expect(daysBetween(d.date, d.dateTo)).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.option(day, { nil: null }), (text, ref) => {
        findDates(text, ref);
      }),
    );
  });
});

describe('weekdays follow the tense for any publication day', () => {
  const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

  it('a past weekday lies in the week up to the publication day, a future one in the week from it', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 6 }), (ref, weekday) => {
        const name = WEEKDAY_NAMES[weekday]!;
        const [past] = findDates(`The envoys met on ${name}.`, ref);
        const [future] = findDates(`The envoys will meet on ${name}.`, ref);
        const back = daysBetween(past!.date, ref);
        const ahead = daysBetween(ref, future!.date);
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThanOrEqual(6);
        expect(ahead).toBeGreaterThanOrEqual(0);
        expect(ahead).toBeLessThanOrEqual(6);
        expect(new Date(`${past!.date}T00:00:00Z`).getUTCDay()).toBe(weekday);
        expect(new Date(`${future!.date}T00:00:00Z`).getUTCDay()).toBe(weekday);
      }),
    );
  });

  it('a day of the month without a year lands within a year of publication, on the tense side', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -300, max: 300 }), (ref, offset) => {
        const target = addDays(ref, offset);
        const [y, m, d] = target.split('-').map(Number) as [number, number, number];
        const month = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'][m - 1]!;
        const verb = offset <= 0 ? 'met' : 'will meet';
        const [found] = findDates(`The envoys ${verb} on ${month} ${d}.`, ref);
        expect(found!.date).toBe(toIsoDay(y, m, d));
      }),
    );
  });
});
