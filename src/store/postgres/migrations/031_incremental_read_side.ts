import type { Migration } from '../../sqlite/migrate.ts';

// event_sides carries its event's date, kept by triggers whoever writes the rows, so "latest
// talks with side X" walks one index in date order and stops at the LIMIT (as SQLite's 031).
export const migration: Migration = {
  version: 31,
  name: 'incremental_read_side',
  sql: `
    ALTER TABLE event_sides ADD COLUMN event_date text COLLATE "C";
    UPDATE event_sides s SET event_date = e.date FROM events e WHERE e.id = s.event_id;
    CREATE INDEX event_sides_side_date ON event_sides(side, event_date DESC NULLS LAST, event_id DESC);

    CREATE FUNCTION parley_date_event_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.event_date := (SELECT date FROM events WHERE id = NEW.event_id);
      RETURN NEW;
    END $$;
    CREATE TRIGGER event_sides_dated BEFORE INSERT ON event_sides
      FOR EACH ROW EXECUTE FUNCTION parley_date_event_row();

    CREATE FUNCTION parley_event_redated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE event_sides SET event_date = NEW.date WHERE event_id = NEW.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER events_redated AFTER UPDATE OF date ON events
      FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date) EXECUTE FUNCTION parley_event_redated();
  `,
};
