// A person's talks come from the participant index in date order (migration 033): newest first,
// undated last, following a re-dated event, and the same with a side filter.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { SqliteQueryRepo } from '../src/store/sqlite/queries.ts';
import { GENEVA_AND_MIAMI, insertTalks, openMigratedMemoryDb, type FixtureIds } from './support/talksFixture.ts';

let db: Database;
let ids: FixtureIds;
let repo: SqliteQueryRepo;

beforeEach(async () => {
  db = await openMigratedMemoryDb();
  ids = insertTalks(db, GENEVA_AND_MIAMI);
  repo = new SqliteQueryRepo(db);
});

const cities = async (filter: { personId: number; side?: string; limit?: number }) =>
  (await repo.latestTalks({ limit: filter.limit ?? 10, ...filter })).map((e) => e.location.city);

describe("a person's latest talks", () => {
  it('Umerov: Miami (Nov 30) before Geneva (Nov 23)', async () => {
    expect(await cities({ personId: ids.people.get('umerov')! })).toEqual(['Miami', 'Geneva']);
  });

  it('follow an event moved to a later date', async () => {
    db.prepare('UPDATE events SET date = ? WHERE id = ?').run('2025-12-20', ids.events[0]!);
    expect(await cities({ personId: ids.people.get('umerov')!, limit: 1 })).toEqual(['Geneva']);
  });

  it('put an event that lost its date last', async () => {
    db.prepare('UPDATE events SET date = NULL WHERE id = ?').run(ids.events[1]!);
    expect(await cities({ personId: ids.people.get('umerov')! })).toEqual(['Geneva', 'Miami']);
  });

  it('with a side: Witkoff with Russia is only the Moscow meeting', async () => {
    expect(await cities({ personId: ids.people.get('witkoff')!, side: 'RU' })).toEqual(['Moscow']);
    expect(await cities({ personId: ids.people.get('witkoff')!, side: 'UA' })).toEqual(['Miami']);
  });
});
