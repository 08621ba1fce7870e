import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../store.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { SqliteArticleRepo } from './articles.ts';
import { SqliteFeedRepo } from './feeds.ts';
import { SqliteTimelineRepo } from './timeline.ts';
import { SqliteQueryRepo } from './queries.ts';
import { SqliteDigestRepo } from './digests.ts';
import { SqliteAlertRepo } from './alerts.ts';

export type SqliteDatabase = BetterSqlite3.Database;

export function openDatabase(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export async function openSqliteStore(path: string): Promise<Store> {
  const db = openDatabase(path);
  migrate(db, await loadMigrations());
  return {
    articles: new SqliteArticleRepo(db),
    feeds: new SqliteFeedRepo(db),
    timeline: new SqliteTimelineRepo(db),
    queries: new SqliteQueryRepo(db),
    digests: new SqliteDigestRepo(db),
    alerts: new SqliteAlertRepo(db),
    async integrityCheck() {
      return (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
