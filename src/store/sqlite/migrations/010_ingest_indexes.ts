import type { Migration } from '../migrate.ts';

// Feed health counts each feed's articles; without this index that is a scan of every article per feed.
export const migration: Migration = {
  version: 10,
  name: 'ingest_indexes',
  sql: `CREATE INDEX IF NOT EXISTS articles_feed ON articles(feed_id);`,
};
