import type { Migration } from '../../sqlite/migrate.ts';

// The coarse surname key the merge finds its candidate people by (as SQLite's 021).
export const migration: Migration = {
  version: 21,
  name: 'person_surname_keys',
  sql: `
    ALTER TABLE person_aliases ADD COLUMN surname_key text COLLATE "C";
    CREATE INDEX person_aliases_surname_key ON person_aliases(surname_key);
  `,
};
