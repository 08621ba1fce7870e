import type { Migration } from '../../sqlite/migrate.ts';

// Retired event ids, never given again, resolving to the event they joined (as SQLite's 060).
export const migration: Migration = {
  version: 60,
  name: 'event_redirects',
  sql: `
    CREATE TABLE event_redirects (
      event_id bigint PRIMARY KEY,
      into_id bigint,
      retired_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX event_redirects_into ON event_redirects (into_id);
  `,
};
