import type { Migration } from '../migrate.ts';

// What the read side needs beyond the initial schema:
// - a change counter for people and their aliases, bumped by triggers, so the in-memory name
//   index behind /who autocomplete is rebuilt only when names really changed;
// - an index for counting a feed's articles in /sources.
export const migration: Migration = {
  version: 30,
  name: 'query_support',
  sql: `
    CREATE TABLE query_cache_versions (
      name TEXT PRIMARY KEY,
      version INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO query_cache_versions (name, version) VALUES ('people', 0);

    CREATE TRIGGER people_names_inserted AFTER INSERT ON people
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER people_names_updated AFTER UPDATE OF name, country, role ON people
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER people_names_deleted AFTER DELETE ON people
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER person_aliases_inserted AFTER INSERT ON person_aliases
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER person_aliases_updated AFTER UPDATE ON person_aliases
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER person_aliases_deleted AFTER DELETE ON person_aliases
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;

    CREATE INDEX IF NOT EXISTS articles_feed ON articles(feed_id);
  `,
};
