import { describe, expect, it } from 'vitest';
import { inferPublishedDate } from '../src/extract/dates/publishedFromText.ts';

describe('inferPublishedDate', () => {
  it.each([
    ['Envoys meet in Geneva\n\n• Nov 23, 2025, 9:15 PM\n3 min read\n\nUS and Ukrainian officials met on Sunday.', '2025-11-23'],
    ['Envoys meet in Geneva\nNovember 23, 2025\n\nOfficials met on Sunday.', '2025-11-23'],
    ['Envoys meet in Geneva\n23 November 2025\n\nOfficials met on Sunday.', '2025-11-23'],
    ['Published 23.11.2025\n\nOfficials met on Sunday.', '2025-11-23'],
    ['2025-11-23T18:00 Officials met on Sunday.', '2025-11-23'],
    ['Updated 11/23/2025\nOfficials met on Sunday.', '2025-11-23'],
  ])('reads the dateline in %j', (text, expected) => {
    expect(inferPublishedDate(text)).toBe(expected);
  });

  it('prefers a dateline line over an earlier date in a caption', () => {
    const text =
      'Rubio and Yermak talk to reporters in Geneva on Nov. 23, 2025. (Photo: Reuters)\n\nNov 24, 2025, 7:02 AM\n\nThe talks went on.';
    expect(inferPublishedDate(text)).toBe('2025-11-24');
  });

  it('falls back to the first full date when nothing looks like a dateline', () => {
    expect(inferPublishedDate('The envoys, who first met on June 2, 2025 in Istanbul, met again.')).toBe('2025-06-02');
  });

  it('returns null when the head of the text has no full date', () => {
    expect(inferPublishedDate('The envoys met on Sunday in Geneva and will meet again on Dec. 2.')).toBeNull();
    expect(inferPublishedDate('')).toBeNull();
  });

  it('ignores impossible days', () => {
    expect(inferPublishedDate('February 30, 2025\n\nText.')).toBeNull();
  });
});
