// Benchmark of extractArticle (people, quotes, events on top of places and dates) over ~5 KB
// synthetic articles. Target: well under 50 ms per article once the lexicons are loaded.
// Run: npx tsx bench/extract.who-what.ts [articles]
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../src/extract/index.ts';
import { syntheticArticle } from './syntheticArticles.ts';

export interface WhoWhatBenchResult {
  articles: number;
  meanBytes: number;
  warmUpMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** CPU time per article: the wall-clock figures swing when other processes share the cores. */
  cpuMsPerArticle: number;
  heapMb: number;
}

export function benchWhoWhat(count = 200): WhoWhatBenchResult {
  const knowledge = { people: [], places: [] };
  const warmStart = performance.now();
  extractArticle({ text: 'Turkish Foreign Minister Hakan Fidan met Sergei Lavrov in Antalya on Friday.', title: null, publishedAt: '2024-03-10' }, knowledge);
  const warmUpMs = performance.now() - warmStart;
  const articles = Array.from({ length: count }, (_, i) => syntheticArticle(i, 11, 5000));
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (const article of articles) {
    const start = performance.now();
    extractArticle({ text: article.text, title: null, publishedAt: article.publishedAt }, knowledge);
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  return {
    articles: count,
    meanBytes: Math.round(articles.reduce((n, a) => n + a.text.length, 0) / count),
    warmUpMs: Math.round(warmUpMs),
    medianMs: Number(times[Math.floor(count / 2)]!.toFixed(2)),
    p95Ms: Number(times[Math.floor(count * 0.95)]!.toFixed(2)),
    maxMs: Number(times[count - 1]!.toFixed(2)),
    cpuMsPerArticle: Number(((cpu.user + cpu.system) / 1000 / count).toFixed(2)),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 200);
  console.log(JSON.stringify(benchWhoWhat(Number.isFinite(count) && count > 0 ? count : 200)));
}
