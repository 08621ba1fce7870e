// Who said a quotation, by the frame around it. Each rule with the sentences it must attribute and
// the sentences it must leave alone (nobody is better than a wrong speaker). Our own sentences.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.ts';

const none = { people: [], places: [] };
function speakerOf(text: string, words: string): string | null | undefined {
  const r = extractArticle({ text, title: null, publishedAt: '2025-03-10' }, none);
  const q = r.quotes.find((x) => x.text.includes(words));
  if (!q) return undefined;
  return r.people.find((p) => p.key === q.speakerKey)?.name ?? null;
}

interface Row {
  text: string;
  words: string;
  speaker: string | null;
}

const TABLE: Array<{ rule: string; must: Row[]; mustNot: Row[] }> = [
  {
    rule: 'a name set off by commas as its title’s appositive, then the verb',
    must: [
      {
        text: 'Ruto’s chief of staff, Felix Koskei, said the sides had found “a workable basis for a truce.”',
        words: 'workable basis',
        speaker: 'Felix Koskei',
      },
    ],
    mustNot: [
      {
        text: 'Analysts doubted Felix Koskei, and officials said the sides had found “a workable basis for a truce.”',
        words: 'workable basis',
        speaker: null,
      },
    ],
  },
  {
    rule: 'said, then a title, then the name',
    must: [
      {
        text: '“The corridor will open on Monday for all convoys,” said UN humanitarian coordinator Tom Fletcher.',
        words: 'corridor will open',
        speaker: 'Tom Fletcher',
      },
    ],
    mustNot: [
      {
        text: 'Tom Fletcher was there. “The corridor will open on Monday for all convoys,” said a statement, which Kaja Kallas welcomed.',
        words: 'corridor will open',
        speaker: null,
      },
    ],
  },
  {
    rule: 'a short phrase, a comma, then the speaker after the quote',
    must: [
      {
        text: '“We will cut our strikes around the port city by half” on our side, Defence Minister Khalid Khan said.',
        words: 'cut our strikes',
        speaker: 'Khalid Khan',
      },
    ],
    mustNot: [],
  },
  {
    rule: 'according to him',
    must: [
      {
        text: 'Prime Minister Kamla Persad-Bissessar spoke late on Friday. According to her, the deal is “a fair deal for every island in the region.”',
        words: 'fair deal',
        speaker: 'Kamla Persad-Bissessar',
      },
    ],
    mustNot: [{ text: 'According to him, the deal is “a fair deal for every island in the region.”', words: 'fair deal', speaker: null }],
  },
  {
    rule: 'a pronoun opening the clause of a speech verb further on',
    must: [
      {
        text: 'Chancellor Friedrich Merz flew to Warsaw. After a meeting with Polish President Karol Nawrocki, he praised Poland for its help and expressed the hope that “our two nations can finish the bridge this year.”',
        words: 'finish the bridge',
        speaker: 'Friedrich Merz',
      },
    ],
    mustNot: [],
  },
  {
    rule: 'a paragraph that is only a quotation goes on with the quote above',
    must: [
      {
        text: 'Officials met in Doha.\n\n“We have agreed on the first phase of the exchange,” said Qatari mediator Mohammed Al-Khulaifi.\n\n“The second phase will need more time and more trust.”',
        words: 'second phase',
        speaker: 'Mohammed Al-Khulaifi',
      },
    ],
    mustNot: [
      {
        text: '“We have agreed on the first phase of the exchange,” said Qatari mediator Mohammed Al-Khulaifi.\n\nLater Israeli official Gal Hirsch spoke to reporters.\n\n“The second phase will need more time and more trust.”',
        words: 'second phase',
        speaker: null,
      },
    ],
  },
  {
    rule: 'the next sentence’s subject added or continued',
    must: [
      {
        text: 'Leaders met in Nairobi.\n\n“We must keep the border crossings open for trade and for aid.” Kenyan President William Ruto added that talks would resume in May.',
        words: 'border crossings',
        speaker: 'William Ruto',
      },
    ],
    mustNot: [
      {
        text: 'Leaders met in Nairobi.\n\n“We must keep the border crossings open for trade and for aid.” Kenyan President William Ruto said talks would resume in May.',
        words: 'border crossings',
        speaker: null,
      },
      {
        text: 'Leaders met in Nairobi.\n\n“We must keep the border crossings open for trade and for aid.” Reporters asked whether William Ruto added anything.',
        words: 'border crossings',
        speaker: null,
      },
    ],
  },
  {
    rule: 'said, then a title with an abbreviation, then the name',
    must: [
      {
        text: '“The ceasefire has held for a week now,” said U.N. envoy Hans Grundberg.',
        words: 'ceasefire has held',
        speaker: 'Hans Grundberg',
      },
    ],
    mustNot: [],
  },
  {
    rule: 'the subject of the sentence before, not a person sat opposite',
    must: [
      {
        text: 'Sitting opposite Xi Jinping in the hall, Prime Minister Anthony Albanese opened with a toast.\n\n“We have come a long way in a short time,” he said as Xi Jinping listened.',
        words: 'long way',
        speaker: 'Anthony Albanese',
      },
    ],
    mustNot: [],
  },
];

describe('quote attribution rules', () => {
  for (const r of TABLE) {
    describe(r.rule, () => {
      for (const row of r.must)
        it(`gives "${row.words}" to ${row.speaker}`, () => expect(speakerOf(row.text, row.words)).toBe(row.speaker));
      for (const row of r.mustNot)
        it(`gives "${row.words}" to nobody in "${row.text.slice(0, 50)}..."`, () =>
          expect(speakerOf(row.text, row.words)).toBe(row.speaker));
    });
  }
});
