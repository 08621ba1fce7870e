// Properties of the timeline under random extractions: whatever the articles say, applying an
// article's extraction again changes nothing, rebuilding in publication order gives the same
// timeline, and the store stays consistent (no event without a source, search rows in step).
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTempStore } from './support/tempStore.ts';
import type { ArticleExtraction, CountryCode, EventKind, EventStatus, StoredArticle } from '../src/domain/types.ts';

const NAMES = ['Rustem Umerov', 'Umerov', 'Steve Witkoff', 'Steve Vitkoff', 'Kirill Dmitriev', 'Marco Rubio', 'Hakan Fidan', 'Fidan'];
const SIDES: CountryCode[] = ['UA', 'US', 'RU', 'TR', 'EU'];
const CITIES: Array<[string | null, CountryCode | null]> = [
  ['Miami', 'US'],
  ['Istanbul', 'TR'],
  [null, null],
  [null, 'US'],
];
const DAYS = ['2025-12-18', '2025-12-19', '2025-12-20', '2025-12-21', null];

const personArb = fc.record({
  name: fc.constantFrom(...NAMES),
  country: fc.constantFrom<CountryCode | null>('UA', 'US', 'RU', 'TR', null),
  role: fc.constantFrom('envoy', 'Secretary of State', null),
});
const eventArb = fc.record({
  kind: fc.constantFrom<EventKind>('talks', 'meeting', 'call', 'summit'),
  status: fc.constantFrom<EventStatus>('held', 'planned', 'proposed', 'cancelled'),
  date: fc.constantFrom(...DAYS),
  twoDays: fc.boolean(),
  approx: fc.boolean(),
  place: fc.constantFrom(...CITIES),
  sides: fc.uniqueArray(fc.constantFrom(...SIDES), { maxLength: 3 }),
  people: fc.uniqueArray(fc.nat(4), { maxLength: 3 }),
});
const articleArb = fc.record({
  published: fc.constantFrom('2025-12-18', '2025-12-19', '2025-12-20', '2025-12-21', '2025-12-22'),
  people: fc.uniqueArray(personArb, { minLength: 1, maxLength: 5, selector: (p) => p.name }),
  events: fc.array(eventArb, { maxLength: 4 }),
  quotes: fc.array(
    fc.record({ speaker: fc.nat(5), words: fc.constantFrom('We are working constructively', 'No deal yet', 'Talks were productive') }),
    { maxLength: 2 },
  ),
});

type GeneratedArticle = typeof articleArb extends fc.Arbitrary<infer T> ? T : never;

function toExtraction(a: GeneratedArticle, articleIndex: number): ArticleExtraction {
  const people = a.people.map((p, i) => ({ key: `p${i}`, name: p.name, aliases: [], country: p.country, role: p.role }));
  return {
    people,
    events: a.events.map((e, i) => ({
      kind: e.kind,
      status: e.status,
      date: e.date,
      dateTo: e.date && e.twoDays ? '2025-12-22' : null,
      approx: e.approx,
      location: { city: e.place[0], country: e.place[1] },
      sides: e.sides,
      participantKeys: e.people.filter((k) => k < people.length).map((k) => `p${k}`),
      evidence: `Sentence ${i} of article ${articleIndex}.`,
      summary: `Event ${i} of article ${articleIndex}`,
    })),
    quotes: a.quotes.map((q) => ({ speakerKey: q.speaker < people.length ? `p${q.speaker}` : null, text: q.words, date: null })),
  };
}

describe('timeline properties', () => {
  it('re-applying, rebuilding and consistency hold for random extractions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(articleArb, { minLength: 1, maxLength: 5 }), async (generated) => {
        const temp = await openTempStore();
        try {
          // Oldest publication first, as ingest and re-extraction apply them.
          const ordered = [...generated].sort((x, y) => (x.published < y.published ? -1 : x.published > y.published ? 1 : 0));
          const stored: Array<{ article: StoredArticle; extraction: ArticleExtraction }> = [];
          for (const [i, a] of ordered.entries()) {
            const added = await temp.store.articles.add({
              url: `https://news.example/${i}`,
              file: null,
              title: null,
              text: `Article ${i} ${'abcdefghijklmnopqrstuvwxyz'
                .split('')
                .map((c, k) => c.repeat((((i + 1) * (k + 3)) % 7) + 1))
                .join(' ')}`,
              publishedAt: a.published,
              publishedInferred: false,
              feedId: null,
              fetchedAt: '2025-12-22T00:00:00.000Z',
            });
            if (added.status !== 'stored') throw new Error(`article ${i} not stored: ${added.status}`);
            const extraction = toExtraction(a, i);
            stored.push({ article: added.article, extraction });
            await temp.store.timeline.applyExtraction(added.article, extraction, 1, []);
          }
          const first = await temp.store.timeline.exportAll();
          for (const { article, extraction } of stored) await temp.store.timeline.applyExtraction(article, extraction, 1, []);
          expect(await temp.store.timeline.exportAll()).toEqual(first);

          await temp.store.timeline.clear();
          for (const { article, extraction } of stored) await temp.store.timeline.applyExtraction(article, extraction, 2, []);
          expect(await temp.store.timeline.exportAll()).toEqual(first);

          const db = new BetterSqlite3(temp.path, { readonly: true });
          try {
            const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
            expect(
              count('SELECT COUNT(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id)'),
            ).toBe(0);
            expect(count('SELECT COUNT(*) AS n FROM events_fts')).toBe(count('SELECT COUNT(*) AS n FROM events'));
            expect(count('SELECT COUNT(*) AS n FROM quotes_fts')).toBe(count('SELECT COUNT(*) AS n FROM quotes'));
            expect(
              count('SELECT COUNT(*) AS n FROM people p WHERE NOT EXISTS (SELECT 1 FROM person_mentions m WHERE m.person_id = p.id)'),
            ).toBe(0);
          } finally {
            db.close();
          }
        } finally {
          await temp.cleanup();
        }
      }),
      { numRuns: 15, seed: 20251222 },
    );
  }, 120_000);
});
