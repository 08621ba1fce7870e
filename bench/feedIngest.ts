// End-to-end ingest of one RSS feed of N items (default 1,000) served on 127.0.0.1 by a child
// process (as a news site is another machine: generating and serving the 1,000 pages is not
// Parley's work and must not count in its CPU time or peak RSS): the feed is fetched and parsed, each item carries only a summary so its page is fetched too, the page is
// cleaned (main-text extraction), the article is deduplicated and stored, extracted and merged
// into the timeline, all through `ingest()` as `parley ingest URL` runs it, into a new store.
//
//   node --import tsx bench/feedIngest.ts [--items 1000] [--json]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { logger } from '../src/log.ts';
import { extractAndMerge } from '../src/merge/process.ts';
import { openStore } from '../src/store/open.ts';
import type { FixtureServer } from '../tests/support/httpFixtureServer.ts';

// Not imported from commandLatency.ts: that module loads discord.js and the fake Discord (about
// 40 MB of RSS) which `parley ingest` never loads, and this workload's peak RSS is reported.
const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface FeedIngestResult {
  items: number;
  stored: number;
  duplicates: number;
  failed: number;
  seconds: number;
  articlesPerSecond: number;
  /** CPU time of the ingesting process (fetch, clean, extract, merge, store; not the feed server) per item. */
  cpuMsPerItem: number;
  meanPageBytes: number;
  events: number;
  people: number;
  peakRssMb: number;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeHtml = escapeXml;

/** A news page around the article: navigation, the article, a "most read" list, a footer. */
function page(title: string, published: string, text: string): string {
  const paragraphs = text
    .split(/\n\n+/)
    .map((p) => `<p>${escapeHtml(p.replace(/\n/g, ' '))}</p>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta property="article:published_time" content="${published}T09:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/europe">Europe</a></nav>
<article><h1>${escapeHtml(title)}</h1><time datetime="${published}">${published}</time>
${paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/x1">Markets close higher</a></li><li><a href="/x2">Storm warnings issued</a></li></ul></aside>
<footer>© News Example</footer></body></html>`;
}

export async function serveSyntheticFeed(
  items: number,
  seed = 5,
): Promise<{ server: FixtureServer; feedUrl: string; meanPageBytes: number }> {
  const { startFixtureServer } = await import('../tests/support/httpFixtureServer.ts');
  const { syntheticArticle } = await import('./syntheticArticles.ts');
  const server = await startFixtureServer();
  const entries: string[] = [];
  let pageBytes = 0;
  for (let i = 0; i < items; i++) {
    const article = syntheticArticle(i, seed, 5000);
    const title = article.text.split('\n')[0]!.slice(0, 90);
    const html = page(title, article.publishedAt, article.text);
    pageBytes += Buffer.byteLength(html);
    server.route(`/news/${i}`, { headers: { 'content-type': 'text/html; charset=utf-8' }, body: html });
    entries.push(`<item><title>${escapeXml(title)}</title><link>${server.url(`/news/${i}`)}</link><guid>${server.url(`/news/${i}`)}</guid>
<pubDate>${new Date(`${article.publishedAt}T09:00:00Z`).toUTCString()}</pubDate><description>${escapeXml(article.text.slice(0, 200))}</description></item>`);
  }
  const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Synthetic talks</title><link>${server.origin}</link>
<description>Benchmark feed</description>${entries.join('\n')}</channel></rss>`;
  server.route('/feed.xml', { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: rss });
  return { server, feedUrl: server.url('/feed.xml'), meanPageBytes: Math.round(pageBytes / items) };
}

interface FeedServerProcess {
  feedUrl: string;
  meanPageBytes: number;
  close(): Promise<void>;
}

/** `serveSyntheticFeed` in a child process (this file with --serve); it serves until its stdin closes. */
async function startFeedServerProcess(items: number): Promise<FeedServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', '--items', String(items)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let output = '';
  child.stdout.setEncoding('utf8');
  const ready = await new Promise<{ feedUrl: string; meanPageBytes: number }>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line && output.includes('\n')) resolve(JSON.parse(line) as { feedUrl: string; meanPageBytes: number });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`feed server exited (${code}) before it was ready`)));
  });
  return {
    ...ready,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

export async function benchFeedIngest(items = 1000): Promise<FeedIngestResult> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-feed-ingest-'));
  const server = await startFeedServerProcess(items);
  const { feedUrl, meanPageBytes } = server;
  const store = await openStore(join(dir, 'parley.db'));
  const config = loadConfig(join(ROOT, 'config'));
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await ingest([feedUrl], { store, config, logger, afterStore: (article) => extractAndMerge(store, article, config) });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const counts = await store.queries.counts();
    for (const failure of summary.failed.slice(0, 5)) console.error(`failed: ${failure.input}: ${failure.reason}`);
    return {
      items,
      stored: summary.ingested,
      duplicates: summary.duplicates,
      failed: summary.failed.length,
      seconds: Math.round(seconds * 10) / 10,
      articlesPerSecond: Math.round((summary.ingested / seconds) * 10) / 10,
      cpuMsPerItem: Math.round(((used.user + used.system) / 1000 / items) * 10) / 10,
      meanPageBytes,
      events: counts.events,
      people: counts.people,
      peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    };
  } finally {
    await store.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '1000' },
      json: { type: 'boolean', default: false },
      serve: { type: 'boolean', default: false },
    },
  });
  if (values.serve) {
    const { server, feedUrl, meanPageBytes } = await serveSyntheticFeed(Number(values.items));
    process.stdin.resume();
    process.stdin.once('end', () => void server.close());
    process.stdout.write(`${JSON.stringify({ feedUrl, meanPageBytes })}\n`);
  } else {
    const result = await benchFeedIngest(Number(values.items));
    console.log(values.json ? JSON.stringify(result, null, 2) : result);
  }
}
