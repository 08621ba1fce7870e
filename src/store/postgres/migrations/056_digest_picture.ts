import type { Migration } from '../../sqlite/migrate.ts';

// Whether a digest carries the timeline picture (as SQLite's 056).
export const migration: Migration = {
  version: 56,
  name: 'digest_picture',
  sql: `ALTER TABLE subscriptions ADD COLUMN picture smallint NOT NULL DEFAULT 0;`,
};
