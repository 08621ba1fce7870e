// The parties step: an event is between states, governments, international bodies or their
// officials, never a business deal, a sports transfer or a country's own politics.
import { describe, expect, it } from 'vitest';
import { isStateOffice, NON_STATE_TITLE, STATE_OFFICE_TITLES, summitOfBody } from '../src/extract/events/parties.ts';
import { extractArticle } from '../src/extract/index.ts';
import { checkPatternTable } from './support/patternTable.ts';

checkPatternTable('state office titles', STATE_OFFICE_TITLES);
checkPatternTable('non-state titles', [NON_STATE_TITLE]);

describe('isStateOffice', () => {
  it('a government title is a state office, a club or company title is not', () => {
    expect(isStateOffice('Foreign Minister')).toBe(true);
    expect(isStateOffice('President')).toBe(true);
    expect(isStateOffice('club president')).toBe(false);
    expect(isStateOffice('chief executive of an airline')).toBe(false);
    expect(isStateOffice(null)).toBe(false);
  });
});

describe('summitOfBody', () => {
  it("an international body's summit is between its members; one country's meeting is not", () => {
    expect(summitOfBody('summit', ['EU'])).toBe(true);
    expect(summitOfBody('meeting', ['EU'])).toBe(false);
    expect(summitOfBody('summit', ['DE'])).toBe(false);
  });
});

describe('events need two parties', () => {
  const events = (text: string, publishedAt = '2025-03-14') =>
    extractArticle({ text, title: null, publishedAt }, { people: [], places: [] }).events.map((e) => e.summary);
  it('business and sport people who met are no event', () => {
    expect(
      events(
        'The airline chief executive John Carter met the football club owner Mark Bell in London on Thursday to discuss a sponsorship deal.',
      ),
    ).toEqual([]);
  });
  it("a country's own politics is no diplomatic event", () => {
    expect(events('Kenyan President William Ruto met Kenyan opposition leader Raila Odinga in Nairobi on Thursday.')).toEqual([]);
  });
  it('a summit of an international body is an event', () => {
    expect(events('European Union leaders will hold a summit in Brussels on Friday.')).toHaveLength(1);
  });
  it('two governments meeting are an event, even when one official has no country in the text', () => {
    expect(events('Kenyan President William Ruto met Prime Minister Abiy Ahmed in Nairobi on Thursday.')).toHaveLength(1);
    expect(events('Kenya and Ethiopia held talks in Nairobi on Thursday.')).toHaveLength(1);
  });
});
