// Spelling variants of one name across transliteration systems and typing slips, each rule with
// the pairs it must join and the pairs it must keep apart.
import { describe, expect, it } from 'vitest';
import { namesMatch, sameUpToHG } from '../src/extract/people/nameMatch.ts';
import { surnameKeysToSearch } from '../src/merge/people.ts';

interface Rule {
  rule: string;
  same: Array<[string, string]>;
  different: Array<[string, string]>;
}

const RULES: Rule[] = [
  {
    rule: 'Ukrainian h for Russian g',
    same: [
      ['Andrii Hnatov', 'Andrey Gnatov'],
      ['Serhiy Lysak', 'Sergiy Lysak'],
      ['Olha Stefanishyna', 'Olga Stefanishyna'],
    ],
    different: [
      ['Tom Hill', 'Tom Gill'],
      ['Hu Jintao', 'Gu Jintao'],
    ],
  },
  {
    rule: 'Russian -ei/-ey against Ukrainian -ii/-iy',
    same: [
      ['Andrey Sybiha', 'Andrii Sybiha'],
      ['Sergei Kyslytsya', 'Serhii Kyslytsia'],
      ['Sergei Lavrov', 'Serhii Lavrov'],
    ],
    different: [['Andrey Ivanov', 'Andrea Ivanov']],
  },
  {
    rule: 'one adjacent transposition in a long surname',
    same: [
      ['Zelenksyy', 'Volodymyr Zelenskyy'],
      ['Kovalenko', 'Kovalneko'],
    ],
    different: [
      ['Lavrov', 'Lovrav'],
      ['Maria Kovacs', 'Maria Kocsav'],
    ],
  },
  {
    rule: 'a hyphenated given name written as two words',
    same: [
      ['Moon Jae-in', 'Moon Jae In'],
      ['Yoon Suk Yeol', 'Yoon Suk-yeol'],
    ],
    different: [
      ['Moon Jae-in', 'Moon Jae Kim'],
      ['Lee Jae-myung', 'Lee Myung-bak'],
    ],
  },
];

describe('namesMatch rules', () => {
  for (const r of RULES) {
    describe(r.rule, () => {
      for (const [a, b] of r.same) it(`joins ${a} and ${b}`, () => expect(namesMatch(a, b)).toBe(true));
      for (const [a, b] of r.different) it(`keeps ${a} and ${b} apart`, () => expect(namesMatch(a, b)).toBe(false));
    });
  }
});

describe('sameUpToHG', () => {
  it('needs four letters and the same length', () => {
    expect(sameUpToHG('hnatov', 'gnatov')).toBe(true);
    expect(sameUpToHG('hu', 'gu')).toBe(false);
    expect(sameUpToHG('hnatov', 'gnatova')).toBe(false);
  });
});

describe('surnameKeysToSearch', () => {
  it('looks under g for a surname with h and the other way round', () => {
    expect(surnameKeysToSearch('Andrii Hnatov')).toEqual(['h', 'g']);
    expect(surnameKeysToSearch('Gnatov')).toEqual(['g', 'h']);
    expect(surnameKeysToSearch('Rustem Umerov')).toEqual(['u']);
  });
});
