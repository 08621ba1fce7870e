import type { Migration } from '../migrate.ts';

// Instant alerts (src/alerts):
// - event_changes is the outbox: one row per event a merge changed, written by the merge in the
//   same transaction as the change, so an alert can neither miss a change nor see one that was
//   rolled back. The dispatcher reads it past its cursor (alert_cursor).
// - alert_subscriptions: what a channel wants to hear about (filters as digests, plus kinds).
// - alert_events: one row per event a channel is told about. `post_id` is the message that shows
//   it now (NULL while it waits for its first post), `change_seq` the last change routed to it
//   and `rendered_seq` the last one the message shows, so an edit is due when they differ.
// - alert_post_events: which events each message is about.
// - alert_posts: one row per message, recorded with its nonce before it is sent and marked sent
//   with Discord's message id, exactly like digest_runs.
export const migration: Migration = {
  version: 50,
  name: 'alerts',
  sql: `
    CREATE TABLE event_changes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id INTEGER NOT NULL,
      created INTEGER NOT NULL,
      from_status TEXT,
      to_status TEXT NOT NULL,
      added_people_json TEXT NOT NULL DEFAULT '[]',
      article_id INTEGER,
      at TEXT NOT NULL
    );
    CREATE INDEX event_changes_event ON event_changes(event_id);

    CREATE TABLE alert_cursor (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      change_id INTEGER NOT NULL
    );
    -- Alerts start with the changes made after this migration, not with the whole history.
    INSERT INTO alert_cursor (id, change_id) VALUES (1, 0);

    CREATE TABLE alert_subscriptions (
      id INTEGER PRIMARY KEY,
      guild_id TEXT,
      channel_id TEXT NOT NULL,
      filters_json TEXT NOT NULL DEFAULT '{}',
      kinds_json TEXT NOT NULL,
      origin TEXT NOT NULL DEFAULT 'command' CHECK (origin IN ('command', 'config')),
      config_key TEXT,
      created_by TEXT,
      created_at TEXT NOT NULL,
      -- changes up to this one happened before the subscription and are not alerted
      after_change_id INTEGER NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      disabled_reason TEXT,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      last_error_at TEXT
    );
    CREATE INDEX alert_subscriptions_channel ON alert_subscriptions(channel_id);
    CREATE INDEX alert_subscriptions_guild ON alert_subscriptions(guild_id);
    CREATE UNIQUE INDEX alert_subscriptions_config_key ON alert_subscriptions(config_key) WHERE config_key IS NOT NULL;

    CREATE TABLE alert_posts (
      id INTEGER PRIMARY KEY,
      channel_id TEXT NOT NULL,
      guild_id TEXT,
      purpose TEXT NOT NULL CHECK (purpose IN ('alert', 'update')),
      status TEXT NOT NULL CHECK (status IN ('recorded', 'sent', 'failed')),
      nonce TEXT NOT NULL,
      message_id TEXT,
      -- for an 'update' post: the message it links to
      links_to TEXT,
      recorded_at TEXT NOT NULL,
      sent_at TEXT,
      edited_at TEXT,
      error TEXT
    );
    CREATE INDEX alert_posts_channel ON alert_posts(channel_id, recorded_at);
    CREATE INDEX alert_posts_pending ON alert_posts(status) WHERE status = 'recorded';

    CREATE TABLE alert_post_events (
      post_id INTEGER NOT NULL REFERENCES alert_posts(id) ON DELETE CASCADE,
      event_id INTEGER NOT NULL,
      -- for an 'update' post: the facts the older message showed, which the update adds to
      base_json TEXT,
      PRIMARY KEY (post_id, event_id)
    );

    CREATE TABLE alert_events (
      channel_id TEXT NOT NULL,
      event_id INTEGER NOT NULL,
      guild_id TEXT,
      post_id INTEGER REFERENCES alert_posts(id) ON DELETE SET NULL,
      first_message_id TEXT,
      kinds_json TEXT NOT NULL,
      from_status TEXT,
      change_seq INTEGER NOT NULL,
      rendered_seq INTEGER NOT NULL DEFAULT 0,
      -- the facts the message shows (status, date, place, people, sources), to say what is new
      shown_json TEXT,
      queued_at TEXT NOT NULL,
      PRIMARY KEY (channel_id, event_id)
    );
    CREATE INDEX alert_events_post ON alert_events(post_id);
    CREATE INDEX alert_events_waiting ON alert_events(channel_id, queued_at) WHERE post_id IS NULL;
    CREATE INDEX alert_events_event ON alert_events(event_id);
  `,
};
