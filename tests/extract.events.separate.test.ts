// Separate events in one article: calls made one after another, reports of the news behind the
// sentence before, and two calls of one day with different people.
import { describe, expect, it } from 'vitest';
import { CALLS_IN_SUCCESSION } from '../src/extract/events/separate.ts';
import { insideSince } from '../src/extract/events/references.ts';
import { callsWithOthers } from '../src/extract/events/fold.ts';
import type { Draft } from '../src/extract/events/draft.ts';
import { extractArticle } from '../src/extract/index.ts';
import { checkPatternTable } from './support/patternTable.ts';

checkPatternTable('calls in succession', [CALLS_IN_SUCCESSION]);

const events = (text: string, publishedAt = '2025-03-12') => {
  const r = extractArticle({ text, title: null, publishedAt }, { people: [], places: [] });
  const name = (k: string) => r.people.find((p) => p.key === k)?.name ?? k;
  return r.events.map((e) => ({
    kind: e.kind,
    status: e.status,
    date: e.date,
    city: e.location.city,
    people: e.participantKeys.map(name).sort(),
  }));
};

describe('several calls', () => {
  it('"phone calls in succession with A and B" is one call with each', () => {
    const all = events(
      'Kenyan President William Ruto held phone calls in succession with Ghanaian President John Mahama and Nigerian President Bola Tinubu on Monday.',
    );
    expect(all).toEqual([
      { kind: 'call', status: 'held', date: '2025-03-10', city: null, people: ['John Mahama', 'William Ruto'] },
      { kind: 'call', status: 'held', date: '2025-03-10', city: null, people: ['Bola Tinubu', 'William Ruto'] },
    ]);
  });
  it('"his first call to X" takes X as the other end', () => {
    const [call] = events('Kenyan President William Ruto made his first call to Ghanaian President John Mahama on Monday.');
    expect(call?.people).toEqual(['John Mahama', 'William Ruto']);
  });
  it('two calls of one day with different people stay two', () => {
    const draft = (keys: string[]): Draft => ({ kind: 'call', explicit: new Set(keys) }) as unknown as Draft;
    expect(callsWithOthers(draft(['a', 'b']), draft(['a', 'c']))).toBe(true);
    expect(callsWithOthers(draft(['a', 'b']), draft(['a', 'b']))).toBe(false);
    expect(callsWithOthers(draft(['a', 'b']), draft(['a']))).toBe(false);
  });
});

describe('the news behind the sentence before', () => {
  it('"In their telephone conversation, the two leaders ..." is the call behind the lead, on its day', () => {
    const text =
      'Kenyan President William Ruto and Ugandan President Yoweri Museveni agreed on Tuesday to reopen the border crossing. ' +
      'In their telephone conversation, the two leaders also discussed the oil pipeline.';
    expect(events(text)).toEqual([
      { kind: 'call', status: 'held', date: '2025-03-11', city: null, people: ['William Ruto', 'Yoweri Museveni'] },
    ]);
  });
  it('"a day after the election" dates the election, not the call', () => {
    const text =
      'Kenyan President William Ruto and Ugandan President Yoweri Museveni agreed on Tuesday to reopen the border crossing. ' +
      'In their telephone conversation a day after the election, the two leaders also discussed the oil pipeline.';
    expect(events(text).map((e) => e.date)).toEqual(['2025-03-11']);
  });
  it('"on the same day" is the day of the event reported before', () => {
    const text =
      'Kenyan President William Ruto spoke by phone with Ugandan President Yoweri Museveni on Monday, two days after the election. ' +
      'Ruto also held a phone call with Tanzanian President Samia Suluhu Hassan on the same day.';
    expect(events(text).map((e) => e.date)).toEqual(['2025-03-10', '2025-03-10']);
  });
});

describe('an event the dated clause follows', () => {
  it('"announced the deal on Monday following a meeting in Nairobi" dates the meeting that day, roughly', () => {
    const text =
      'The Kenyan foreign ministry announced the deal on Monday following a meeting in Nairobi between Kenyan President William Ruto and Ugandan President Yoweri Museveni.';
    const [e] = events(text);
    expect(e).toMatchObject({ kind: 'meeting', status: 'held', date: '2025-03-10', city: 'Nairobi' });
  });
  it('ambassadors present at the meeting add their countries to it, not a meeting of their own', () => {
    const text =
      'Ceasefire talks between Thailand and Cambodia began on Monday in Kuala Lumpur. ' +
      'The United States and China also had ambassadors present at the talks, an official said.';
    expect(events(text)).toHaveLength(1);
  });
});

describe('a date inside "since ..."', () => {
  it('belongs to the earlier event', () => {
    expect(insideSince('the first call since their meeting in ')).toBe(true);
    expect(insideSince('the first call since ')).toBe(true);
    expect(insideSince('They spoke on ')).toBe(false);
  });
  it('"first phone call since June crisis talks" is a call of the publication day', () => {
    const all = events(
      'Kenyan President William Ruto and Ugandan President Yoweri Museveni have first phone call since June crisis talks.',
      '2025-09-03',
    );
    expect(all.find((e) => e.kind === 'call')?.date).toBe('2025-09-03');
  });
});
