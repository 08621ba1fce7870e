// GET /healthz and GET /metrics, over HTTP on loopback: the server on its own with a real store,
// and `parley start` in console mode with PARLEY_HTTP_PORT.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { runCommandLine } from '../src/interaction/commandLine.ts';
import { checkHealth } from '../src/ops/health.ts';
import { startOpsServer, type OpsServer } from '../src/ops/httpServer.ts';
import { Metrics } from '../src/ops/metrics.ts';
import { logger } from '../src/log.ts';
import { commandContext } from './support/commandContext.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { collect, spawnParley, waitForLog } from './support/runParley.ts';

let temp: TempStore | null = null;
let server: OpsServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await temp?.cleanup();
  temp = null;
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function get(port: number, path: string, init: RequestInit = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, init);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

async function serve(discordReady: (() => boolean) | null) {
  temp = await openTempStore();
  const store = temp.store;
  await store.feeds.sync([
    { url: 'https://one.example.org/rss', name: 'One', enabled: true, pollMinutes: 15 },
    { url: 'https://two.example.org/rss', name: 'Two', enabled: true, pollMinutes: 15 },
  ]);
  const [one] = await store.feeds.listEnabled();
  await store.feeds.recordFailure(one!.id, '2025-12-03T12:00:00.000Z', 'HTTP 500', '2025-12-03T12:30:00.000Z');
  let rateLimited = 0;
  const metrics = new Metrics({
    feedHealth: () => store.queries.feedHealth(),
    counts: () => store.queries.counts(),
    rateLimitWaits: () => rateLimited,
  });
  server = await startOpsServer({ host: '127.0.0.1', port: 0, metrics, logger, health: () => checkHealth({ store, discordReady }) });
  return { store, metrics, port: server.port, rateLimit: () => (rateLimited += 1) };
}

describe('GET /healthz', () => {
  it('is 200 with what it checked when the store answers (console mode: no gateway)', async () => {
    const { port } = await serve(null);
    const res = await get(port, '/healthz');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', checks: { store: 'ok', discord: 'not used (console mode)' } });
  });

  it('is 503 with the reason while the Discord gateway is not ready, 200 once it is', async () => {
    let ready = false;
    const { port } = await serve(() => ready);
    const down = await get(port, '/healthz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({
      status: 'unavailable',
      checks: { store: 'ok', discord: 'not ready' },
      reasons: ['the Discord gateway is not ready'],
    });
    ready = true;
    expect((await get(port, '/healthz')).status).toBe(200);
  });

  it('is 503 when the store does not answer', async () => {
    const { store, port } = await serve(() => true);
    await store.close();
    const res = await get(port, '/healthz');
    expect(res.status).toBe(503);
    const body = JSON.parse(res.body) as { checks: { store: string }; reasons: string[] };
    expect(body.checks.store).toBe('failing');
    expect(body.reasons[0]).toMatch(/^the store does not answer: /);
  });

  it('answers only GET and HEAD on its two paths', async () => {
    const { port } = await serve(null);
    expect((await get(port, '/nothing')).status).toBe(404);
    expect((await get(port, '/healthz', { method: 'POST' })).status).toBe(405);
    const head = await get(port, '/healthz', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('GET /metrics', () => {
  it('counts commands by name and outcome with a latency histogram, feeds by health, events, ingests, digests and rate-limit waits', async () => {
    const { store, metrics, port, rateLimit } = await serve(null);
    const commands = await loadCommands();
    const ctx = { ...commandContext(store), metrics };
    await runCommandLine('/help', commands, ctx);
    await runCommandLine('/help', commands, ctx);
    await runCommandLine('/event id:999', commands, ctx);
    metrics.articlesIngested(3);
    metrics.digestDelivered('sent');
    metrics.digestDelivered('failed');
    rateLimit();
    const res = await get(port, '/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = res.body.split('\n');
    expect(lines).toContain('parley_commands_total{command="help",outcome="answered"} 2');
    expect(lines).toContain('parley_commands_total{command="event",outcome="refused"} 1');
    expect(lines).toContain('parley_command_duration_seconds_count{command="help"} 2');
    expect(lines).toContain('parley_command_duration_seconds_bucket{le="+Inf",command="help"} 2');
    expect(lines).toContain('parley_feeds{health="failing"} 1');
    expect(lines).toContain('parley_feeds{health="not_polled"} 1');
    expect(lines).toContain('parley_feeds{health="ok"} 0');
    expect(lines).toContain('parley_events 0');
    expect(lines).toContain('parley_articles_ingested_total 3');
    expect(lines).toContain('parley_digest_deliveries_total{outcome="sent"} 1');
    expect(lines).toContain('parley_digest_deliveries_total{outcome="failed"} 1');
    expect(lines).toContain('parley_rate_limit_waits 1');
  });
});

describe('parley start serves them', { timeout: 180_000 }, () => {
  let root: string | null = null;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = null;
  });

  function configWith(lines: string[]): string {
    root = mkdtempSync(join(tmpdir(), 'parley-ops-'));
    const dir = join(root, 'config');
    mkdirSync(dir);
    writeFileSync(join(dir, 'parley.yaml'), ['polling:', '  enabled: false', 'digests:', '  enabled: false', ...lines].join('\n'));
    return dir;
  }

  it('on PARLEY_HTTP_PORT, bound to 127.0.0.1, counting the commands typed at the console', async () => {
    const port = await freePort();
    const config = configWith([]);
    const child = spawnParley(['start'], {
      env: { PARLEY_CONFIG: config, PARLEY_DB: join(root!, 'p.db'), PARLEY_SAMPLES: '0', PARLEY_HTTP_PORT: String(port) },
    });
    const finished = collect(child, { timeoutMs: 150_000 });
    try {
      const serving = await waitForLog(child, 'serving GET /healthz and /metrics', 90_000);
      expect(serving).toMatchObject({ host: '127.0.0.1', port });
      await waitForLog(child, 'parley ready', 90_000);
      expect(JSON.parse((await get(port, '/healthz')).body)).toMatchObject({ status: 'ok' });
      child.stdin.write('/help\n');
      let metrics = '';
      for (let i = 0; i < 100 && !metrics.includes('parley_commands_total{command="help",outcome="answered"} 1'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        metrics = (await get(port, '/metrics')).body;
      }
      expect(metrics).toContain('parley_commands_total{command="help",outcome="answered"} 1');
    } finally {
      child.stdin.end('exit\n');
      await finished;
    }
  });

  it('not at all when http.port is 0', async () => {
    const config = configWith(['http:', '  port: 0']);
    const child = spawnParley(['start'], {
      env: { PARLEY_CONFIG: config, PARLEY_DB: join(root!, 'p.db'), PARLEY_SAMPLES: '0', PARLEY_HTTP_PORT: undefined },
    });
    const run = collect(child, { input: 'exit\n', timeoutMs: 150_000 });
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('parley ready');
    expect(result.stderr).not.toContain('/healthz');
  });
});
