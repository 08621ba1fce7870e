import type { Migration } from '../migrate.ts';

// What the merge stage keeps so that every event and person can be recomputed from its sources:
// - each event source carries the whole report that article gave (kind, status, dates, place,
//   sides, participant ids, summary), so removing or re-extracting one article changes exactly
//   what it contributed;
// - each article's description of a person (name, aliases, country, role) is kept per article
//   for the same reason.
export const migration: Migration = {
  version: 20,
  name: 'timeline_reports',
  sql: `
    ALTER TABLE event_sources ADD COLUMN report_json TEXT NOT NULL DEFAULT '{}';

    CREATE TABLE person_mentions (
      id INTEGER PRIMARY KEY,
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      aliases_json TEXT NOT NULL DEFAULT '[]',
      country TEXT,
      role TEXT
    );
    CREATE INDEX person_mentions_person ON person_mentions(person_id);
    CREATE INDEX person_mentions_article ON person_mentions(article_id);
  `,
};
