import type { Migration } from '../migrate.ts';

// A digest subscription may attach the timeline picture (digests.subscriptions[].picture, or
// /digest subscribe picture:true).
export const migration: Migration = {
  version: 56,
  name: 'digest_picture',
  sql: `ALTER TABLE subscriptions ADD COLUMN picture INTEGER NOT NULL DEFAULT 0;`,
};
