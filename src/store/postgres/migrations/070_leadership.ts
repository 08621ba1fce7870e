import type { Migration } from '../../sqlite/migrate.ts';

// Leader epochs: each process that takes the leadership (src/store/postgres/leadership.ts) adds
// one, stamped by the database clock, so work recorded by a leader can be told from a later one's.
export const migration: Migration = {
  version: 70,
  name: 'leadership',
  sql: `
    CREATE TABLE leader_epochs (
      epoch bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      holder text NOT NULL,
      started_at text COLLATE "C" NOT NULL
    );
  `,
};
