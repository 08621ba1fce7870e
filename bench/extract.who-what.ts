// Benchmark of extractArticle (people, quotes, events on top of places and dates) over ~5 KB
// generated articles. Target: well under 50 ms per article once the lexicons are loaded.
// Run: npx tsx bench/extract.who-what.ts [articles]
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../src/extract/index.ts';

// Sentence shapes news reports use, filled with varied actors, places and days; deterministic.
const ACTORS = [
  ['Turkish', 'Foreign Minister', 'Hakan Fidan'],
  ['Russian', 'Foreign Minister', 'Sergei Lavrov'],
  ['Ukrainian', 'Defence Minister', 'Rustem Umerov'],
  ['U.S.', 'special envoy', 'Steve Witkoff'],
  ['French', 'President', 'Emmanuel Macron'],
  ['German', 'Chancellor', 'Friedrich Merz'],
  ['Qatari', 'Prime Minister', 'Mohammed bin Abdulrahman Al Thani'],
  ['Chinese', 'Foreign Minister', 'Wang Yi'],
] as const;
const CITIES = ['Istanbul', 'Geneva', 'Riyadh', 'Doha', 'Berlin', 'Miami', 'Abu Dhabi', 'Vienna'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FILLER = [
  'Energy prices rose slightly on the news before settling later in the day.',
  'Analysts said the outcome would depend on how much pressure each capital was willing to accept.',
  'The proposals under discussion cover security guarantees, prisoner exchanges and reconstruction.',
  'Humanitarian groups urged both delegations to prioritise the return of civilians held in detention.',
];

function benchArticle(i: number, targetBytes = 5000): { text: string; publishedAt: string } {
  const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;
  const paragraphs: string[] = [];
  let n = i * 7;
  while (paragraphs.join('\n\n').length < targetBytes) {
    const [na, ta, a] = pick(ACTORS, n);
    const [nb, , b] = pick(ACTORS, n + 3);
    const city = pick(CITIES, n);
    const day = pick(DAYS, n);
    paragraphs.push(
      `${na} ${ta} ${a} met his ${nb} counterpart ${b} in ${city} on ${day}, officials said. ` +
        `"We had a frank and useful conversation," ${a.split(' ').at(-1)} told reporters after the meeting. ` +
        `${b.split(' ').at(-1)} said the talks were "difficult but necessary" and that the two sides would meet again in ${pick(CITIES, n + 1)} next week.`,
      `${pick(FILLER, n)} ${pick(FILLER, n + 1)}`,
    );
    n++;
  }
  return { text: paragraphs.join('\n\n'), publishedAt: `2025-0${1 + (i % 9)}-1${i % 10}` };
}

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
  extractArticle(
    { text: 'Turkish Foreign Minister Hakan Fidan met Sergei Lavrov in Antalya on Friday.', title: null, publishedAt: '2024-03-10' },
    knowledge,
  );
  const warmUpMs = performance.now() - warmStart;
  const articles = Array.from({ length: count }, (_, i) => benchArticle(i, 5000));
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
