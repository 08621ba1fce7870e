import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { SqliteQueryRepo, ftsQuery, searchTerms } from '../src/store/sqlite/queries.ts';
import { GENEVA_AND_MIAMI, insertTalks, openMigratedMemoryDb, type FixtureIds } from './support/talksFixture.ts';

let db: Database;
let repo: SqliteQueryRepo;
let ids: FixtureIds;

beforeEach(async () => {
  db = await openMigratedMemoryDb();
  ids = insertTalks(db, GENEVA_AND_MIAMI);
  repo = new SqliteQueryRepo(db);
});
afterEach(() => db.close());

describe('latestTalks', () => {
  it('lists talks newest first with sides, participants and sources', async () => {
    const talks = await repo.latestTalks({ limit: 10 });
    expect(talks.map((t) => t.date)).toEqual(['2025-12-02', '2025-11-30', '2025-11-23']);
    const miami = talks[1]!;
    expect(miami.location).toEqual({ city: 'Miami', country: 'US' });
    expect(miami.sides).toEqual(['UA', 'US']);
    expect(miami.participants.map((p) => p.name)).toEqual(['Rustem Umerov', 'Marco Rubio', 'Steve Witkoff']);
    expect(miami.sources.map((s) => s.url ?? s.file)).toEqual(['https://news.example.org/miami-round', 'notes_on_talks.txt']);
    expect(talks[0]!.approx).toBe(true);
  });

  it('honours the limit', async () => {
    expect(await repo.latestTalks({ limit: 1 })).toHaveLength(1);
    expect(await repo.latestTalks({ limit: 0 })).toEqual([]);
  });

  it('filters by side, case-insensitively', async () => {
    expect((await repo.latestTalks({ limit: 10, side: 'ru' })).map((t) => t.location.city)).toEqual(['Moscow']);
    expect(await repo.latestTalks({ limit: 10, side: 'CN' })).toEqual([]);
  });

  it('filters by person and by person and side together', async () => {
    const rubio = ids.people.get('rubio')!;
    const witkoff = ids.people.get('witkoff')!;
    expect((await repo.latestTalks({ limit: 10, personId: rubio })).map((t) => t.location.city)).toEqual(['Miami', 'Geneva']);
    expect((await repo.latestTalks({ limit: 10, personId: witkoff, side: 'UA' })).map((t) => t.location.city)).toEqual(['Miami']);
  });
});

describe('event', () => {
  it('returns one event with every source and its evidence', async () => {
    const event = await repo.event(ids.events[1]!);
    expect(event?.sources.map((s) => s.evidence)).toEqual([
      'Umerov, Rubio and Witkoff held talks near Miami on Sunday.',
      'The Florida meeting on Sunday lasted about four hours.',
    ]);
  });

  it('returns null for an unknown id', async () => {
    expect(await repo.event(999_999)).toBeNull();
    expect(await repo.event(Number.NaN)).toBeNull();
  });
});

describe('people', () => {
  it('finds a person by full name, alias, or a spelling variant', async () => {
    expect((await repo.findPerson('Rustem Umerov'))?.name).toBe('Rustem Umerov');
    expect((await repo.findPerson('umerov'))?.name).toBe('Rustem Umerov');
    expect((await repo.findPerson('Zelenskiy'))?.name).toBe('Volodymyr Zelensky');
    expect((await repo.findPerson('Witkof'))?.name).toBe('Steve Witkoff');
  });

  it('finds no one for a name that is not close', async () => {
    expect(await repo.findPerson('Angela Merkel')).toBeNull();
  });

  it('suggests people by prefix of any name part ("zelen" finds Zelensky)', async () => {
    expect((await repo.suggestPeople('zelen', 5)).map((s) => s.label)).toEqual(['Volodymyr Zelensky (Zelensky)']);
    expect((await repo.suggestPeople('mar', 5))[0]!.label).toBe('Marco Rubio');
  });

  it('sees a new person after it is added', async () => {
    expect(await repo.suggestPeople('Kushner', 5)).toEqual([]);
    insertTalks(db, { people: [{ key: 'k', name: 'Jared Kushner' }] });
    expect((await repo.suggestPeople('Kushner', 5)).map((s) => s.label)).toEqual(['Jared Kushner']);
  });

  it('builds a profile with talks (latest first), quotes and aliases', async () => {
    const profile = await repo.personProfile(ids.people.get('umerov')!, { events: 10, quotes: 5 });
    expect(profile?.person.aliases).toEqual(['Umerov']);
    expect(profile?.person.roles).toEqual(['Secretary of the National Security and Defense Council']);
    expect(profile?.events.map((e) => e.location.city)).toEqual(['Miami', 'Geneva']);
    expect(profile?.quotes.map((q) => q.text)).toEqual(['We made significant progress, but there is more work to do.']);
    expect(profile?.quotes[0]!.source.url).toBe('https://news.example.org/miami-round');
    expect(await repo.personProfile(424242, { events: 1, quotes: 1 })).toBeNull();
  });
});

describe('search', () => {
  it('finds events and quotes by words, with a prefix on the last word', async () => {
    const hits = await repo.search('Geneva', 10);
    expect(hits.some((h) => h.kind === 'event' && h.event?.location.city === 'Geneva')).toBe(true);
    const quoteHits = await repo.search('dignified pea', 10);
    expect(quoteHits.map((h) => h.quote?.text)).toContain('Ukraine needs a dignified peace.');
  });

  it('treats FTS operators and SQL in user text as plain words', async () => {
    for (const hostile of ['"', 'NEAR(', 'summary:Geneva', "'; DROP TABLE events; --", '*', 'AND OR NOT', '()']) {
      await expect(repo.search(hostile, 5)).resolves.toBeInstanceOf(Array);
    }
    expect((await repo.latestTalks({ limit: 10 })).length).toBe(3);
  });

  it('falls back to any word when all words together find nothing', async () => {
    expect((await repo.search('Geneva zzzunknownword', 10)).length).toBeGreaterThan(0);
  });

  it('reduces a query to quoted words', () => {
    expect(searchTerms('summary:"Geneva" NEAR(talks*)')).toEqual(['summary', 'geneva', 'near', 'talks']);
    expect(ftsQuery(['geneva', 'ta'], 'AND', true)).toBe('"geneva" AND "ta"');
    expect(ftsQuery(['geneva', 'talks'], 'AND', true)).toBe('"geneva" AND "talks"*');
    expect(ftsQuery(['geneva', 'talks'], 'OR', false)).toBe('"geneva" OR "talks"');
  });
});

describe('keeping up with writes', () => {
  it('adds new people and aliases to the name index without a rebuild', async () => {
    expect(await repo.findPerson('Hnatov')).toBeNull();
    insertTalks(db, { people: [{ key: 'h', name: 'Andrii Hnatov', aliases: ['Hnatov'] }] });
    expect((await repo.findPerson('Hnatov'))?.name).toBe('Andrii Hnatov');
    db.prepare('INSERT INTO person_aliases (person_id, alias, alias_norm) VALUES (?, ?, ?)').run(
      ids.people.get('rubio')!,
      'Marco Antonio Rubio',
      'marco antonio rubio',
    );
    expect((await repo.suggestPeople('marco antonio', 5)).map((s) => s.label)).toEqual(['Marco Rubio (Marco Antonio Rubio)']);
  });

  it('forgets a removed alias and a person merged away', async () => {
    expect((await repo.findPerson('Vitkoff'))?.name).toBe('Steve Witkoff');
    db.prepare('DELETE FROM person_aliases WHERE alias = ?').run('Vitkoff');
    expect((await repo.suggestPeople('Vitkoff', 5)).map((s) => s.label)).toEqual(['Steve Witkoff (Witkoff)']);
    db.prepare('DELETE FROM people WHERE id = ?').run(ids.people.get('rubio')!);
    expect(await repo.suggestPeople('Rubio', 5)).toEqual([]);
    expect((await repo.suggestPeople('Marco', 5)).map((s) => s.label)).toEqual([]);
  });

  it('catches up after the change log was trimmed past what it had seen', async () => {
    expect((await repo.findPerson('Umerov'))?.name).toBe('Rustem Umerov');
    db.prepare('UPDATE people SET name = ? WHERE id = ?').run('Rustam Umerov', ids.people.get('umerov')!);
    db.prepare('DELETE FROM people_name_changes').run();
    insertTalks(db, { people: [{ key: 'x', name: 'Kirill Dmitriev' }] });
    expect((await repo.findPerson('Dmitriev'))?.name).toBe('Kirill Dmitriev');
    expect((await repo.findPerson('Rustam Umerov'))?.name).toBe('Rustam Umerov');
  });

  it('rebuilds the name index when a name changes or a person is removed', async () => {
    expect((await repo.findPerson('Witkoff'))?.name).toBe('Steve Witkoff');
    db.prepare('UPDATE people SET name = ? WHERE id = ?').run('Steven Witkoff', ids.people.get('witkoff')!);
    expect((await repo.findPerson('Witkoff'))?.name).toBe('Steven Witkoff');
    db.prepare('DELETE FROM people WHERE id = ?').run(ids.people.get('witkoff')!);
    expect(await repo.findPerson('Witkoff')).toBeNull();
  });

  it('keeps the side index in date order when an event is re-dated', async () => {
    db.prepare('UPDATE events SET date = ? WHERE id = ?').run('2025-12-20', ids.events[0]!);
    expect((await repo.latestTalks({ limit: 1, side: 'UA' }))[0]!.location.city).toBe('Geneva');
  });
});

describe('sides, feeds and counts', () => {
  it('suggests the sides that occur in events', async () => {
    expect(await repo.suggestSides('', 10)).toEqual(['RU', 'UA', 'US']);
    expect(await repo.suggestSides('u', 10)).toEqual(['UA', 'US']);
  });

  it('reports feed health with article counts', async () => {
    const feeds = await repo.feedHealth();
    expect(feeds.map((f) => [f.name, f.consecutiveFailures, f.lastError])).toEqual([
      ['Broken Feed', 4, 'HTTP 503'],
      ['Example News', 0, null],
    ]);
  });

  it('counts what the store holds', async () => {
    expect(await repo.counts()).toEqual({ articles: 3, events: 3, people: 4, quotes: 2 });
  });
});
