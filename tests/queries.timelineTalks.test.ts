// The read side of the timeline picture: dated talks overlapping a range, oldest first, by side
// and by person, with a round that began before the range still in it.
import { beforeAll, describe, expect, it } from 'vitest';
import { SqliteQueryRepo } from '../src/store/sqlite/queries.ts';
import { insertTalks, openMigratedMemoryDb, type FixtureEvent } from './support/talksFixture.ts';

let repo: SqliteQueryRepo;
let ids: { people: Map<string, number>; events: number[] };

const event = (date: string | null, sides: string[], extra: Partial<FixtureEvent> = {}): FixtureEvent => ({
  date,
  sides,
  city: 'Geneva',
  sources: [{ article: 'a', evidence: 'They met.' }],
  summary: 'talks',
  ...extra,
});

beforeAll(async () => {
  const db = await openMigratedMemoryDb();
  ids = insertTalks(db, {
    articles: [{ key: 'a', url: 'https://news.example.org/a' }],
    people: [{ key: 'umerov', name: 'Rustem Umerov', country: 'UA' }],
    events: [
      event('2025-10-25', ['UA', 'US'], { dateTo: '2025-11-02', participants: ['umerov'] }), // a round running into November
      event('2025-09-01', ['UA', 'US'], { dateTo: '2025-09-03' }), // over before the range
      event('2025-11-10', ['RU', 'US']),
      event('2025-11-20', ['RU', 'UA'], { participants: ['umerov'] }),
      event('2025-12-15', ['UA', 'US'], { status: 'planned', participants: ['umerov'] }),
      event(null, ['UA', 'US']), // undated: not on a timeline
    ],
  });
  repo = new SqliteQueryRepo(db);
});

const dates = (r: { talks: Array<{ date: string }> }) => r.talks.map((t) => t.date);

describe('timelineTalks', () => {
  it('returns dated talks overlapping the range, oldest first', async () => {
    const r = await repo.timelineTalks({ from: '2025-11-01', to: '2025-11-30', limit: 100 });
    expect(dates(r)).toEqual(['2025-10-25', '2025-11-10', '2025-11-20']);
    expect(r.more).toBe(false);
    expect(r.talks[0]).toMatchObject({ dateTo: '2025-11-02', location: { city: 'Geneva' }, sides: ['UA', 'US'], status: 'held' });
  });

  it('runs to the last planned talk when the range has no end', async () => {
    expect(dates(await repo.timelineTalks({ from: '2025-11-05', to: null, limit: 100 }))).toEqual([
      '2025-11-10',
      '2025-11-20',
      '2025-12-15',
    ]);
  });

  it('filters by side, by person, and by both', async () => {
    expect(dates(await repo.timelineTalks({ from: '2025-11-01', to: null, side: 'ru', limit: 100 }))).toEqual(['2025-11-10', '2025-11-20']);
    const umerov = ids.people.get('umerov')!;
    expect(dates(await repo.timelineTalks({ from: '2025-11-01', to: null, personId: umerov, limit: 100 }))).toEqual([
      '2025-10-25',
      '2025-11-20',
      '2025-12-15',
    ]);
    expect(dates(await repo.timelineTalks({ from: '2025-11-01', to: null, personId: umerov, side: 'US', limit: 100 }))).toEqual([
      '2025-10-25',
      '2025-12-15',
    ]);
  });

  it('says when there were more than the limit', async () => {
    const r = await repo.timelineTalks({ from: '2025-01-01', to: null, limit: 2 });
    expect(dates(r)).toEqual(['2025-09-01', '2025-10-25']);
    expect(r.more).toBe(true);
  });
});
