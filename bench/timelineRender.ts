// How long the timeline picture takes (query, lanes, layout, SVG and PNG: all of drawTimeline)
// and how much memory drawing it costs, over one store: the seed articles through the real
// pipeline, or a synthetic timeline of N events. Every talk of the store is in the range (its
// eleven years), so the 10,000-event store draws 10,000 talks into 12 lanes: the worst case.
//
//   node --import tsx bench/timelineRender.ts [--store seeds|synthetic] [--events 10000] [--iterations 50]
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/open.ts';
import { drawTimeline } from '../src/timeline/picture.ts';
import { buildSeedsStore, SEEDS_DIR } from './commandLatency.ts';
import { writeSyntheticStore } from './syntheticStore.ts';

export interface TimelineRenderResult {
  store: string;
  talks: number;
  iterations: number;
  /** The first picture: fonts read and measured, statements prepared. */
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  pngKb: number;
  width: number;
  height: number;
  /** CPU time per picture, every thread (resvg draws on the thread pool): what a picture costs on an idle machine. */
  cpuMsPerRender: number;
  /** The process's peak resident set while rendering (store open, all iterations done). */
  peakRssMb: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** `path`: a store built beforehand (bench/run.ts builds it in another process, so its RSS is not counted here). */
export async function benchTimelineRender(options: {
  store: 'seeds' | 'synthetic';
  events: number;
  iterations: number;
  path?: string;
}): Promise<TimelineRenderResult> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-timeline-'));
  try {
    const path = options.path ?? join(dir, 'store.db');
    if (!existsSync(path)) {
      if (options.store === 'seeds')
        await buildSeedsStore(path, existsSync(SEEDS_DIR) ? SEEDS_DIR : join(import.meta.dirname, '..', 'samples'));
      else await writeSyntheticStore(path, { events: options.events, people: Math.max(10, Math.floor(options.events / 5)) });
    }
    const store = await openStore(path);
    try {
      const request = { from: '2015-01-01', to: '2026-12-31' };
      const env = { store, now: new Date('2025-12-03T12:00:00Z'), timeZone: 'UTC' };
      let started = performance.now();
      const first = await drawTimeline(request, env);
      const firstMs = performance.now() - started;
      if (first.kind !== 'picture') throw new Error(`the ${options.store} store has nothing to draw: ${first.message}`);
      const times: number[] = [];
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < options.iterations; i++) {
        started = performance.now();
        await drawTimeline(request, env);
        times.push(performance.now() - started);
      }
      const cpu = process.cpuUsage(cpuBefore);
      times.sort((a, b) => a - b);
      return {
        store: options.store === 'seeds' ? 'seeds' : `${options.events} events`,
        talks: first.talks,
        iterations: options.iterations,
        firstMs,
        p50Ms: percentile(times, 50),
        p99Ms: percentile(times, 99),
        maxMs: times.at(-1)!,
        pngKb: first.png.data.length / 1024,
        width: first.png.width,
        height: first.png.height,
        cpuMsPerRender: (cpu.user + cpu.system) / 1000 / options.iterations,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'synthetic' },
      events: { type: 'string', default: '10000' },
      iterations: { type: 'string', default: '50' },
    },
  });
  const result = await benchTimelineRender({
    store: values.store === 'seeds' ? 'seeds' : 'synthetic',
    events: Number(values.events),
    iterations: Number(values.iterations),
  });
  console.log(JSON.stringify(result, null, 2));
}
