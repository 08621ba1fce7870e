// The place step: where an event was held.
import { describe, expect, it } from 'vitest';
import {
  citiesByDay,
  landmarkOf,
  referencePoint,
  countryAsTopic,
  datelineCity,
  datelinePlace,
  heldAtDateline,
  hostsEvent,
  namedAsSettlement,
  placeIn,
  sameSummit,
  segmentPlace,
} from '../src/extract/events/place.ts';
import { splitSentences } from '../src/extract/sentences.ts';
import type { ArticleFrame } from '../src/extract/people/reference.ts';
import { extractArticle } from '../src/extract/index.ts';
import { resetGeoMemo } from '../src/extract/events/geoMemo.ts';
import { checkPredicateTable } from './support/patternTable.ts';

checkPredicateTable('place rules', [
  {
    name: 'a host city',
    test: hostsEvent,
    matches: [' to host the next round of talks', ' will host a summit'],
    rejects: [' is a busy city'],
  },
  {
    name: 'a settlement named',
    test: namedAsSettlement,
    matches: ['the Red Sea resort of ', 'the port city of '],
    rejects: ['the future of '],
  },
  {
    name: "a city's landmark",
    test: (s) => landmarkOf(s.slice(0, s.indexOf('Nairobi')), s.slice(s.indexOf('Nairobi') + 7)),
    matches: ["They met at Nairobi's State House.", "A rally in Nairobi's Uhuru Park"],
    rejects: ["Nairobi's push for talks", "They discussed Nairobi's debt."],
  },
  {
    name: 'a reference point',
    test: referencePoint,
    matches: ['the leaders met near ', 'a retreat on the outskirts of ', 'a village 40 km north of '],
    rejects: ['the leaders met in ', 'the outcome of '],
  },
  {
    name: 'a country as a topic',
    test: countryAsTopic,
    matches: ['talks on the war in ', 'the crisis in '],
    rejects: ['the envoys met in '],
  },
  {
    name: 'a wire dateline',
    test: (s) => datelineCity(s) !== null,
    matches: [
      'NAIROBI, June 14 - Kenya and Uganda held talks',
      'KAMPALA — Kenya and Uganda held talks',
      'Nairobi, June 14 (Reuters) Kenya and Uganda held talks',
      'ENTEBBE (AP) -- Kenya and Uganda held talks',
    ],
    rejects: ['Kenya and Uganda held talks, officials said', 'The talks - held in June - went well'],
  },
]);

describe('placeIn', () => {
  it('a located city nearest the trigger, after it preferred', () => {
    resetGeoMemo([]);
    expect(placeIn('Envoys met in Nairobi after a stop in Kampala.', 7)).toEqual({ city: 'Nairobi', country: 'KE' });
  });
  it('a possessive capital is no place', () => {
    resetGeoMemo([]);
    expect(placeIn("Nairobi's push for talks")).toBe(null);
  });
  it('a city named as a reference point gives only its country; a landmark its city', () => {
    resetGeoMemo([]);
    expect(placeIn('The presidents met near Nairobi last year.')).toEqual({ city: null, country: 'KE' });
    expect(placeIn('The presidents met at a lodge on the outskirts of Nairobi.')).toEqual({ city: null, country: 'KE' });
    expect(placeIn("The presidents met at Nairobi's State House.")).toEqual({ city: 'Nairobi', country: 'KE' });
  });
  it('a country after "in" places the event in that country', () => {
    resetGeoMemo([]);
    expect(placeIn('The envoys met in Kenya.')).toEqual({ city: null, country: 'KE' });
  });
});

describe('the dateline place', () => {
  it('is the gazetteer city the dateline names, in any case', () => {
    resetGeoMemo([]);
    expect(datelinePlace('KAMPALA — Kenya and Uganda have ended their talks.')).toEqual({ city: 'Kampala', country: 'UG' });
    expect(datelinePlace('Nairobi, June 14 (Reuters) Ruto met Museveni at State House.')).toEqual({ city: 'Nairobi', country: 'KE' });
    expect(datelinePlace('Ruto met Museveni at State House.')).toBe(null);
  });
  it('places a meeting held on the day filed, not a planned or an older one', () => {
    expect(heldAtDateline({ status: 'held', date: '2025-06-14', publishedAt: '2025-06-14' })).toBe(true);
    expect(heldAtDateline({ status: 'held', date: null, publishedAt: '2025-06-14' })).toBe(true);
    expect(heldAtDateline({ status: 'held', date: '2025-03-02', publishedAt: '2025-06-14' })).toBe(false);
    expect(heldAtDateline({ status: 'planned', date: '2025-06-14', publishedAt: '2025-06-14' })).toBe(false);
  });
  it('a held meeting with no place of its own in the dateline sentence was where the story was filed', () => {
    resetGeoMemo([]);
    const s = { start: 0, end: 66, text: 'Nairobi, June 14 (Reuters) Ruto met Museveni at State House today.' };
    expect(
      segmentPlace({
        sentence: s,
        clause: s,
        seg: s,
        anchors: [32],
        clauseCount: 1,
        dated: true,
        kind: 'meeting',
        status: 'held',
        date: '2025-06-14',
        publishedAt: '2025-06-14',
      }),
    ).toEqual({ city: 'Nairobi', country: 'KE' });
  });
});

describe('a city beside a day', () => {
  const frameOf = (text: string) =>
    ({ text, sentences: splitSentences(text), people: { people: [] }, quotes: [] }) as unknown as ArticleFrame;
  it('names the cities the article writes beside each day', () => {
    resetGeoMemo([]);
    const byDay = citiesByDay(
      frameOf('The envoys hope to sign tomorrow in Nairobi. They met in Kampala on Monday. Kenya said on Friday that it was ready.'),
      '2025-06-12',
    );
    expect([...byDay.entries()].map(([day, c]) => [day, [...c]])).toEqual([
      ['2025-06-13', ['Nairobi']],
      ['2025-06-09', ['Kampala']],
    ]);
  });
  it('places a dated event the article leaves unplaced', () => {
    const text =
      'Kenyan and Ugandan envoys hope to sign a deal tomorrow in Nairobi.\n\n"We will hold talks with Ugandan officials tomorrow," the Kenyan envoy said.';
    const r = extractArticle({ text, title: null, publishedAt: '2025-06-12' }, { people: [], places: [] });
    expect(r.events.map((e) => [e.status, e.date, e.location.city])).toEqual([['planned', '2025-06-13', 'Nairobi']]);
  });
});

describe('one summit per article', () => {
  it('an undated summit of the same status and compatible sides is the dated one', () => {
    expect(sameSummit({ kind: 'summit', status: 'held', sides: ['UA'] }, { kind: 'summit', status: 'held', sides: ['UA', 'CH'] })).toBe(
      true,
    );
    expect(sameSummit({ kind: 'meeting', status: 'held', sides: ['UA'] }, { kind: 'summit', status: 'held', sides: ['UA'] })).toBe(false);
    expect(sameSummit({ kind: 'summit', status: 'planned', sides: ['UA'] }, { kind: 'summit', status: 'held', sides: ['UA'] })).toBe(false);
    expect(sameSummit({ kind: 'summit', status: 'held', sides: ['KE'] }, { kind: 'summit', status: 'held', sides: ['UA'] })).toBe(false);
  });
});

describe('segmentPlace', () => {
  const span = (text: string, start = 0) => ({ start, end: start + text.length, text });
  it('a call has no place', () => {
    resetGeoMemo([]);
    const s = span('Ruto phoned Museveni from Nairobi.');
    expect(segmentPlace({ sentence: s, clause: s, seg: s, anchors: [5], clauseCount: 1, dated: false, kind: 'call', status: 'held' })).toBe(
      null,
    );
  });
  it('a planned meeting in a sentence of several clauses takes no place from another clause', () => {
    resetGeoMemo([]);
    const sentence = span('They held talks in Nairobi, and agreed to meet again next week.');
    const clause = span('and agreed to meet again next week.', sentence.text.indexOf('and agreed'));
    expect(
      segmentPlace({
        sentence,
        clause,
        seg: clause,
        anchors: [clause.start + 14],
        clauseCount: 2,
        dated: true,
        kind: 'meeting',
        status: 'planned',
      }),
    ).toBe(null);
  });
});
