// Hostile feeds and pages served on 127.0.0.1, polled together with one good feed: each is
// refused or handled with a logged reason, its health shows it, and the good feed keeps working.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedHealth, StoredArticle } from '../src/domain/types.ts';
import { pollAllFeeds, type PollSummary } from '../src/ingest/poller.ts';
import { BadInputTally } from './support/badInputTally.ts';
import { startFixtureServer, type FixtureServer } from './support/httpFixtureServer.ts';
import { SwappableConfig, testConfig } from './support/ingestApp.ts';
import { GENEVA_TALKS, GENEVA_TALKS_OTHER_OUTLET, ISTANBUL_TALKS, rssFeed } from './support/ingestFixtures.ts';
import { openStore } from '../src/store/open.ts';
import type { App } from '../src/app.ts';

const tally = new BadInputTally('hostile.feeds');
afterAll(() => tally.report());

const CAP = 256 * 1024;
const TIMEOUT_MS = 1500;
const NOW = new Date('2025-05-20T12:00:00Z');
const RSS = { 'content-type': 'application/rss+xml; charset=utf-8' };
// Items long enough (over 500 characters) to be stored from the feed without fetching their page.
const ALASKA_SUMMIT = [
  'The presidents of the United States and Russia met at a military base in Anchorage, Alaska, on August 15, 2025, for their first summit in years.',
  'The talks lasted about three hours and ended without an agreement on a ceasefire in Ukraine, according to officials from both delegations.',
  'Both leaders spoke to reporters afterwards but took no questions, and the Russian side proposed that a next meeting could be held in Moscow.',
  'European governments said they would wait for a briefing from Washington before commenting on the outcome of the meeting.',
].join('\n\n');
const JEDDAH_TALKS = [
  'American and Ukrainian officials met in Jeddah, Saudi Arabia, on March 11, 2025, for talks that lasted most of the day.',
  'Kyiv said after the meeting that it was ready to accept a proposal for a thirty-day ceasefire if Moscow agreed to it as well.',
  'Washington announced that it would resume sharing intelligence with Ukraine and restart the deliveries of security assistance.',
  'The Saudi foreign minister hosted the delegations, and both sides thanked the kingdom for its role in arranging the meeting.',
  'Officials said the next step would be to present the proposal to Russian negotiators in the following days.',
].join('\n\n');
const article = (text: string) =>
  `<html><body><article>${text
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>https://example.org/</link><description>x</description>
<item><title>&lol9;</title><link>https://laughs.example.org/a</link><description>&lol9;</description></item>
</channel></rss>`;

interface Hostile {
  name: string;
  path: string;
  /** What the poll must report for this feed. */
  expect: { outcome: 'failed'; error: RegExp } | { outcome: 'ok'; check?: (stored: StoredArticle[]) => string | null };
}

let server: FixtureServer;
let endless: Server;
let endlessUrl: string;
let summary: PollSummary;
let health: FeedHealth[];
const stored: StoredArticle[] = [];
const logs: Array<{ level: number; msg: string; feed?: string; err?: string; item?: string }> = [];

const hostile: Hostile[] = [
  { name: 'invalid XML', path: '/invalid.xml', expect: { outcome: 'failed', error: /malformed feed/i } },
  {
    name: 'billion laughs',
    path: '/laughs.xml',
    // Refused, or parsed without expanding the entities: never megabytes of "lol".
    expect: {
      outcome: 'ok',
      check: (s) => (s.some((a) => a.text.length > 100_000 || (a.title ?? '').length > 100_000) ? 'entities were expanded' : null),
    },
  },
  { name: 'gzip bomb', path: '/bomb.xml', expect: { outcome: 'failed', error: /larger than/i } },
  { name: 'endless body', path: 'ENDLESS', expect: { outcome: 'failed', error: /larger than|timeout/i } },
  { name: 'slow drip', path: '/drip.xml', expect: { outcome: 'failed', error: /timeout/i } },
  { name: 'redirect loop', path: '/loop.xml', expect: { outcome: 'failed', error: /redirect/i } },
  { name: 'HTML instead of XML', path: '/html.xml', expect: { outcome: 'failed', error: /not a feed|malformed|no rss|feed/i } },
  { name: 'HTTP 500', path: '/500.xml', expect: { outcome: 'failed', error: /HTTP 500/ } },
  {
    name: 'wrong charset (windows-1251 bytes declared as UTF-8)',
    path: '/charset.xml',
    expect: { outcome: 'ok', check: (s) => (s.some((a) => a.url?.includes('/charset-item')) ? null : 'the item was lost') },
  },
  {
    name: 'duplicate GUIDs with changed content',
    path: '/dupes.xml',
    expect: {
      outcome: 'ok',
      check: (s) => (s.filter((a) => a.url?.includes('/dupe-item')).length === 1 ? null : 'the item was stored twice, or not at all'),
    },
  },
  {
    name: 'dates in the future and missing',
    path: '/dates.xml',
    expect: {
      outcome: 'ok',
      check: (s) => {
        const items = s.filter((a) => a.url?.includes('/dated-'));
        if (items.length !== 2) return `${items.length} of 2 items stored`;
        const future = items.find((a) => a.publishedAt !== null && a.publishedAt > '2025-05-21');
        return future ? `stored with a publication date in the future: ${future.publishedAt}` : null;
      },
    },
  },
];

beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/good.xml', {
    headers: RSS,
    body: rssFeed([
      {
        title: 'Istanbul talks',
        link: server.url('/good-item'),
        description: 'x',
        content: article(ISTANBUL_TALKS + '\n\n' + GENEVA_TALKS),
      },
    ]),
  });
  server.route('/invalid.xml', {
    headers: RSS,
    body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>unclosed</item></channel>',
  });
  server.route('/laughs.xml', { headers: RSS, body: BILLION_LAUGHS });
  // 2 MB of zeros in 2 KB on the wire; the cap is 256 KB after decompression.
  server.route('/bomb.xml', {
    headers: { ...RSS, 'content-encoding': 'gzip' },
    body: gzipSync(
      Buffer.concat([Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>'), Buffer.alloc(2 * 1024 * 1024, 0x41)]),
    ),
  });
  server.route('/drip.xml', { headers: RSS, drip: { chunks: Array.from({ length: 20 }, () => ' '), intervalMs: 400 } });
  server.route('/loop.xml', { redirect: '/loop.xml' });
  server.route('/html.xml', {
    headers: { 'content-type': 'text/html' },
    body: '<!doctype html><html><body><h1>Welcome</h1><p>Our feed moved.</p></body></html>',
  });
  server.route('/500.xml', { status: 500, body: 'oops' });
  const cyrillic = Buffer.from([0xcf, 0xe5, 0xf0, 0xe5, 0xe3, 0xee, 0xe2, 0xee, 0xf0, 0xfb]); // "Переговоры" in windows-1251
  server.route('/charset.xml', {
    headers: RSS,
    body: Buffer.concat([
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title><link>https://example.org/</link><description>x</description><item><title>',
      ),
      cyrillic,
      Buffer.from(
        `</title><link>${server.url('/charset-item')}</link><description><![CDATA[${article(GENEVA_TALKS_OTHER_OUTLET)}]]></description></item></channel></rss>`,
      ),
    ]),
  });
  server.route('/dupes.xml', {
    headers: RSS,
    body: rssFeed([
      { title: 'First version', link: server.url('/dupe-item'), guid: 'same-guid', description: 'x', content: article(GENEVA_TALKS) },
      {
        title: 'Changed version',
        link: server.url('/dupe-item'),
        guid: 'same-guid',
        description: 'x',
        content: article(GENEVA_TALKS.replace('Sunday', 'Monday') + '\n\nA paragraph added later.'),
      },
    ]),
  });
  server.route('/dates.xml', {
    headers: RSS,
    body: rssFeed([
      {
        title: 'From the future',
        link: server.url('/dated-future'),
        pubDate: 'Thu, 01 Jan 2099 00:00:00 GMT',
        description: 'x',
        content: article(ALASKA_SUMMIT),
      },
      { title: 'Undated', link: server.url('/dated-none'), description: 'x', content: article(JEDDAH_TALKS) },
    ]),
  });
  // An endless body: writes until the client hangs up.
  endless = createServer((_req, res) => {
    res.writeHead(200, RSS);
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
    pump();
  });
  await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
  endlessUrl = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/endless.xml`;

  const feeds = [
    { name: 'Good feed', url: server.url('/good.xml') },
    ...hostile.map((h) => ({ name: h.name, url: h.path === 'ENDLESS' ? endlessUrl : server.url(h.path) })),
  ];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const app: App = {
    store: await openStore(':memory:'),
    config: new SwappableConfig(testConfig({ feeds, fetch: { timeoutMs: TIMEOUT_MS, maxBytes: CAP } })),
    logger,
    now: () => NOW,
  };
  const afterStore = async (a: StoredArticle) => void stored.push(a);
  tally.tried(feeds.length);
  const result = await tally.runAsync('poll of every hostile feed', () => pollAllFeeds(app, { afterStore }));
  if (!result) throw new Error(`the poll itself failed: ${tally.problems.join('\n')}`);
  summary = result;
  // A second poll: the same hostile answers again must not double anything or lose the good article.
  const again = await tally.runAsync('second poll', () => pollAllFeeds(app, { afterStore }));
  if (!again) throw new Error(`the second poll failed: ${tally.problems.join('\n')}`);
  health = await app.store.feeds.health();
  if (!stored.some((a) => a.url?.includes('/good-item'))) tally.lost('the good feed’s article');
}, 60_000);

afterAll(async () => {
  await server.close();
  endless.closeAllConnections();
  await new Promise<void>((resolve) => endless.close(() => resolve()));
});

describe('hostile feeds polled beside a good one', () => {
  it('keeps the good feed working', () => {
    expect(summary.feeds.find((f) => f.name === 'Good feed')).toMatchObject({ outcome: 'ok' });
    expect(stored.filter((a) => a.url?.includes('/good-item'))).toHaveLength(1);
    expect(health.find((h) => h.name === 'Good feed')).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  for (const h of hostile) {
    it(`${h.name}: ${h.expect.outcome === 'failed' ? 'refused with its reason, in the feed’s health and the log' : 'handled'}`, () => {
      const result = summary.feeds.find((f) => f.name === h.name);
      expect(result, `${h.name} is missing from the poll summary`).toBeDefined();
      const feedHealth = health.find((f) => f.name === h.name)!;
      if (h.expect.outcome === 'failed') {
        expect(result).toMatchObject({ outcome: 'failed' });
        expect(result!.error).toMatch(h.expect.error);
        expect(feedHealth.lastError).toMatch(h.expect.error);
        expect(feedHealth.consecutiveFailures).toBe(2);
        expect(
          logs.some(
            (l) => l.msg === 'feed poll failed' && l.feed === h.name && h.expect.outcome === 'failed' && h.expect.error.test(l.err ?? ''),
          ),
        ).toBe(true);
      } else {
        if (result!.outcome === 'failed') {
          // Refusing is also a safe answer, as long as the reason is recorded.
          expect(feedHealth.lastError).toBeTruthy();
        } else {
          expect(feedHealth.lastError).toBeNull();
          const problem = h.expect.check?.(stored) ?? null;
          if (problem) tally.problem(`${h.name}: ${problem}`);
          expect(problem).toBeNull();
        }
      }
    });
  }

  it('counts nothing lost and nothing crashed', () => {
    expect(tally.counts.crashes).toBe(0);
    expect(tally.counts.dataLost).toBe(0);
  });
});
