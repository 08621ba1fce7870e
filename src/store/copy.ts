// Copying a whole store from one backend to the other (SQLite <-> PostgreSQL), for
// `parley migrate-store`. Rows keep their ids and, where order is only a row's position
// (aliases, participants), their order; the target must be empty. Search documents are rebuilt
// in the target afterwards, the way each backend's merge writes them, and sequences are moved
// past the copied ids. Whether the copy is faithful is checked by the caller by comparing the
// two stores' exports.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { isPostgresUrl } from './location.ts';

type Row = Record<string, unknown>;

interface TableSpec {
  name: string;
  columns: string[];
  /** Row order in each backend: by id, or by the position SQLite's rowid (PostgreSQL's pos) records. */
  order: { sqlite: string; postgres: string };
  /** The identity column whose sequence must pass the copied ids (PostgreSQL), if any. */
  identity: string | null;
  /** A one-row table every migrated store already has (written over, not counted as content). */
  singleton?: boolean;
}

const byId = { sqlite: 'id', postgres: 'id' };
const byPosition = { sqlite: 'rowid', postgres: 'pos' };

/** In foreign-key order: a row's references are copied before it. */
export const STORE_TABLES: TableSpec[] = [
  {
    name: 'feeds',
    identity: 'id',
    order: byId,
    columns: [
      'id',
      'url',
      'name',
      'enabled',
      'poll_interval_minutes',
      'etag',
      'last_modified',
      'last_polled_at',
      'last_success_at',
      'last_error',
      'last_error_at',
      'consecutive_failures',
      'next_poll_at',
      'created_at',
    ],
  },
  {
    name: 'articles',
    identity: 'id',
    order: byId,
    columns: [
      'id',
      'url',
      'file',
      'title',
      'text',
      'published_at',
      'published_inferred',
      'feed_id',
      'fetched_at',
      'content_hash',
      'simhash',
      'extracted_version',
      'first_extracted_at',
      'summary_only',
    ],
  },
  { name: 'article_sightings', identity: 'id', order: byId, columns: ['id', 'article_id', 'url', 'file', 'reason', 'seen_at'] },
  {
    name: 'people',
    identity: 'id',
    order: byId,
    columns: ['id', 'name', 'country', 'role', 'roles_json', 'first_seen_at', 'last_seen_at'],
  },
  { name: 'person_aliases', identity: null, order: byPosition, columns: ['person_id', 'alias', 'alias_norm', 'surname_key'] },
  {
    name: 'person_mentions',
    identity: 'id',
    order: byId,
    columns: ['id', 'person_id', 'article_id', 'name', 'aliases_json', 'country', 'role'],
  },
  {
    name: 'events',
    identity: 'id',
    order: byId,
    columns: [
      'id',
      'kind',
      'status',
      'date',
      'date_to',
      'approx',
      'city',
      'country',
      'sides_json',
      'summary',
      'first_seen_at',
      'updated_at',
    ],
  },
  { name: 'event_sides', identity: null, order: { sqlite: 'event_id, side', postgres: 'event_id, side' }, columns: ['event_id', 'side'] },
  { name: 'event_participants', identity: null, order: byPosition, columns: ['event_id', 'person_id'] },
  {
    name: 'event_sources',
    identity: null,
    order: { sqlite: 'event_id, article_id, evidence', postgres: 'event_id, article_id, evidence' },
    columns: ['event_id', 'article_id', 'evidence', 'reported_status', 'report_json'],
  },
  { name: 'quotes', identity: 'id', order: byId, columns: ['id', 'person_id', 'speaker', 'text', 'date', 'article_id'] },
  {
    name: 'subscriptions',
    identity: 'id',
    order: byId,
    columns: [
      'id',
      'guild_id',
      'channel_id',
      'cron',
      'time_zone',
      'filters_json',
      'notify_empty',
      'origin',
      'created_by',
      'created_at',
      'enabled',
      'disabled_reason',
      'consecutive_failures',
      'since',
      'schedule_label',
      'config_key',
      'last_error',
      'last_error_at',
      'picture',
    ],
  },
  {
    name: 'digest_runs',
    identity: 'id',
    order: byId,
    columns: ['id', 'subscription_id', 'slot', 'status', 'nonce', 'message_id', 'until', 'recorded_at', 'sent_at', 'error'],
  },
  {
    name: 'event_status_changes',
    identity: 'id',
    order: byId,
    columns: ['id', 'event_id', 'from_status', 'to_status', 'changed_at', 'provisional'],
  },
  {
    name: 'event_changes',
    identity: 'id',
    order: byId,
    columns: ['id', 'event_id', 'created', 'from_status', 'to_status', 'added_people_json', 'article_id', 'at', 'first_extraction'],
  },
  {
    name: 'event_redirects',
    identity: null,
    order: { sqlite: 'event_id', postgres: 'event_id' },
    columns: ['event_id', 'into_id', 'retired_at'],
  },
  { name: 'alert_cursor', identity: null, singleton: true, order: byId, columns: ['id', 'change_id'] },
  {
    name: 'alert_subscriptions',
    identity: 'id',
    order: byId,
    columns: [
      'id',
      'guild_id',
      'channel_id',
      'filters_json',
      'kinds_json',
      'origin',
      'config_key',
      'created_by',
      'created_at',
      'after_change_id',
      'enabled',
      'disabled_reason',
      'consecutive_failures',
      'last_error',
      'last_error_at',
    ],
  },
  {
    name: 'alert_posts',
    identity: 'id',
    order: byId,
    columns: [
      'id',
      'channel_id',
      'guild_id',
      'purpose',
      'status',
      'nonce',
      'message_id',
      'links_to',
      'recorded_at',
      'sent_at',
      'edited_at',
      'error',
    ],
  },
  {
    name: 'alert_post_events',
    identity: null,
    order: { sqlite: 'post_id, event_id', postgres: 'post_id, event_id' },
    columns: ['post_id', 'event_id', 'base_json'],
  },
  {
    name: 'alert_events',
    identity: null,
    order: { sqlite: 'channel_id, event_id', postgres: 'channel_id, event_id' },
    columns: [
      'channel_id',
      'event_id',
      'guild_id',
      'post_id',
      'first_message_id',
      'kinds_json',
      'from_status',
      'change_seq',
      'rendered_seq',
      'shown_json',
      'queued_at',
    ],
  },
  { name: 'leader_epochs', identity: 'epoch', order: { sqlite: 'epoch', postgres: 'epoch' }, columns: ['epoch', 'holder', 'started_at'] },
];

const PAGE_ROWS = 500;

/** Raw rows of a store, table by table. */
export interface RawStore {
  readonly location: string;
  count(table: TableSpec): Promise<number>;
  read(table: TableSpec): AsyncIterable<Row[]>;
  write(table: TableSpec, rows: Row[]): Promise<void>;
  /** After every table is written: search documents rebuilt, sequences moved past the ids. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

export async function openRawStore(location: string): Promise<RawStore> {
  return isPostgresUrl(location) ? openRawPostgres(location) : openRawSqlite(location);
}

async function openRawSqlite(path: string): Promise<RawStore> {
  const { openDatabase } = await import('./sqlite/index.ts');
  const { loadMigrations, migrate } = await import('./sqlite/migrate.ts');
  const { SqliteMergeBackend } = await import('./sqlite/mergeTransaction.ts');
  const db: Database = openDatabase(path);
  migrate(db, await loadMigrations());
  return {
    location: path,
    async count(table) {
      return (db.prepare(`SELECT count(*) AS n FROM ${table.name}`).get() as { n: number }).n;
    },
    async *read(table) {
      let page: Row[] = [];
      for (const r of db
        .prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.order.sqlite}`)
        .iterate() as Iterable<Row>) {
        page.push(r);
        if (page.length >= PAGE_ROWS) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    async write(table, rows) {
      const insert = db.prepare(
        `INSERT ${table.singleton ? 'OR REPLACE ' : ''}INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map((c) => `@${c}`).join(', ')})`,
      );
      db.transaction(() => {
        for (const r of rows) insert.run(r);
      })();
    },
    async finish() {
      db.transaction(() => {
        db.exec(`INSERT INTO articles_fts (rowid, title, text) SELECT id, coalesce(title, ''), text FROM articles;
                 INSERT INTO quotes_fts (rowid, speaker, text) SELECT id, coalesce(speaker, ''), text FROM quotes;`);
      })();
      const ids = (db.prepare('SELECT id FROM events ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
      await new SqliteMergeBackend(db).mergeTransaction(async (tx) => {
        for (const id of ids) await tx.refreshEventSearch(id);
      });
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

async function openRawPostgres(url: string): Promise<RawStore> {
  const { createPool } = await import('./postgres/index.ts');
  const { loadMigrations, migrate } = await import('./postgres/migrate.ts');
  const { refreshEventSearchDocument } = await import('./postgres/mergeTransaction.ts');
  const { inTransaction, rows } = await import('./postgres/sql.ts');
  const pool: pg.Pool = createPool(url, { maxConnections: 2 });
  try {
    await migrate(pool, await loadMigrations());
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    location: url,
    async count(table) {
      return (await rows<{ n: number }>(pool, `SELECT count(*) AS n FROM ${table.name}`))[0]!.n;
    },
    async *read(table) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(
          `DECLARE copy_rows NO SCROLL CURSOR FOR SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.order.postgres}`,
        );
        for (;;) {
          const page = (await client.query(`FETCH ${PAGE_ROWS} FROM copy_rows`)).rows as Row[];
          if (page.length === 0) break;
          yield page;
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
    async write(table, batch) {
      if (batch.length === 0) return;
      const params: unknown[] = [];
      const tuples = batch.map((r) => `(${table.columns.map((c) => `$${params.push(r[c] ?? null)}`).join(', ')})`);
      // Rows are written in the order read, so positions (pos) follow the source's order.
      const conflict = table.singleton
        ? ` ON CONFLICT (id) DO UPDATE SET ${table.columns.map((c) => `${c} = excluded.${c}`).join(', ')}`
        : '';
      // OVERRIDING SYSTEM VALUE: the copied ids go in as they are, also into ALWAYS identities.
      await pool.query(
        `INSERT INTO ${table.name} (${table.columns.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}${conflict}`,
        params,
      );
    },
    async finish() {
      await inTransaction(pool, async (client) => {
        for (const t of STORE_TABLES) {
          if (t.identity) {
            await client.query(
              `SELECT setval(pg_get_serial_sequence('${t.name}', '${t.identity}'), coalesce((SELECT max(${t.identity}) FROM ${t.name}), 0) + 1, false)`,
            );
          }
        }
        const ids = (await client.query<{ id: number }>('SELECT id FROM events ORDER BY id')).rows.map((r) => r.id);
        for (const id of ids) await refreshEventSearchDocument(client, id);
      });
    },
    async close() {
      await pool.end();
    },
  };
}

export interface CopyProgress {
  done: number;
  total: number;
  table: string;
}

/** The tables of `store` that hold rows (none: the store is empty). */
export async function tablesInUse(store: RawStore): Promise<string[]> {
  const used: string[] = [];
  for (const t of STORE_TABLES) if (!t.singleton && (await store.count(t)) > 0) used.push(t.name);
  return used;
}

/** Copies every row of `from` into the empty `to`; returns the rows copied per table. */
export async function copyStore(
  from: RawStore,
  to: RawStore,
  onProgress: (p: CopyProgress) => void = () => {},
): Promise<Map<string, number>> {
  const used = await tablesInUse(to);
  if (used.length > 0) throw new Error(`the target store is not empty (${used.join(', ')})`);
  const totals = new Map<string, number>();
  for (const t of STORE_TABLES) totals.set(t.name, await from.count(t));
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  let done = 0;
  onProgress({ done, total, table: STORE_TABLES[0]!.name });
  for (const t of STORE_TABLES) {
    for await (const page of from.read(t)) {
      await to.write(t, page);
      done += page.length;
      onProgress({ done, total, table: t.name });
    }
  }
  await to.finish();
  return totals;
}
