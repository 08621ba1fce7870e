// Event rules written for phrasings beyond the Ukraine talks: each case is a sentence of our own.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.ts';
import { capitalIsVenue, findSides } from '../src/extract/events/sides.ts';
import { hostsEvent } from '../src/extract/events/extractEvents.ts';
import { resetGeoMemo } from '../src/extract/events/geoMemo.ts';

function events(text: string, publishedAt = '2025-06-12') {
  const r = extractArticle({ text, title: null, publishedAt }, { people: [], places: [] });
  const name = (k: string) => r.people.find((p) => p.key === k)?.name ?? k;
  return r.events.map((e) => ({ kind: e.kind, status: e.status, date: e.date, dateTo: e.dateTo, city: e.location.city, sides: [...e.sides].sort(), people: e.participantKeys.map(name) }));
}

const sidesOf = (text: string): string[] => {
  resetGeoMemo([]);
  return findSides(text).map((s) => s.code);
};

describe('a capital that is a venue, not a side', () => {
  it('"the Paris round" names an event by its city', () => {
    const text = 'The Paris round came after a call between Emmanuel Macron and Olaf Scholz.';
    expect(capitalIsVenue(text, 4, 9)).toBe(true);
    expect(sidesOf(text)).not.toContain('FR');
  });
  it('a list of venues gives no side', () => {
    expect(sidesOf('It was their fourth meeting this year, after rounds in Vienna and Paris.')).not.toContain('FR');
  });
  it('a host city is the venue', () => {
    expect(sidesOf('Berlin to host the next round of Iran-US talks')).toEqual(['IR', 'US']);
    expect(hostsEvent(' to host the next round of talks')).toBe(true);
    expect(hostsEvent(' will host a summit')).toBe(true);
    expect(hostsEvent(' is a busy city')).toBe(false);
  });
  it('a capital acting as a government still is a side', () => {
    expect(sidesOf('Moscow is planning talks with Kyiv.')).toEqual(['RU', 'UA']);
  });
});

describe('the venue of a hosted round', () => {
  it('"Vienna to host" places the planned round in Vienna', () => {
    const found = events('Vienna to host third round of Iran-US talks on Saturday.', '2025-06-12');
    expect(found.some((e) => e.city === 'Vienna' && e.status === 'planned' && e.date === '2025-06-14')).toBe(true);
    expect(found.every((e) => !e.sides.includes('AT'))).toBe(true);
  });
});
