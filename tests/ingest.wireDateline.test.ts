import { describe, expect, it } from 'vitest';
import { copyrightYear, findDateline, findWireDateline, yearForMonthDay } from '../src/ingest/publicationDate.ts';
import { articleFromPlainText } from '../src/ingest/textFile.ts';

const now = new Date('2025-12-01T08:00:00Z');
const lines = (text: string): string[] => text.split('\n');

describe('findWireDateline', () => {
  it('reads an agency dateline that carries its year', () => {
    const text =
      'Kenya and Somalia agree on border patrols\n\nNAIROBI, March 4, 2025 (AFP) - The interior ministers of Kenya and Somalia met in Nairobi on Tuesday.';
    expect(findWireDateline(lines(text), text, now)).toBe('2025-03-04');
  });

  it('takes the year of a dateline without one from the copyright line', () => {
    const text =
      'ANKARA, Feb 9 (AP) - Turkish and Syrian officials met in Ankara on Sunday.\n\nCopyright 2024 The Associated Press. All rights reserved.';
    expect(findWireDateline(lines(text), text, now)).toBe('2024-02-09');
  });

  it('reads a city with its country and an em dash', () => {
    const text = 'SHARM EL-SHEIKH, Egypt, Oct. 8 (Reuters) \u2014 Negotiators met for a third day. \u00a9 2025 Reuters';
    expect(findWireDateline(lines(text), text, now)).toBe('2025-10-08');
  });

  it('without any year in the text, takes the last such day before now', () => {
    const text = 'OSLO, Nov 20 (Reuters) - Colombian government envoys met rebel negotiators in Oslo on Thursday.';
    expect(findWireDateline(lines(text), text, now)).toBe('2025-11-20');
    const later = 'OSLO, Dec 20 (Reuters) - Colombian government envoys met rebel negotiators in Oslo on Saturday.';
    expect(findWireDateline(lines(later), later, now)).toBe('2024-12-20');
  });

  it('reads a dateline without a city when the agency is named', () => {
    const text = 'Nov 23 (Reuters) - Ukrainian and US officials met in Geneva on Sunday.\n\n© 2025 Reuters';
    expect(findWireDateline(lines(text), text, now)).toBe('2025-11-23');
    const noAgency = 'Nov 23 - a day to remember, officials said.';
    expect(findWireDateline(lines(noAgency), noAgency, now)).toBeNull();
  });

  it('does not take a sentence that merely starts with a place and a date', () => {
    const text = 'Geneva, May 12 was the day the envoys chose for the next round.';
    expect(findWireDateline(lines(text), text, now)).toBeNull();
    const plain = 'The ministers met in Nairobi on March 4, 2025 (a Tuesday) - and agreed a plan.';
    expect(findWireDateline(lines(plain), plain, now)).toBeNull();
  });
});

describe('findWireDateline without a year: the weekdays choose it', () => {
  const december2026 = new Date('2026-12-10T08:00:00Z');
  it('takes the latest year whose weekdays fit: "Dec. 4 (UPI)" with Tuesday past and Thursday ahead', () => {
    const text =
      'Dec. 4 (UPI) \u2014 The US envoy will meet the Ukrainian security chief in Miami on Thursday.\n\nHe met the Russian president in Moscow on Tuesday.';
    // 2026-12-04 is a Friday: Tuesday and the coming Thursday would lie nine days apart.
    expect(findWireDateline(lines(text), text, december2026)).toBe('2025-12-04');
  });
  it('reads a TASS dateline, and "Earlier on Friday" makes its day a Friday', () => {
    const text =
      'BUDAPEST, July 5. /TASS/. The Hungarian prime minister arrived in Moscow.\nEarlier on Friday, he told state radio that he sought a ceasefire.';
    expect(findWireDateline(lines(text), text, december2026)).toBe('2024-07-05');
  });
  it('without weekdays keeps the last such day before now', () => {
    const text = 'BUDAPEST, July 5. /TASS/. The Hungarian prime minister arrived in Moscow.';
    expect(findWireDateline(lines(text), text, december2026)).toBe('2026-07-05');
  });
});

describe('yearForMonthDay', () => {
  it('puts the day nearest the latest full date written in the text', () => {
    expect(yearForMonthDay(1, 3, 'The truce agreed on December 28, 2024 held over the new year.', now)).toBe('2025-01-03');
  });
  it('does not date a page after its fetch from its copyright year', () => {
    expect(yearForMonthDay(12, 20, 'Copyright 2025 Example Wire.', now)).toBe('2024-12-20');
  });
  it('reads copyright years written with the sign', () => {
    expect(copyrightYear('\u00a9 2023 Example News Agency')).toBe(2023);
    expect(copyrightYear('No rights line here, only 2023 as a number.')).toBeNull();
    expect(copyrightYear('Copyright © 2019–2025 Example Wire. All rights reserved.')).toBe(2025);
  });
});

describe('articleFromPlainText with a wire dateline', () => {
  it('gives the article an inferred publication date', () => {
    const raw =
      'Armenian and Azerbaijani ministers meet in Abu Dhabi\n\nABU DHABI, July 10 (AP) - The foreign ministers of Armenia and Azerbaijan met in Abu Dhabi on Thursday.\n\nCopyright 2025 The Associated Press.';
    const a = articleFromPlainText(raw, { file: 'wire.txt', url: null, now: () => now });
    expect(a.publishedAt).toBe('2025-07-10');
    expect(a.publishedInferred).toBe(true);
  });
  it('keeps a date header over the dateline, not inferred', () => {
    const raw = ' date 2025-07-11\nABU DHABI, July 10 (AP) - The foreign ministers of Armenia and Azerbaijan met in Abu Dhabi on Thursday.';
    const a = articleFromPlainText(raw, { file: 'wire.txt', url: null, now: () => now });
    expect(a.publishedAt).toBe('2025-07-11');
    expect(a.publishedInferred).toBe(false);
  });
});

describe('findDateline', () => {
  it('falls back to an agency dateline, so web pages get it too', () => {
    const page = [
      'World',
      'Serbia and Kosovo leaders meet in Brussels',
      'BRUSSELS, Sept 14 (Reuters) - The leaders of Serbia and Kosovo met in Brussels on Thursday.',
      '© 2023 Reuters',
    ];
    expect(findDateline(page, 40, now)).toBe('2023-09-14');
  });
  it('prefers a dateline line of its own', () => {
    expect(findDateline(['September 15, 2023', 'BRUSSELS, Sept 14 (Reuters) - The leaders met.'], 25, now)).toBe('2023-09-15');
  });
  it('takes the story dateline over a page date line months away from it (the day the page was viewed)', () => {
    const page = [
      '\u2022 Tuesday, 24 December 2024',
      'Biden and Xi speak by phone',
      'Washington, 2 April 2024 (dpa) - US President Joe Biden and Chinese President Xi Jinping spoke by phone, the White House said on Tuesday.',
    ];
    expect(findDateline(page, 25, now)).toBe('2024-04-02');
  });
});
