import type { Migration } from '../migrate.ts';

// Event ids are what people quote (/event id:12). An event that stops existing leaves its id
// here: with the event it joined when its sources moved to another one (resolved by
// queries.event), and in any case never to be given to a new event.
export const migration: Migration = {
  version: 60,
  name: 'event_redirects',
  sql: `
    CREATE TABLE event_redirects (
      event_id INTEGER PRIMARY KEY,
      into_id INTEGER,
      retired_at TEXT NOT NULL
    );
    CREATE INDEX event_redirects_into ON event_redirects (into_id);
  `,
};
