// A fresh, migrated store in its own temp folder, for tests that need a real SQLite file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

export interface TempStore {
  store: Store;
  /** The SQLite file. */
  path: string;
  /** The temp folder that holds it (and anything else the test puts there). */
  dir: string;
  /** Closes the store and deletes the folder. Safe to call twice. */
  cleanup: () => Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-store-'));
  const path = join(dir, 'parley.db');
  let store: Store;
  try {
    store = await openStore(path);
  } catch (error) {
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
      await rm(dir, { recursive: true, force: true });
    },
  };
}
