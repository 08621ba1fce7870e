import type { Migration } from '../../sqlite/migrate.ts';

// A status change is stamped with the event's updated_at; seen before the merge bumps it, the
// change is provisional until the bump settles it (as SQLite's 040 and 041 together).
export const migration: Migration = {
  version: 41,
  name: 'status_change_time',
  sql: `
    ALTER TABLE event_status_changes ADD COLUMN provisional smallint NOT NULL DEFAULT 0;

    CREATE FUNCTION parley_record_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO event_status_changes (event_id, from_status, to_status, changed_at, provisional)
      VALUES (NEW.id, OLD.status, NEW.status,
        CASE WHEN NEW.updated_at > OLD.updated_at THEN NEW.updated_at ELSE parley_now() END,
        CASE WHEN NEW.updated_at > OLD.updated_at THEN 0 ELSE 1 END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER events_record_status_change AFTER UPDATE OF status ON events
      FOR EACH ROW WHEN (OLD.status <> NEW.status) EXECUTE FUNCTION parley_record_status_change();

    CREATE FUNCTION parley_settle_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE event_status_changes SET changed_at = NEW.updated_at, provisional = 0
      WHERE event_id = NEW.id AND provisional = 1;
      RETURN NULL;
    END $$;
    CREATE TRIGGER events_settle_status_change_time AFTER UPDATE OF updated_at ON events
      FOR EACH ROW WHEN (NEW.updated_at > OLD.updated_at) EXECUTE FUNCTION parley_settle_status_change();
  `,
};
