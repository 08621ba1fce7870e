import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { extractedEvent } from './support/extractedEvent.ts';
import type { ArticleExtraction, ExtractedEvent, StoredArticle } from '../src/domain/types.ts';
import type { KnownPerson } from '../src/config/schema.ts';

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

async function article(file: string, publishedAt: string | null, text: string): Promise<StoredArticle> {
  const result = await temp.store.articles.add({
    url: null,
    file,
    title: null,
    text,
    publishedAt,
    publishedInferred: false,
    feedId: null,
    fetchedAt: '2025-12-22T10:00:00.000Z',
  });
  if (result.status !== 'stored') throw new Error(`fixture article ${file} was not stored: ${result.status}`);
  return result.article;
}

function event(over: Partial<ExtractedEvent>): ExtractedEvent {
  return extractedEvent(over);
}

/** Two reports a day apart: Ukraine's team in Miami on Friday, Russia's envoy on Saturday. */
function fixtureArticles() {
  return Promise.all([
    article(
      'plan.txt',
      '2025-12-18',
      'Kyiv said its delegation led by Rustem Umerov would fly to Miami for talks with US envoys on Friday, the nineteenth.',
    ),
    article(
      'report.txt',
      '2025-12-21',
      'Umerov and Steve Witkoff held talks in Miami on Friday. Kirill Dmitriev met Witkoff there on Saturday, a separate meeting.',
    ),
  ]);
}

const planExtraction: ArticleExtraction = {
  people: [{ key: 'p1', name: 'Rustem Umerov', aliases: ['Umerov'], country: 'UA', role: 'head of the delegation' }],
  events: [
    event({
      status: 'planned',
      participantKeys: ['p1'],
      evidence: 'Umerov would fly to Miami for talks on Friday.',
      summary: 'Ukraine to hold talks with the US in Miami',
    }),
  ],
  quotes: [{ speakerKey: 'p1', text: 'We are ready to work', date: null }],
};

const reportExtraction: ArticleExtraction = {
  people: [
    { key: 'u', name: 'Umerov', aliases: [], country: 'UA', role: 'Secretary of the National Security and Defense Council' },
    { key: 'w', name: 'Steve Witkoff', aliases: ['Witkoff'], country: 'US', role: 'envoy' },
    { key: 'd', name: 'Kirill Dmitriev', aliases: ['Dmitriev'], country: 'RU', role: 'Russian envoy' },
  ],
  events: [
    event({
      participantKeys: ['u', 'w'],
      evidence: 'Umerov and Steve Witkoff held talks in Miami on Friday.',
      summary: 'Ukraine and the US held talks in Miami',
    }),
    event({
      date: '2025-12-20',
      sides: ['RU', 'US'],
      participantKeys: ['d', 'w'],
      evidence: 'Kirill Dmitriev met Witkoff there on Saturday.',
      summary: 'Russia and the US met in Miami',
    }),
  ],
  quotes: [{ speakerKey: 'd', text: 'The talks are constructive', date: '2025-12-20' }],
};

function rawDb() {
  return new BetterSqlite3(temp.path, { readonly: true });
}

describe('SqliteTimelineRepo.applyExtraction', () => {
  it('merges a plan and a later report of the same talks into one held event with both sources', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    const out = await temp.store.timeline.exportAll();
    expect(out.events).toHaveLength(2);
    const [uaUs, ruUs] = out.events;
    expect(uaUs).toMatchObject({ status: 'held', date: '2025-12-19', sides: ['UA', 'US'], location: { city: 'Miami', country: 'US' } });
    expect(uaUs!.sources.map((s) => s.file)).toEqual(['plan.txt', 'report.txt']);
    expect(uaUs!.participants).toEqual([
      { name: 'Rustem Umerov', country: 'UA' },
      { name: 'Steve Witkoff', country: 'US' },
    ]);
    expect(ruUs).toMatchObject({ status: 'held', date: '2025-12-20', sides: ['RU', 'US'] });
    expect(ruUs!.sources.map((s) => s.file)).toEqual(['report.txt']);
    // Each source keeps the status it reported.
    const db = rawDb();
    const reported = db.prepare('SELECT reported_status FROM event_sources WHERE event_id = ? ORDER BY article_id').all(Number(uaUs!.id));
    db.close();
    expect(reported).toEqual([{ reported_status: 'planned' }, { reported_status: 'held' }]);
  });

  it('resolves a bare surname in a later article to the person first seen with a full name, with the most specific role', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    const { people } = await temp.store.timeline.exportAll();
    const umerov = people.filter((p) => p.name.includes('Umerov'));
    expect(umerov).toHaveLength(1);
    expect(umerov[0]).toMatchObject({
      name: 'Rustem Umerov',
      aliases: ['Umerov'],
      country: 'UA',
      role: 'Secretary of the National Security and Defense Council',
      roles: ['head of the delegation', 'Secretary of the National Security and Defense Council'],
    });
    expect(umerov[0]!.eventIds).toHaveLength(1);
  });

  it('changes nothing when the same extraction is applied twice', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    const db = rawDb();
    const snapshot = () => ({
      events: db.prepare('SELECT * FROM events ORDER BY id').all(),
      people: db.prepare('SELECT * FROM people ORDER BY id').all(),
      aliases: db.prepare('SELECT * FROM person_aliases ORDER BY person_id, alias_norm').all(),
      quotes: db.prepare('SELECT * FROM quotes ORDER BY id').all(),
      sources: db.prepare('SELECT event_id, article_id, evidence, reported_status FROM event_sources ORDER BY event_id, article_id').all(),
      fts: db.prepare('SELECT rowid, * FROM events_fts ORDER BY rowid').all(),
    });
    const before = snapshot();
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    const after = snapshot();
    db.close();
    expect(after).toEqual(before);
  });

  it('gives the same store when every article is extracted again in publication order', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    const first = await temp.store.timeline.exportAll();
    await temp.store.timeline.clear();
    expect((await temp.store.timeline.exportAll()).events).toEqual([]);
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 2, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 2, []);
    expect(await temp.store.timeline.exportAll()).toEqual(first);
  });

  it('replaces what an article contributed when it is extracted again differently', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    // New rules find nothing in the report any more: its events, people and quotes go.
    await temp.store.timeline.applyExtraction(report!, { people: [], events: [], quotes: [] }, 2, []);
    const out = await temp.store.timeline.exportAll();
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ status: 'planned', sources: [{ file: 'plan.txt' }] });
    expect(out.people.map((p) => p.name)).toEqual(['Rustem Umerov']);
    expect(out.people[0]!.role).toBe('head of the delegation');
    expect(out.quotes.map((q) => q.text)).toEqual(['We are ready to work']);
    const db = rawDb();
    expect(db.prepare('SELECT COUNT(*) AS n FROM events_fts').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM quotes_fts').get()).toEqual({ n: 1 });
    db.close();
  });

  it('marks the article as extracted at the given version', async () => {
    const [plan] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 3, []);
    const pending = await temp.store.articles.listNeedingExtraction(3, 10);
    expect(pending.map((a) => a.file)).toEqual(['report.txt']);
  });

  it('uses the configured name of a known person and their configured country', async () => {
    const [plan, report] = await fixtureArticles();
    const known: KnownPerson[] = [{ name: 'Rustem Umerov', aliases: ['Rustem Umyerov'], country: 'UA', role: 'Secretary of the NSDC' }];
    const planWithVariant: ArticleExtraction = {
      ...planExtraction,
      people: [{ key: 'p1', name: 'Rustem Umyerov', aliases: [], country: null, role: null }],
    };
    await temp.store.timeline.applyExtraction(plan!, planWithVariant, 1, known);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, known);
    const umerov = (await temp.store.timeline.exportAll()).people.filter((p) => /Umy?erov/.test(p.name));
    expect(umerov).toHaveLength(1);
    expect(umerov[0]).toMatchObject({ name: 'Rustem Umerov', country: 'UA' });
    expect(umerov[0]!.aliases).toEqual(expect.arrayContaining(['Rustem Umyerov', 'Umerov']));
  });

  it('folds a person first seen under a bare surname into the full name when a later article gives it', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(
      plan!,
      { ...planExtraction, people: [{ key: 'p1', name: 'Umerov', aliases: [], country: 'UA', role: null }] },
      1,
      [],
    );
    await temp.store.timeline.applyExtraction(
      report!,
      { ...reportExtraction, people: [{ ...reportExtraction.people[0]!, name: 'Rustem Umerov' }, ...reportExtraction.people.slice(1)] },
      1,
      [],
    );
    const out = await temp.store.timeline.exportAll();
    expect(out.people.filter((p) => p.name.includes('Umerov')).map((p) => p.name)).toEqual(['Rustem Umerov']);
    expect(out.quotes.find((q) => q.text === 'We are ready to work')?.speaker).toBe('Rustem Umerov');
  });

  it('attaches an undated report that clearly matches one dated event', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    const undated: ArticleExtraction = {
      ...planExtraction,
      events: [event({ date: null, participantKeys: ['p1'], evidence: 'Umerov held talks with US envoys in Miami.' })],
    };
    await temp.store.timeline.applyExtraction(plan!, undated, 1, []);
    const out = await temp.store.timeline.exportAll();
    expect(out.events).toHaveLength(2);
    expect(out.events[0]!.sources.map((s) => s.evidence)).toContain('Umerov held talks with US envoys in Miami.');
  });

  it('keeps UA-US and RU-US talks of one day apart, even when one article reports both', async () => {
    const [, report] = await fixtureArticles();
    const sameDay: ArticleExtraction = {
      ...reportExtraction,
      events: reportExtraction.events.map((e) => ({ ...e, date: '2025-12-20' })),
    };
    await temp.store.timeline.applyExtraction(report!, sameDay, 1, []);
    const out = await temp.store.timeline.exportAll();
    expect(out.events.map((e) => e.sides)).toEqual([
      ['UA', 'US'],
      ['RU', 'US'],
    ]);
  });

  it('exports in the scorecard format', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    const out = await temp.store.timeline.exportAll();
    expect(typeof out.events[0]!.id).toBe('string');
    expect(Object.keys(out.events[0]!).sort()).toEqual([
      'approx',
      'date',
      'dateTo',
      'id',
      'kind',
      'location',
      'participants',
      'sides',
      'sources',
      'status',
      'summary',
    ]);
    expect(out.events[0]!.sources[0]).toEqual({ url: null, file: 'plan.txt', evidence: 'Umerov would fly to Miami for talks on Friday.' });
    expect(out.quotes).toEqual([
      { speaker: 'Rustem Umerov', text: 'We are ready to work', date: '2025-12-18', source: { url: null, file: 'plan.txt' } },
      { speaker: 'Kirill Dmitriev', text: 'The talks are constructive', date: '2025-12-20', source: { url: null, file: 'report.txt' } },
    ]);
    const dmitriev = out.people.find((p) => p.name === 'Kirill Dmitriev')!;
    expect(dmitriev.eventIds).toEqual([out.events[1]!.id]);
  });

  it('keeps the full-text index in step with events and quotes', async () => {
    const [plan, report] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    await temp.store.timeline.applyExtraction(report!, reportExtraction, 1, []);
    const db = rawDb();
    const hits = db.prepare("SELECT rowid FROM events_fts WHERE events_fts MATCH 'dmitriev'").all();
    const quoteHits = db.prepare("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'constructive'").all();
    db.close();
    expect(hits).toHaveLength(1);
    expect(quoteHits).toHaveLength(1);
  });

  it('rejects a malformed extraction with a clear error and keeps what the article gave before', async () => {
    const [plan] = await fixtureArticles();
    await temp.store.timeline.applyExtraction(plan!, planExtraction, 1, []);
    const before = await temp.store.timeline.exportAll();
    const broken: ArticleExtraction = { ...planExtraction, events: [{ ...planExtraction.events[0]!, sides: ['Ukraine'] }] };
    await expect(temp.store.timeline.applyExtraction(plan!, broken, 2, [])).rejects.toThrow(/events\.0\.sides\.0/);
    expect(await temp.store.timeline.exportAll()).toEqual(before);
    expect((await temp.store.articles.listNeedingExtraction(2, 10)).map((a) => a.id)).toContain(plan!.id);
  });

  it('rejects an article that is not in the store and leaves the timeline untouched', async () => {
    const [plan] = await fixtureArticles();
    await expect(temp.store.timeline.applyExtraction({ ...plan!, id: 999 }, planExtraction, 1, [])).rejects.toThrow(/article 999/);
    expect((await temp.store.timeline.exportAll()).people).toEqual([]);
  });
});
