// Where quotations are, for the marks reporters actually type: curly single quotes in running
// text, an opening double mark typed as the closing one, and a quotation that runs on into the
// next paragraph. Each shape with text it must read and text it must leave alone.
import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../src/extract/quotes/quoteSpans.ts';

const texts = (t: string): string[] => findQuoteSpans(t).map((q) => q.text);

const TABLE: Array<{ shape: string; must: Array<[string, string]>; mustNot: Array<[string, string]> }> = [
  {
    shape: 'curly single quotes in running text',
    must: [['Scholz hopes the visit will ‘open a new chapter with Beijing,’ his office said.', 'open a new chapter with Beijing,']],
    mustNot: [
      ['The talks in Doha‘s centre went on, and the envoys’ cars waited.', 's centre went on, and the envoys'],
      ['We’re certain, they’re not.', 're certain, they'],
    ],
  },
  {
    shape: 'an opening double mark typed where the closing one belongs',
    must: [['The minister called the deal “a lifeline for millions“, and left.', 'a lifeline for millions']],
    mustNot: [['He said “yes“no” twice.', 'yes']],
  },
  {
    shape: 'a quotation running on into the next paragraph',
    must: [
      [
        'Koskei said: “We have done our part, and now the other side must act.\n“We will wait.”',
        'We have done our part, and now the other side must act.',
      ],
      ['"Nobody here wants another year of war.\nShe went on.', 'Nobody here wants another year of war.'],
    ],
    mustNot: [
      ['The new tablet has a 10" screen and a fast chip.\nNext.', ' screen and a fast chip.'],
      ['He said “no.\nNext.', 'no.'],
    ],
  },
];

describe('quotation spans', () => {
  for (const row of TABLE) {
    describe(row.shape, () => {
      for (const [text, quote] of row.must) it(`reads "${quote}"`, () => expect(texts(text)).toContain(quote));
      for (const [text, quote] of row.mustNot) it(`does not read "${quote}"`, () => expect(texts(text)).not.toContain(quote));
    });
  }
});
