import { describe, expect, it } from 'vitest';
import { validateExtraction } from '../src/merge/validate.ts';
import type { ArticleExtraction, ExtractedEvent } from '../src/domain/types.ts';

const event: ExtractedEvent = {
  kind: 'talks',
  status: 'held',
  date: '2025-11-23',
  dateTo: null,
  approx: false,
  location: { city: 'Geneva', country: 'CH' },
  sides: ['UA', 'US'],
  participantKeys: ['p1'],
  evidence: 'American and Ukrainian delegations held talks in Geneva on Sunday.',
  summary: 'UA-US talks in Geneva',
};
const good: ArticleExtraction = {
  people: [{ key: 'p1', name: 'Marco Rubio', aliases: ['Rubio'], country: 'US', role: 'Secretary of State' }],
  events: [event],
  quotes: [{ speakerKey: 'p1', text: 'a tremendous amount of progress', date: null }],
};

describe('validateExtraction', () => {
  it('accepts a well-formed extraction', () => {
    expect(validateExtraction(good)).toBe(good);
  });
  it('names the field of a side that is not a country code', () => {
    expect(() => validateExtraction({ ...good, events: [{ ...event, sides: ['ua'] }] })).toThrow(
      /events\.0\.sides\.0: an ISO 3166-1 alpha-2 code or EU/,
    );
  });
  it('rejects a day that does not exist and a range that ends before it starts', () => {
    expect(() => validateExtraction({ ...good, events: [{ ...event, date: '2025-02-30' }] })).toThrow(
      /events\.0\.date: a real calendar day/,
    );
    expect(() => validateExtraction({ ...good, events: [{ ...event, dateTo: '2025-11-20' }] })).toThrow(/events\.0\.dateTo/);
  });
  it('rejects participant and speaker keys that are not among the people', () => {
    expect(() => validateExtraction({ ...good, events: [{ ...event, participantKeys: ['p9'] }] })).toThrow(
      /"p9" is not one of the article's people/,
    );
    expect(() => validateExtraction({ ...good, quotes: [{ speakerKey: 'p2', text: 'x', date: null }] })).toThrow(/quotes\.0\.speakerKey/);
  });
  it('rejects an event without the sentence that reports it', () => {
    expect(() => validateExtraction({ ...good, events: [{ ...event, evidence: ' ' }] })).toThrow(/events\.0\.evidence/);
  });
});
