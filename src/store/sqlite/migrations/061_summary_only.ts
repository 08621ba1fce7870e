import type { Migration } from '../migrate.ts';

// A feed item whose linked page could not be fetched is stored from the feed's summary, marked
// so that a later poll fetches the page again and replaces the summary with the article.
export const migration: Migration = {
  version: 61,
  name: 'summary_only',
  sql: `
    ALTER TABLE articles ADD COLUMN summary_only INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_summary_only ON articles (url) WHERE summary_only = 1;
  `,
};
