// Two `parley start` processes on one PostgreSQL store, as a deployment of several runs them:
// exactly one leads (runs the feed poller, the digest scheduler and the alert dispatcher), each
// feed is fetched once, and when the leader is killed the other takes over within 15 s.
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUnavailable, type TestDatabase } from './support/postgres.ts';
import { spawnParley, waitForLog } from './support/runParley.ts';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`multi-process tests skipped: ${unavailable} (CI sets PARLEY_TEST_PG_URL)`);

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Talks</title><link>http://127.0.0.1/</link><description>x</description>
<item><title>Envoys met in Geneva</title><link>http://127.0.0.1/a</link><pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate>
<description>Envoys of Ukraine and the United States held talks in Geneva on Sunday.</description></item></channel></rss>`;

let root: string;
let server: Server;
let feedRequests = 0;
let database: TestDatabase | null = null;
const children: Array<ReturnType<typeof spawnParley>> = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'parley-multi-'));
  server = createServer((_req, res) => {
    feedRequests += 1;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'parley.yaml'),
    [
      'feeds:',
      '  - name: Talks',
      `    url: http://127.0.0.1:${port}/rss.xml`,
      '    pollMinutes: 60',
      'polling:',
      '  enabled: true',
      "  cron: '*/2 * * * * *'",
      'digests:',
      '  enabled: true',
    ].join('\n'),
  );
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await database?.drop();
  database = null;
});
afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

function start(url: string) {
  const child = spawnParley(['start'], {
    env: { PARLEY_CONFIG: join(root, 'config'), PARLEY_DB: url, PARLEY_SAMPLES: '0', PARLEY_LOG_JSON: '1' },
  });
  child.stdout.resume();
  children.push(child);
  return child;
}

function logsOf(child: ReturnType<typeof spawnParley>): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  let buffer = '';
  child.stderr.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      try {
        lines.push(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
      } catch {
        // not a log line
      }
      buffer = buffer.slice(newline + 1);
    }
  });
  return lines;
}

const started = (logs: Array<Record<string, unknown>>, service: string) =>
  logs.filter((l) => l.msg === 'service started' && l.service === service).length;

describe.skipIf(unavailable !== null)('two parley processes on one PostgreSQL', { timeout: 240_000 }, () => {
  it('elect one leader that alone polls; the other takes over within 15 s of a SIGKILL', async () => {
    database = await createTestDatabase();
    const a = start(database.url);
    const logsA = logsOf(a);
    await waitForLog(a, 'parley ready', 90_000);
    const b = start(database.url);
    const logsB = logsOf(b);
    await waitForLog(b, 'parley ready', 90_000);
    // The pollers wake every 2 s: wait for the first poll, then long enough for a second process
    // to have polled too, were it (wrongly) leading.
    for (let waited = 0; feedRequests === 0 && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 5000));

    for (const service of ['feed poller', 'digest scheduler', 'alert dispatcher']) {
      expect(started(logsA, service)).toBe(1);
      expect(started(logsB, service)).toBe(0);
    }
    expect(feedRequests, JSON.stringify(logsA.map((l) => l.msg))).toBe(1);

    const takeover = waitForLog(b, /^leadership taken/, 20_000);
    const killedAt = Date.now();
    a.kill('SIGKILL');
    await takeover;
    for (let waited = 0; started(logsB, 'feed poller') === 0 && waited < 15_000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    expect(started(logsB, 'feed poller')).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
  });
});
