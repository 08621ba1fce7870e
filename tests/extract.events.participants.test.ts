// The participants step: who sat at the table.
import { describe, expect, it } from 'vitest';
import {
  PRONOUN_PARTICIPANT,
  leadsDelegation,
  governedByPreposition,
  merelySpeaks,
  namesCompanions,
  namesTwoPeople,
  opensWithAfter,
  qualifiesInstitution,
  reportsFromTheTable,
} from '../src/extract/events/participants.ts';
import { extractArticle } from '../src/extract/index.ts';
import { checkPatternTable, checkPredicateTable } from './support/patternTable.ts';

checkPatternTable('pronoun participants', PRONOUN_PARTICIPANT);

checkPredicateTable('participant rules', [
  {
    name: 'the object of another preposition',
    test: governedByPreposition,
    matches: ['they sent a report to ', 'a plan by Kenyan President '],
    rejects: ['talks hosted by ', 'talks with ', 'made his first call to ', 'he spoke to '],
  },
  {
    name: 'a name qualifying an institution',
    test: qualifiesInstitution,
    matches: [' administration officials met', ' government said'],
    rejects: [' met the envoy'],
  },
  {
    name: 'the two people just named',
    test: namesTwoPeople,
    matches: ['The two ministers will speak again', 'Both leaders met'],
    rejects: ['The two countries met'],
  },
  {
    name: 'speaking as one of the sides',
    test: reportsFromTheTable,
    matches: [' told state TV that the two sides had made progress', ' said we agreed on a date'],
    rejects: [' said the sanctions would stay'],
  },
  {
    name: 'companions',
    test: namesCompanions,
    matches: ['The king was accompanied by his foreign minister.', 'The envoy was also present.'],
    rejects: ['The king arrived alone.'],
  },
  {
    name: 'a title leading or sitting in a delegation',
    test: (t) => leadsDelegation(t),
    matches: ['head of the Kenyan delegation', 'chief negotiator', 'member of the negotiating team'],
    rejects: ['Foreign Minister', 'spokesman of the ministry'],
  },
  {
    name: 'a clause dated by another event',
    test: opensWithAfter,
    matches: ['after a meeting with the envoy', 'two days before the summit'],
    rejects: ['and met the envoy'],
  },
]);

describe('merelySpeaks', () => {
  it('a speaker is no participant unless what they said refers back to them', () => {
    expect(merelySpeaks(' said the talks went well', 'The minister ')).toBe(true);
    expect(merelySpeaks(' said he would hold talks', 'The minister ')).toBe(false);
    expect(merelySpeaks(' met the envoy', 'The minister ')).toBe(false);
  });
});

describe('participants of an article', () => {
  const people = (text: string) => {
    const r = extractArticle({ text, title: null, publishedAt: '2025-06-13' }, { people: [], places: [] });
    const name = (k: string) => r.people.find((p) => p.key === k)?.name ?? k;
    return r.events.map((e) => e.participantKeys.map(name));
  };
  it('companions named right after a report sat at the table', () => {
    const [first] = people(
      'Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Thursday. Ruto was accompanied by Foreign Minister Musalia Mudavadi.',
    );
    expect(first).toEqual(expect.arrayContaining(['William Ruto', 'Yoweri Museveni', 'Musalia Mudavadi']));
  });
});
