// The guards that keep extraction linear on pathological text: overlong "sentences" are cut,
// quotations are blanked in one pass, quote look-ups are a binary search, and a multi-megabyte
// article is read only up to MAX_ARTICLE_CHARS.
import { describe, expect, it } from 'vitest';
import { extractArticle, MAX_ARTICLE_CHARS } from '../src/extract/index.ts';
import { blankQuotes, findQuoteSpans, insideQuote } from '../src/extract/quotes/quoteSpans.ts';
import { MAX_SENTENCE_CHARS, splitSentences } from '../src/extract/sentences.ts';

describe('overlong sentences', () => {
  it('a 20,000-character line without a full stop becomes pieces no longer than the cap, cut at commas', () => {
    const text = 'delegations met again, '.repeat(870).trim();
    const sentences = splitSentences(text);
    expect(sentences.length).toBeGreaterThan(10);
    for (const s of sentences) {
      expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(s.text.endsWith(',') || s.text === sentences.at(-1)!.text).toBe(true);
    }
    // Nothing is dropped: the pieces cover every word.
    expect(sentences.map((s) => s.text).join(' ')).toBe(text);
  });

  it('a line of letters without spaces is cut at the cap, never inside a surrogate pair', () => {
    const text = 'ab😀'.repeat(2000);
    const sentences = splitSentences(text);
    for (const s of sentences) {
      expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(s.text)).toBe(false);
    }
    expect(sentences.map((s) => s.text).join('')).toBe(text);
  });

  it('ordinary sentences are left alone', () => {
    expect(splitSentences('Rubio met Umerov in Geneva. They will meet again.').map((s) => s.text)).toEqual([
      'Rubio met Umerov in Geneva.',
      'They will meet again.',
    ]);
  });
});

describe('quotations', () => {
  const text = 'He said "we met" and "we will meet again" before leaving.';
  const spans = findQuoteSpans(text);

  it('blankQuotes blanks the quoted words, keeps the marks and the length', () => {
    expect(blankQuotes(text, spans)).toBe('He said "      " and "                  " before leaving.');
    // Overlapping or unsorted spans blank their union.
    const messy = [spans[1]!, { open: 7, close: 16, text: 'x' }, spans[0]!];
    expect(blankQuotes(text, messy)).toHaveLength(text.length);
    expect(blankQuotes(text, messy).slice(0, 8)).toBe('He said ');
  });

  it('insideQuote is true on the marks and the words, false around them', () => {
    const [first, second] = spans;
    expect(insideQuote(spans, first!.open)).toBe(true);
    expect(insideQuote(spans, first!.close)).toBe(true);
    expect(insideQuote(spans, first!.open - 1)).toBe(false);
    expect(insideQuote(spans, first!.close + 1)).toBe(false);
    expect(insideQuote(spans, second!.open + 3)).toBe(true);
    expect(insideQuote(spans, text.length - 1)).toBe(false);
    expect(insideQuote([], 3)).toBe(false);
  });
});

describe('a multi-megabyte article', () => {
  it('is read up to MAX_ARTICLE_CHARS: a meeting reported after that point is not extracted', () => {
    const filler = 'Markets were calm and the weather was mild. '.repeat(Math.ceil(MAX_ARTICLE_CHARS / 44) + 10);
    const early = 'Ukrainian and Turkish delegations met in Ankara on Monday.\n\n';
    const late = '\n\nFrench and German delegations met in Lisbon on Tuesday.';
    const extraction = extractArticle({ text: early + filler + late, title: null, publishedAt: '2025-06-04' }, { people: [], places: [] });
    const places = extraction.events.map((e) => e.location.city);
    expect(places).toContain('Ankara');
    expect(places).not.toContain('Lisbon');
  });
});
