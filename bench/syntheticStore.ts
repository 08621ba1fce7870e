// A large synthetic timeline (events, people, quotes, articles) for the latency benchmarks, written
// through the store's bulk-load path. Deterministic for a given seed. The shape follows real
// coverage: a few people take part in most talks (a Zipf-like skew), most talks have 2 sides and
// 2-4 participants, 1-3 sources each, and every other event carries a quote.
import type { CountryCode, EventStatus } from '../src/domain/types.ts';
import { EXTRACTION_VERSION } from '../src/extract/index.ts';
import {
  bulkLoadStore,
  type BulkArticle,
  type BulkEvent,
  type BulkLoadCounts,
  type BulkPerson,
  type BulkQuote,
} from '../src/store/sqlite/bulkLoad.ts';
import { seededRandom } from './syntheticArticles.ts';

export interface SyntheticStoreSize {
  events: number;
  people: number;
}

const SIDES: CountryCode[] = [
  'UA',
  'US',
  'RU',
  'EU',
  'FR',
  'DE',
  'GB',
  'TR',
  'SA',
  'AE',
  'CN',
  'PL',
  'CH',
  'QA',
  'IT',
  'HU',
  'BY',
  'KZ',
  'IN',
  'JP',
];
const CITIES: Array<[string, CountryCode]> = [
  ['Geneva', 'CH'],
  ['Istanbul', 'TR'],
  ['Riyadh', 'SA'],
  ['Abu Dhabi', 'AE'],
  ['Miami', 'US'],
  ['Moscow', 'RU'],
  ['Kyiv', 'UA'],
  ['Paris', 'FR'],
  ['Berlin', 'DE'],
  ['London', 'GB'],
  ['Doha', 'QA'],
  ['Rome', 'IT'],
  ['Budapest', 'HU'],
  ['Warsaw', 'PL'],
  ['Brussels', 'BE'],
  ['Washington', 'US'],
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ven',
  'dor',
  'si',
  'ta',
  'bel',
  'nov',
  'ko',
  'ri',
  'an',
  'mar',
  'tel',
  'zu',
  'os',
  'pe',
  'lin',
  'ha',
];
const ROLES = [
  'foreign minister',
  'special envoy',
  'national security adviser',
  'president',
  'prime minister',
  'chief negotiator',
  'ambassador',
  'defence minister',
];
const TOPICS = [
  'a ceasefire',
  'prisoner exchanges',
  'energy infrastructure',
  'grain exports',
  'security guarantees',
  'sanctions relief',
  'reconstruction',
  'nuclear safety',
];
const SEEN = '2025-12-01T00:00:00.000Z';

/** A unique, typeable name: two invented given/family names and a serial suffix. */
export function syntheticPersonName(random: () => number, i: number): string {
  const part = (n: number) => {
    let s = '';
    for (let k = 0; k < n; k++) s += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return s[0]!.toUpperCase() + s.slice(1);
  };
  return `${part(2)} ${part(3)}${i % 7 === 0 ? '-' + part(2) : ''} ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)}`;
}

/** Writes the store at `path` (which must be new or empty); returns the counts and every person's name, in id order. */
export async function writeSyntheticStore(
  path: string,
  size: SyntheticStoreSize,
  seed = 42,
): Promise<{ counts: BulkLoadCounts; peopleNames: string[] }> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const articleCount = Math.max(1, Math.floor(size.events / 5));
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 11, 1) - start;
  const day = () => new Date(start + Math.floor(random() * span)).toISOString().slice(0, 10);
  const peopleNames: string[] = [];

  function* people(): Generator<BulkPerson> {
    for (let i = 0; i < size.people; i++) {
      const name = syntheticPersonName(random, i);
      const role = pick(ROLES);
      const country = pick(SIDES);
      peopleNames.push(name);
      yield { name, aliases: [name.split(' ')[1]!], country, role, firstArticle: i % articleCount, firstSeenAt: SEEN, lastSeenAt: SEEN };
    }
  }
  function* articles(): Generator<BulkArticle> {
    for (let i = 0; i < articleCount; i++) {
      const topic = TOPICS[i % TOPICS.length]!;
      yield {
        url: `https://synthetic.example.org/news/${i}`,
        title: `Round ${i} of talks on ${topic}`,
        text: `Delegations met for round ${i} of talks on ${topic}. Officials said the discussions would continue.`,
        publishedAt: day(),
        fetchedAt: SEEN,
      };
    }
  }
  // Participants skew towards the first people, as real coverage does (a Zipf-like curve).
  const personIndex = () => Math.min(size.people - 1, Math.floor(size.people * Math.pow(random(), 3)));
  const quotes: BulkQuote[] = [];
  function* events(): Generator<BulkEvent> {
    for (let i = 0; i < size.events; i++) {
      const [city, country] = pick(CITIES);
      const sides = [...new Set([pick(SIDES), pick(SIDES)])];
      const participants = [...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, personIndex))];
      const status: EventStatus = random() < 0.8 ? 'held' : 'planned';
      const topic = pick(TOPICS);
      const date = day();
      const names = participants.map((p) => peopleNames[p]!);
      const sources = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, s) => ({
        article: Math.floor(random() * articleCount),
        evidence: `${names.join(' and ')} ${status === 'held' ? 'met' : 'will meet'} in ${city} for talks on ${topic} (report ${s}).`,
      }));
      if (i % 2 === 0) {
        quotes.push({
          person: participants[0]!,
          speaker: null,
          text: `We discussed ${topic} in ${city}; round ${i} was constructive.`,
          date,
          article: sources[0]!.article,
        });
      }
      yield {
        kind: 'talks',
        status,
        date,
        dateTo: null,
        approx: random() < 0.1,
        city,
        country,
        sides,
        participants,
        summary: `${sides.join('–')} talks in ${city} on ${topic}`,
        firstSeenAt: SEEN,
        updatedAt: SEEN,
        sources,
      };
    }
  }
  const counts = await bulkLoadStore(path, {
    extractedVersion: EXTRACTION_VERSION,
    articles: articles(),
    people: people(),
    events: events(),
    quotes,
  });
  return { counts, peopleNames };
}
