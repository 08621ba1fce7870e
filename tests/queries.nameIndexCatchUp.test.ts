import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.ts';
import { bulkLoadStore, type BulkPerson } from '../src/store/sqlite/bulkLoad.ts';
import type { Store } from '../src/store/store.ts';
import { openDatabase } from '../src/store/sqlite/index.ts';

// A store big enough that the name index is built in the background (more than a few hundred
// names), so the event loop is never held for the whole build.
const PEOPLE = 400;
const SEEN = '2025-06-01T00:00:00.000Z';

function person(i: number): BulkPerson {
  return {
    name: `Delegate${i} Envoyski${i}`,
    aliases: [`Envoyski${i}`],
    country: 'UA',
    role: 'envoy',
    firstArticle: 0,
    firstSeenAt: SEEN,
    lastSeenAt: SEEN,
  };
}

let dir: string;
let path: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-name-index-'));
  path = join(dir, 'parley.db');
  await bulkLoadStore(path, {
    extractedVersion: 1,
    articles: [{ url: 'https://news.example/a', title: 'Talks', text: 'Delegations met.', publishedAt: '2025-06-01', fetchedAt: SEEN }],
    people: [
      ...Array.from({ length: PEOPLE - 1 }, (_, i) => person(i)),
      { ...person(PEOPLE), name: 'Volodymyr Zelensky', aliases: ['Zelensky'] },
    ],
    events: [],
    quotes: [],
  });
  store = await openStore(path);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('name index built in the background', () => {
  it('answers a typed prefix from the store before the index exists', async () => {
    const suggestions = await store.queries.suggestPeople('envoyski12', 5);
    expect(suggestions.map((s) => s.personId).length).toBeGreaterThan(0);
    expect(suggestions[0]!.label).toContain('Envoyski12');
    expect((await store.queries.findPerson('Volodymyr Zelensky'))?.name).toBe('Volodymyr Zelensky');
  });

  it('yields to the event loop while it builds, then matches spelling variants', async () => {
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns += 1;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    await store.queries.warmUp!();
    spinning = false;
    // Other work ran between the slices of the build.
    expect(turns).toBeGreaterThan(1);
    expect((await store.queries.findPerson('Zelenskyy'))?.name).toBe('Volodymyr Zelensky');
    expect((await store.queries.suggestPeople('zelen', 5))[0]!.label).toContain('Zelensky');
  });

  it('takes in a rename made by another connection while it was building', async () => {
    const warming = store.queries.warmUp!();
    const other = openDatabase(path);
    other.prepare('UPDATE people SET name = ? WHERE name = ?').run('Volodymyr Zelenskyy', 'Volodymyr Zelensky');
    other.close();
    await warming;
    await store.queries.warmUp!();
    expect((await store.queries.findPerson('Zelensky'))?.name).toBe('Volodymyr Zelenskyy');
  });
});
