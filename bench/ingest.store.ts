// Benchmark of ingest's store side: cleaning a seed-style file, and adding articles to a growing
// store (exact and near-duplicate checks included) until it holds N articles. Targets: cleaning
// well under 5 ms per 5 KB file; an add under 20 ms at 10 000 articles.
// Run: npx tsx bench/ingest.store.ts [articles]
// Measured 2026-11-22 with 5000 synthetic articles on 2 shared cores (load average ~12): cleaning
// median 1.2 ms; add median 18-30 ms, flat from 1000 to 5000 stored. The synthetic articles share
// one template, so every add compares 8 candidates in full; real news rarely has any candidate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { articleFromPlainText } from '../src/ingest/textFile.ts';
import { SqliteArticleRepo } from '../src/store/sqlite/articles.ts';
import { loadMigrations, migrate } from '../src/store/sqlite/migrate.ts';
import { syntheticArticle } from './syntheticArticles.ts';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

export async function benchIngestStore(count = 10_000) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-ingest-'));
  const db = new BetterSqlite3(join(dir, 'bench.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db, await loadMigrations());
  const repo = new SqliteArticleRepo(db);
  const cleanTimes: number[] = [];
  const windows: Array<{ upTo: number; medianMs: number; p95Ms: number }> = [];
  let window: number[] = [];
  let stored = 0;
  let duplicates = 0;
  for (let i = 0; i < count; i++) {
    const synthetic = syntheticArticle(i, 11, 5000);
    const t0 = performance.now();
    const article = articleFromPlainText(synthetic.fileText, { file: synthetic.file, url: null });
    const t1 = performance.now();
    const result = await repo.add(article);
    const t2 = performance.now();
    cleanTimes.push(t1 - t0);
    window.push(t2 - t1);
    if (result.status === 'stored') stored++;
    else duplicates++;
    if ((i + 1) % Math.max(1, Math.floor(count / 5)) === 0) {
      window.sort((a, b) => a - b);
      windows.push({ upTo: i + 1, medianMs: +percentile(window, 0.5).toFixed(2), p95Ms: +percentile(window, 0.95).toFixed(2) });
      window = [];
    }
  }
  cleanTimes.sort((a, b) => a - b);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    articles: count,
    stored,
    duplicates,
    cleanMedianMs: +percentile(cleanTimes, 0.5).toFixed(2),
    cleanP95Ms: +percentile(cleanTimes, 0.95).toFixed(2),
    addLatencyByStoreSize: windows,
    heapMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchIngestStore(Number(process.argv[2] ?? 10_000)), null, 2));
}
