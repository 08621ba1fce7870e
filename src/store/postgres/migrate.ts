// Migrations of the PostgreSQL store: the files in ./migrations, numbered like SQLite's. Several
// processes starting together take one advisory lock first, so each migration runs exactly once
// and nobody reads a half-migrated schema.
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { loadMigrations as loadMigrationFiles, type Migration } from '../sqlite/migrate.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** An arbitrary constant naming "Parley migrates this database" among advisory locks. */
export const MIGRATION_LOCK_KEY = 0x7061726c; // 'parl'

export function loadMigrations(): Promise<Migration[]> {
  return loadMigrationFiles(migrationsDir);
}

/** Applies the migrations the database has not seen yet, each in its own transaction, under the migration lock. */
export async function migrate(pool: pg.Pool, migrations: Migration[]): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      const done: number[] = [];
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(m.version);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
