import type { Migration } from '../../sqlite/migrate.ts';

// Out-of-date alert messages found from the few alert_events rows behind their change (as SQLite's 052).
export const migration: Migration = {
  version: 52,
  name: 'alert_refresh_index',
  sql: `CREATE INDEX alert_events_stale ON alert_events(post_id) WHERE change_seq > rendered_seq AND post_id IS NOT NULL;`,
};
