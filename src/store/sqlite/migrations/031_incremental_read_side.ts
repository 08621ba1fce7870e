import type { Migration } from '../migrate.ts';

// Keeps the read side cheap while ingest writes:
// - The name index is extended in place when people or aliases are only added ('people_added'),
//   and rebuilt only when a name is changed or removed ('people'). Other updates (last seen,
//   roles, country) no longer touch either counter.
// - event_sides carries its event's date (kept by triggers, whoever writes the rows), so
//   "latest talks with side X" walks one index in date order and stops at the LIMIT, for rare
//   sides as well as common ones.
export const migration: Migration = {
  version: 31,
  name: 'incremental_read_side',
  sql: `
    DROP TRIGGER IF EXISTS people_names_inserted;
    DROP TRIGGER IF EXISTS people_names_updated;
    DROP TRIGGER IF EXISTS people_names_deleted;
    DROP TRIGGER IF EXISTS person_aliases_inserted;
    DROP TRIGGER IF EXISTS person_aliases_updated;
    DROP TRIGGER IF EXISTS person_aliases_deleted;

    INSERT OR IGNORE INTO query_cache_versions (name, version) VALUES ('people_added', 0);

    CREATE TRIGGER people_added AFTER INSERT ON people
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people_added'; END;
    CREATE TRIGGER person_aliases_added AFTER INSERT ON person_aliases
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people_added'; END;
    CREATE TRIGGER people_renamed AFTER UPDATE OF name ON people WHEN OLD.name IS NOT NEW.name
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER people_removed AFTER DELETE ON people
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER person_aliases_changed AFTER UPDATE ON person_aliases
      WHEN OLD.alias IS NOT NEW.alias OR OLD.person_id IS NOT NEW.person_id
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;
    CREATE TRIGGER person_aliases_removed AFTER DELETE ON person_aliases
      BEGIN UPDATE query_cache_versions SET version = version + 1 WHERE name = 'people'; END;

    ALTER TABLE event_sides ADD COLUMN event_date TEXT;
    UPDATE event_sides SET event_date = (SELECT date FROM events WHERE events.id = event_sides.event_id);
    CREATE INDEX event_sides_side_date ON event_sides(side, event_date DESC, event_id DESC);
    CREATE TRIGGER event_sides_dated AFTER INSERT ON event_sides
      BEGIN UPDATE event_sides SET event_date = (SELECT date FROM events WHERE id = NEW.event_id)
        WHERE event_id = NEW.event_id AND side = NEW.side; END;
    CREATE TRIGGER events_redated AFTER UPDATE OF date ON events WHEN OLD.date IS NOT NEW.date
      BEGIN UPDATE event_sides SET event_date = NEW.date WHERE event_id = NEW.id; END;
  `,
};
