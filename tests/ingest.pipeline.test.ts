import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../src/domain/types.ts';
import { ingest, type IngestDeps } from '../src/ingest/ingest.ts';
import type { Store } from '../src/store/store.ts';
import { openStore } from '../src/store/open.ts';
import { startFixtureServer, type FixtureServer } from './support/httpFixtureServer.ts';
import { silentLogger, testConfig } from './support/ingestApp.ts';
import { sharedOrSkip } from './support/shared.ts';
import {
  atomFeed,
  GENEVA_TALKS,
  GENEVA_TALKS_OTHER_OUTLET,
  GENEVA_TALKS_SYNDICATED,
  ISTANBUL_TALKS,
  istanbulPage,
  rssFeed,
} from './support/ingestFixtures.ts';

const html = (paragraphs: string) =>
  `<html><head><title>T</title></head><body><article>${paragraphs
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

describe('ingest()', () => {
  let server: FixtureServer;
  let store: Store;
  let stored: StoredArticle[];
  let deps: IngestDeps;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    store = await openStore(':memory:');
    stored = [];
    deps = {
      store,
      config: testConfig({ fetch: { timeoutMs: 1000, maxBytes: 256 * 1024 } }),
      logger: silentLogger,
      afterStore: async (a) => void stored.push(a),
    };
  });
  afterEach(() => store.close());

  it('stores the five seed articles, then reports all five as duplicates', async (context) => {
    const SEEDS = sharedOrSkip(context, 'seeds');
    const first = await ingest([SEEDS], deps);
    expect(first).toEqual({ ingested: 5, duplicates: 0, failed: [] });
    expect(await store.articles.count()).toBe(5);
    // The two undated articles wait for the dated ones, then are dated from what they announce and report.
    expect(stored.map((a) => [a.file, a.publishedAt, a.publishedInferred])).toEqual([
      ['000_6db37771912f64ff.txt', '2025-12-21', false],
      ['003_e01438675c5492c1.txt', '2025-12-21', true],
      ['004_f87afcd32914e356.txt', '2025-12-22', false],
      ['001_c48e5997860bbc50.txt', '2025-12-19', true],
      ['002_c7572187dd959b77.txt', '2025-12-19', true],
    ]);
    const second = await ingest([SEEDS], deps);
    expect(second).toEqual({ ingested: 0, duplicates: 5, failed: [] });
    expect(await store.articles.count()).toBe(5);
  });

  it('reports progress per input', async (context) => {
    const SEEDS = sharedOrSkip(context, 'seeds');
    const progress: Array<{ done: number; total: number }> = [];
    await ingest([SEEDS], { ...deps, onProgress: ({ done, total }) => progress.push({ done, total }) });
    expect(progress.at(0)).toEqual({ done: 0, total: 5 });
    expect(progress.at(-1)).toEqual({ done: 5, total: 5 });
  });

  it('ingests a folder of .txt and .html files and ignores other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-folder-'));
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'geneva.txt'), ` date 2025-11-23\n${GENEVA_TALKS}`);
    writeFileSync(join(dir, 'nested', 'istanbul.html'), istanbulPage({ metaDate: '2025-05-16T15:00:00Z' }));
    writeFileSync(join(dir, 'notes.md'), 'not an article');
    const summary = await ingest([dir], deps);
    expect(summary).toEqual({ ingested: 2, duplicates: 0, failed: [] });
    expect(stored.map((a) => [a.file, a.publishedAt])).toEqual([
      ['geneva.txt', '2025-11-23'],
      ['istanbul.html', '2025-05-16'],
    ]);
  });

  it('ingests a page URL: main text only, headline list, bio and navigation gone, caption kept', async () => {
    server.route('/world/istanbul-talks', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: istanbulPage({ metaDate: '2025-05-16T15:00:00Z' }),
    });
    const summary = await ingest([server.url('/world/istanbul-talks?utm_source=newsletter#top')], deps);
    expect(summary).toEqual({ ingested: 1, duplicates: 0, failed: [] });
    const [article] = stored;
    expect(article).toMatchObject({
      url: server.url('/world/istanbul-talks'),
      title: 'Istanbul talks end with prisoner swap deal',
      publishedAt: '2025-05-16',
      publishedInferred: false,
    });
    expect(article!.text).toContain('Dolmabahce Palace');
    expect(article!.text).toContain('(Photo: Example Agency)');
    for (const junk of [
      'Storm knocks out power',
      'Floods close schools',
      'Most Popular',
      'Home',
      'Share on',
      'senior correspondent',
      'Jane Reporter',
      'Read more',
      '5:57 PM',
      'All rights reserved',
    ]) {
      expect(article!.text).not.toContain(junk);
    }
    // The same URL again is a URL duplicate and is not fetched again.
    const requests = server.requests.length;
    expect(await ingest([server.url('/world/istanbul-talks')], deps)).toEqual({ ingested: 0, duplicates: 1, failed: [] });
    expect(server.requests.length).toBe(requests);
  });

  it('reads the publication date from JSON-LD, from <time datetime>, and from a dateline in the page text', async () => {
    server.route('/a', { headers: { 'content-type': 'text/html' }, body: istanbulPage({ jsonLdDate: '2025-05-16T22:30:00-04:00' }) });
    server.route('/b', { headers: { 'content-type': 'text/html' }, body: istanbulPage({ timeDate: '2025-05-15', text: GENEVA_TALKS }) });
    server.route('/c', {
      headers: { 'content-type': 'text/html' },
      body: istanbulPage({ dateline: 'May 14, 2025, 6:40 PM', text: GENEVA_TALKS_OTHER_OUTLET }),
    });
    await ingest([server.url('/a')], deps);
    await ingest([server.url('/b')], deps);
    await ingest([server.url('/c')], deps);
    expect(stored.map((a) => [a.publishedAt, a.publishedInferred])).toEqual([
      ['2025-05-16', false],
      ['2025-05-15', false],
      ['2025-05-14', true],
    ]);
  });

  it('ingests an RSS feed: full-text items as they are, summary-only items from their page', async () => {
    server.route('/geneva-full', { headers: { 'content-type': 'text/html' }, body: html(GENEVA_TALKS) });
    server.route('/rss', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([
        {
          title: 'Istanbul talks',
          link: server.url('/istanbul?utm_medium=rss'),
          description: 'summary',
          content: istanbulPage().replace(/<\/?(html|head|body)[^>]*>/g, ''),
          pubDate: 'Fri, 16 May 2025 15:00:00 GMT',
        },
        {
          title: 'Geneva talks',
          link: server.url('/geneva-full'),
          description: 'US and Ukrainian negotiators met in Geneva.',
          pubDate: 'Sun, 23 Nov 2025 18:00:00 GMT',
        },
      ]),
    });
    const summary = await ingest([server.url('/rss')], deps);
    expect(summary).toEqual({ ingested: 2, duplicates: 0, failed: [] });
    expect(stored.map((a) => [a.url, a.title, a.publishedAt])).toEqual([
      [server.url('/istanbul'), 'Istanbul talks', '2025-05-16'],
      [server.url('/geneva-full'), 'Geneva talks', '2025-11-23'],
    ]);
    expect(stored[1]!.text).toContain('Secretary of State Marco Rubio');
    expect(server.requests.some((r) => r.path.startsWith('/istanbul'))).toBe(false);
    // Polled again: both items are known by URL; nothing is fetched but the feed.
    const before = server.requests.length;
    expect(await ingest([server.url('/rss')], deps)).toEqual({ ingested: 0, duplicates: 2, failed: [] });
    expect(server.requests.length).toBe(before + 1);
  });

  it('stores the feed summary itself when fetching full text is switched off', async () => {
    server.route('/summary-feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([
        {
          title: 'Geneva',
          link: server.url('/never-fetched'),
          description: 'US and Ukrainian negotiators met in Geneva on Sunday to rework the draft peace framework.',
        },
      ]),
    });
    const summary = await ingest([server.url('/summary-feed')], { ...deps, config: testConfig({ fetch: { fetchFullText: false } }) });
    expect(summary).toEqual({ ingested: 1, duplicates: 0, failed: [] });
    expect(stored[0]!.text).toBe('US and Ukrainian negotiators met in Geneva on Sunday to rework the draft peace framework.');
    expect(server.requests.some((r) => r.path === '/never-fetched')).toBe(false);
  });

  it('ingests a plain-text URL like a text file, date header included', async () => {
    server.route('/article.txt', { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: ` date 2025-05-16\n${ISTANBUL_TALKS}` });
    expect(await ingest([server.url('/article.txt')], deps)).toEqual({ ingested: 1, duplicates: 0, failed: [] });
    expect(stored[0]).toMatchObject({ url: server.url('/article.txt'), file: null, publishedAt: '2025-05-16' });
  });

  it('stores a redirected page under the URL it was found at in the end', async () => {
    server.route('/short', { status: 301, redirect: '/long/istanbul-talks' });
    server.route('/long/istanbul-talks', { headers: { 'content-type': 'text/html' }, body: istanbulPage() });
    await ingest([server.url('/short')], deps);
    expect(stored[0]!.url).toBe(server.url('/long/istanbul-talks'));
  });

  it('resolves relative item links against the feed URL', async () => {
    server.route('/news/relative-feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([{ title: 'Geneva', link: 'geneva-story', description: 'Short.' }]),
    });
    server.route('/news/geneva-story', { headers: { 'content-type': 'text/html' }, body: istanbulPage({ text: GENEVA_TALKS }) });
    expect(await ingest([server.url('/news/relative-feed')], deps)).toEqual({ ingested: 1, duplicates: 0, failed: [] });
    expect(stored[0]!.url).toBe(server.url('/news/geneva-story'));
  });

  it('fetches linked pages side by side but stores the items in feed order, a failing page leaving only its summary', async () => {
    server.route('/p1', { delayMs: 300, headers: { 'content-type': 'text/html' }, body: istanbulPage({ text: GENEVA_TALKS }) });
    server.route('/p2', { status: 500 });
    server.route('/p3', { headers: { 'content-type': 'text/html' }, body: istanbulPage() });
    server.route('/order-feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed(['/p1', '/p2', '/p3'].map((p) => ({ title: p, link: server.url(p), description: 'Short.' }))),
    });
    const started = Date.now();
    const summary = await ingest([server.url('/order-feed')], deps);
    expect(summary).toEqual({ ingested: 3, duplicates: 0, failed: [] });
    expect(stored.map((a) => [a.url, a.summaryOnly ?? false])).toEqual([
      [server.url('/p1'), false],
      [server.url('/p2'), true],
      [server.url('/p3'), false],
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('ingests an Atom feed', async () => {
    server.route('/atom', {
      headers: { 'content-type': 'application/atom+xml' },
      body: atomFeed([
        {
          title: 'Istanbul',
          link: server.url('/atom-istanbul'),
          content: html(ISTANBUL_TALKS + '\n\n' + GENEVA_TALKS),
          updated: '2025-05-17T08:00:00Z',
        },
      ]),
    });
    expect(await ingest([server.url('/atom')], deps)).toEqual({ ingested: 1, duplicates: 0, failed: [] });
    expect(stored[0]).toMatchObject({ url: server.url('/atom-istanbul'), publishedAt: '2025-05-17' });
  });

  it('tells a feed from a page by its content, not its URL or content type', async () => {
    server.route('/news.html', {
      headers: { 'content-type': 'text/html' },
      body: rssFeed([{ title: 'x', link: server.url('/x-page'), description: 'short', content: html(GENEVA_TALKS) }]),
    });
    expect(await ingest([server.url('/news.html')], deps)).toEqual({ ingested: 1, duplicates: 0, failed: [] });
  });

  it('stores an exact copy and a syndicated copy once, and another outlet on the same story separately', async () => {
    server.route('/original', { headers: { 'content-type': 'text/html' }, body: html(GENEVA_TALKS) });
    server.route('/mirror', { headers: { 'content-type': 'text/html' }, body: html(GENEVA_TALKS) });
    server.route('/partner', { headers: { 'content-type': 'text/html' }, body: html(GENEVA_TALKS_SYNDICATED) });
    server.route('/other-outlet', { headers: { 'content-type': 'text/html' }, body: html(GENEVA_TALKS_OTHER_OUTLET) });
    const summary = await ingest(
      ['/original', '/mirror', '/partner', '/other-outlet'].map((p) => server.url(p)),
      deps,
    );
    expect(summary).toEqual({ ingested: 2, duplicates: 2, failed: [] });
    expect(stored.map((a) => a.url)).toEqual([server.url('/original'), server.url('/other-outlet')]);
  });

  it('records failures with their reasons and carries on with the rest of the batch', async () => {
    server.route('/broken-feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: '<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut off</item></channel>',
    });
    server.route('/empty-page', {
      headers: { 'content-type': 'text/html' },
      body: '<html><body><nav><a href="/">Home</a></nav></body></html>',
    });
    server.route('/binary', { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 159, 146, 150, 0, 0, 1]) });
    server.route('/error', { status: 503 });
    server.route('/slow', { delayMs: 1500, body: 'late' });
    server.route('/huge', { body: 'x'.repeat(300 * 1024) });
    server.route('/loop', { redirect: '/loop' });
    server.route('/good', { headers: { 'content-type': 'text/html' }, body: html(ISTANBUL_TALKS) });
    const inputs = ['/broken-feed', '/empty-page', '/binary', '/error', '/slow', '/huge', '/loop'].map((p) => server.url(p));
    const summary = await ingest([...inputs, '/no/such/file.txt', server.url('/good')], deps);
    expect(summary.ingested).toBe(1);
    // Inputs that do not exist are found before anything is fetched.
    expect(summary.failed.map((f) => f.reason)).toEqual([
      'no such file or folder',
      expect.stringMatching(/^malformed feed at .*\/broken-feed: /),
      `no article text found in ${server.url('/empty-page')}`,
      'not a text document: application/octet-stream',
      'HTTP 503',
      'timeout after 1000 ms',
      'body larger than 256 KB',
      'too many redirects (6)',
    ]);
  });

  it('refuses binary and oversized files with a reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bad-files-'));
    writeFileSync(join(dir, 'photo.txt'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]));
    writeFileSync(join(dir, 'dump.txt'), 'x'.repeat(300 * 1024));
    const summary = await ingest([dir], deps);
    expect(summary.failed).toEqual([
      { input: join(dir, 'dump.txt'), reason: 'file larger than 256 KB' },
      { input: join(dir, 'photo.txt'), reason: 'not a text file (it contains binary data)' },
    ]);
  });

  it('keeps a stored article when the after-store hook fails, and reports the failure', async () => {
    const failing: IngestDeps = {
      ...deps,
      afterStore: async () => {
        throw new Error('extractor crashed');
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'parley-hook-'));
    writeFileSync(join(dir, 'a.txt'), GENEVA_TALKS);
    const summary = await ingest([join(dir, 'a.txt')], failing);
    expect(summary.ingested).toBe(1);
    expect(summary.failed).toEqual([
      { input: join(dir, 'a.txt'), reason: 'stored as article 1, but extraction failed: extractor crashed' },
    ]);
    expect(await store.articles.count()).toBe(1);
  });
});
