import { describe, expect, it } from 'vitest';
import { wireDatelineOf } from '../src/extract/dates/dateline.ts';
import { findDates } from '../src/extract/dates/resolve.ts';

describe('wireDatelineOf: an agency dateline opening a paragraph', () => {
  it.each([
    ['WASHINGTON, June 27, 2025 (AFP) - The foreign ministers of Rwanda and the DR Congo signed a peace deal.', 'WASHINGTON', 6, 27, 2025],
    ['DOHA, Jan 15 (Reuters) - Qatar announced a ceasefire in Gaza.', 'DOHA', 1, 15, null],
    ['SHARM EL-SHEIKH, Egypt, Oct. 8 (AP) \u2014 Negotiators met for a third day.', 'SHARM EL-SHEIKH', 10, 8, null],
    ['Tokyo, Oct. 2 (Jiji Press)--Japan and South Korea agreed to keep up shuttle diplomacy.', 'Tokyo', 10, 2, null],
    ['Islamabad, May 10 (APP) Pakistan and India agreed to a ceasefire.', 'Islamabad', 5, 10, null],
    ['ANKARA, March 2. /TASS/. The Turkish foreign minister received his Syrian counterpart.', 'ANKARA', 3, 2, null],
    ['Brussels, 14 September 2023 (dpa) - The leaders of Serbia and Kosovo met the EU envoy.', 'Brussels', 9, 14, 2023],
    ['Doha, Jan 15: Qatar said Israel and Hamas had agreed a truce.', 'Doha', 1, 15, null],
    ['Jeddah [Saudi Arabia],May 6: Envoys of the Sudanese army and the RSF began talks.', 'Jeddah', 5, 6, null],
    ['Nov 23 (Reuters) - Ukrainian and US officials met in Geneva on Sunday.', null, 11, 23, null],
  ])('reads %s', (text, city, month, day, year) => {
    expect(wireDatelineOf(text)).toMatchObject({ city, month, day, year });
  });

  it.each([
    'Geneva, May 12 was the day the envoys chose for the next round.',
    'The ministers met in Nairobi on March 4, 2025 (a Tuesday) - and agreed a plan.',
    'Nov 23 - a day to remember, officials said.',
    'On Monday, Dec. 4: the talks resumed.',
    'Armenia and Azerbaijan signed the text in Washington on August 8.',
  ])('does not read %s', (text) => {
    expect(wireDatelineOf(text)).toBeNull();
  });
});

describe('findDates: the dateline is the day the story was filed', () => {
  it('marks the dateline day, so a day the sentence names can date what it says', () => {
    const dates = findDates('Doha, Jan 15: Israeli and Hamas negotiators on Tuesday reached a truce deal, Qatar said.', '2025-01-15');
    expect(dates.map((d) => [d.surface, d.date, d.filed ?? false])).toEqual([
      ['Jan 15', '2025-01-15', true],
      ['Tuesday', '2025-01-14', false],
    ]);
  });
  it('marks nothing in a sentence without a dateline', () => {
    const dates = findDates('Israeli and Hamas negotiators met in Doha on Jan 15.', '2025-01-16');
    expect(dates.map((d) => d.filed ?? false)).toEqual([false]);
  });
});
