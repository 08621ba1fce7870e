import type { Store } from './store.ts';
import { openSqliteStore } from './sqlite/index.ts';
import { isPostgresUrl } from './location.ts';

/**
 * Opens the store at `location`, creating and migrating it: a postgres:// URL is a PostgreSQL
 * database, anything else an SQLite file (':memory:' for tests).
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres/index.ts');
    return openPostgresStore(location.trim());
  }
  return openSqliteStore(location);
}
