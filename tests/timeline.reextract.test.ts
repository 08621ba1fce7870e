// Re-extraction through the real pipeline: extracting an article again changes nothing, and
// rebuilding the whole timeline from the stored articles (oldest publication first) gives the
// same timeline as ingesting them did.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { loadConfig } from '../src/config/load.ts';
import { extractAndMerge, extractPending } from '../src/merge/process.ts';
import { EXTRACTION_VERSION } from '../src/extract/index.ts';
import { logger } from '../src/log.ts';
import type { StoredArticle } from '../src/domain/types.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
// The fixture files are named in publication order, so ingesting the folder extracts them oldest first.
const articlesDir = join(repoRoot, 'tests', 'fixtures', 'talks', 'articles');
const config = { ...loadConfig(join(repoRoot, 'config')), people: [] };

let temp: TempStore;
let stored: StoredArticle[];
beforeEach(async () => {
  temp = await openTempStore();
  stored = [];
  await ingest([articlesDir], {
    store: temp.store,
    config,
    logger,
    afterStore: async (article) => {
      stored.push(article);
      await extractAndMerge(temp.store, article, config);
    },
  });
}, 60_000);
afterEach(async () => {
  await temp.cleanup();
});

describe('re-extraction', () => {
  it('extracting every article again changes nothing', async () => {
    const before = await temp.store.timeline.exportAll();
    expect(before.events.length).toBeGreaterThan(5);
    for (const article of stored) await extractAndMerge(temp.store, article, config);
    expect(await temp.store.timeline.exportAll()).toEqual(before);
  });

  it('rebuilding from the stored articles in publication order gives the same timeline', async () => {
    const before = await temp.store.timeline.exportAll();
    await temp.store.articles.resetExtraction();
    await temp.store.timeline.clear();
    const progress: number[] = [];
    const summary = await extractPending(temp.store, config, (p) => progress.push(p.done));
    expect(summary).toEqual({ extracted: stored.length, failed: [] });
    expect(progress).toEqual(stored.map((_, i) => i + 1));
    expect(await temp.store.timeline.exportAll()).toEqual(before);
    expect(await temp.store.articles.listNeedingExtraction(EXTRACTION_VERSION, 10)).toEqual([]);
  });
});
