// The held-out answer key: fifteen short articles about 2025 talks other than the Russia-Ukraine
// war (Iran-US via Oman, US-China trade rounds, Armenia-Azerbaijan at the White House, Gaza
// ceasefire talks, the India-Pakistan ceasefire, DRC-Rwanda, Thailand-Cambodia, Trump-Xi in
// Busan), written in varied outlet styles (wire datelines, live blogs, a scraped page with
// boilerplate, a photo caption, articles dated only by their dateline). None of their people or
// places is in the shipped config, so this measures how the extraction generalises.
//
// The articles go through the real pipeline (ingest → extract → merge) into a temp store, once
// with empty people and places lists (how the hidden answer keys judge Parley) and once with the
// shipped config. The key metrics are computed here so the test stands on its own; when the
// shared scorer sits beside the repo (../shared/eval/score.mjs) it is run too, on the same floors.
// `npx tsx scripts/score-heldout.ts --verbose` prints every miss.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
const fixtureDir = join(repoRoot, 'tests', 'fixtures', 'heldout');
const articlesDir = join(fixtureDir, 'articles');
const goldPath = join(fixtureDir, 'gold.json');

/**
 * Floors: what the extractor reached on this set on 2026-11-22 at commit 01cc628 (see
 * /work/brief/heldout-findings.md), less a margin of about 0.1. Empty people and places: event
 * recall 0.55, precision 0.44, fragmentation 1.09, false held 0, people 0.97 (country 0.60),
 * quotes 0.95 (attributed 0.91). Shipped config: recall 0.60, precision 0.48, people country 0.65.
 * Raise them as the rules improve; never lower them to make a run pass.
 */
const FLOORS = {
  eventRecall: 0.45,
  eventPrecision: 0.35,
  fragmentationMax: 1.3,
  falseHeldMax: 0,
  peopleRecall: 0.85,
  peopleCountry: 0.5,
  quoteRecall: 0.85,
  quoteAttribution: 0.8,
};

const goldSchema = z.object({
  articles: z.array(z.object({ file: z.string(), published: z.string() })),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['talks', 'meeting', 'call', 'summit']),
      status: z.enum(['held', 'planned', 'proposed', 'cancelled']),
      optional: z.boolean().optional(),
      date: z.string().nullable(),
      dateTo: z.string().nullable(),
      approx: z.boolean(),
      location: z.object({ city: z.string().nullable(), cityAlso: z.array(z.string()).optional(), country: z.string().nullable() }),
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
type GoldEvent = Gold['events'][number];
type GoldPerson = Gold['people'][number];
type SysEvent = TimelineExport['events'][number];

const gold: Gold = goldSchema.parse(JSON.parse(readFileSync(goldPath, 'utf8')));
const LIVE = new Set(['held', 'planned']);
const day = (s: string | null): number | null => (s ? Math.round(Date.parse(`${s.slice(0, 10)}T00:00:00Z`) / 86_400_000) : null);
const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
const words = (s: string): string =>
  ` ${fold(s)
    .replace(/[^a-z0-9' -]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')} `;

/** The gold person a system name stands for: a spelling variant of one of their names, or one of them standing in it. */
function goldPerson(name: string | null | undefined): GoldPerson | null {
  if (!name) return null;
  return (
    gold.people.find((p) => [p.name, ...p.aliases].some((n) => namesMatch(name, n) || (n.length >= 4 && words(name).includes(words(n))))) ??
    null
  );
}

/** Compatible as the shared scorer's README defines it: dates meet, places agree, sides overlap, people shared. */
function compatible(s: SysEvent, g: GoldEvent): boolean {
  const sa = day(s.date);
  const sb = day(s.dateTo) ?? sa;
  const ga = day(g.date);
  const gb = day(g.dateTo) ?? ga;
  if (sa === null || sb === null || ga === null || gb === null) return false;
  const slack = g.approx ? 3 : 0;
  if (Math.min(sa, sb) > gb + slack || Math.max(sa, sb) < ga - slack) return false;
  const cities = [g.location.city, ...(g.location.cityAlso ?? [])].filter((c): c is string => Boolean(c)).map(normalizePlaceName);
  if (s.location.city && cities.length > 0) {
    if (!cities.includes(normalizePlaceName(s.location.city))) return false;
  } else if (s.location.country && g.location.country && s.location.country !== g.location.country) return false;
  if (s.sides.length > 0 && g.sides.length > 0) {
    const shared = s.sides.filter((x) => g.sides.includes(x)).length;
    if (shared / new Set([...s.sides, ...g.sides]).size < 0.5) return false;
  }
  const people = s.participants.map((p) => goldPerson(p.name));
  if (g.participants.length > 0) return people.some((p) => p !== null && g.participants.includes(p.name));
  const sides = new Set([...s.sides, ...people.map((p) => p?.country).filter((c): c is string => Boolean(c))]);
  return g.sides.filter((x) => sides.has(x)).length >= Math.min(2, g.sides.length);
}

interface Measured {
  eventRecall: number;
  eventPrecision: number;
  fragmentation: number;
  falseHeld: number;
  peopleRecall: number;
  peopleCountry: number;
  quoteRecall: number;
  quoteAttribution: number;
  missedEvents: string[];
  falseEvents: string[];
  falseHeldEvents: string[];
  missedPeople: string[];
  wrongCountry: string[];
  missedQuotes: string[];
}

function measure(out: TimelineExport): Measured {
  const sys = out.events.filter((e) => LIVE.has(e.status));
  const live = gold.events.filter((g) => LIVE.has(g.status));
  const required = live.filter((g) => !g.optional);
  const matches = required.map((g) => sys.filter((s) => compatible(s, g)));
  const recalled = matches.filter((m) => m.length > 0);
  const precise = sys.filter((s) => live.some((g) => compatible(s, g)));
  const falseHeld = sys.filter((s) => {
    const sides = new Set([...s.sides, ...s.participants.map((p) => goldPerson(p.name)?.country).filter((c): c is string => Boolean(c))]);
    return gold.notHeld.some((n) => n.sides.every((x) => sides.has(x)));
  });
  const hitsOf = (g: GoldPerson) => out.people.filter((p) => [p.name, ...p.aliases].some((n) => goldPerson(n)?.name === g.name));
  const found = gold.people.filter((g) => hitsOf(g).length > 0);
  const rightCountry = found.filter((g) => hitsOf(g).some((p) => p.country === g.country));
  const quoteHits = gold.quotes.map((g) => out.quotes.filter((q) => fold(q.text).includes(fold(g.words))));
  const attributed = gold.quotes.filter((g, i) => quoteHits[i]!.some((q) => goldPerson(q.speaker)?.name === g.speaker));
  const show = (s: SysEvent) =>
    `${s.status} ${s.date}..${s.dateTo ?? ''} ${s.location.city ?? '-'}/${s.location.country ?? '-'} [${s.sides.join(',')}] {${s.participants.map((p) => p.name).join(', ')}}`;
  return {
    eventRecall: recalled.length / required.length,
    eventPrecision: sys.length ? precise.length / sys.length : 0,
    fragmentation: recalled.length ? recalled.reduce((a, m) => a + m.length, 0) / recalled.length : 0,
    falseHeld: falseHeld.length,
    peopleRecall: found.length / gold.people.length,
    peopleCountry: rightCountry.length / gold.people.length,
    quoteRecall: quoteHits.filter((h) => h.length > 0).length / gold.quotes.length,
    quoteAttribution: attributed.length / gold.quotes.length,
    missedEvents: required.filter((_, i) => matches[i]!.length === 0).map((g) => g.id),
    falseEvents: sys.filter((s) => !precise.includes(s)).map(show),
    falseHeldEvents: falseHeld.map(show),
    missedPeople: gold.people.filter((g) => !found.includes(g)).map((g) => g.name),
    wrongCountry: found
      .filter((g) => !rightCountry.includes(g))
      .map(
        (g) =>
          `${g.name} (${hitsOf(g)
            .map((p) => p.country ?? 'none')
            .join('/')}, not ${g.country})`,
      ),
    missedQuotes: gold.quotes.filter((g) => !attributed.includes(g)).map((g) => `"${g.words}" (${g.speaker})`),
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
  const exportPath = join(dir, 'heldout-export.json');
  writeFileSync(exportPath, JSON.stringify(out));
  const run = spawnSync(process.execPath, [sharedScorer, '--gold', goldPath, '--export', exportPath, '--json'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, number>;
}

describe('the held-out answer key', () => {
  it('is consistent: every source, quote file and participant refers to an article or person of the key', () => {
    const files = new Set(gold.articles.map((a) => a.file));
    const names = new Set(gold.people.map((p) => p.name));
    for (const f of files) expect(existsSync(join(articlesDir, f)), f).toBe(true);
    for (const e of gold.events) {
      for (const f of e.sources) expect(files.has(f), `${e.id} cites ${f}`).toBe(true);
      for (const n of e.participants) expect(names.has(n), `${e.id} names ${n}`).toBe(true);
      if (LIVE.has(e.status)) expect(e.date, `${e.id} is live but undated`).not.toBeNull();
    }
    for (const q of gold.quotes) {
      expect(files.has(q.file), q.file).toBe(true);
      expect(names.has(q.speaker), q.speaker).toBe(true);
      expect(fold(readFileSync(join(articlesDir, q.file), 'utf8'))).toContain(fold(q.words));
    }
  });
});

const shipped = loadConfig(join(repoRoot, 'config'));
const configs: Array<[string, LoadedConfig]> = [
  ['with empty people and places lists', { ...shipped, people: [], places: [] }],
  ['with the shipped config', shipped],
];

describe.each(configs)('held-out talks %s', (_label, config) => {
  let temp: TempStore;
  let out: TimelineExport;
  let measured: Measured;
  beforeAll(async () => {
    ({ temp, out } = await runPipeline(config));
    measured = measure(out);
    logger.info({ measured }, 'held-out talks');
  }, 60_000);
  afterAll(async () => {
    await temp?.cleanup();
  });

  it('finds the talks that took place and invents few others', () => {
    expect(measured.eventRecall, `missed: ${measured.missedEvents.join(', ')}`).toBeGreaterThanOrEqual(FLOORS.eventRecall);
    expect(measured.eventPrecision, `false: ${measured.falseEvents.join(' | ')}`).toBeGreaterThanOrEqual(FLOORS.eventPrecision);
  });

  it('merges the reports of one event into one event', () => {
    expect(measured.fragmentation).toBeLessThanOrEqual(FLOORS.fragmentationMax);
  });

  it('never reports the meeting with Kim Jong Un, which did not take place', () => {
    expect(measured.falseHeld, measured.falseHeldEvents.join(' | ')).toBeLessThanOrEqual(FLOORS.falseHeldMax);
  });

  it('finds unknown people by themselves, with their countries', () => {
    expect(measured.peopleRecall, `missed: ${measured.missedPeople.join(', ')}`).toBeGreaterThanOrEqual(FLOORS.peopleRecall);
    expect(measured.peopleCountry, `wrong or no country: ${measured.wrongCountry.join(', ')}`).toBeGreaterThanOrEqual(FLOORS.peopleCountry);
  });

  it('finds the quotes and who said them', () => {
    expect(measured.quoteRecall, measured.missedQuotes.join(' | ')).toBeGreaterThanOrEqual(FLOORS.quoteRecall);
    expect(measured.quoteAttribution, measured.missedQuotes.join(' | ')).toBeGreaterThanOrEqual(FLOORS.quoteAttribution);
  });

  it('agrees with the shared scorer when it is beside the repo', (context) => {
    const scored = runSharedScorer(sharedOrSkip(context, 'eval', 'score.mjs'), out, temp.dir);
    expect(scored.eventRecall).toBeGreaterThanOrEqual(FLOORS.eventRecall);
    expect(scored.eventPrecision).toBeGreaterThanOrEqual(FLOORS.eventPrecision);
    expect(scored.fragmentation).toBeLessThanOrEqual(FLOORS.fragmentationMax);
    expect(scored.falseHeld).toBeLessThanOrEqual(FLOORS.falseHeldMax);
    expect(scored.peopleRecall).toBeGreaterThanOrEqual(FLOORS.peopleRecall);
    expect(scored.peopleCountry).toBeGreaterThanOrEqual(FLOORS.peopleCountry);
    expect(scored.quoteRecall).toBeGreaterThanOrEqual(FLOORS.quoteRecall);
    expect(scored.quoteAttribution).toBeGreaterThanOrEqual(FLOORS.quoteAttribution);
  });
});
