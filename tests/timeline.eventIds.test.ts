// Event ids are what people quote (/event id:12): they last across `parley reextract`, and an
// event whose sources joined another keeps answering, with that one. A source counts once.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleExtraction, ExtractedEvent, StoredArticle } from '../src/domain/types.ts';
import { EXTRACTION_VERSION } from '../src/extract/index.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { runCommandLine } from '../src/interaction/commandLine.ts';
import { commandContext } from './support/commandContext.ts';
import { runParleyInProcess } from './support/runParley.ts';
import { sharedPath } from './support/shared.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { extractedEvent } from './support/extractedEvent.ts';

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

async function article(file: string, publishedAt: string, text: string): Promise<StoredArticle> {
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
  if (result.status !== 'stored') throw new Error(`fixture article ${file} was not stored`);
  return result.article;
}

function talks(over: Partial<ExtractedEvent>): ExtractedEvent {
  return extractedEvent({ participantKeys: ['u'], summary: 'Ukraine and the US held talks in Miami', ...over });
}

const UMEROV = { key: 'u', name: 'Rustem Umerov', aliases: ['Umerov'], country: 'UA', role: 'head of the delegation' };

function extraction(events: ExtractedEvent[]): ArticleExtraction {
  return { people: [UMEROV], events, quotes: [] };
}

describe('event ids', () => {
  it('an event whose only source moved to another event resolves to it, and its id is never given again', async () => {
    const report = await article('report.txt', '2025-12-20', 'Umerov held talks with US envoys in Miami on Friday, the 19th.');
    const misdated = await article('misdated.txt', '2025-12-20', 'Talks in Miami: Umerov met US envoys there this week.');
    await temp.store.timeline.applyExtraction(
      report,
      extraction([talks({ evidence: 'Umerov held talks with US envoys in Miami on Friday, the 19th.' })]),
      EXTRACTION_VERSION,
      [],
    );
    // A rule that dated the sentence wrongly made a second event of the same talks...
    const sentence = 'Umerov met US envoys there this week.';
    await temp.store.timeline.applyExtraction(
      misdated,
      extraction([talks({ date: '2025-12-09', evidence: sentence })]),
      EXTRACTION_VERSION,
      [],
    );
    const events = await temp.store.queries.latestTalks({ limit: 10 });
    expect(events).toHaveLength(2);
    const kept = events.find((e) => e.date === '2025-12-19')!.id;
    const joined = events.find((e) => e.date === '2025-12-09')!.id;
    // ...and the fixed rule puts it with the first: the second event is gone, its id stays valid.
    await temp.store.timeline.applyExtraction(
      misdated,
      extraction([talks({ date: '2025-12-19', approx: true, evidence: sentence })]),
      EXTRACTION_VERSION,
      [],
    );
    expect((await temp.store.queries.latestTalks({ limit: 10 })).map((e) => e.id)).toEqual([kept]);
    expect((await temp.store.queries.event(joined))?.id).toBe(kept);
    const commands = await loadCommands();
    const reply = await runCommandLine(`/event id:${joined}`, commands, commandContext(temp.store));
    expect(reply.embeds![0]!.description).toContain(`Talk #${joined} turned out to be the same talks as #${kept}.`);
    expect(reply.embeds![0]!.title).toMatch(new RegExp(`^#${kept} `));

    // A new event never takes the retired id (it was the highest one).
    const other = await article('geneva.txt', '2026-01-10', 'Umerov met US envoys in Geneva on Friday.');
    await temp.store.timeline.applyExtraction(
      other,
      extraction([
        talks({ date: '2026-01-09', location: { city: 'Geneva', country: 'CH' }, evidence: 'Umerov met US envoys in Geneva on Friday.' }),
      ]),
      EXTRACTION_VERSION,
      [],
    );
    const newest = (await temp.store.queries.latestTalks({ limit: 10 })).find((e) => e.location.city === 'Geneva')!;
    expect(newest.id).toBeGreaterThan(joined);
  });

  it('cites an article once however many of its sentences report the event (headline and body)', async () => {
    const both = await article(
      'both.txt',
      '2025-12-20',
      'Umerov and US envoys meet in Miami\n\nUmerov held talks with US envoys in Miami on Friday, officials said.',
    );
    await temp.store.timeline.applyExtraction(
      both,
      extraction([
        talks({ evidence: 'Umerov and US envoys meet in Miami' }),
        talks({ evidence: 'Umerov held talks with US envoys in Miami on Friday, officials said.' }),
      ]),
      EXTRACTION_VERSION,
      [],
    );
    const [event] = await temp.store.queries.latestTalks({ limit: 10 });
    expect(event!.sources.map((s) => s.evidence)).toEqual(['Umerov held talks with US envoys in Miami on Friday, officials said.']);
    const exported = await temp.store.timeline.exportAll();
    expect(exported.events[0]!.sources).toEqual([
      { url: null, file: 'both.txt', evidence: 'Umerov held talks with US envoys in Miami on Friday, officials said.' },
    ]);
  });
});

describe('parley reextract', { timeout: 180_000 }, () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('on an unchanged store changes no event, no id and no count (the seeds: 11 events stay 11)', async (ctx) => {
    const seeds = sharedPath(['seeds']);
    if (!seeds) return ctx.skip();
    dir = mkdtempSync(join(tmpdir(), 'parley-reextract-ids-'));
    const config = join(dir, 'config');
    cpSync(join(process.cwd(), 'config'), config, { recursive: true });
    const env = { PARLEY_CONFIG: config, PARLEY_DB: join(dir, 'p.db') };
    expect((await runParleyInProcess(['ingest', seeds], { env })).code).toBe(0);
    const before = (await runParleyInProcess(['export'], { env })).stdout;
    const reextracted = await runParleyInProcess(['reextract'], { env });
    expect(reextracted.code).toBe(0);
    const after = (await runParleyInProcess(['export'], { env })).stdout;
    expect(JSON.parse(after).events.map((e: { id: string }) => e.id)).toEqual(JSON.parse(before).events.map((e: { id: string }) => e.id));
    expect(after).toBe(before);
  });
});
