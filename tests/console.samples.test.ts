// The newcomer's path: an empty store, console mode, the sample corpus loaded through the real
// ingest and extraction pipeline, then real answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { runConsoleWith, testApp } from './support/consoleHarness.ts';

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('console mode with the sample corpus', () => {
  it('loads the samples when PARLEY_SAMPLES=1 and then answers commands from them', async () => {
    const out = await runConsoleWith(testApp(temp.store), ['/latest-talks count:10', '/who name:Umerov', 'exit'], {
      env: { PARLEY_SAMPLES: '1' },
    });
    expect(out).toMatch(/Loaded 9 sample articles in [\d.]+ s: \d+ talks/);
    const counts = await temp.store.queries.counts();
    expect(counts.articles).toBe(9);
    expect(counts.events).toBeGreaterThanOrEqual(6);
    expect(out).toContain('Latest talks\n============');
    expect(out).toMatch(/Istanbul/);
    expect(out).toContain('Rustem Umerov\n=============');
  }, 120_000);

  it('loads the samples when the prompt is answered yes from piped input', async () => {
    const out = await runConsoleWith(testApp(temp.store), ['y', '/sources']);
    expect(out).toContain('The store is empty. Load the sample corpus');
    expect(out).toMatch(/Loaded 9 sample articles/);
    expect(out).toContain('9 articles');
  }, 120_000);
});
