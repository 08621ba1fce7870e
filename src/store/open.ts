import type { Store } from './store.ts';
import { openSqliteStore } from './sqlite/index.ts';

/** Opens the store at `path` (an SQLite file; ':memory:' for tests), creating and migrating it. */
export async function openStore(path: string): Promise<Store> {
  return openSqliteStore(path);
}
