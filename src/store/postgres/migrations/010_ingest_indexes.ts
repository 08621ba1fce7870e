import type { Migration } from '../../sqlite/migrate.ts';

// Feed health counts each feed's articles (as SQLite's 010).
export const migration: Migration = {
  version: 10,
  name: 'ingest_indexes',
  sql: `CREATE INDEX IF NOT EXISTS articles_feed ON articles(feed_id);`,
};
