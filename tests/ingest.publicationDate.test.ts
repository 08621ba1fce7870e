import { describe, expect, it } from 'vitest';
import { calendarDay, datelineDay, findFullDates, parseDateHeader, parseMetadataDate } from '../src/ingest/publicationDate.ts';

describe('parseDateHeader', () => {
  it('reads " date YYYY-MM-DD" and what follows it on the line', () => {
    expect(parseDateHeader(' date 2025-12-21 KI logo')).toEqual({ publishedAt: '2025-12-21', rest: 'KI logo' });
    expect(parseDateHeader(' date 2025-12-22')).toEqual({ publishedAt: '2025-12-22', rest: '' });
  });
  it('ignores lines that are not a header or name an impossible day', () => {
    expect(parseDateHeader('dated 2025-12-21')).toBeNull();
    expect(parseDateHeader(' date 2025-02-30')).toBeNull();
    expect(parseDateHeader('The date 2025-12-21 was set')).toBeNull();
  });
});

describe('datelineDay', () => {
  it.each([
    ['• Dec 21, 2025, 12:01 AM', '2025-12-21'],
    ['December 21, 2025', '2025-12-21'],
    ['21.12.2025', '2025-12-21'],
    ['Sunday, 21 December 2025', '2025-12-21'],
    ['Published: Dec. 3, 2025 at 9:15 a.m. EST', '2025-12-03'],
    ['Updated 2025-12-21 14:05', '2025-12-21'],
    ['12/21/2025', '2025-12-21'],
  ])('reads "%s" as %s', (line, day) => {
    expect(datelineDay(line)).toBe(day);
  });

  it.each([
    'Talks were held in Miami on December 21, 2025, officials said.',
    'Latest news bulletin | December 21st, 2025 – Morning edition',
    '03/04/2025',
    'December 21',
  ])('does not take "%s" for a dateline', (line) => {
    expect(datelineDay(line)).toBeNull();
  });
});

describe('parseMetadataDate', () => {
  it("takes the day as the publisher wrote it, in the publisher's own offset", () => {
    expect(parseMetadataDate('2025-12-21T23:30:00-05:00')).toBe('2025-12-21');
    expect(parseMetadataDate('2025-12-22T00:30:00+02:00')).toBe('2025-12-22');
    expect(parseMetadataDate('Sun, 21 Dec 2025 10:00:00 GMT')).toBe('2025-12-21');
    expect(parseMetadataDate('2025-12-21')).toBe('2025-12-21');
    expect(parseMetadataDate('2025-12-21T23:30:00')).toBe('2025-12-21');
    expect(parseMetadataDate('soon')).toBeNull();
    expect(parseMetadataDate(null)).toBeNull();
  });
});

describe('findFullDates', () => {
  it('finds each written date once, in order', () => {
    expect(findFullDates('Met on 2025-12-19 and again on December 20, 2025.').map((d) => d.day)).toEqual(['2025-12-19', '2025-12-20']);
  });
  it('rejects impossible days', () => {
    expect(calendarDay(2025, 2, 29)).toBeNull();
    expect(calendarDay(2024, 2, 29)).toBe('2024-02-29');
  });
});
