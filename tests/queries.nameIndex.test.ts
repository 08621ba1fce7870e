import { describe, expect, it } from 'vitest';
import { PeopleNameIndex, type NameLabel } from '../src/store/sqlite/peopleNameIndex.ts';

const people: NameLabel[] = [
  { personId: 1, label: 'Volodymyr Zelensky', isCanonical: true },
  { personId: 1, label: 'Zelensky', isCanonical: false },
  { personId: 2, label: 'Steve Witkoff', isCanonical: true },
  { personId: 2, label: 'Witkoff', isCanonical: false },
  { personId: 3, label: 'Jared Kushner', isCanonical: true },
  { personId: 4, label: 'Andrii Sybiha', isCanonical: true },
  { personId: 5, label: 'Andriy Yermak', isCanonical: true },
  { personId: 6, label: 'Marco Rubio', isCanonical: true },
  { personId: 7, label: 'Mark Rutte', isCanonical: true },
];
const index = new PeopleNameIndex(people);
const names = (query: string, limit = 5) => index.search(query, limit).map((m) => m.canonicalName);

describe('PeopleNameIndex', () => {
  it('"zelen" finds Zelensky by the prefix of his surname', () => {
    expect(names('zelen')).toEqual(['Volodymyr Zelensky']);
  });

  it('"Zelenskyy" and "Zelenskiy" find Zelensky through spelling folding', () => {
    expect(names('Zelenskyy')[0]).toBe('Volodymyr Zelensky');
    expect(names('Zelenskiy')[0]).toBe('Volodymyr Zelensky');
  });

  it('"Vitkoff" finds Witkoff, and a typo "Witkof" still does', () => {
    expect(names('Vitkoff')[0]).toBe('Steve Witkoff');
    expect(names('Witkof')[0]).toBe('Steve Witkoff');
  });

  it('"jar kush" finds Jared Kushner from the starts of both names', () => {
    expect(names('jar kush')).toEqual(['Jared Kushner']);
  });

  it('"Andriy" finds both Andrii Sybiha and Andriy Yermak', () => {
    expect(names('Andriy').sort()).toEqual(['Andrii Sybiha', 'Andriy Yermak']);
  });

  it('an exact name ranks above a prefix match: "mar" lists Marco before Mark only by length', () => {
    expect(names('Mark Rutte')[0]).toBe('Mark Rutte');
    expect(names('mar')).toEqual(['Mark Rutte', 'Marco Rubio']);
  });

  it('ignores accents and case: "ZELÉNSKY"', () => {
    expect(names('ZELÉNSKY')[0]).toBe('Volodymyr Zelensky');
  });

  it('reports the alias that matched', () => {
    expect(index.search('witk', 1)[0]).toMatchObject({ personId: 2, label: 'Witkoff', canonicalName: 'Steve Witkoff' });
  });

  it('finds no one for a name that shares nothing', () => {
    expect(names('Lukashenko')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names('!!!')).toEqual([]);
  });

  it('breaks ties by weight (how many talks a person took part in)', () => {
    const tied = new PeopleNameIndex(
      [
        { personId: 10, label: 'Anna Kovalenko', isCanonical: true },
        { personId: 11, label: 'Anna Kovalenko', isCanonical: true },
      ],
      new Map([[11, 5]]),
    );
    expect(tied.search('Kovalenko', 2).map((m) => m.personId)).toEqual([11, 10]);
  });

  it('takes new people and aliases incrementally', () => {
    const growing = new PeopleNameIndex(people);
    expect(growing.search('Hnatov', 1)).toEqual([]);
    growing.add([{ personId: 8, label: 'Andrii Hnatov', isCanonical: true }]);
    growing.add([{ personId: 8, label: 'Hnatov', isCanonical: false }]);
    expect(growing.search('Hnatov', 1)[0]).toMatchObject({ personId: 8, canonicalName: 'Andrii Hnatov' });
    expect(growing.search('hna', 5).map((m) => m.personId)).toEqual([8]);
    expect(growing.size).toBe(8);
  });

  it('returns at most `limit` people, each once', () => {
    const many = new PeopleNameIndex(
      Array.from({ length: 300 }, (_, i) => ({ personId: i + 1, label: `Ivan Petrenko${i}`, isCanonical: true })),
    );
    const found = many.search('ivan', 25);
    expect(found).toHaveLength(25);
    expect(new Set(found.map((m) => m.personId)).size).toBe(25);
  });
});
