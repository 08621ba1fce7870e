// An SQLite database with every migration applied, for the ingest repositories. Opened directly
// (not through openStore) so these tests only need the ingest area's repositories.
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { loadMigrations, migrate } from '../../src/store/sqlite/migrate.ts';

export async function openMigratedDatabase(path = ':memory:'): Promise<Database> {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, await loadMigrations());
  return db;
}
