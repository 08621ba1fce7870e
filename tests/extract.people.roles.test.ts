// Roles and countries read from the words around a name, each rule with the sentences it must
// read and the sentences it must leave alone. Sentences are our own, about real offices.
import { describe, expect, it } from 'vitest';
import { extractPeople } from '../src/extract/people/extractPeople.ts';
import { ofCountryAfter, theRoleBefore, unOfficial } from '../src/extract/people/roles.ts';

const person = (text: string, name: string) => extractPeople(text, []).people.find((p) => p.name === name);

interface Row {
  text: string;
  name: string;
  role?: string | null;
  country?: string | null;
}

const TABLE: Array<{ rule: string; must: Row[]; mustNot: Row[] }> = [
  {
    rule: 'a role opened by "the" or a possessive pronoun, set off by a comma, with a complement',
    must: [
      {
        text: 'Talks began after the Prime Minister of Singapore, Lawrence Wong, arrived.',
        name: 'Lawrence Wong',
        role: 'Prime Minister of Singapore',
        country: 'SG',
      },
      {
        text: 'The head of the Turkish delegation, Ibrahim Kalin, spoke first.',
        name: 'Ibrahim Kalin',
        role: 'head of the Turkish delegation',
        country: 'TR',
      },
      { text: 'Its chief executive, Satya Nadella, declined to comment.', name: 'Satya Nadella', role: 'chief executive' },
      { text: 'The secretary of Kenya’s Cabinet, Musalia Mudavadi, signed the note.', name: 'Musalia Mudavadi', country: 'KE' },
    ],
    mustNot: [
      { text: 'After meeting the minister, Sergei Shoigu said nothing.', name: 'Sergei Shoigu', role: null },
      { text: 'Analysts said the president was tired, Maria Zakharova said.', name: 'Maria Zakharova', role: null },
    ],
  },
  {
    rule: 'a second role before the first: "the head of X, adviser to the president, Name"',
    must: [
      { text: 'The head of the Iranian team, an adviser to the president, Ali Bagheri, left early.', name: 'Ali Bagheri', country: 'IR' },
    ],
    mustNot: [{ text: 'He met the president, Ali Bagheri, and left.', name: 'Ali Bagheri', country: null }],
  },
  {
    rule: 'an office before the rank: "the Minister of X of Egypt, General Name"',
    must: [
      {
        text: 'Also present was the Minister of Defence of Kenya, General Charles Kahariri.',
        name: 'Charles Kahariri',
        role: 'Minister of Defence of Kenya',
        country: 'KE',
      },
    ],
    mustNot: [{ text: 'Also present, General Charles Kahariri met troops.', name: 'Charles Kahariri', country: null }],
  },
  {
    rule: 'the country after the name with "of"',
    must: [
      { text: 'President William Ruto of Kenya hosted the talks.', name: 'William Ruto', country: 'KE' },
      { text: 'They called Prime Minister Mark Carney of Canada on Monday.', name: 'Mark Carney', country: 'CA' },
    ],
    mustNot: [
      { text: 'General Herzi Halevi of Israel Defense Forces fame spoke.', name: 'Herzi Halevi', country: null },
      { text: 'Envoy Amos Hochstein of Washingtonian stock arrived.', name: 'Amos Hochstein', country: null },
    ],
  },
  {
    rule: 'a possessive role with a complement: "Trump\'s envoy for Ukraine, X"',
    must: [
      { text: 'Germany’s ambassador to Kenya, Sebastian Groth, attended.', name: 'Sebastian Groth', country: 'DE' },
      { text: 'Britain’s top diplomat in Asia, Catherine West, attended.', name: 'Catherine West', country: 'GB' },
    ],
    mustNot: [{ text: 'Germany’s weather in April, Sebastian Groth wrote, was mild.', name: 'Sebastian Groth', country: null }],
  },
];

describe('role rules', () => {
  for (const r of TABLE) {
    describe(r.rule, () => {
      for (const row of [...r.must, ...r.mustNot]) {
        it(`${row.name} in "${row.text}"`, () => {
          const p = person(row.text, row.name);
          expect(p).toBeDefined();
          if (row.role !== undefined) expect(p!.role).toBe(row.role);
          if (row.country !== undefined) expect(p!.country).toBe(row.country);
        });
      }
    });
  }
});

describe('theRoleBefore', () => {
  it('needs a comma or semicolon after the name unless told not to look', () => {
    const text = 'the head of the Chinese team, Wang Yi said';
    const at = text.indexOf('Wang');
    expect(theRoleBefore(text, at, at + 'Wang Yi'.length)).toBeNull();
    expect(theRoleBefore(text, at, at, false)?.country).toBe('CN');
  });
});

describe('ofCountryAfter', () => {
  it('reads a country name, not a demonym or a capital', () => {
    expect(ofCountryAfter(' of Ghana said', 0)?.country).toBe('GH');
    expect(ofCountryAfter(' of Ghanaian descent', 0)).toBeNull();
    expect(ofCountryAfter(' of Accra said', 0)).toBeNull();
  });
});

describe('unOfficial', () => {
  it('is a UN official, not an envoy to the UN', () => {
    expect(unOfficial('UN Secretary-General')).toBe(true);
    expect(unOfficial('top U.N. aid official')).toBe(true);
    expect(unOfficial('United Nations envoy for Yemen')).toBe(true);
    expect(unOfficial('ambassador to the UN')).toBe(false);
    expect(unOfficial('Foreign Minister')).toBe(false);
  });
  it('gives the UN as the country of its officials', () => {
    expect(person('UN Secretary-General Antonio Guterres welcomed the deal.', 'Antonio Guterres')?.country).toBe('UN');
    expect(person('France’s ambassador to the UN, Nicolas de Riviere, objected.', 'Nicolas de Riviere')?.country).toBe('FR');
  });
});
