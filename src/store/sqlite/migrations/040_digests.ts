import type { Migration } from '../migrate.ts';

// Digest delivery needs, beyond the initial subscriptions and digest_runs tables:
// - what the user asked for, as they said it ("daily 08:00"), to show in /digest list;
// - a key for subscriptions declared in config/, so a reload updates them in place;
// - the last delivery error, visible to admins next to a disabled subscription;
// - a record of every status change of an event ("planned" -> "held"), kept by a trigger so the
//   merge stage does not have to know digests exist, and stamped with the event's updated_at so
//   a digest window [since, until] catches it exactly once;
// - indexes to find events by when they were first seen, and quotes by when their article
//   arrived (a quote is new when its article is, so a re-extraction does not resurface it).
export const migration: Migration = {
  version: 40,
  name: 'digests',
  sql: `
    ALTER TABLE subscriptions ADD COLUMN schedule_label TEXT NOT NULL DEFAULT '';
    ALTER TABLE subscriptions ADD COLUMN config_key TEXT;
    ALTER TABLE subscriptions ADD COLUMN last_error TEXT;
    ALTER TABLE subscriptions ADD COLUMN last_error_at TEXT;
    CREATE UNIQUE INDEX subscriptions_config_key ON subscriptions(config_key) WHERE config_key IS NOT NULL;

    CREATE INDEX digest_runs_pending ON digest_runs(status) WHERE status = 'recorded';

    CREATE TABLE event_status_changes (
      id INTEGER PRIMARY KEY,
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      changed_at TEXT NOT NULL
    );
    CREATE INDEX event_status_changes_at ON event_status_changes(changed_at);
    CREATE INDEX event_status_changes_event ON event_status_changes(event_id, changed_at);

    -- A writer that bumps updated_at in a later statement than the status would stamp the change
    -- with the old time and hide it from the window; the current time is the honest fallback.
    CREATE TRIGGER events_record_status_change AFTER UPDATE OF status ON events
    WHEN OLD.status <> NEW.status
    BEGIN
      INSERT INTO event_status_changes (event_id, from_status, to_status, changed_at)
      VALUES (
        NEW.id, OLD.status, NEW.status,
        CASE WHEN NEW.updated_at > OLD.updated_at THEN NEW.updated_at ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END
      );
    END;

    CREATE INDEX IF NOT EXISTS articles_fetched ON articles(fetched_at);
    CREATE INDEX IF NOT EXISTS events_first_seen ON events(first_seen_at);
  `,
};
