import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalUrl, SimhashIndex, contentHash, hammingDistance, isNearDuplicate, resemblance, simhash } from '../src/ingest/dedup.ts';
import { GENEVA_TALKS, GENEVA_TALKS_OTHER_OUTLET, GENEVA_TALKS_SYNDICATED, ISTANBUL_TALKS } from './support/ingestFixtures.ts';

describe('canonicalUrl', () => {
  it('strips tracking parameters, the fragment and a trailing slash, and lower-cases the host', () => {
    expect(canonicalUrl('https://News.Example.COM/world/talks/?utm_source=x&utm_medium=rss&id=7&fbclid=abc#comments')).toBe(
      'https://news.example.com/world/talks?id=7',
    );
  });
  it('sorts the parameters that remain and keeps the root path', () => {
    expect(canonicalUrl('http://example.org/?b=2&a=1')).toBe('http://example.org/?a=1&b=2');
    expect(canonicalUrl('http://example.org')).toBe('http://example.org/');
  });
  it('refuses what is not an http(s) URL', () => {
    expect(() => canonicalUrl('mailto:desk@example.org')).toThrow('not an http(s) URL');
    expect(() => canonicalUrl('not a url')).toThrow();
  });
});

describe('contentHash', () => {
  it('is the same for copies that differ in case, spacing and punctuation only', () => {
    expect(contentHash('The talks, held in Geneva, ended.')).toBe(contentHash('the talks held in   Geneva ended'));
    expect(contentHash('Kyiv’s position')).toBe(contentHash("Kyiv's position"));
  });
  it('differs when a word differs', () => {
    expect(contentHash('The talks ended.')).not.toBe(contentHash('The talks began.'));
  });
});

describe('simhash', () => {
  it('is 16 hex digits and stable', () => {
    expect(simhash(GENEVA_TALKS)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(GENEVA_TALKS)).toBe(simhash(GENEVA_TALKS));
  });
  it('puts a syndicated copy much closer than another article', () => {
    const copy = hammingDistance(simhash(GENEVA_TALKS), simhash(GENEVA_TALKS_SYNDICATED));
    const other = hammingDistance(simhash(GENEVA_TALKS), simhash(ISTANBUL_TALKS));
    expect(copy).toBeLessThan(other);
  });
  it('has a symmetric Hamming distance that is zero only for equal hashes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (a, b) => {
        const ha = a.toString(16).padStart(16, '0');
        const hb = b.toString(16).padStart(16, '0');
        const d = hammingDistance(ha, hb);
        expect(d).toBe(hammingDistance(hb, ha));
        expect(d).toBe((a ^ b).toString(2).replace(/0/g, '').length);
      }),
    );
  });
});

describe('isNearDuplicate', () => {
  it('calls a syndicated copy with small edits a duplicate', () => {
    expect(resemblance(GENEVA_TALKS, GENEVA_TALKS_SYNDICATED)).toBeGreaterThan(0.6);
    expect(isNearDuplicate(GENEVA_TALKS, GENEVA_TALKS_SYNDICATED)).toBe(true);
  });
  it('does not call another outlet on the same story a duplicate', () => {
    expect(isNearDuplicate(GENEVA_TALKS, GENEVA_TALKS_OTHER_OUTLET)).toBe(false);
  });
  it('does not call two reports of different meetings written from one template duplicates', () => {
    const report = (a: string, b: string, city: string, day: string, next: string) =>
      [
        `${a} and ${b} held talks in ${city} on ${day}, officials said after the meeting ended late in the evening.`,
        `"We had a frank and useful conversation, and we agreed to meet again soon," ${a} told reporters outside the venue.`,
        'Officials cautioned that any agreement would still need approval from parliament and a public vote.',
        'Negotiators have met several times this year without reaching a ceasefire, and energy prices rose slightly on the news.',
        'Humanitarian groups urged both delegations to prioritise the return of civilians held in detention.',
        `The two sides will meet again in ${next} next month, according to a statement released afterwards.`,
      ].join('\n\n');
    const first = report('Foreign Minister Andrii Sybiha', 'Secretary of State Marco Rubio', 'Jeddah', 'March 11', 'Riyadh');
    const second = report('Foreign Minister Hakan Fidan', 'Foreign Minister Sergei Lavrov', 'Antalya', 'April 12', 'Istanbul');
    expect(resemblance(first, second)).toBeGreaterThan(0.5);
    expect(isNearDuplicate(first, second)).toBe(false);
    expect(isNearDuplicate(first, first.replace('late in the evening', 'in the evening'))).toBe(true);
  });

  it('does not call two short texts duplicates by accident', () => {
    expect(isNearDuplicate('Talks ended.', 'Talks ended today.')).toBe(false);
  });
});

describe('SimhashIndex', () => {
  it('returns the ids within the distance, closest first, at most the limit', () => {
    const index = new SimhashIndex();
    index.add(1, 'ffffffffffffffff');
    index.add(2, '0000000000000003');
    index.add(3, '0000000000000001');
    index.add(4, '00000000000000ff');
    expect(index.nearest('0000000000000000', 2, 10)).toEqual([3, 2]);
    expect(index.nearest('0000000000000000', 8, 2)).toEqual([3, 2]);
    expect(index.nearest('0000000000000000', 64, 10)).toEqual([3, 2, 4, 1]);
    expect(index.lastId).toBe(4);
  });
});
