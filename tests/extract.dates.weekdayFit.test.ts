import { describe, expect, it } from 'vitest';
import { weekdayFit } from '../src/extract/dates/weekdayFit.ts';

describe('weekdayFit: weekday names against a candidate publication day', () => {
  // 2025-12-04 was a Thursday, 2026-12-04 a Friday, 2024-07-05 a Friday, 2025-07-05 a Saturday.
  const week = 'The envoys will meet the Ukrainian team in Miami on Thursday. They met the Russian leader in Moscow on Tuesday.';

  it('past and future weekdays fit when they lie in one week with the day', () => {
    expect(weekdayFit(week, '2025-12-04')).toEqual({ clues: 2, fits: true });
  });
  it('they do not when they would span more than a week', () => {
    // From a Friday, Tuesday is three days back and the next Thursday six days ahead.
    expect(weekdayFit(week, '2026-12-04')).toEqual({ clues: 2, fits: false });
  });
  it('"earlier on Friday" makes the day a Friday', () => {
    const text = 'Earlier on Friday, the Hungarian prime minister told state radio he wanted a ceasefire.';
    expect(weekdayFit(text, '2024-07-05').fits).toBe(true);
    expect(weekdayFit(text, '2025-07-05').fits).toBe(false);
  });
  it('a date written with its weekday must fall on it', () => {
    const text = 'The ministers met in Geneva on Sunday, Nov. 23.';
    expect(weekdayFit(text, '2025-11-24').fits).toBe(true);
    expect(weekdayFit(text, '2024-11-24').fits).toBe(false);
  });
  it('gives no clue for a text without weekdays', () => {
    expect(weekdayFit('The ministers met in Geneva on Nov. 23.', '2025-11-24')).toEqual({ clues: 0, fits: true });
  });
});
