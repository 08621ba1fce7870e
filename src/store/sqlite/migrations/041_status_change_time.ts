import type { Migration } from '../migrate.ts';

// The merge stage rewrites an event's fields (status among them) in one statement and bumps
// updated_at in a later one, inside the same transaction. A status change seen before the bump
// is marked provisional, and the bump gives it the event's updated_at, so the change lands in
// the same digest window as the event's update, under whatever clock the writer uses.
export const migration: Migration = {
  version: 41,
  name: 'status_change_time',
  sql: `
    ALTER TABLE event_status_changes ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;

    DROP TRIGGER events_record_status_change;
    CREATE TRIGGER events_record_status_change AFTER UPDATE OF status ON events
    WHEN OLD.status <> NEW.status
    BEGIN
      INSERT INTO event_status_changes (event_id, from_status, to_status, changed_at, provisional)
      VALUES (
        NEW.id, OLD.status, NEW.status,
        CASE WHEN NEW.updated_at > OLD.updated_at THEN NEW.updated_at ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,
        CASE WHEN NEW.updated_at > OLD.updated_at THEN 0 ELSE 1 END
      );
    END;

    CREATE TRIGGER events_settle_status_change_time AFTER UPDATE OF updated_at ON events
    WHEN NEW.updated_at > OLD.updated_at
    BEGIN
      UPDATE event_status_changes SET changed_at = NEW.updated_at, provisional = 0
      WHERE event_id = NEW.id AND provisional = 1;
    END;
  `,
};
