import type { Migration } from '../migrate.ts';

// Every alert check asks which sent messages are out of date. alert_posts only grows, so that
// question is answered from the few alert_events rows that are behind their change, not by
// scanning every post ever made.
export const migration: Migration = {
  version: 52,
  name: 'alert_refresh_index',
  sql: `
    CREATE INDEX alert_events_stale ON alert_events(post_id) WHERE change_seq > rendered_seq AND post_id IS NOT NULL;
  `,
};
