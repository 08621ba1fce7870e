import { describe, expect, it } from 'vitest';
import { calendarDatesWithTense, estimatePublishedDate, namesAThing } from '../src/extract/dates/estimatePublished.ts';

describe('estimatePublishedDate: an undated article dates itself', () => {
  it('takes the earliest day it announces: "On May 16, delegations will meet in Istanbul"', () => {
    const text = 'On May 16, Russian and Ukrainian delegations will meet in Istanbul. The talks were proposed by Moscow on May 11.';
    expect(estimatePublishedDate(text, '2025-05-20')).toBe('2025-05-16');
  });

  it('takes the latest day it reports when it announces nothing: "The two sides met on March 11"', () => {
    const text = 'American and Ukrainian officials met in Jeddah on March 11. Washington had paused intelligence sharing on March 5.';
    expect(estimatePublishedDate(text, '2025-03-15')).toBe('2025-03-11');
  });

  it('never dates an article before something it reports as done', () => {
    const text = 'The summit was announced on October 16. A preparatory call will take place on October 14.';
    expect(estimatePublishedDate(text, '2025-10-20')).toBe('2025-10-16');
  });

  it('gives a day written without a year the year nearest the batch: "December 30" read in January', () => {
    const text = 'The leaders spoke by phone on December 30 and agreed to keep talking.';
    expect(estimatePublishedDate(text, '2026-01-03')).toBe('2025-12-30');
  });

  it('ignores history the article recalls and weekdays it cannot anchor', () => {
    const text = 'The memorandum was signed on December 5, 1994. The ministers met on Saturday.';
    expect(calendarDatesWithTense(text, '2025-12-21')).toEqual([]);
    expect(estimatePublishedDate(text, '2025-12-21')).toBeNull();
  });
});

describe('estimatePublishedDate in a batch spread over years', () => {
  // The batch's median day is mid-2024 and its articles lie up to three years from it.
  const context = '2024-06-15';
  const spread = 1100;

  it('reads the year the text writes: a caption dated "Sunday, Nov. 23, 2025" places its other dates', () => {
    const text =
      'US and Ukrainian officials talk to the press in Geneva, Switzerland, Sunday, Nov. 23, 2025.\n\nThe two delegations said on Nov. 23 they had narrowed their differences.';
    expect(estimatePublishedDate(text, context, spread)).toBe('2025-11-23');
  });

  it('leaves an article undated when it writes no year: "Nov. 11" could be any of the batch years', () => {
    const text = 'Speaking on Nov. 11, the Kremlin spokesman denied that the two presidents had spoken.';
    expect(estimatePublishedDate(text, context, spread)).toBeNull();
    // A batch of one month is context enough.
    expect(estimatePublishedDate(text, '2024-11-20', 20)).toBe('2024-11-11');
  });

  it('does not date the article by a date that names a thing: "a Nov. 27 deadline"', () => {
    const text = 'The negotiators met on Nov. 23, 2025. The secretary downplayed a Nov. 27 deadline set by the president.';
    expect(calendarDatesWithTense(text, '2025-11-23').map((d) => d.day)).toEqual(['2025-11-23']);
    expect(estimatePublishedDate(text, context, spread)).toBe('2025-11-23');
  });
});

describe('namesAThing', () => {
  it.each([
    ['He downplayed a Nov. 27 deadline for a reply.', 'Nov. 27'],
    ["Hamas's Oct. 7 attack started the war.", 'Oct. 7'],
    ['the May 9 parade on Red Square', 'May 9'],
  ])('"%s": %s names a thing', (sentence, date) => {
    const start = sentence.indexOf(date);
    expect(namesAThing(sentence, start, start + date.length)).toBe(true);
  });
  it.each([
    ['The envoys met on Nov. 23 in Geneva.', 'Nov. 23'],
    ['The talks, held Nov. 23 and 24, ended.', 'Nov. 23'],
    ['It was signed Dec. 5, 1994 in Budapest.', 'Dec. 5, 1994'],
  ])('"%s": %s dates the clause', (sentence, date) => {
    const start = sentence.indexOf(date);
    expect(namesAThing(sentence, start, start + date.length)).toBe(false);
  });
});

describe('findDates at the edge of the calendar', () => {
  it('dates nothing past year 9999: "will meet on Saturday" published on 9999-12-31', async () => {
    const { findDates } = await import('../src/extract/dates/resolve.ts');
    expect(findDates('US envoy Steve Witkoff will meet Kirill Dmitriev in Miami on Saturday.', '9999-12-31')).toEqual([]);
  });
});
