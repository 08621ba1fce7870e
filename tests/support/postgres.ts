// PostgreSQL for tests: PARLEY_TEST_PG_URL names a server where the tests may create databases
// (CI: postgres://postgres@127.0.0.1:5432/test). Each test gets a database of its own, dropped
// afterwards. Without the variable, or with the server unreachable, PostgreSQL tests are skipped
// and `postgresUnavailable` says why.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_TEST_URL_VARIABLE = 'PARLEY_TEST_PG_URL';

/** Why PostgreSQL tests cannot run here, or null when the server answers. */
export async function postgresUnavailable(env: Record<string, string | undefined> = process.env): Promise<string | null> {
  const url = env[PG_TEST_URL_VARIABLE]?.trim();
  if (!url) return `${PG_TEST_URL_VARIABLE} is not set`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${PG_TEST_URL_VARIABLE} is unreachable: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  /** The URL of the new, empty database. */
  url: string;
  /** Drops the database (closing any connection still open to it). Safe to call twice. */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env[PG_TEST_URL_VARIABLE]?.trim();
  if (!url) throw new Error(`${PG_TEST_URL_VARIABLE} is not set`);
  return url;
}

/** A fresh database on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `parley_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
