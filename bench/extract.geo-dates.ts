// Benchmark of the where-and-when extractors: findPlaces + findCountryMentions over a whole
// ~5 KB article, findDates over each of its sentences. Target: well under 10 ms per article
// once the gazetteer is loaded. Run: npx tsx bench/extract.geo-dates.ts [articles]
import { performance } from 'node:perf_hooks';
import { findCountryMentions } from '../src/extract/geo/countries.ts';
import { findPlaces, loadGazetteer } from '../src/extract/geo/places.ts';
import { findDates } from '../src/extract/dates/resolve.ts';
import { syntheticArticle } from './syntheticArticles.ts';

export interface GeoDatesBenchResult {
  articles: number;
  meanBytes: number;
  gazetteerLoadMs: number;
  medianMs: number;
  p95Ms: number;
  heapMb: number;
}

export function benchGeoDates(count = 200): GeoDatesBenchResult {
  const loadStart = performance.now();
  loadGazetteer();
  findCountryMentions('Warm-up in Kyiv.');
  findDates('Warm-up on 6/1/2025.', '2025-06-02');
  const gazetteerLoadMs = performance.now() - loadStart;
  const articles = Array.from({ length: count }, (_, i) => syntheticArticle(i, 7, 5000));
  const times: number[] = [];
  for (const article of articles) {
    const start = performance.now();
    findPlaces(article.text);
    findCountryMentions(article.text);
    for (const sentence of article.text.split(/(?<=[.!?])\s+/)) findDates(sentence, article.publishedAt);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    articles: count,
    meanBytes: Math.round(articles.reduce((n, a) => n + a.text.length, 0) / count),
    gazetteerLoadMs: Math.round(gazetteerLoadMs),
    medianMs: Number(times[Math.floor(count / 2)]!.toFixed(2)),
    p95Ms: Number(times[Math.floor(count * 0.95)]!.toFixed(2)),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 200);
  console.log(JSON.stringify(benchGeoDates(Number.isFinite(count) && count > 0 ? count : 200)));
}
