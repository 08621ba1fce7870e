import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../src/domain/types.ts';
import { EXTRACTION_VERSION } from '../src/extract/index.ts';
import { backoffMinutes, isDue, pollAllFeeds, startPoller } from '../src/ingest/poller.ts';
import { startFixtureServer, type FixtureServer } from './support/httpFixtureServer.ts';
import { testApp, testConfig } from './support/ingestApp.ts';
import { GENEVA_TALKS, ISTANBUL_TALKS, rssFeed } from './support/ingestFixtures.ts';

const html = (text: string) =>
  `<html><body><article>${text
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('backoff', () => {
  it('doubles the interval per failure in a row, up to six hours', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMinutes(n, 15))).toEqual([30, 60, 120, 240, 360, 360]);
    expect(backoffMinutes(3, 720)).toBe(720);
  });
  it('treats a feed without a next-poll time as due', () => {
    const now = new Date('2025-05-16T12:00:00Z');
    expect(isDue({ nextPollAt: null }, now)).toBe(true);
    expect(isDue({ nextPollAt: '2025-05-16T12:10:00Z' }, now)).toBe(false);
    expect(isDue({ nextPollAt: '2025-05-16T12:00:20Z' }, now)).toBe(true);
  });
});

describe('pollAllFeeds', () => {
  let server: FixtureServer;
  let clock: Date;
  let stored: StoredArticle[];
  const afterStore = async (a: StoredArticle) => void stored.push(a);
  beforeEach(async () => {
    server = await startFixtureServer();
    clock = new Date('2025-05-16T12:00:00Z');
    stored = [];
  });
  afterEach(() => server.close());

  async function appWithFeeds(feeds: Array<{ name: string; path: string; pollMinutes?: number }>) {
    return testApp(
      {
        feeds: feeds.map((f) => ({ name: f.name, url: server.url(f.path), pollMinutes: f.pollMinutes ?? 15 })),
        fetch: { timeoutMs: 1000 },
      },
      () => clock,
    );
  }

  it('records failures with backoff, then recovery', async () => {
    let healthy = false;
    server.route('/feed', () =>
      healthy
        ? {
            headers: { 'content-type': 'application/rss+xml' },
            body: rssFeed([
              { title: 'Istanbul', link: server.url('/istanbul'), description: 'x', content: html(ISTANBUL_TALKS + '\n\n' + GENEVA_TALKS) },
            ]),
          }
        : { status: 500 },
    );
    const app = await appWithFeeds([{ name: 'Example', path: '/feed' }]);
    const first = await pollAllFeeds(app, { afterStore });
    expect(first.feeds).toEqual([expect.objectContaining({ outcome: 'failed', error: 'HTTP 500' })]);
    let [health] = await app.store.feeds.health();
    expect(health).toMatchObject({
      consecutiveFailures: 1,
      lastError: 'HTTP 500',
      lastErrorAt: '2025-05-16T12:00:00.000Z',
      lastSuccessAt: null,
      nextPollAt: '2025-05-16T12:30:00.000Z',
    });

    clock = new Date('2025-05-16T12:30:00Z');
    await pollAllFeeds(app, { afterStore });
    [health] = await app.store.feeds.health();
    expect(health).toMatchObject({ consecutiveFailures: 2, nextPollAt: '2025-05-16T13:30:00.000Z' });

    // Not due yet: a scheduled (due-only) poll leaves the feed alone.
    clock = new Date('2025-05-16T13:00:00Z');
    healthy = true;
    const early = await pollAllFeeds(app, { afterStore, dueOnly: true });
    expect(early.feeds[0]!.outcome).toBe('skipped');

    clock = new Date('2025-05-16T13:31:00Z');
    const recovered = await pollAllFeeds(app, { afterStore, dueOnly: true });
    expect(recovered).toMatchObject({ ingested: 1, feeds: [expect.objectContaining({ outcome: 'ok' })] });
    [health] = await app.store.feeds.health();
    expect(health).toMatchObject({
      consecutiveFailures: 0,
      lastSuccessAt: '2025-05-16T13:31:00.000Z',
      lastError: 'HTTP 500',
      nextPollAt: '2025-05-16T13:46:00.000Z',
      articleCount: 1,
    });
    expect(stored[0]!.feedId).toBe(health!.id);
    await app.store.close();
  });

  it('honours Retry-After on 429 and 503: the next poll waits at least as long as the server asked', async () => {
    const inThreeHours = new Date(Date.now() + 3 * 3600_000).toUTCString();
    server.route('/busy', { status: 429, headers: { 'retry-after': '7200' } });
    server.route('/down', { status: 503, headers: { 'retry-after': inThreeHours } });
    server.route('/brief', { status: 503, headers: { 'retry-after': '5' } });
    server.route('/plain', { status: 429 });
    const app = await appWithFeeds([
      { name: 'Busy', path: '/busy' },
      { name: 'Down', path: '/down' },
      { name: 'Brief', path: '/brief' },
      { name: 'Plain', path: '/plain' },
    ]);
    const summary = await pollAllFeeds(app, { afterStore });
    expect(summary.feeds.map((f) => f.error)).toEqual([
      'HTTP 429 (retry after 2 h)',
      expect.stringMatching(/^HTTP 503 \(retry after (2\.9|3) h\)$/),
      'HTTP 503 (retry after 5 s)',
      'HTTP 429',
    ]);
    const next = Object.fromEntries(
      (await app.store.feeds.health()).map((f) => [f.name, (Date.parse(f.nextPollAt!) - clock.getTime()) / 60_000]),
    );
    expect(next.Busy).toBe(120);
    expect(next.Down).toBeGreaterThanOrEqual(179);
    expect(next.Down).toBeLessThanOrEqual(180);
    // A shorter Retry-After than the backoff does not make the poller come back sooner.
    expect(next.Brief).toBe(30);
    expect(next.Plain).toBe(30);
    await app.store.close();
  });

  it('sends the stored ETag and Last-Modified, and a 304 changes nothing', async () => {
    server.route('/feed', (req) =>
      req.headers['if-none-match'] === '"rev-1"'
        ? { status: 304 }
        : {
            headers: { etag: '"rev-1"', 'last-modified': 'Fri, 16 May 2025 11:00:00 GMT', 'content-type': 'application/rss+xml' },
            body: rssFeed([
              { title: 'Istanbul', link: server.url('/istanbul'), description: 'x', content: html(ISTANBUL_TALKS + '\n\n' + GENEVA_TALKS) },
            ]),
          },
    );
    const app = await appWithFeeds([{ name: 'Example', path: '/feed' }]);
    expect((await pollAllFeeds(app, { afterStore })).ingested).toBe(1);
    const second = await pollAllFeeds(app, { afterStore });
    expect(second).toMatchObject({ ingested: 0, duplicates: 0, feeds: [expect.objectContaining({ outcome: 'not-modified' })] });
    const last = server.requests.at(-1)!;
    expect(last.headers['if-none-match']).toBe('"rev-1"');
    expect(last.headers['if-modified-since']).toBe('Fri, 16 May 2025 11:00:00 GMT');
    expect((await app.store.feeds.health())[0]).toMatchObject({ consecutiveFailures: 0 });
    await app.store.close();
  });

  it('keeps polling the other feeds when one is broken', async () => {
    server.route('/broken', { headers: { 'content-type': 'text/xml' }, body: '<rss><channel><item><title>cut' });
    server.route('/good', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([
        { title: 'Geneva', link: server.url('/geneva'), description: 'x', content: html(GENEVA_TALKS + '\n\n' + ISTANBUL_TALKS) },
      ]),
    });
    const app = await appWithFeeds([
      { name: 'Broken', path: '/broken' },
      { name: 'Good', path: '/good' },
    ]);
    const summary = await pollAllFeeds(app, { afterStore });
    expect(summary.ingested).toBe(1);
    expect(summary.feeds.map((f) => [f.name, f.outcome])).toEqual([
      ['Broken', 'failed'],
      ['Good', 'ok'],
    ]);
    expect(summary.failed[0]!.reason).toMatch(/^malformed feed at .*\/broken: /);
    const health = await app.store.feeds.health();
    expect(health.find((h) => h.name === 'Broken')).toMatchObject({
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/^malformed feed/),
    });
    await app.store.close();
  });

  it('keeps the summary when the linked page fails, and a later poll puts the article in its place', async () => {
    let pageUp = false;
    server.route('/page', () => (pageUp ? { headers: { 'content-type': 'text/html' }, body: html(GENEVA_TALKS) } : { status: 502 }));
    server.route('/feed', (req) =>
      req.headers['if-none-match'] === '"v"'
        ? { status: 304 }
        : {
            headers: { etag: '"v"', 'content-type': 'application/rss+xml' },
            body: rssFeed([
              { title: 'Geneva', link: server.url('/page'), description: 'US and Ukrainian negotiators met in Geneva on Sunday.' },
            ]),
          },
    );
    const app = await appWithFeeds([{ name: 'Example', path: '/feed' }]);
    const first = await pollAllFeeds(app, { afterStore });
    // Before, the item was lost: ingested 0, failed 1 (HTTP 502).
    expect(first).toMatchObject({ ingested: 1, duplicates: 0, failed: [] });
    const id = stored[0]!.id;
    expect(await app.store.articles.get(id)).toMatchObject({
      summaryOnly: true,
      text: 'US and Ukrainian negotiators met in Geneva on Sunday.',
      url: server.url('/page'),
    });

    // Still down: the summary stays, nothing is counted twice, and the feed is asked again.
    const stillDown = await pollAllFeeds(app, { afterStore });
    expect(stillDown).toMatchObject({ ingested: 0, duplicates: 1, failed: [], feeds: [expect.objectContaining({ outcome: 'ok' })] });

    pageUp = true;
    const second = await pollAllFeeds(app, { afterStore });
    expect(second).toMatchObject({ ingested: 1, failed: [] });
    const full = await app.store.articles.get(id);
    expect(full?.summaryOnly).toBeUndefined();
    expect(full?.text).toContain('Marco Rubio');
    expect(full?.title).toBe('Geneva');
    // Extracted again as the same article (its events keep their ids), and no longer asked for.
    expect(stored.map((a) => a.id)).toEqual([id, id]);
    expect(await app.store.articles.count()).toBe(1);
    const third = await pollAllFeeds(app, { afterStore });
    expect(third.feeds[0]!.outcome).toBe('not-modified');
    await app.store.close();
  });

  it('still fails an item whose page fails when the feed has no summary for it', async () => {
    server.route('/page', { status: 404 });
    server.route('/feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([{ title: 'Geneva', link: server.url('/page'), description: '' }]),
    });
    const app = await appWithFeeds([{ name: 'Example', path: '/feed' }]);
    const first = await pollAllFeeds(app, { afterStore });
    expect(first).toMatchObject({ ingested: 0, failed: [{ input: server.url('/page'), reason: 'HTTP 404' }] });
    await app.store.close();
  });

  it('extracts and merges each new article by default, as `parley poll` and the bot need', async () => {
    server.route('/feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([
        {
          title: 'Istanbul talks',
          link: server.url('/istanbul'),
          description: 'x',
          content: html(ISTANBUL_TALKS + '\n\n' + GENEVA_TALKS),
          pubDate: 'Fri, 16 May 2025 15:00:00 GMT',
        },
      ]),
    });
    const app = await appWithFeeds([{ name: 'Example', path: '/feed' }]);
    expect((await pollAllFeeds(app)).ingested).toBe(1);
    expect(await app.store.articles.listNeedingExtraction(EXTRACTION_VERSION, 10)).toEqual([]);
    await app.store.close();
  });

  it('disables feeds removed from the config', async () => {
    server.route('/a', { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed([]) });
    const app = await appWithFeeds([{ name: 'A', path: '/a' }]);
    await pollAllFeeds(app, { afterStore });
    app.config.replace(testConfig({ feeds: [] }));
    const summary = await pollAllFeeds(app, { afterStore });
    expect(summary.feeds).toEqual([]);
    expect((await app.store.feeds.health())[0]).toMatchObject({ name: 'A', enabled: false });
    await app.store.close();
  });
});

describe('startPoller', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
  });
  afterEach(() => server.close());

  it('skips a tick while the previous poll is still running', async () => {
    server.route('/slow-feed', { delayMs: 600, headers: { 'content-type': 'application/rss+xml' }, body: rssFeed([]) });
    const app = await testApp({ feeds: [{ name: 'Slow', url: server.url('/slow-feed') }], polling: { cron: '0 0 1 1 *' } });
    const poller = startPoller(app, { afterStore: async () => {} });
    const first = poller.tick();
    expect(await poller.tick()).toBe('skipped');
    expect(await first).toMatchObject({ feeds: [expect.objectContaining({ outcome: 'ok' })] });
    await poller.stop();
    await app.store.close();
  });

  it('never overlaps polls on a schedule faster than one poll', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server.route('/slow-feed', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => inFlight--, 1500);
      return { delayMs: 1500, headers: { 'content-type': 'application/rss+xml' }, body: rssFeed([]) };
    });
    // Every second, with a feed that takes 1.5 s and is polled on every tick while it keeps failing to finish.
    const app = await testApp({
      feeds: [{ name: 'Slow', url: server.url('/slow-feed'), pollMinutes: 1 }],
      polling: { cron: '* * * * * *' },
    });
    const poller = startPoller(app, { afterStore: async () => {} });
    await sleep(3200);
    await poller.stop();
    expect(maxInFlight).toBe(1);
    expect(server.requests.filter((r) => r.path === '/slow-feed')).toHaveLength(1);
    await app.store.close();
  });

  it('stop() aborts the fetches in flight at once and leaves the feed as it was, not failed', async () => {
    server.route('/slow-feed', { delayMs: 10_000, headers: { 'content-type': 'application/rss+xml' }, body: rssFeed([]) });
    const app = await testApp({
      feeds: [{ name: 'Slow', url: server.url('/slow-feed') }],
      polling: { cron: '0 0 1 1 *' },
      fetch: { timeoutMs: 30_000 },
    });
    const poller = startPoller(app, { afterStore: async () => {} });
    const poll = poller.tick();
    while (server.requests.length === 0) await sleep(10);
    const stopAsked = performance.now();
    await poller.stop();
    const stopMs = performance.now() - stopAsked;
    // Measured: ~1-5 ms; before, stop() waited for the 10 s answer (or the 30 s timeout).
    expect(stopMs).toBeLessThan(1000);
    expect(await poll).toMatchObject({
      feeds: [expect.objectContaining({ outcome: 'skipped', error: 'interrupted by shutdown' })],
      failed: [],
    });
    expect((await app.store.feeds.health())[0]).toMatchObject({
      consecutiveFailures: 0,
      lastPolledAt: null,
      lastError: null,
      nextPollAt: null,
    });
    expect(await poller.tick()).toBe('skipped');
    await app.store.close();
  });

  it('refuses an invalid cron expression (the config schema checks it too; this guards config built in code)', async () => {
    const app = await testApp();
    app.config.current().parley.polling.cron = 'every minute';
    expect(() => startPoller(app)).toThrow('polling.cron in /test/config is not a valid cron expression: "every minute"');
    await app.store.close();
  });
});
