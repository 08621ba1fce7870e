// What the PostgreSQL backend promises beyond the shared store contract (which the 'postgres'
// project of vitest.config.ts runs against it): the same timeline as SQLite from the same
// articles, migrations once when processes start together, search without diacritics, and names
// fresh across processes whatever order their transactions commit in.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUnavailable, type TestDatabase } from './support/postgres.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { loadConfig } from '../src/config/load.ts';
import { extractAndMerge } from '../src/merge/process.ts';
import { logger } from '../src/log.ts';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/index.ts';
import type { Store } from '../src/store/store.ts';
import type { ArticleExtraction, StoredArticle } from '../src/domain/types.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const config = loadConfig(join(repoRoot, 'config'));
const seedsDir = resolve(repoRoot, '..', 'shared', 'seeds');
const realDir = resolve(repoRoot, '..', 'shared', 'eval', 'real', 'articles');

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`PostgreSQL tests skipped: ${unavailable} (CI sets PARLEY_TEST_PG_URL)`);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempStore(backend: 'sqlite' | 'postgres'): Promise<TempStore> {
  const temp = await openTempStore(backend);
  cleanups.push(temp.cleanup);
  return temp;
}

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db;
}

async function open(url: string): Promise<PostgresStore> {
  const store = await openPostgresStore(url);
  cleanups.push(() => store.close());
  return store;
}

async function ingestFolder(store: Store, folder: string): Promise<void> {
  await ingest([folder], {
    store,
    config,
    logger,
    afterStore: async (article) => {
      await extractAndMerge(store, article, config);
    },
  });
}

async function article(store: Store, file: string, text: string): Promise<StoredArticle> {
  const result = await store.articles.add({
    url: null,
    file,
    title: null,
    text,
    publishedAt: '2025-05-16',
    publishedInferred: false,
    feedId: null,
    fetchedAt: '2025-05-16T10:00:00.000Z',
  });
  if (result.status !== 'stored') throw new Error(`fixture ${file} not stored`);
  return result.article;
}

function onePerson(name: string, surname: string): ArticleExtraction {
  return { people: [{ key: 'p', name, aliases: [surname], country: 'TR', role: 'minister' }], events: [], quotes: [] };
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, withinMs: number): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    const ms = Date.now() - started;
    if (ok(value) || ms > withinMs) return { value, ms };
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(unavailable !== null)('PostgreSQL store', () => {
  it.skipIf(!existsSync(seedsDir))(
    'gives the seeds the same export as SQLite',
    async () => {
      const [sqlite, postgres] = await Promise.all([tempStore('sqlite'), tempStore('postgres')]);
      await ingestFolder(sqlite.store, seedsDir);
      await ingestFolder(postgres.store, seedsDir);
      const expected = await sqlite.store.timeline.exportAll();
      expect(expected.events.length).toBeGreaterThan(3);
      expect(await postgres.store.timeline.exportAll()).toEqual(expected);
    },
    120_000,
  );

  it.skipIf(!existsSync(realDir))(
    'gives the real corpus the same export as SQLite',
    async () => {
      const [sqlite, postgres] = await Promise.all([tempStore('sqlite'), tempStore('postgres')]);
      await ingestFolder(sqlite.store, realDir);
      await ingestFolder(postgres.store, realDir);
      const expected = await sqlite.store.timeline.exportAll();
      expect(expected.events.length).toBeGreaterThan(20);
      expect(JSON.stringify(await postgres.store.timeline.exportAll())).toBe(JSON.stringify(expected));
    },
    300_000,
  );

  it('migrates once when several processes open a fresh database together', async () => {
    const db = await database();
    const stores = await Promise.all([open(db.url), open(db.url), open(db.url)]);
    const versions = await stores[0]!.pool.query<{ version: number; n: number }>(
      'SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version',
    );
    expect(versions.rows.map((r) => r.version)).toEqual([1, 10, 20, 21, 30, 31, 32, 33, 40, 41, 42, 50, 51, 52, 56, 60, 61, 70]);
    expect(versions.rows.every((r) => r.n === 1)).toBe(true);
    for (const s of stores) expect(await s.integrityCheck()).toBe('ok');
  });

  it('finds events and quotes whatever their accents', async () => {
    const { store } = await tempStore('postgres');
    const a = await article(store, 'a.txt', 'Hakan Fidan hosted the delegations at Dolmabahçe Palace in İstanbul.');
    await store.timeline.applyExtraction(
      a,
      {
        people: [{ key: 'f', name: 'Hakan Fidan', aliases: ['Fidan'], country: 'TR', role: 'foreign minister' }],
        events: [
          {
            kind: 'talks',
            status: 'held',
            date: '2025-05-16',
            dateTo: null,
            approx: false,
            location: { city: 'Istanbul', country: 'TR' },
            sides: ['RU', 'UA'],
            participantKeys: ['f'],
            evidence: 'Delegations met at Dolmabahçe Palace.',
            summary: 'Russia and Ukraine met at Dolmabahçe',
          },
        ],
        quotes: [{ speakerKey: 'f', text: 'Les négociations avancent', date: '2025-05-16' }],
      },
      1,
      [],
    );
    const kinds = async (q: string) => (await store.queries.search(q, 5)).map((h) => h.kind).sort();
    expect(await kinds('dolmabahce')).toEqual(['event']);
    expect(await kinds('DOLMABAHÇE')).toEqual(['event']);
    expect(await kinds('negociations')).toEqual(['quote']);
    expect(await kinds('negoc')).toEqual(['quote']);
    expect(await kinds('nowhere')).toEqual([]);
  });

  it('shows a person stored by one process to another within 2 s', async () => {
    const db = await database();
    const [a, b] = [await open(db.url), await open(db.url)];
    await b.queries.warmUp?.();
    expect(await b.queries.findPerson('Fidan')).toBeNull();
    await a.timeline.applyExtraction(await article(a, 'a.txt', 'Fidan spoke.'), onePerson('Hakan Fidan', 'Fidan'), 1, []);
    const seen = await eventually(
      () => b.queries.suggestPeople('fid', 5),
      (s) => s.length === 1,
      2000,
    );
    expect(seen.value[0]?.label).toMatch(/^Hakan Fidan/);
    expect(seen.ms).toBeLessThan(2000);
  });

  it('does not miss a name whose transaction commits after a later one', async () => {
    const db = await database();
    const reader = await open(db.url);
    const writer = await open(db.url);
    await reader.queries.warmUp?.();
    // The first transaction draws the lower log entry but commits last. (Merges never do this,
    // they hold the merge lock; a reader must not depend on it.) An explicit id keeps its row
    // clear of the ids the merge gives.
    const slow = new pg.Client({ connectionString: db.url });
    await slow.connect();
    cleanups.push(() => slow.end());
    await slow.query('BEGIN');
    await slow.query(`INSERT INTO people (id, name, first_seen_at, last_seen_at) VALUES (1000, 'Ruslan Stefanchuk', 'x', 'x')`);
    await writer.timeline.applyExtraction(await article(writer, 'b.txt', 'Fidan spoke.'), onePerson('Hakan Fidan', 'Fidan'), 1, []);
    expect(
      (
        await eventually(
          () => reader.queries.findPerson('Fidan'),
          (p) => p !== null,
          2000,
        )
      ).value?.name,
    ).toBe('Hakan Fidan');
    await slow.query('COMMIT');
    expect(
      (
        await eventually(
          () => reader.queries.findPerson('Stefanchuk'),
          (p) => p !== null,
          2000,
        )
      ).value?.name,
    ).toBe('Ruslan Stefanchuk');
  });
});

describe.skipIf(unavailable === null)('PostgreSQL store (no server)', () => {
  it.skip(`skipped: ${unavailable ?? ''}`, () => undefined);
});
