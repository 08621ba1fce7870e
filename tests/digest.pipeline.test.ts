// Digests over the real pipeline: articles ingested, extracted and merged by the other stages,
// with the system clock, are found by the digest windows: talks first reported as planned, then
// the same talks reported as held (a status change), each in its own window and only once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { testConfig } from './support/commandContext.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { extractAndMerge, extractPending } from '../src/merge/process.ts';
import { logger } from '../src/log.ts';
import { composeSubscriptionDigest } from '../src/digest/contents.ts';

const config = testConfig();
let temp: TempStore;
let dir: string;

beforeEach(async () => {
  temp = await openTempStore();
  dir = await mkdtemp(join(tmpdir(), 'parley-digest-articles-'));
});
afterEach(async () => {
  await temp.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function ingestArticle(name: string, text: string): Promise<void> {
  const path = join(dir, name);
  await writeFile(path, text);
  const summary = await ingest([path], {
    store: temp.store,
    config,
    logger,
    afterStore: (article) => extractAndMerge(temp.store, article, config),
  });
  expect(summary).toMatchObject({ ingested: 1, failed: [] });
}

// Distinct instants around each ingest, so windows never share a millisecond with a write.
async function instant(): Promise<string> {
  await new Promise((r) => setTimeout(r, 5));
  const now = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  return now;
}

const limits = { events: 10, quotes: 10 };

describe('digests over the real pipeline', () => {
  it('reports talks as newly planned, then as planned → held, each once', async () => {
    const start = await instant();
    await ingestArticle(
      'preview.txt',
      ' date 2025-03-10\nUS and Ukrainian officials to meet in Jeddah\n\nUkrainian and US delegations will hold talks in Jeddah, Saudi Arabia, on Tuesday, officials said.\n',
    );
    const afterPreview = await instant();
    await ingestArticle(
      'outcome.txt',
      ' date 2025-03-12\nJeddah talks held\n\nUkrainian and US delegations held talks in Jeddah, Saudi Arabia, on Tuesday, officials said.\n\n"We are ready to take steps towards peace," the Ukrainian delegation said in a statement.\n',
    );
    const afterOutcome = await instant();

    const announced = await temp.store.digests.changesSince({}, start, afterPreview, limits);
    const jeddah = announced.events.find((c) => c.event.location.city === 'Jeddah');
    expect(jeddah).toMatchObject({ kind: 'planned', event: { status: 'planned', sides: expect.arrayContaining(['UA', 'US']) } });

    const held = await temp.store.digests.changesSince({}, afterPreview, afterOutcome, limits);
    expect(held.events.map((c) => [c.event.id, c.kind, c.previousStatus, c.event.status])).toEqual([
      [jeddah!.event.id, 'status-changed', 'planned', 'held'],
    ]);
    expect(held.events[0]!.event.sources).toHaveLength(2);

    expect(announced.quotes).toEqual([]);
    expect(held.quotes.map((q) => q.text)).toEqual(['We are ready to take steps towards peace']);

    // Nothing after the outcome: the next window is empty, even across a full re-extraction.
    await temp.store.articles.resetExtraction();
    await extractPending(temp.store, config);
    const afterReextract = await temp.store.digests.changesSince({}, afterOutcome, await instant(), limits);
    expect(afterReextract.events).toEqual([]);
    expect(afterReextract.quotes).toEqual([]);

    const reply = await composeSubscriptionDigest(
      temp.store,
      config,
      { filters: { side: 'UA' }, since: afterPreview, timeZone: 'UTC', notifyEmpty: false },
      new Date(afterOutcome),
    );
    expect(reply!.embeds![0]!.title).toBe('Status changes (1)');
    expect(reply!.embeds![0]!.description).toMatch(/planned → \*\*✅ held\*\*/);
  });
});
