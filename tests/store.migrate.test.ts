// `parley migrate-store`: a whole store copied from SQLite to PostgreSQL and back, proved by
// equal exports; the copy keeps subscriptions, search and ids (the next article gets the next id),
// and never writes into a store that already holds something.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUnavailable } from './support/postgres.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { runParleyInProcess } from './support/runParley.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { loadConfig } from '../src/config/load.ts';
import { extractAndMerge } from '../src/merge/process.ts';
import { logger } from '../src/log.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const articlesDir = join(repoRoot, 'tests', 'fixtures', 'talks', 'articles');
const config = loadConfig(join(repoRoot, 'config'));

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`migrate-store tests skipped: ${unavailable} (CI sets PARLEY_TEST_PG_URL)`);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function temp(): Promise<TempStore> {
  const t = await openTempStore('sqlite');
  cleanups.push(t.cleanup);
  return t;
}

async function database(): Promise<string> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db.url;
}

async function opened(location: string): Promise<Store> {
  const store = await openStore(location);
  cleanups.push(() => store.close());
  return store;
}

async function filledSqliteStore(): Promise<TempStore> {
  const source = await temp();
  await ingest([articlesDir], {
    store: source.store,
    config,
    logger,
    afterStore: async (a) => {
      await extractAndMerge(source.store, a, config);
    },
  });
  const { subscription } = await source.store.digests.addSubscription({
    guildId: '200000000000000002',
    channelId: '300000000000000003',
    cron: '0 8 * * *',
    scheduleLabel: 'daily 08:00',
    timeZone: 'Europe/Kyiv',
    filters: { side: 'UA' },
    notifyEmpty: false,
    createdBy: '100000000000000001',
    createdAt: '2026-11-19T12:00:00.000Z',
    since: '2026-11-20T06:00:00.000Z',
  });
  const { run } = await source.store.digests.recordRun(
    subscription.id,
    '2026-11-21T06:00:00.000Z',
    'n1',
    '2026-11-21T06:00:00.000Z',
    '2026-11-21T06:00:00.000Z',
  );
  await source.store.digests.markRunSent(run.id, '900000000000000009', '2026-11-21T06:00:01.000Z');
  await source.store.close();
  return source;
}

describe.skipIf(unavailable !== null)('parley migrate-store', { timeout: 180_000 }, () => {
  it('copies an SQLite store into PostgreSQL and back, with equal exports each way', async () => {
    const source = await filledSqliteStore();
    const url = await database();
    const there = await runParleyInProcess(['migrate-store', '--from', source.path, '--to', url]);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    expect(there.stdout).toMatch(
      /copied \d+ rows \(13 articles, \d+ events, \d+ people, \d+ quotes, 1 subscriptions\) from .* to postgres:\/\/.*; exports identical/,
    );

    const back = join(source.dir, 'back.db');
    const again = await runParleyInProcess(['migrate-store', '--from', url, '--to', back]);
    expect(again.code).toBe(0);

    const [a, b, c] = [await opened(source.path), await opened(url), await opened(back)];
    const expected = await a.timeline.exportAll();
    expect(expected.events.length).toBeGreaterThan(5);
    expect(await b.timeline.exportAll()).toEqual(expected);
    expect(await c.timeline.exportAll()).toEqual(expected);
    for (const s of [b, c]) {
      expect(await s.digests.listSubscriptions()).toEqual(await a.digests.listSubscriptions());
      expect((await s.digests.runsFor(1)).map((r) => r.status)).toEqual(['sent']);
      expect((await s.queries.search('Istanbul', 5)).length).toBe((await a.queries.search('Istanbul', 5)).length);
      expect(await s.queries.findPerson('Umerov')).toEqual(await a.queries.findPerson('Umerov'));
    }
    // Sequences were moved past the copied ids: the next article is stored under the next id.
    const added = await b.articles.add({
      url: null,
      file: 'new.txt',
      title: null,
      text: 'A new article after the move.',
      publishedAt: null,
      publishedInferred: false,
      feedId: null,
      fetchedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(added).toMatchObject({ status: 'stored', article: { id: 14 } });
  });

  it('refuses a target that already holds a store, and leaves both as they were', async () => {
    const source = await filledSqliteStore();
    const url = await database();
    const target = await opened(url);
    await target.articles.add({
      url: null,
      file: 'x.txt',
      title: null,
      text: 'Already here.',
      publishedAt: null,
      publishedInferred: false,
      feedId: null,
      fetchedAt: '2026-12-01T00:00:00.000Z',
    });
    const result = await runParleyInProcess(['migrate-store', '--from', source.path, '--to', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the target store is not empty (articles)');
    expect(await target.articles.count()).toBe(1);
    expect(await (await opened(source.path)).articles.count()).toBe(13);
  });

  it('says so when the source does not exist, and needs both locations', async () => {
    const dir = (await temp()).dir;
    const missing = await runParleyInProcess(['migrate-store', '--from', join(dir, 'nothing.db'), '--to', join(dir, 'to.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no store at');
    const usage = await runParleyInProcess(['migrate-store', '--from', join(dir, 'nothing.db')]);
    expect(usage.code).toBe(2);
  });
});
