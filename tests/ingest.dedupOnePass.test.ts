import { describe, expect, it } from 'vitest';
import { comparableText, contentHash, fingerprint, hashAndFingerprint } from '../src/ingest/dedup.ts';

const texts = [
  '',
  'Short.',
  'The foreign ministers of Norway and Chile met in Oslo on Tuesday, officials said. “We agreed on a second round,” the Chilean minister told reporters.',
  'ÉLYSÉE  Palace—talks  resumed   on 3 May; the envoy’s aide said nothing.\n\nA second paragraph follows.',
];

describe('normalising once for both dedup keys', () => {
  it.each(texts)('gives the same hash and fingerprint as computing each on its own: %j', (text) => {
    const { hash, print } = hashAndFingerprint(text);
    expect(hash).toBe(contentHash(text));
    expect(print).toEqual(fingerprint(text));
  });

  it.each(texts)('a comparison fingerprint has the same words, shingles and names as the full one: %j', (text) => {
    const { simhash: _, ...rest } = fingerprint(text);
    expect(comparableText(text)).toEqual(rest);
  });
});
