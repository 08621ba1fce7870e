import type { Migration } from '../../sqlite/migrate.ts';

// event_participants carries its event's date, kept by triggers, so a person's latest talks come
// from one index in date order (as SQLite's 033).
export const migration: Migration = {
  version: 33,
  name: 'participant_event_date',
  sql: `
    ALTER TABLE event_participants ADD COLUMN event_date text COLLATE "C";
    UPDATE event_participants p SET event_date = e.date FROM events e WHERE e.id = p.event_id;
    CREATE INDEX event_participants_person_date ON event_participants(person_id, event_date DESC NULLS LAST, event_id DESC);
    CREATE TRIGGER event_participants_dated BEFORE INSERT ON event_participants
      FOR EACH ROW EXECUTE FUNCTION parley_date_event_row();

    CREATE OR REPLACE FUNCTION parley_event_redated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE event_sides SET event_date = NEW.date WHERE event_id = NEW.id;
      UPDATE event_participants SET event_date = NEW.date WHERE event_id = NEW.id;
      RETURN NULL;
    END $$;
  `,
};
