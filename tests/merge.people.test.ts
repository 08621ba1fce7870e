import { describe, expect, it } from 'vitest';
import {
  canonicalName,
  closeSpellingMatch,
  findKnownPerson,
  shortGivenNameMatch,
  mergePersonMentions,
  mostSpecificRole,
  peopleToFold,
  rankPersonMatches,
  type PersonRecord,
} from '../src/merge/people.ts';
import type { KnownPerson } from '../src/config/schema.ts';

const zelensky: KnownPerson = { name: 'Volodymyr Zelensky', aliases: ['Zelenskyy'], country: 'UA', role: 'President of Ukraine' };

describe('findKnownPerson', () => {
  it('finds a configured person by another spelling of the full name', () => {
    expect(findKnownPerson({ name: 'Volodymyr Zelenskiy', aliases: [] }, [zelensky])?.name).toBe('Volodymyr Zelensky');
  });
  it('finds a configured person by a configured alias', () => {
    expect(findKnownPerson({ name: 'Zelenskyy', aliases: [] }, [zelensky])?.name).toBe('Volodymyr Zelensky');
  });
  it('finds nobody with an empty list', () => {
    expect(findKnownPerson({ name: 'Volodymyr Zelensky', aliases: [] }, [])).toBeNull();
  });
});

describe('rankPersonMatches', () => {
  const people: PersonRecord[] = [
    { id: 1, names: ['Melania Trump', 'Trump'], country: 'US', mentions: 1 },
    { id: 2, names: ['Donald Trump', 'Trump'], country: 'US', mentions: 9 },
    { id: 3, names: ['Steve Witkoff', 'Witkoff'], country: 'US', mentions: 4 },
  ];
  it('Steve Vitkoff is the stored Steve Witkoff', () => {
    expect(rankPersonMatches({ name: 'Steve Vitkoff', aliases: [], country: null, role: null }, people, null).map((p) => p.id)).toEqual([
      3,
    ]);
  });
  it('Donald Trump is not Melania Trump, even though both are "Trump"', () => {
    expect(
      rankPersonMatches({ name: 'Donald Trump', aliases: ['Trump'], country: 'US', role: null }, people, null).map((p) => p.id),
    ).toEqual([2]);
  });
  it('a bare "Trump" goes to the Trump seen most often', () => {
    expect(rankPersonMatches({ name: 'Trump', aliases: [], country: null, role: null }, people, null)[0]?.id).toBe(2);
  });
  it('nobody matches a new name', () => {
    expect(rankPersonMatches({ name: 'Kaja Kallas', aliases: [], country: 'EU', role: null }, people, null)).toEqual([]);
  });
});

describe('peopleToFold', () => {
  it('a person stored under a bare surname folds into the full name when it turns up', () => {
    const ranked: PersonRecord[] = [
      { id: 4, names: ['Rustem Umerov', 'Umerov'], country: 'UA', mentions: 2 },
      { id: 5, names: ['Umerov'], country: 'UA', mentions: 1 },
    ];
    expect(peopleToFold({ name: 'Rustem Umerov', aliases: [], country: 'UA', role: null }, ranked).map((p) => p.id)).toEqual([5]);
  });
  it('a bare surname never folds people together', () => {
    const ranked: PersonRecord[] = [
      { id: 2, names: ['Donald Trump'], country: 'US', mentions: 9 },
      { id: 1, names: ['Melania Trump'], country: 'US', mentions: 1 },
    ];
    expect(peopleToFold({ name: 'Trump', aliases: [], country: null, role: null }, ranked)).toEqual([]);
  });
});

describe('canonicalName', () => {
  it('is the configured name for a known person', () => {
    expect(canonicalName(['Zelenskyy', 'Volodymyr Zelenskyy'], zelensky)).toBe('Volodymyr Zelensky');
  });
  it('is the longest full name otherwise', () => {
    expect(canonicalName(['Umerov', 'Rustem Umerov'], null)).toBe('Rustem Umerov');
    expect(canonicalName(['Volodymyr Zelensky', 'Volodymyr Zelenskyy', 'Zelensky'], null)).toBe('Volodymyr Zelenskyy');
  });
});

describe('mostSpecificRole', () => {
  it('prefers the full title over a generic word', () => {
    expect(mostSpecificRole(['negotiator', 'Secretary of the National Security and Defense Council', null])).toBe(
      'Secretary of the National Security and Defense Council',
    );
  });
  it('ignores run-on text that is longer than any title', () => {
    expect(
      mostSpecificRole(['envoy', 'who said on Sunday that the talks in Miami were productive and constructive but did not yield']),
    ).toBe('envoy');
  });
  it('is null without roles', () => {
    expect(mostSpecificRole([null, undefined, ' '])).toBeNull();
  });
});

describe('mergePersonMentions', () => {
  it('accumulates aliases, takes the commonest country and the most specific role', () => {
    const merged = mergePersonMentions(
      [
        { name: 'Andriy Hnatov', aliases: ['Hnatov'], country: 'UA', role: 'general' },
        { name: 'Andrii Hnatov', aliases: [], country: 'UA', role: 'Chief of the General Staff' },
        { name: 'Hnatov', aliases: [], country: null, role: null },
      ],
      null,
    );
    // Equally long spellings: the alphabetical first, so any order of articles gives the same name.
    expect(merged.name).toBe('Andrii Hnatov');
    expect(merged.aliases).toEqual(['Andriy Hnatov', 'Hnatov']);
    expect(merged.country).toBe('UA');
    expect(merged.role).toBe('Chief of the General Staff');
    expect(merged.roles).toEqual(['general', 'Chief of the General Staff']);
  });
  it('a configured person keeps the configured name and country and adds the configured aliases', () => {
    const merged = mergePersonMentions([{ name: 'Volodymyr Zelenskiy', aliases: [], country: null, role: 'President' }], zelensky);
    expect(merged).toMatchObject({ name: 'Volodymyr Zelensky', country: 'UA', role: 'President of Ukraine' });
    expect(merged.aliases).toEqual(['Zelenskyy', 'Volodymyr Zelenskiy']);
  });
});

describe('shortGivenNameMatch', () => {
  it('Dan Driscoll and Daniel Driscoll are one person, and Steve and Steven; Dan and Donald are not', () => {
    expect(shortGivenNameMatch('Dan Driscoll', 'Daniel Driscoll')).toBe(true);
    expect(shortGivenNameMatch('Steve Witkoff', 'Steven Witkoff')).toBe(true);
    expect(shortGivenNameMatch('Dan Driscoll', 'Donald Driscoll')).toBe(false);
  });
  it('needs the same surname and at least three letters of the given name', () => {
    expect(shortGivenNameMatch('Dan Driscoll', 'Daniel Dreyfus')).toBe(false);
    expect(shortGivenNameMatch('Al Gore', 'Albert Gore')).toBe(false);
  });
  it('a stored Dan Driscoll is found when an article says Daniel Driscoll', () => {
    const people: PersonRecord[] = [{ id: 8, names: ['Dan Driscoll'], country: 'US', mentions: 1 }];
    expect(
      rankPersonMatches({ name: 'Daniel Driscoll', aliases: ['Driscoll'], country: 'US', role: null }, people, null).map((p) => p.id),
    ).toEqual([8]);
  });
});

describe('closeSpellingMatch', () => {
  it('Abbas Araghchi and Abbas Araqchi are two romanisations of one name', () => {
    expect(closeSpellingMatch('Abbas Araghchi', 'Abbas Araqchi')).toBe(true);
  });
  it('needs the same given name and a long enough surname', () => {
    expect(closeSpellingMatch('Anna Petrova', 'Maria Petrova')).toBe(false);
    expect(closeSpellingMatch('Ali Khan', 'Ali Kahn')).toBe(false);
    expect(closeSpellingMatch('Abbas Araghchi', 'Abbas Aragonés')).toBe(false);
  });
});
