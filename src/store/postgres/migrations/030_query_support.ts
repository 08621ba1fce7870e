import type { Migration } from '../../sqlite/migrate.ts';

// SQLite's 030 added change counters that its 032 replaced by a change log; this backend starts
// with the log (032) and keeps of 030 only the index for counting a feed's articles.
export const migration: Migration = {
  version: 30,
  name: 'query_support',
  sql: `CREATE INDEX IF NOT EXISTS articles_feed ON articles(feed_id);`,
};
