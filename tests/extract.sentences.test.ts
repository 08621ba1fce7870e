import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/extract/sentences.ts';

describe('splitSentences', () => {
  it('does not split after titles, initials, dotted abbreviations or abbreviated months', () => {
    const text = 'Mr. Blinken met U.S. Sen. Jim Risch on Dec. 4. Donald J. Trump spoke later.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Mr. Blinken met U.S. Sen. Jim Risch on Dec. 4.',
      'Donald J. Trump spoke later.',
    ]);
  });

  it('keeps a quotation that holds a full stop inside one sentence', () => {
    const text = '"We arrived in Geneva. The work starts now," the envoy said. Talks began at noon.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      '"We arrived in Geneva. The work starts now," the envoy said.',
      'Talks began at noon.',
    ]);
  });

  it('ends a sentence at a closing quote after a full stop', () => {
    const text = 'Lavrov said: "The door is open." Fidan agreed.';
    expect(splitSentences(text).map((s) => s.text)).toEqual(['Lavrov said: "The door is open."', 'Fidan agreed.']);
  });

  it('treats lines as paragraphs and reports offsets into the text', () => {
    const text = 'Headline without a stop\n\nFirst line. Second line.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => [s.text, s.paragraph])).toEqual([
      ['Headline without a stop', 0],
      ['First line.', 1],
      ['Second line.', 1],
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('survives an unbalanced quote without swallowing the paragraph', () => {
    const text = 'He said "we will see. Then it ended. Next day came.';
    expect(splitSentences(text).length).toBe(3);
  });
});
