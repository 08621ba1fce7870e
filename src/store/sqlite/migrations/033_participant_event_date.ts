import type { Migration } from '../migrate.ts';

// "Latest talks of a person" (/who, /latest-talks person:) read every event of the person and
// sorted them: 1,700 events for the busiest person of a 100,000-event store, so the cost grew with
// the store, not with the page. event_participants now carries its event's date (kept by
// triggers, whoever writes the rows), so the person's talks come from one index in date order
// and the read stops at the LIMIT, as migration 031 did for sides.
export const migration: Migration = {
  version: 33,
  name: 'participant_event_date',
  sql: `
    ALTER TABLE event_participants ADD COLUMN event_date TEXT;
    UPDATE event_participants SET event_date = (SELECT date FROM events WHERE events.id = event_participants.event_id);
    CREATE INDEX event_participants_person_date ON event_participants(person_id, event_date DESC, event_id DESC);
    CREATE TRIGGER event_participants_dated AFTER INSERT ON event_participants
      BEGIN UPDATE event_participants SET event_date = (SELECT date FROM events WHERE id = NEW.event_id)
        WHERE event_id = NEW.event_id AND person_id = NEW.person_id; END;
    CREATE TRIGGER events_redated_participants AFTER UPDATE OF date ON events WHEN OLD.date IS NOT NEW.date
      BEGIN UPDATE event_participants SET event_date = NEW.date WHERE event_id = NEW.id; END;
  `,
};
