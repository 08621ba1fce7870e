// The sides step: which country words name the parties of an event.
import { describe, expect, it } from 'vitest';
import {
  continuesTalks,
  endOfTriggerPhrase,
  findSides,
  namesBothSides,
  namesEachSide,
  saysSeparately,
  segmentSides,
  withoutAsides,
} from '../src/extract/events/sides.ts';
import { congoOf, resetGeoMemo } from '../src/extract/events/geoMemo.ts';
import { checkPredicateTable } from './support/patternTable.ts';

const sidesOf = (text: string): string[] => {
  resetGeoMemo([]);
  return findSides(text).map((s) => s.code);
};

checkPredicateTable('side rules', [
  {
    name: 'each side',
    test: namesEachSide,
    matches: ['and each side met the mediators', 'both delegations left'],
    rejects: ['each minister spoke'],
  },
  {
    name: 'both sides at once',
    test: namesBothSides,
    matches: ['commanders from both countries will meet', 'the two sides met again'],
    rejects: ['both men met'],
  },
  {
    name: 'continuing talks',
    test: continuesTalks,
    matches: ['after two days of talks in Rome', ' following three rounds of negotiations'],
    rejects: ['after the talks'],
  },
  { name: 'separately', test: saysSeparately, matches: ['met separately with', 'in separate meetings'], rejects: ['met together'] },
  {
    name: 'the trigger phrase ends',
    test: (s) => endOfTriggerPhrase(s) !== null,
    matches: [' with Kenya, after the premier proposed a plan', ' in Lima; Peru left', ' in Lima which ended early'],
    rejects: [' with Kenyan and Ugandan officials in Nairobi', ' that Peruvian and Chilean diplomats held'],
  },
]);

describe('findSides', () => {
  it('nationality words before an actor noun are sides', () => {
    expect(sidesOf('Kenyan and Ugandan officials met in Nairobi.')).toEqual(['KE', 'UG']);
  });
  it('a host or a mediator takes part', () => {
    expect(sidesOf('The envoys met at a Kenyan-hosted summit.')).toEqual(['KE']);
    expect(sidesOf('Talks hosted by Qatar resumed.')).toEqual(['QA']);
    expect(sidesOf('They spoke in the presence of Omani officials and with the participation of U.S. envoys.')).toEqual(['OM', 'US']);
    expect(sidesOf('They discussed a U.S.-backed plan.')).toEqual([]);
  });
  it("a country's warring parties or factions are its side", () => {
    expect(sidesOf("Envoys from Libya's rival factions met in Geneva.")).toEqual(['LY']);
    expect(sidesOf("They discussed Libya's oil exports.")).toEqual([]);
  });
  it('a bare "Congo" is the Congo the article is about', () => {
    expect(congoOf('Rebels near Goma met Congo envoys in Kinshasa.')).toBe('CD');
    expect(congoOf("Congo's president met Gabon's leader in Brazzaville, and oil left Pointe-Noire.")).toBe('CG');
    const text = 'Congo and Gabon signed a border deal in Brazzaville.';
    resetGeoMemo([], text);
    expect(findSides(text).map((s) => s.code)).toEqual(['CG', 'GA']);
    resetGeoMemo([], 'Congo and Rwanda signed a deal.');
    expect(findSides('Congo and Rwanda signed a deal.').map((s) => s.code)).toEqual(['CD', 'RW']);
  });
  it('an armed movement is the side it fights for', () => {
    expect(sidesOf('Delegations from Israel and Hamas began indirect talks in Egypt.')).toEqual(['IL', 'PS']);
    expect(sidesOf('Army and RSF envoys met in Jeddah.')).toEqual(['SD']);
  });
  it('a topic or a place is no side', () => {
    expect(sidesOf('They discussed the war in Ukraine.')).toEqual([]);
    expect(sidesOf('The envoys met in Peru.')).toEqual([]);
  });
  it('a list between two countries names both', () => {
    expect(sidesOf('talks between Peru and Chile')).toEqual(['PE', 'CL']);
  });
});

describe('segmentSides', () => {
  it('a trailing attribution names who reported, not who met', () => {
    expect(withoutAsides('Envoys met in Nairobi, Kenyan officials said.')).toBe('Envoys met in Nairobi');
  });
  it('each side takes the sides of the clause before', () => {
    resetGeoMemo([]);
    const r = segmentSides({
      phrase: 'and each side met separately with Brazilian officials',
      segText: 'and each side met separately with Brazilian officials',
      clauseText: 'and each side met separately with Brazilian officials',
      laterClause: true,
      previous: ['PE', 'CL'],
    });
    expect(r.sides.sort()).toEqual(['BR', 'CL', 'PE']);
    expect(r.afterWith).toEqual(['BR']);
  });
});
