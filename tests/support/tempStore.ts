// A fresh, migrated store for tests: an SQLite file in its own temp folder, or (in the postgres
// project of vitest.config.ts, PARLEY_TEST_STORE=postgres) a PostgreSQL database of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestDatabase } from './postgres.ts';

export type TestBackend = 'sqlite' | 'postgres';

/** The backend the store contract tests run against in this vitest project. */
export function testBackend(): TestBackend {
  return process.env.PARLEY_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TempStore {
  store: Store;
  /** Where the store is: the SQLite file, or the PostgreSQL URL. */
  path: string;
  /** A temp folder for the test (for SQLite, the one that holds the file). */
  dir: string;
  /** Closes the store and deletes the folder (and the database). Safe to call twice. */
  cleanup: () => Promise<void>;
}

export async function openTempStore(backend: TestBackend = testBackend()): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-store-'));
  const database = backend === 'postgres' ? await createTestDatabase() : null;
  const path = database ? database.url : join(dir, 'parley.db');
  let store: Store;
  try {
    store = await openStore(path);
  } catch (error) {
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let cleaned = false;
  return {
    store,
    path,
    dir,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await store.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
