// The project's own answer key: thirteen short articles about real 2025 talks, ingested through
// the real pipeline (ingest → extract → merge) into a temp store, then graded. The key metrics
// are computed here in TypeScript so the test means something on its own; when the shared
// scorer sits beside the repo (../shared/eval/score.mjs) it is run too, with the same thresholds.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sharedOrSkip } from './support/shared.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { loadConfig } from '../src/config/load.ts';
import { extractAndMerge } from '../src/merge/process.ts';
import { logger } from '../src/log.ts';
import type { LoadedConfig } from '../src/config/schema.ts';
import type { TimelineExport } from '../src/store/timeline.ts';
import { namesMatch } from '../src/extract/people/nameMatch.ts';
import { normalizePlaceName } from '../src/merge/compatibility.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const fixtureDir = join(repoRoot, 'tests', 'fixtures', 'talks');
const articlesDir = join(fixtureDir, 'articles');
const goldPath = join(fixtureDir, 'gold.json');

/**
 * What the extractor reaches on this set (measured 2026-11-22 00:35 UTC; with the shipped config
 * and with an empty people list: event recall 1.0 and precision 1.0 on both, fragmentation 1.08
 * and 1.23, false held 0 and 1, people 1.0, quotes 1.0), less a small margin. Raise them as the
 * rules improve; never lower them to make a run pass. The one false held event (empty people
 * list only) is the White House meeting of 18 August, which the extractor bundles with Putin
 * ("three days after his summit with Vladimir Putin"): a known miss, kept visible.
 */
const THRESHOLDS = {
  eventRecall: 0.9,
  eventPrecision: 0.9,
  peopleRecall: 0.95,
  quoteRecall: 0.9,
  falseHeldMax: 1,
  fragmentationMax: 1.3,
};

const goldSchema = z.object({
  articles: z.array(z.object({ file: z.string(), published: z.string() })),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      status: z.string(),
      date: z.string().nullable(),
      dateTo: z.string().nullable(),
      approx: z.boolean(),
      location: z.object({ city: z.string().nullable(), country: z.string().nullable() }),
      sides: z.array(z.string()),
      participants: z.array(z.string()),
      sources: z.array(z.string()),
    }),
  ),
  notHeld: z.array(z.object({ sides: z.array(z.string()), why: z.string() })),
  people: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), country: z.string(), roleWords: z.array(z.string()) })),
  quotes: z.array(z.object({ speaker: z.string(), words: z.string(), file: z.string() })),
});
type Gold = z.infer<typeof goldSchema>;
const gold: Gold = goldSchema.parse(JSON.parse(readFileSync(goldPath, 'utf8')));

const day = (s: string | null): number | null => (s ? Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000) : null);
const LIVE = new Set(['held', 'planned']);

/** The gold person a system name stands for (any of the person's names, spelling variants included). */
function goldPerson(name: string): Gold['people'][number] | null {
  return gold.people.find((p) => [p.name, ...p.aliases].some((n) => namesMatch(name, n))) ?? null;
}

type SysEvent = TimelineExport['events'][number];
type GoldEvent = Gold['events'][number];

/** The same notion of "compatible" as the shared scorer's README: dates meet, places agree, people or sides shared. */
function compatible(s: SysEvent, g: GoldEvent): boolean {
  const sa = day(s.date);
  const sb = day(s.dateTo) ?? sa;
  const slack = g.approx ? 3 : 0;
  const ga = day(g.date);
  const gb = day(g.dateTo) ?? ga;
  if (sa === null || sb === null || ga === null || gb === null) return false;
  if (sa > gb + slack || sb < ga - slack) return false;
  if (s.location.city && g.location.city) {
    if (normalizePlaceName(s.location.city) !== normalizePlaceName(g.location.city)) return false;
  } else if (s.location.country && g.location.country && s.location.country !== g.location.country) return false;
  if (s.sides.length > 0 && g.sides.length > 0) {
    const shared = s.sides.filter((x) => g.sides.includes(x)).length;
    if (shared / new Set([...s.sides, ...g.sides]).size < 0.5) return false;
  }
  const people = new Set(s.participants.map((p) => goldPerson(p.name)?.name).filter(Boolean));
  if (g.participants.length > 0) return g.participants.some((n) => people.has(n));
  return s.sides.filter((x) => g.sides.includes(x)).length >= Math.min(2, g.sides.length);
}

interface Measured {
  eventRecall: number;
  eventPrecision: number;
  fragmentation: number;
  falseHeld: number;
  peopleRecall: number;
  quoteRecall: number;
  missedEvents: string[];
  falseEvents: string[];
  missedPeople: string[];
  falseHeldEvents: string[];
}

function measure(out: TimelineExport): Measured {
  const sys = out.events.filter((e) => LIVE.has(e.status));
  const wanted = gold.events.filter((e) => LIVE.has(e.status));
  const matches = wanted.map((g) => sys.filter((s) => compatible(s, g)));
  const recalled = matches.filter((m) => m.length > 0);
  const precise = sys.filter((s) => wanted.some((g) => compatible(s, g)));
  const falseHeld = sys.filter((s) => {
    const sides = new Set([...s.sides, ...s.participants.map((p) => goldPerson(p.name)?.country).filter((c): c is string => Boolean(c))]);
    return gold.notHeld.some((n) => n.sides.every((x) => sides.has(x)));
  });
  const foundPeople = gold.people.filter((g) => out.people.some((p) => [p.name, ...p.aliases].some((n) => goldPerson(n)?.name === g.name)));
  const norm = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019]/g, "'")
      .toLowerCase();
  const foundQuotes = gold.quotes.filter((g) => out.quotes.some((q) => norm(q.text).includes(norm(g.words))));
  return {
    eventRecall: recalled.length / wanted.length,
    eventPrecision: sys.length ? precise.length / sys.length : 0,
    fragmentation: recalled.length ? recalled.reduce((a, m) => a + m.length, 0) / recalled.length : 0,
    falseHeld: falseHeld.length,
    peopleRecall: foundPeople.length / gold.people.length,
    quoteRecall: foundQuotes.length / gold.quotes.length,
    missedEvents: wanted.filter((_, i) => matches[i]!.length === 0).map((g) => g.id),
    falseEvents: sys
      .filter((s) => !precise.includes(s))
      .map((s) => `${s.status} ${s.date} ${s.location.city ?? '-'} [${s.sides.join(',')}] ${s.summary}`),
    missedPeople: gold.people.filter((g) => !foundPeople.includes(g)).map((g) => g.name),
    falseHeldEvents: falseHeld.map(
      (s) => `${s.status} ${s.date} [${s.sides.join(',')}] {${s.participants.map((p) => p.name).join(', ')}} ${s.summary}`,
    ),
  };
}

async function runPipeline(config: LoadedConfig): Promise<{ temp: TempStore; out: TimelineExport }> {
  const temp = await openTempStore();
  const summary = await ingest([articlesDir], {
    store: temp.store,
    config,
    logger,
    afterStore: (article) => extractAndMerge(temp.store, article, config),
  });
  expect(summary.failed).toEqual([]);
  expect(summary.ingested).toBe(gold.articles.length);
  return { temp, out: await temp.store.timeline.exportAll() };
}

function runSharedScorer(sharedScorer: string, out: TimelineExport, dir: string): Record<string, number> {
  const exportPath = join(dir, 'fixtures-export.json');
  writeFileSync(exportPath, JSON.stringify(out));
  const run = spawnSync(process.execPath, [sharedScorer, '--gold', goldPath, '--export', exportPath, '--json'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, number>;
}

const shipped = loadConfig(join(repoRoot, 'config'));

const configs: Array<[string, LoadedConfig]> = [
  ['with an empty people list', { ...shipped, people: [] }],
  ['with the shipped config', shipped],
];

describe.each(configs)('fixture talks %s', (_label, config) => {
  let temp: TempStore;
  let out: TimelineExport;
  let measured: Measured;
  beforeAll(async () => {
    ({ temp, out } = await runPipeline(config));
    measured = measure(out);
    logger.info({ measured }, 'fixture talks');
  }, 60_000);
  afterAll(async () => {
    await temp?.cleanup();
  });

  it('finds the talks that took place and invents few others', () => {
    expect(measured.eventRecall, `missed: ${measured.missedEvents.join(', ')}`).toBeGreaterThanOrEqual(THRESHOLDS.eventRecall);
    expect(measured.eventPrecision, `false: ${measured.falseEvents.join(' | ')}`).toBeGreaterThanOrEqual(THRESHOLDS.eventPrecision);
  });

  it('merges the reports of one event from several articles into one event', () => {
    expect(measured.fragmentation).toBeLessThanOrEqual(THRESHOLDS.fragmentationMax);
  });

  it('never reports the floated three-way meeting as held or planned', () => {
    expect(measured.falseHeld, measured.falseHeldEvents.join(' | ')).toBeLessThanOrEqual(THRESHOLDS.falseHeldMax);
  });

  it('finds the people and their quotes', () => {
    expect(measured.peopleRecall, `missed: ${measured.missedPeople.join(', ')}`).toBeGreaterThanOrEqual(THRESHOLDS.peopleRecall);
    expect(measured.quoteRecall).toBeGreaterThanOrEqual(THRESHOLDS.quoteRecall);
  });

  it('agrees with the shared scorer when it is beside the repo', (context) => {
    const scored = runSharedScorer(sharedOrSkip(context, 'eval', 'score.mjs'), out, temp.dir);
    expect(scored.eventRecall).toBeGreaterThanOrEqual(THRESHOLDS.eventRecall);
    expect(scored.eventPrecision).toBeGreaterThanOrEqual(THRESHOLDS.eventPrecision);
    expect(scored.falseHeld).toBeLessThanOrEqual(THRESHOLDS.falseHeldMax);
    expect(scored.peopleRecall).toBeGreaterThanOrEqual(THRESHOLDS.peopleRecall);
    expect(scored.quoteRecall).toBeGreaterThanOrEqual(THRESHOLDS.quoteRecall);
  });
});
