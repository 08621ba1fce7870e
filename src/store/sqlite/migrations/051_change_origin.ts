import type { Migration } from '../migrate.ts';

// A change made while re-extracting an article (parley reextract, a rules upgrade) is no news:
// the talk was there before, at most told differently. The change log says whether the merge was
// the article's first extraction, so the alert dispatcher alerts only on news.
export const migration: Migration = {
  version: 51,
  name: 'change_origin',
  sql: `
    ALTER TABLE event_changes ADD COLUMN first_extraction INTEGER NOT NULL DEFAULT 1;
  `,
};
