import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCountryMentions } from '../src/extract/geo/countries.ts';
import { findPlaces, findRegionMentions } from '../src/extract/geo/places.ts';

const WORDS = [
  'in',
  'at',
  'the',
  'talks',
  'met',
  'Miami',
  'Florida',
  ',',
  '.',
  'U.S.',
  'US',
  'Ukrainian-U.S.',
  "Ukraine's",
  'Kremlin',
  'White',
  'House',
  'Reading',
  'Nice',
  'Vladimir',
  'Putin',
  'Moscow',
  'Idaho',
  'Paris',
  'Texas',
  'Saint',
  'St.',
  'Petersburg',
  'New',
  'York',
  'Mexico',
  'Georgia',
  'Atlanta',
  'European',
  'Eastern',
  'Europe',
  'Brussels',
  'Kyiv-based',
  'Washington',
  'D.C.',
  'Hallandale',
  'Beach',
  '(',
  ')',
  'Mar-a-Lago',
  'Jordan',
  'Bardella',
  'Indian',
  'Ocean',
  'Latin',
  'American',
];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((w) => w.join(' '));

function wellFormed(found: Array<{ start: number; end: number; surface: string }>, source: string): void {
  let previousEnd = 0;
  for (const m of found) {
    expect(source.slice(m.start, m.end)).toBe(m.surface);
    expect(m.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = m.end;
  }
}

describe('geo finders on any text', () => {
  it('give ordered, non-overlapping mentions whose surface is the text at their offsets', () => {
    fc.assert(
      fc.property(text, (source) => {
        const countries = findCountryMentions(source);
        wellFormed(countries, source);
        for (const c of countries) expect(c.code).toMatch(/^(?:[A-Z]{2}|EU)$/);
        const places = findPlaces(source);
        wellFormed(places, source);
        for (const p of places) expect(p.country).toMatch(/^[A-Z]{2}$/);
        wellFormed(findRegionMentions(source), source);
      }),
      { numRuns: 400 },
    );
  });

  it('never throw on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => {
        findCountryMentions(source);
        findPlaces(source);
        findRegionMentions(source);
      }),
    );
  });
});
