// The timeline picture end to end: real stores (the sample corpus through the real pipeline, a
// hand-made store of hostile names, 10,000 synthetic events), real rendering, and the PNG read
// back the way a viewer reads it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticStore } from '../bench/syntheticStore.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { extractAndMerge } from '../src/merge/process.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { SAMPLES_DIR } from '../src/console/run.ts';
import { drawTimeline, type TimelineAnswer } from '../src/timeline/picture.ts';
import { decodePng } from './support/png.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { testConfig, silentLogger } from './support/ingestApp.ts';

const NOW = new Date('2025-12-03T12:00:00Z');
const env = (store: Store) => ({ store, now: NOW, timeZone: 'UTC' });

function picture(answer: TimelineAnswer) {
  if (answer.kind !== 'picture') throw new Error(`expected a picture, got: ${answer.message}`);
  return answer;
}

async function ingestInto(store: Store, dirs: string[]): Promise<void> {
  const config = testConfig();
  await ingest(dirs, {
    store,
    config,
    logger: silentLogger,
    now: () => NOW,
    afterStore: (article) => extractAndMerge(store, article, config),
  });
}

describe('the timeline picture of the sample corpus', () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await openTempStore();
    await ingestInto(temp.store, [SAMPLES_DIR]);
  }, 120_000);
  afterAll(async () => temp.cleanup());

  it('is a PNG 1200 pixels wide whose height is what the layout asked for', async () => {
    const answer = picture(await drawTimeline({ from: '2025-01-01', to: '2025-12-31' }, env(temp.store)));
    const png = decodePng(answer.png.data);
    expect(png.width).toBe(1200);
    expect(png.height).toBe(answer.png.height);
    // A title, at least two lanes, an axis and a legend: taller than a banner, shorter than a page.
    expect(png.height).toBeGreaterThan(400);
    expect(png.height).toBeLessThan(1600);
    expect(answer.talks).toBeGreaterThanOrEqual(6);
    expect(answer.description).toMatch(/^A timeline of \d+ talks from 1 Jan 2025 to 31 Dec 2025/);
    expect(answer.description).toMatch(/Russia · United States: \d+ held/);
  });

  it('draws a different picture for each filter', async () => {
    const all = picture(await drawTimeline({ from: '2025-01-01', to: '2025-12-31' }, env(temp.store)));
    const ukraine = picture(await drawTimeline({ from: '2025-01-01', to: '2025-12-31', side: 'UA' }, env(temp.store)));
    const autumn = picture(await drawTimeline({ from: '2025-09-01', to: '2025-12-31' }, env(temp.store)));
    const umerov = await temp.store.queries.findPerson('Umerov');
    expect(umerov).not.toBeNull();
    const person = picture(await drawTimeline({ from: '2025-01-01', to: '2025-12-31', person: umerov! }, env(temp.store)));
    const bytes = [all, ukraine, autumn, person].map((a) => a.png.data.toString('base64'));
    expect(new Set(bytes).size).toBe(4);
    expect(ukraine.talks).toBeLessThan(all.talks);
    expect(ukraine.description).not.toMatch(/^• Russia · United States:/m);
    expect(person.title).toBe('Talks of Rustem Umerov');
    expect(person.description).toContain('one lane per counterpart');
    expect(person.description).toMatch(/^• with United States: /m);
  });

  it('answers an empty range with words, not an empty picture', async () => {
    const answer = await drawTimeline({ from: '2024-01-01', to: '2024-02-01' }, env(temp.store));
    expect(answer).toEqual({ kind: 'empty', message: expect.stringMatching(/^No talks between 1 Jan 2024 and 1 Feb 2024\./) });
    const byDefault = await drawTimeline({}, { store: temp.store, now: new Date('2030-06-01T00:00:00Z'), timeZone: 'UTC' });
    expect(byDefault).toMatchObject({
      kind: 'empty',
      message: expect.stringMatching(/^No talks between 2 Apr 2030 and today, and none planned\./),
    });
  });

  it('refuses a range that ends before it starts', async () => {
    await expect(drawTimeline({ from: '2025-05-01', to: '2025-04-01' }, env(temp.store))).rejects.toThrow(
      /ends \(1 Apr 2025\) before it starts/,
    );
  });
});

const SEEDS = join(import.meta.dirname, '../../shared/seeds');
describe.skipIf(!existsSync(SEEDS))('the timeline picture of the seeds', () => {
  it('decodes and is 1200 pixels wide', async () => {
    const temp = await openTempStore();
    try {
      await ingestInto(temp.store, [SEEDS]);
      const answer = picture(await drawTimeline({ from: '2015-01-01', to: '2026-12-31' }, env(temp.store)));
      expect(decodePng(answer.png.data).width).toBe(1200);
    } finally {
      await temp.cleanup();
    }
  }, 120_000);
});
if (!existsSync(SEEDS)) console.log(`timeline.picture: skipping the seeds case: ${SEEDS} is not there`);

describe('the timeline picture of 10,000 events', () => {
  let store: Store;
  let dir: TempStore;
  beforeAll(async () => {
    dir = await openTempStore();
    const path = join(dir.dir, 'large.db');
    await writeSyntheticStore(path, { events: 10_000, people: 2_000 });
    store = await openStore(path);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await dir.cleanup();
  });

  it('draws at most 12 lanes and says how many more there are', async () => {
    const answer = picture(await drawTimeline({ from: '2015-01-01', to: '2025-12-31' }, env(store)));
    expect(answer.talks).toBe(10_000);
    const lanes = answer.description.split('\n').filter((line) => line.startsWith('• '));
    expect(lanes).toHaveLength(12);
    expect(answer.description).toMatch(/…and \d+ more \(\d+ talks\), not drawn\./);
    const png = decodePng(answer.png.data);
    expect(png.width).toBe(1200);
    // 12 lanes of 48 logical pixels at 2x, plus the title, axis, "and N more" and legend.
    expect(png.height).toBeGreaterThan(12 * 48 * 2);
    expect(png.height).toBeLessThan(12 * 48 * 2 + 500);
  }, 60_000);
});
