// `parley ingest/export/reextract/ask/feeds/poll` end to end, with PARLEY_CONFIG and PARLEY_DB
// pointing at temp folders. The main paths run the real command in a child process, the way an
// operator does; the variations run the same main() in-process to keep the suite quick.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from './support/httpFixtureServer.ts';
import { runParley, runParleyInProcess } from './support/runParley.ts';

let root: string;
let articles: string;
let configDir: string;
let server: FixtureServer;

// Our own sentences about real talks.
const ISTANBUL = ` date 2025-05-16
Russia and Ukraine hold first direct talks in three years

ISTANBUL - Ukrainian and Russian delegations met in Istanbul on Friday for their first direct peace talks since the spring of 2022.

Ukraine's delegation was led by Defense Minister Rustem Umerov, while Russia sent a team headed by presidential aide Vladimir Medinsky.

The two sides agreed to exchange 1,000 prisoners of war each, Umerov told reporters after the meeting.
`;

const ALASKA = ` date 2025-08-16
Trump and Putin end Alaska summit without a deal

US President Donald Trump and Russian President Vladimir Putin met in Anchorage, Alaska, on Friday for nearly three hours.

"There's no deal until there's a deal," Trump told reporters after the summit at Joint Base Elmendorf-Richardson.
`;

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local test feed</title><link>http://127.0.0.1/</link><description>test</description>
<item><title>Envoys meet in Geneva</title><link>LINK</link><guid>geneva-1</guid><pubDate>Sun, 23 Nov 2025 18:00:00 GMT</pubDate>
<description><![CDATA[<p>GENEVA - Ukrainian and American delegations met in Geneva on Sunday to discuss a US peace plan, officials from both countries said.</p><p>Secretary of State Marco Rubio called the meeting the most productive so far, and the head of the Ukrainian delegation, Andriy Yermak, said work on the plan would continue.</p><p>The talks lasted most of the day at the US mission in the Swiss city, according to a statement released in the evening.</p>]]></description></item>
</channel></rss>`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'parley-cli-pipeline-'));
  articles = join(root, 'articles');
  mkdirSync(articles);
  writeFileSync(join(articles, 'istanbul.txt'), ISTANBUL);
  writeFileSync(join(articles, 'alaska.txt'), ALASKA);

  server = await startFixtureServer();
  server.route('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, body: FEED.replace('LINK', 'http://127.0.0.1/geneva') });
  configDir = join(root, 'config');
  mkdirSync(configDir);
  writeFileSync(
    join(configDir, 'parley.yaml'),
    [
      'timeZone: UTC',
      'fetch:',
      '  timeoutMs: 20000',
      '  fetchFullText: false',
      'feeds:',
      '  - name: Local feed',
      `    url: ${server.url('/feed.xml')}`,
      '  - name: Missing feed',
      `    url: ${server.url('/missing.xml')}`,
    ].join('\n'),
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

function envFor(db: string) {
  return { PARLEY_CONFIG: configDir, PARLEY_DB: join(root, db) };
}

describe('parley ingest', { timeout: 180_000 }, () => {
  it('stores a folder of articles, and a second run says they are duplicates', async () => {
    const first = await runParley(['ingest', articles], { env: envFor('a.db') });
    expect(first.stderr).not.toMatch(/^\s+at /m);
    expect(first.stdout).toContain('ingested 2, duplicates 0, failed 0');
    expect(first.code).toBe(0);

    const second = await runParley(['ingest', articles], { env: envFor('a.db') });
    expect(second.stdout).toContain('ingested 0, duplicates 2, failed 0');
    expect(second.stdout).toContain('all 2 articles are duplicates');
    expect(second.code).toBe(0);
  });

  it('goes on past a bad input, names it with its reason and exits 1', async () => {
    const run = await runParleyInProcess(['ingest', join(root, 'does-not-exist.txt'), join(articles, 'alaska.txt')], {
      env: envFor('b.db'),
    });
    expect(run.stdout).toContain('ingested 1, duplicates 0, failed 1');
    expect(run.stdout).toMatch(new RegExp(`failed: ${join(root, 'does-not-exist.txt').replace(/[.]/g, '\\.')}: \\S`));
    expect(run.code).toBe(1);
  });

  it('keeps stores apart: PARLEY_DB decides where articles go', async () => {
    const stored = await runParleyInProcess(['ingest', '--json', join(articles, 'istanbul.txt')], { env: envFor('c.db') });
    expect(JSON.parse(stored.stdout)).toEqual({ ingested: 1, duplicates: 0, failed: [] });
    const other = await runParleyInProcess(['export', '--json'], { env: envFor('d.db') });
    expect(other.code).toBe(0);
    expect(JSON.parse(other.stdout)).toEqual({ events: [], people: [], quotes: [] });
  });
});

describe('parley export, reextract and ask', { timeout: 180_000 }, () => {
  it('exports the timeline the ingest built, in the scorecard format', async () => {
    const run = await runParley(['export', '--json'], { env: envFor('a.db') });
    expect(run.code).toBe(0);
    const exported = JSON.parse(run.stdout) as {
      events: Array<Record<string, unknown>>;
      people: Array<{ name: string }>;
      quotes: unknown[];
    };
    expect(Array.isArray(exported.events)).toBe(true);
    expect(Array.isArray(exported.quotes)).toBe(true);
    expect(exported.events.length).toBeGreaterThan(0);
    for (const event of exported.events) {
      expect(event).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          kind: expect.any(String),
          status: expect.any(String),
          sources: expect.any(Array),
        }),
      );
    }
    expect(exported.people.map((p) => p.name)).toEqual(expect.arrayContaining(['Vladimir Putin']));
  });

  it('writes the export to a file with -o', async () => {
    const file = join(root, 'out.json');
    const run = await runParleyInProcess(['export', '--json', '-o', file], { env: envFor('a.db') });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/exported \d+ events, \d+ people, \d+ quotes to /);
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('events');
  });

  it('re-extracts every stored article and rebuilds the same timeline', async () => {
    const before = JSON.parse((await runParleyInProcess(['export', '--json'], { env: envFor('a.db') })).stdout) as {
      events: unknown[];
      people: unknown[];
    };
    const run = await runParley(['reextract'], { env: envFor('a.db') });
    expect(run.stdout).toContain('re-extracted 2, failed 0');
    expect(run.code).toBe(0);
    const after = JSON.parse((await runParleyInProcess(['export', '--json'], { env: envFor('a.db') })).stdout) as {
      events: unknown[];
      people: unknown[];
    };
    expect(after.events.length).toBe(before.events.length);
    expect(after.people.length).toBe(before.people.length);
  });

  it('answers a slash command as text', async () => {
    const run = await runParleyInProcess(['ask', '/help'], { env: envFor('a.db') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('/latest-talks');
    expect(run.stdout).toContain('/who');
  });

  it('answers /latest-talks from the ingested articles', async () => {
    const run = await runParley(['ask', '/latest-talks count:5'], { env: envFor('a.db') });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Anchorage|Istanbul/);
  });

  it('runs a server-only command with --guild and --channel, and hints at them without', async () => {
    const without = await runParleyInProcess(['ask', '/digest list'], { env: envFor('a.db') });
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('hint: /digest runs in a server channel; pass --guild ID --channel ID');
    const within = await runParleyInProcess(['ask', '--guild', '123456789012345678', '--channel', '123456789012345679', '/digest list'], {
      env: envFor('a.db'),
    });
    expect(within.code).toBe(0);
    expect(within.stderr).toBe('');
    expect(within.stdout).not.toBe(without.stdout);
  });

  it('shows a command-line mistake as the reply, like the bot would, and exits 2', async () => {
    const run = await runParleyInProcess(['ask', '/nonsense'], { env: envFor('a.db') });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Unknown command "/nonsense"');
    const outOfRange = await runParleyInProcess(['ask', '/latest-talks count:99'], { env: envFor('a.db') });
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stdout).toContain('"count" must be at most');
  });

  it('exits 1 when the reply is an error', async () => {
    const run = await runParleyInProcess(['ask', '/event id:9999'], { env: envFor('a.db') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('There is no talk #9999');
  });
});

describe('one clear line for a mistake', { timeout: 180_000 }, () => {
  it('refuses an -o into a missing folder before doing any work', async () => {
    const file = join(root, 'no-such-folder', 'timeline.json');
    const run = await runParleyInProcess(['export', '-o', file], { env: envFor('a.db') });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`parley: cannot write ${file}: the folder ${join(root, 'no-such-folder')} does not exist\n`);
  });

  it('refuses a PARLEY_DB in a folder that does not exist instead of creating an empty store there', async () => {
    const db = join(root, 'dta', 'parley.db');
    const run = await runParleyInProcess(['export'], { env: { PARLEY_CONFIG: configDir, PARLEY_DB: db } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `parley: PARLEY_DB=${db}: the folder ${join(root, 'dta')} does not exist; create it first (mkdir -p ${join(root, 'dta')}) or correct the path\n`,
    );
    expect(existsSync(join(root, 'dta'))).toBe(false);
  });

  it('says when it creates the folder of store.path', async () => {
    const work = mkdtempSync(join(root, 'work-'));
    const run = await runParleyInProcess(['export'], { env: { PARLEY_CONFIG: configDir }, cwd: work });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `parley: creating the folder ${join(work, 'data')} for a new store at ${join(work, 'data', 'parley.db')} (store.path in parley.yaml)\n`,
    );
    expect(existsSync(join(work, 'data', 'parley.db'))).toBe(true);
  });

  it('names an ftp:// input as a URL it does not fetch, not as a missing file', async () => {
    const run = await runParleyInProcess(['ingest', 'ftp://example.org/a.html'], { env: envFor('a.db') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed: ftp://example.org/a.html: ftp:// is not fetched; Parley fetches only http:// and https:// URLs');
  });

  it('gives one line for an unknown PARLEY_LOG_LEVEL, not a stack trace', async () => {
    const run = await runParley(['feeds'], { env: { ...envFor('a.db'), PARLEY_LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'parley: PARLEY_LOG_LEVEL is "loud", which is not a log level; use one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('parley feeds and poll', { timeout: 180_000 }, () => {
  it('lists the configured feeds before any poll', async () => {
    const run = await runParleyInProcess(['feeds'], { env: envFor('feeds.db') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Local feed');
    expect(run.stdout).toContain('Missing feed');
    expect(run.stdout).toContain('not polled yet');
  });

  it('polls every feed once: the good one is stored, the broken one is a warning in its health and exit 1', async () => {
    const run = await runParley(['poll'], { env: envFor('feeds.db') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('polled 2 feeds, 1 failing');
    expect(run.stdout).toMatch(/feed failed: Missing feed <[^>]+>: .*404/);
    expect(run.stdout).toContain('articles: ingested 1, duplicates 0, failed 0');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const health = JSON.parse((await runParleyInProcess(['feeds', '--json'], { env: envFor('feeds.db') })).stdout) as Array<{
      name: string;
      lastSuccessAt: string | null;
      lastError: string | null;
      consecutiveFailures: number;
      articleCount: number;
    }>;
    const local = health.find((f) => f.name === 'Local feed');
    const missing = health.find((f) => f.name === 'Missing feed');
    expect(local?.lastSuccessAt).not.toBeNull();
    expect(local?.consecutiveFailures).toBe(0);
    expect(local?.articleCount).toBe(1);
    expect(missing?.consecutiveFailures).toBe(1);
    expect(missing?.lastError).toContain('404');
  });
});
