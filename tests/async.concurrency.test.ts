import { describe, expect, it } from 'vitest';
import { forEachConcurrently, mapInOrder } from '../src/async/concurrency.ts';

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('forEachConcurrently', () => {
  it('runs every item, never more than the limit at once, a new one as soon as a slot is free', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([30, 5, 5, 5, 5, 5], 2, async (ms) => {
      running++;
      most = Math.max(most, running);
      await tick(ms);
      running--;
      done.push(ms);
    });
    expect(most).toBe(2);
    // The slow first item does not hold the others back.
    expect(done).toEqual([5, 5, 5, 5, 5, 30]);
  });

  it('rejects with the first failure once the other items are done', async () => {
    const done: number[] = [];
    const run = forEachConcurrently([1, 2, 3], 3, async (n) => {
      await tick(n * 5);
      if (n === 1) throw new Error('item 1 failed');
      done.push(n);
    });
    await expect(run).rejects.toThrow('item 1 failed');
    expect(done).toEqual([2, 3]);
  });

  it('does nothing for no items', async () => {
    await forEachConcurrently([], 4, () => Promise.reject(new Error('never called')));
  });
});

describe('mapInOrder', () => {
  it('yields the results in item order whatever order the work finishes in', async () => {
    const results: number[] = [];
    for await (const r of mapInOrder([30, 1, 10, 2], 4, async (ms) => (await tick(ms), ms))) if (r.ok) results.push(r.value);
    expect(results).toEqual([30, 1, 10, 2]);
  });

  it('starts an item only when fewer than `ahead` results wait for a slow consumer', async () => {
    const started: number[] = [];
    const seenWhenTaken: number[] = [];
    for await (const r of mapInOrder([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => (started.push(n), n))) {
      seenWhenTaken.push(started.length);
      await tick(5);
      expect(r.ok).toBe(true);
    }
    // Taking item i, at most items i..i+2 have started.
    expect(seenWhenTaken).toEqual([3, 4, 5, 6, 7, 8, 8, 8]);
  });

  it('settles each item on its own: a failure is that item result, the rest still come', async () => {
    const results: string[] = [];
    for await (const r of mapInOrder(['a', 'bad', 'c'], 2, async (s) => {
      if (s === 'bad') throw new Error('no page');
      return s;
    }))
      results.push(r.ok ? r.value : `error: ${(r.error as Error).message}`);
    expect(results).toEqual(['a', 'error: no page', 'c']);
  });
});
