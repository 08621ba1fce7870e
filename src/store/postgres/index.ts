// The PostgreSQL store, chosen by a postgres:// URL in PARLEY_DB or store.url: a pool for the
// repositories, one dedicated connection that LISTENs for name changes, migrations under an
// advisory lock (so N processes starting together migrate once).
import pg from 'pg';
import type { Store } from '../store.ts';
import { logger } from '../../log.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { PostgresArticleRepo } from './articles.ts';
import { PostgresFeedRepo } from './feeds.ts';
import { PostgresTimelineRepo } from './timeline.ts';
import { PostgresQueryRepo } from './queries.ts';
import { PostgresDigestRepo } from './digests.ts';
import { PostgresAlertRepo } from './alerts.ts';
import { PostgresMergeBackend } from './mergeTransaction.ts';
import { SharedNameIndex } from './nameIndex.ts';
import { LEADER_CHECK_MS, PostgresLeadership } from './leadership.ts';
import { parleyTypes } from './sql.ts';
import { redactLocation as redactUrl } from '../location.ts';

export interface PostgresStore extends Store {
  readonly pool: pg.Pool;
  readonly url: string;
}

export interface PostgresStoreOptions {
  /** Most connections the pool opens (default 10). */
  maxConnections?: number;
}

export function createPool(url: string, options: PostgresStoreOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types: parleyTypes, application_name: 'parley' });
  // An idle client losing its connection (a server restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL connection lost'));
  return pool;
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = createPool(url, options);
  try {
    await migrate(pool, await loadMigrations());
  } catch (error) {
    await pool.end();
    throw error;
  }
  const names = new SharedNameIndex(pool);
  const listener = await listenForNameChanges(url, () => names.invalidate());
  const merges = new PostgresMergeBackend(pool);
  return {
    pool,
    url,
    articles: new PostgresArticleRepo(pool),
    feeds: new PostgresFeedRepo(pool),
    timeline: new PostgresTimelineRepo(pool, merges, () => names.invalidate()),
    queries: new PostgresQueryRepo(pool, names),
    digests: new PostgresDigestRepo(pool),
    alerts: new PostgresAlertRepo(pool),
    async integrityCheck() {
      // No page checksums to walk as SQLite's integrity_check does: the server answers, and every migration is applied.
      const applied = await pool.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
      const expected = (await loadMigrations()).length;
      return applied.rows[0]!.n === expected ? 'ok' : `schema has ${applied.rows[0]!.n} of ${expected} migrations`;
    },
    async openLeadership() {
      const checkMs = Number(process.env.PARLEY_LEADER_CHECK_MS) || LEADER_CHECK_MS;
      const leadership = new PostgresLeadership(url, checkMs);
      await leadership.start();
      return leadership;
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

/** A dedicated connection that LISTENs on 'parley_people'; null (with a warning) when it cannot be had. */
async function listenForNameChanges(url: string, onChange: () => void): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: url, types: parleyTypes, application_name: 'parley-listen' });
  client.on('error', (error) =>
    logger.warn({ err: error, url: redactUrl(url) }, 'PostgreSQL notification connection lost; names are re-read every second'),
  );
  client.on('notification', () => onChange());
  try {
    await client.connect();
    await client.query('LISTEN parley_people');
    return client;
  } catch (error) {
    logger.warn({ err: error }, 'cannot LISTEN for name changes; names are re-read every second');
    await client.end().catch(() => undefined);
    return null;
  }
}
