import { describe, expect, it } from 'vitest';
import { calendarDatesWithTense, estimatePublishedDate } from '../src/extract/dates/estimatePublished.ts';

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

describe('findDates at the edge of the calendar', () => {
  it('dates nothing past year 9999: "will meet on Saturday" published on 9999-12-31', async () => {
    const { findDates } = await import('../src/extract/dates/resolve.ts');
    expect(findDates('US envoy Steve Witkoff will meet Kirill Dmitriev in Miami on Saturday.', '9999-12-31')).toEqual([]);
  });
});
