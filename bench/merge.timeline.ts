// Benchmark of the merge stage: applyExtraction latency as the timeline grows. Each synthetic
// article reports 2 events (sides from a small pool, dates over a year, 2-4 participants from a
// skewed pool of people) and 5 people, the way a day of coverage looks.
// Run: npx tsx bench/merge.timeline.ts [articles]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/open.ts';
import type { ArticleExtraction, CountryCode, ExtractedEvent } from '../src/domain/types.ts';
import { seededRandom } from './syntheticArticles.ts';
import { syntheticPersonName } from './syntheticStore.ts';

const SIDES: CountryCode[] = ['UA', 'US', 'RU', 'EU', 'FR', 'DE', 'GB', 'TR', 'SA', 'AE'];
const CITIES: Array<[string, CountryCode]> = [
  ['Geneva', 'CH'],
  ['Istanbul', 'TR'],
  ['Riyadh', 'SA'],
  ['Abu Dhabi', 'AE'],
  ['Miami', 'US'],
  ['Moscow', 'RU'],
];

export interface MergeBenchResult {
  articles: number;
  people: number;
  events: number;
  medianMs: number;
  p95Ms: number;
  lastThousandMedianMs: number;
}

export async function benchMerge(count = 3000, seed = 7): Promise<MergeBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-merge-'));
  const store = await openStore(join(dir, 'parley.db'));
  const random = seededRandom(seed);
  const pool = Array.from({ length: Math.max(50, Math.floor(count / 2)) }, (_, i) => syntheticPersonName(random, i));
  const pick = () => pool[Math.floor(pool.length * random() ** 3)]!;
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const day = new Date(Date.UTC(2025, 0, 1) + Math.floor((i / count) * 365) * 86_400_000).toISOString().slice(0, 10);
      const added = await store.articles.add({
        url: `https://example.org/news/${i}`,
        file: null,
        title: `Report ${i}`,
        text: `Report ${i}: ${Array.from({ length: 60 }, () => pool[Math.floor(random() * pool.length)]).join(' ')}.`,
        publishedAt: day,
        publishedInferred: false,
        feedId: null,
        fetchedAt: `${day}T12:00:00.000Z`,
      });
      if (added.status !== 'stored') continue;
      const names = [...new Set(Array.from({ length: 5 }, pick))];
      const people = names.map((name, k) => ({
        key: `p${k}`,
        name,
        aliases: [name.split(' ').pop()!],
        country: SIDES[k % SIDES.length]!,
        role: 'envoy',
      }));
      const event = (n: number): ExtractedEvent => {
        const [city, country] = CITIES[Math.floor(random() * CITIES.length)]!;
        const a = SIDES[Math.floor(random() * 3)]!;
        const b = SIDES[3 + Math.floor(random() * (SIDES.length - 3))]!;
        return {
          kind: 'talks',
          status: random() < 0.8 ? 'held' : 'planned',
          date: day,
          dateTo: null,
          approx: false,
          location: { city, country },
          sides: [a, b],
          participantKeys: people.slice(n, n + 3).map((p) => p.key),
          evidence: `Talks ${i}-${n} in ${city}.`,
          summary: `Talks in ${city}`,
        };
      };
      const extraction: ArticleExtraction = {
        people,
        events: [event(0), event(1)],
        quotes: [{ speakerKey: 'p0', text: `Quote ${i}`, date: null }],
      };
      const start = performance.now();
      await store.timeline.applyExtraction(added.article, extraction, 1, []);
      times.push(performance.now() - start);
    }
    const out = await store.timeline.exportAll();
    const sorted = [...times].sort((x, y) => x - y);
    const last = times.slice(-1000).sort((x, y) => x - y);
    return {
      articles: times.length,
      people: out.people.length,
      events: out.events.length,
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      p95Ms: sorted[Math.floor(sorted.length * 0.95)]!,
      lastThousandMedianMs: last[Math.floor(last.length / 2)]!,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 3000);
  console.log(JSON.stringify(await benchMerge(count), null, 2));
}
