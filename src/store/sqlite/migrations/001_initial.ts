import type { Migration } from '../migrate.ts';

// The whole first schema. Later changes are new files in this folder, numbered by area:
// 010-019 ingest, 020-029 extraction, 030-039 bot and queries, 040-049 digests.
export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE feeds (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      poll_interval_minutes INTEGER NOT NULL DEFAULT 15,
      etag TEXT,
      last_modified TEXT,
      last_polled_at TEXT,
      last_success_at TEXT,
      last_error TEXT,
      last_error_at TEXT,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      next_poll_at TEXT,
      created_at TEXT NOT NULL
    );

    CREATE TABLE articles (
      id INTEGER PRIMARY KEY,
      url TEXT UNIQUE,
      file TEXT,
      title TEXT,
      text TEXT NOT NULL,
      published_at TEXT,
      published_inferred INTEGER NOT NULL DEFAULT 0,
      feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
      fetched_at TEXT NOT NULL,
      content_hash TEXT NOT NULL UNIQUE,
      -- 64-bit SimHash of the normalised text, as 16 hex digits, for near-duplicate detection.
      simhash TEXT NOT NULL,
      -- Version of the extraction rules last applied; 0 means not yet extracted.
      extracted_version INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_published ON articles(published_at);
    CREATE INDEX articles_extracted ON articles(extracted_version);

    -- Every time an article was seen again (same URL, same text, or a near-duplicate copy).
    CREATE TABLE article_sightings (
      id INTEGER PRIMARY KEY,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      url TEXT,
      file TEXT,
      reason TEXT NOT NULL CHECK (reason IN ('url', 'text', 'near-duplicate')),
      seen_at TEXT NOT NULL
    );
    CREATE INDEX article_sightings_article ON article_sightings(article_id);
    CREATE INDEX article_sightings_url ON article_sightings(url);

    CREATE TABLE people (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      country TEXT,
      role TEXT,
      roles_json TEXT NOT NULL DEFAULT '[]',
      first_seen_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL
    );
    CREATE TABLE person_aliases (
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      alias TEXT NOT NULL,
      -- lower case, accents and punctuation removed: the key for look-ups and autocomplete
      alias_norm TEXT NOT NULL,
      PRIMARY KEY (person_id, alias_norm)
    );
    CREATE INDEX person_aliases_norm ON person_aliases(alias_norm);

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      status TEXT NOT NULL,
      date TEXT,
      date_to TEXT,
      approx INTEGER NOT NULL DEFAULT 0,
      city TEXT,
      country TEXT,
      sides_json TEXT NOT NULL DEFAULT '[]',
      summary TEXT NOT NULL,
      first_seen_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX events_date ON events(date DESC, id DESC);
    CREATE INDEX events_updated ON events(updated_at);

    CREATE TABLE event_sides (
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      side TEXT NOT NULL,
      PRIMARY KEY (event_id, side)
    );
    CREATE INDEX event_sides_side ON event_sides(side, event_id);

    CREATE TABLE event_participants (
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      PRIMARY KEY (event_id, person_id)
    );
    CREATE INDEX event_participants_person ON event_participants(person_id, event_id);

    CREATE TABLE event_sources (
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      evidence TEXT NOT NULL,
      -- the status this article reported, so a later "held" can overrule an earlier "planned"
      reported_status TEXT NOT NULL,
      PRIMARY KEY (event_id, article_id, evidence)
    );
    CREATE INDEX event_sources_article ON event_sources(article_id);

    CREATE TABLE quotes (
      id INTEGER PRIMARY KEY,
      person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
      speaker TEXT,
      text TEXT NOT NULL,
      date TEXT,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      UNIQUE (article_id, text)
    );
    CREATE INDEX quotes_person ON quotes(person_id, date DESC);

    -- Full-text search. Kept in step by the repositories that write the rows.
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE events_fts USING fts5(summary, evidence, place, people, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE quotes_fts USING fts5(speaker, text, tokenize = 'unicode61 remove_diacritics 2');

    CREATE TABLE subscriptions (
      id INTEGER PRIMARY KEY,
      guild_id TEXT,
      channel_id TEXT NOT NULL,
      -- cron expression (5 fields) evaluated in time_zone
      cron TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      filters_json TEXT NOT NULL DEFAULT '{}',
      notify_empty INTEGER NOT NULL DEFAULT 0,
      origin TEXT NOT NULL DEFAULT 'command' CHECK (origin IN ('command', 'config')),
      created_by TEXT,
      created_at TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      disabled_reason TEXT,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      -- everything that changed after this instant goes into the next digest
      since TEXT NOT NULL
    );
    CREATE INDEX subscriptions_channel ON subscriptions(channel_id);
    CREATE INDEX subscriptions_guild ON subscriptions(guild_id);

    CREATE TABLE digest_runs (
      id INTEGER PRIMARY KEY,
      subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
      slot TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('recorded', 'sent', 'failed', 'empty')),
      nonce TEXT NOT NULL,
      message_id TEXT,
      until TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      sent_at TEXT,
      error TEXT,
      UNIQUE (subscription_id, slot)
    );
  `,
};
