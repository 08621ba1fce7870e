import type { Migration } from '../../sqlite/migrate.ts';

// Articles stored from a feed item's summary alone, retried for their page later (as SQLite's 061).
export const migration: Migration = {
  version: 61,
  name: 'summary_only',
  sql: `
    ALTER TABLE articles ADD COLUMN summary_only smallint NOT NULL DEFAULT 0;
    CREATE INDEX articles_summary_only ON articles (url) WHERE summary_only = 1;
  `,
};
