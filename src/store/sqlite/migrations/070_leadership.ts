import type { Migration } from '../migrate.ts';

// Leader epochs, as PostgreSQL's 070 (the same version on both backends). On SQLite one process
// holds the store and leads; the table is kept so a store copied to PostgreSQL and back keeps them.
export const migration: Migration = {
  version: 70,
  name: 'leadership',
  sql: `
    CREATE TABLE leader_epochs (
      epoch INTEGER PRIMARY KEY AUTOINCREMENT,
      holder TEXT NOT NULL,
      started_at TEXT NOT NULL
    );
  `,
};
