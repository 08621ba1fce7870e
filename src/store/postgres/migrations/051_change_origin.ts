import type { Migration } from '../../sqlite/migrate.ts';

// Whether a change came from an article's first extraction (news) or a re-extraction (as SQLite's 051).
export const migration: Migration = {
  version: 51,
  name: 'change_origin',
  sql: `ALTER TABLE event_changes ADD COLUMN first_extraction smallint NOT NULL DEFAULT 1;`,
};
