// Running async work over many items a few at a time: the one place that decides how.

/**
 * `work` for every item, at most `limit` at once, each started as soon as a slot is free (the
 * order of completion is the work's own). Resolves when all are done; `work` reports its own
 * failures (a rejection rejects the whole run, after the others have finished).
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** What `work` gave for one item: its value or its error, so one failure does not hide the others. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * `work` for every item, at most `ahead` items started and not yet taken by the consumer, the
 * results yielded in item order. The consumer's pace bounds the reading ahead: results never
 * pile up in memory while it is slower than the work (a feed's pages are fetched and cleaned
 * faster than they are extracted and merged).
 */
export async function* mapInOrder<T, R>(items: readonly T[], ahead: number, work: (item: T) => Promise<R>): AsyncGenerator<Settled<R>> {
  const settle = (item: T): Promise<Settled<R>> =>
    work(item).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error }),
    );
  const window: Array<Promise<Settled<R>>> = [];
  let started = 0;
  const limit = Math.max(1, ahead);
  while (started < items.length || window.length > 0) {
    while (started < items.length && window.length < limit) window.push(settle(items[started++]!));
    yield await window.shift()!;
  }
}
