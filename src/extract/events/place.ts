// Step 5, the place: where an event was held. A located city ("in Miami", "Hallandale Beach,
// Florida"), a city before a talks word ("Istanbul talks"), a host city ("Doha will host"), or
// "in <country or region>"; the one nearest the trigger wins. A call has no place. A dated
// event the article leaves unplaced takes the city of a neighbouring report of the same talks.
import type { CountryCode, EventKind, EventStatus } from '../../domain/types.ts';
import { countryMentionsOf, placesOf } from './geoMemo.ts';
import { REGIONS } from '../geo/regions.ts';
import { datesNear, isLive, sidesCompatible, type Draft } from './draft.ts';
import { wireDatelineOf } from '../dates/dateline.ts';
import { findDates } from '../dates/resolve.ts';
import type { ArticleFrame } from '../people/reference.ts';
import type { IsoDay } from '../../domain/types.ts';

export interface PlaceFound {
  city: string | null;
  country: CountryCode | null;
}

/** "Rome to host the second round", "Doha will host talks": the city after which this comes is the venue. */
export function hostsEvent(afterPlace: string): boolean {
  return /^\s+(?:(?:is|was|will|would|to)\s+(?:also\s+)?(?:be\s+)?)?(?:host|hosts|hosted|hosting)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}-]+\s+){0,3}(?:round|talks|meeting|summit|negotiations)\b/u.test(
    afterPlace,
  );
}

/** "the Red Sea resort of Sharm el-Sheikh", "the port city of Aden": the place after "of" is a town. */
export function namedAsSettlement(before: string): boolean {
  return /\b(?:resort|city|town|port|village|capital|enclave|island)\s+of\s+$/i.test(before);
}

/** "at Beijing's Great Hall of the People", "in Moscow's Red Square": a city's landmark places the event in the city. */
export function landmarkOf(before: string, after: string): boolean {
  return /\b(?:at|in|inside|outside)\s+$/i.test(before) && /^['\u2019]s?\s+(?:\p{Lu}[\p{L}'\u2019-]*\s*)+/u.test(after);
}

/** "near San Francisco", "on the outskirts of Washington", "40 km north of Kyiv": a city named to find another place by. */
export function referencePoint(before: string): boolean {
  return /\b(?:near|nearby|outside|outskirts\s+of|suburbs?\s+of|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of|(?:miles|km|kilometres|kilometers)\s+from)\s+(?:the\s+)?$/i.test(
    before,
  );
}

/** "the war in Ukraine" is a topic, not where the talks are. */
export function countryAsTopic(before: string): boolean {
  return /\b(?:war|conflict|fighting|crisis|peace|ceasefire|truce|situation|invasion|aggression)\s+(?:in|on)\s+(?:the\s+)?$/i.test(before);
}

/**
 * "MUSCAT, April 12 (Reuters) - ...", "GENEVA — ...", "MIAMI (AP) --", "New Delhi, Dec 5 (IANS)":
 * the city of the dateline opening the sentence, as written.
 */
export function datelineCity(sentence: string): string | null {
  const wire = wireDatelineOf(sentence);
  if (wire?.city)
    return wire.city
      .replace(/\s*\[.*$/, '')
      .replace(/,.*$/, '')
      .trim();
  const m = /^\s*(?:\d{1,2}:\d{2}\s+-\s+)?([A-Z][A-Z .'-]{2,}?)\s*(?:,|\(|[-\u2013\u2014]{1,2}\s)/.exec(sentence);
  return m ? m[1]!.trim() : null;
}

/** The gazetteer place the dateline opening `sentence` names, with its country; null without one. */
export function datelinePlace(sentence: string): PlaceFound | null {
  const city = datelineCity(sentence);
  if (!city) return null;
  const at = sentence.indexOf(city);
  const place = placesOf(sentence).find((p) => p.start === at);
  return place ? { city: place.city, country: place.country } : null;
}

/**
 * "ANCHORAGE, Alaska - Trump has concluded three hours of talks with Putin": a meeting the
 * dateline's sentence reports as held, on the day filed and with no place of its own, was held
 * where the story was filed.
 */
export function heldAtDateline(input: { status: EventStatus; date: string | null; publishedAt: string | null }): boolean {
  if (input.status !== 'held') return false;
  if (!input.date || !input.publishedAt) return input.date === null;
  return Math.abs(Date.parse(input.date) - Date.parse(input.publishedAt)) <= 86_400_000;
}

const REGION_COUNTRY = new Map<string, CountryCode>();
let regionRe: RegExp | null = null;

/** "in Florida", "at Ontario": a first-level region names the country of a meeting place. */
function regionPattern(): RegExp {
  if (regionRe) return regionRe;
  const names: string[] = [];
  for (const region of REGIONS) {
    for (const name of region.names) {
      if (name.length < 4 || /\./.test(name)) continue;
      REGION_COUNTRY.set(name, region.country);
      names.push(name);
    }
  }
  names.sort((a, b) => b.length - a.length);
  regionRe = new RegExp(`\\b(?:in|at)\\s+(${names.join('|')})\\b(?!,?\\s+\\p{Lu})`, 'gu');
  return regionRe;
}

/**
 * The place of an event in a span: a located city ("in Miami", "Hallandale Beach, Florida") or
 * "in <country or region>", the one nearest the trigger at offset `near` (after it preferred);
 * a city before a talks word ("Istanbul talks") also counts. "Washington's push" is no place.
 */
export function placeIn(text: string, near: number | number[] = 0): PlaceFound | null {
  const anchors = Array.isArray(near) ? near : [near];
  const candidates: Array<PlaceFound & { at: number }> = [];
  for (const p of placesOf(text)) {
    const lead = text.slice(Math.max(0, p.start - 30), p.start);
    if (/^['\u2019]s?\b/u.test(text.slice(p.end)) && !landmarkOf(lead, text.slice(p.end))) continue;
    if (
      p.locative ||
      namedAsSettlement(text.slice(Math.max(0, p.start - 20), p.start)) ||
      /^\s*(?:peace\s+)?(?:talks|meeting|summit|negotiations)\b/.test(text.slice(p.end)) ||
      hostsEvent(text.slice(p.end))
    ) {
      // "near San Francisco", "on the outskirts of Washington": a landmark to find the place by, in that country.
      candidates.push(
        referencePoint(lead) ? { city: null, country: p.country, at: p.start } : { city: p.city, country: p.country, at: p.start },
      );
    }
  }
  for (const m of countryMentionsOf(text)) {
    if (m.kind === 'institution' || m.kind === 'capital') continue;
    const lead = text.slice(Math.max(0, m.start - 30), m.start);
    if (countryAsTopic(lead)) continue;
    if (/\b(?:in|at)\s+(?:the\s+)?$/i.test(lead) && !/^['\u2019]s?\b/u.test(text.slice(m.end)))
      candidates.push({ city: null, country: m.code, at: m.start });
  }
  for (const m of text.matchAll(regionPattern())) {
    const country = REGION_COUNTRY.get(m[1]!);
    if (country) candidates.push({ city: null, country, at: m.index });
  }
  if (candidates.length === 0) return null;
  // A city inside a region ("Hallandale Beach, Florida") comes with its own country; prefer cities
  // over bare countries at the same distance.
  const distance = (c: { at: number; city: string | null }): number =>
    Math.min(...anchors.map((a) => (c.at >= a ? c.at - a : (a - c.at) * 2))) + (c.city ? 0 : 60);
  const best = candidates.sort((x, y) => distance(x) - distance(y))[0]!;
  return { city: best.city, country: best.country };
}

/** A span of the article text, with its offset. */
interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface SegmentPlaceInput {
  sentence: TextSpan;
  clause: TextSpan;
  seg: TextSpan;
  /** Offsets of the triggers that name the event's kind. */
  anchors: number[];
  clauseCount: number;
  /** Did the segment have dates of its own to choose from? */
  dated: boolean;
  kind: EventKind;
  status: EventStatus;
  /** The event's date and the article's, to tell today's meeting from one the lead recalls. */
  date?: string | null;
  publishedAt?: string | null;
}

/**
 * The place of one segment's event: its own, else its clause's when the segment is part of it;
 * else, for a sentence of one clause or a dated segment, the sentence's, except for a meeting
 * planned in a sentence of several clauses ("held talks in Oman on Saturday, and agreed to
 * reconvene next week": the place of another clause, or the dateline, is where today's talks
 * were, not where the next will be). "MUSCAT - ... held talks in Oman on Saturday": a city of
 * the sentence in the country named, given by the dateline, is the place.
 */
export function segmentPlace(input: SegmentPlaceInput): PlaceFound | null {
  const { sentence, clause, seg } = input;
  if (input.kind === 'call') return null; // a call joins people in two places; it has none of its own
  let sentenceMemo: PlaceFound | null | undefined;
  const sentencePlace = (): PlaceFound | null => (sentenceMemo === undefined ? (sentenceMemo = placeIn(sentence.text)) : sentenceMemo);
  const own =
    placeIn(
      seg.text,
      input.anchors.map((a) => a - seg.start),
    ) ??
    (seg.start === clause.start && seg.end === clause.end
      ? null
      : placeIn(
          clause.text,
          input.anchors.map((a) => a - clause.start),
        ));
  const borrowed = own ? null : input.clauseCount === 1 || input.dated ? sentencePlace() : null;
  let place = own ?? (input.status === 'planned' && input.clauseCount > 1 ? null : borrowed);
  if (place && !place.city && place.country && input.status === 'held') {
    const inSentence = sentencePlace();
    if (
      inSentence?.city &&
      inSentence.country === place.country &&
      datelineCity(sentence.text)?.toUpperCase() === inSentence.city.toUpperCase()
    )
      place = inSentence;
  }
  if (!place && heldAtDateline({ status: input.status, date: input.date ?? null, publishedAt: input.publishedAt ?? null }))
    place = datelinePlace(sentence.text);
  return place;
}

/**
 * "World leaders attend Swiss peace summit ... the Bürgenstock peace summit": an undated summit
 * of the same status and compatible sides anywhere in the article is the dated one, named by its
 * venue.
 */
export function sameSummit(o: Pick<Draft, 'kind' | 'status' | 'sides'>, d: Pick<Draft, 'kind' | 'status' | 'sides'>): boolean {
  return o.kind === 'summit' && d.kind === 'summit' && o.status === d.status && sidesCompatible(o.sides, d.sides);
}

/**
 * A dated event without a city takes the city of a neighbouring report of the same talks (a
 * shared side, within two days, or an undated mention in the sentence before). Events whose
 * country is known go first, and the closest match (same sides, nearest exact date) wins. Calls
 * have no place.
 */
export function inheritCities(drafts: Draft[]): void {
  const dayGap = (a: Draft, b: Draft): number => (a.date && b.date ? Math.abs(Date.parse(a.date) - Date.parse(b.date)) / 86_400_000 : 1.5);
  const inheritOrder = drafts
    .filter((d) => !d.city && d.date && isLive(d.status) && d.kind !== 'call')
    .sort((a, b) => Number(b.country !== null) - Number(a.country !== null));
  for (const d of inheritOrder) {
    const candidates = drafts.filter(
      (o) =>
        o !== d &&
        o.city !== null &&
        o.kind !== 'call' &&
        isLive(o.status) &&
        // A meeting planned for later is not placed by an earlier one ("meet again next week").
        !(
          d.status === 'planned' &&
          o.status === 'held' &&
          o.date !== null &&
          d.date !== null &&
          d.date > (o.dateTo ?? o.date) &&
          !datesNear(o, d, 1)
        ) &&
        // A shared side, or a report placed in one of this event's countries ("Saudi Arabia hosted
        // ... Officials met in Jeddah").
        (o.sides.some((s) => d.sides.includes(s)) || (o.country !== null && d.sides.includes(o.country))) &&
        (d.country === null || o.country === d.country) &&
        ((o.date !== null && datesNear(o, d, 2)) || (o.date === null && (Math.abs(o.sentence - d.sentence) <= 1 || sameSummit(o, d)))),
    );
    const rank = (o: Draft): number =>
      (sidesCompatible(o.sides, d.sides) && o.sides.length === d.sides.length ? 0 : 10) + dayGap(o, d) + (o.approx ? 5 : 0);
    const source = candidates.sort((x, y) => rank(x) - rank(y))[0];
    if (source) {
      d.city = source.city;
      d.country = source.country;
    }
  }
}

/**
 * The cities the article names right beside a day ("tomorrow in Ohrid", "in Doha on Monday"),
 * by that day. A day with one such city places what happens on it.
 */
export function citiesByDay(frame: ArticleFrame, publishedAt: IsoDay | null): Map<string, Set<string>> {
  const byDay = new Map<string, Set<string>>();
  const seen = new Map<string, PlaceFound>();
  for (const sentence of frame.sentences) {
    const dates = findDates(sentence.text, publishedAt).filter((d) => !d.approx && !d.dateTo);
    if (dates.length === 0) continue;
    for (const p of placesOf(sentence.text)) {
      for (const d of dates) {
        const after = /^\s+in\s+$/.test(sentence.text.slice(d.end, p.start));
        const before =
          /^\s+(?:on\s+)?$/.test(sentence.text.slice(p.end, d.start)) &&
          /\b(?:in|at)\s+$/.test(sentence.text.slice(Math.max(0, p.start - 4), p.start));
        if (!after && !before) continue;
        const cities = byDay.get(d.date) ?? new Set<string>();
        cities.add(p.city);
        byDay.set(d.date, cities);
        seen.set(p.city, { city: p.city, country: p.country });
      }
    }
  }
  placeOfCity = seen;
  return byDay;
}

let placeOfCity = new Map<string, PlaceFound>();

/**
 * "Borrell hoped Belgrade and Pristina will agree tomorrow in Ohrid ... 'We will discuss this
 * tomorrow'": a dated event the article leaves unplaced takes the one city it names beside that day.
 */
export function placeByDay(frame: ArticleFrame, drafts: Draft[], publishedAt: IsoDay | null): void {
  const unplaced = drafts.filter((d) => !d.city && d.date && !d.dateTo && isLive(d.status) && d.kind !== 'call');
  if (unplaced.length === 0) return;
  const byDay = citiesByDay(frame, publishedAt);
  for (const d of unplaced) {
    const cities = byDay.get(d.date!);
    if (!cities || cities.size !== 1) continue;
    const place = placeOfCity.get([...cities][0]!)!;
    if (d.country && d.country !== place.country) continue;
    d.city = place.city;
    d.country = place.country;
  }
}
