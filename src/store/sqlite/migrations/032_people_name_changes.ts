import type { Migration } from '../migrate.ts';

// A log of whose names changed, so the in-memory name index (autocomplete, /who) is refreshed
// for exactly those people, whoever wrote the change and whether it was an insert, a rename, a
// removed alias or a merged-away person. Replaces the counters of migrations 030 and 031, which
// forced a full rebuild (about a second at 10,000 people) on every rename or merge.
// The log trims itself: every 10,000th entry deletes what is more than 50,000 entries old; a
// reader that falls that far behind sees the gap and rebuilds.
export const migration: Migration = {
  version: 32,
  name: 'people_name_changes',
  sql: `
    DROP TRIGGER IF EXISTS people_added;
    DROP TRIGGER IF EXISTS person_aliases_added;
    DROP TRIGGER IF EXISTS people_renamed;
    DROP TRIGGER IF EXISTS people_removed;
    DROP TRIGGER IF EXISTS person_aliases_changed;
    DROP TRIGGER IF EXISTS person_aliases_removed;
    DROP TABLE IF EXISTS query_cache_versions;

    CREATE TABLE people_name_changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      person_id INTEGER NOT NULL
    );

    CREATE TRIGGER people_name_inserted AFTER INSERT ON people
      BEGIN INSERT INTO people_name_changes (person_id) VALUES (NEW.id); END;
    CREATE TRIGGER people_name_updated AFTER UPDATE OF name ON people WHEN OLD.name IS NOT NEW.name
      BEGIN INSERT INTO people_name_changes (person_id) VALUES (NEW.id); END;
    CREATE TRIGGER people_name_deleted AFTER DELETE ON people
      BEGIN INSERT INTO people_name_changes (person_id) VALUES (OLD.id); END;
    CREATE TRIGGER person_alias_inserted AFTER INSERT ON person_aliases
      BEGIN INSERT INTO people_name_changes (person_id) VALUES (NEW.person_id); END;
    CREATE TRIGGER person_alias_updated AFTER UPDATE ON person_aliases
      WHEN OLD.alias IS NOT NEW.alias OR OLD.person_id IS NOT NEW.person_id
      BEGIN
        INSERT INTO people_name_changes (person_id) VALUES (OLD.person_id);
        INSERT INTO people_name_changes (person_id) VALUES (NEW.person_id);
      END;
    CREATE TRIGGER person_alias_deleted AFTER DELETE ON person_aliases
      BEGIN INSERT INTO people_name_changes (person_id) VALUES (OLD.person_id); END;

    CREATE TRIGGER people_name_changes_trim AFTER INSERT ON people_name_changes WHEN NEW.seq % 10000 = 0
      BEGIN DELETE FROM people_name_changes WHERE seq <= NEW.seq - 50000; END;
  `,
};
