// Store safety: the real `parley` process is killed (SIGKILL, no chance to clean up) in the middle
// of an ingest batch and of a re-extraction. On restart the store passes PRAGMA integrity_check,
// no article is half-stored, and running the command again completes the set: the same articles,
// quotes and timeline as a run that was never interrupted.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticArticle } from '../bench/syntheticArticles.ts';
import { EXTRACTION_VERSION } from '../src/extract/index.ts';
import { openStore } from '../src/store/open.ts';
import type { TimelineExport } from '../src/store/timeline.ts';
import { BadInputTally } from './support/badInputTally.ts';
import { collect, REPO_ROOT, runParley, spawnParley } from './support/runParley.ts';

const tally = new BadInputTally('storeSafety.sigkill');
afterAll(() => tally.report());

const ARTICLES = 24;
const CONFIG = join(REPO_ROOT, 'config');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
let articlesDir: string;
let reference: { path: string; export: TimelineExport; reextracted: TimelineExport };

const env = (db: string) => ({ PARLEY_DB: db, PARLEY_CONFIG: CONFIG, PARLEY_LOG_LEVEL: 'warn' });

async function parley(args: string[], db: string): Promise<void> {
  const run = await runParley(args, { env: env(db), timeoutMs: 240_000 });
  if (run.code !== 0) throw new Error(`parley ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
}

async function exportOf(path: string): Promise<TimelineExport> {
  const store = await openStore(path);
  try {
    return await store.timeline.exportAll();
  } finally {
    await store.close();
  }
}

function count(path: string, sql: string, ...params: unknown[]): number {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Starts `parley args`, and SIGKILLs it once `ready()` says it is mid-way. Returns false if it finished first. */
async function killMidway(args: string[], db: string, ready: () => boolean): Promise<boolean> {
  const child = spawnParley(args, { env: env(db) });
  const finished = collect(child, { timeoutMs: 240_000 });
  for (;;) {
    if (child.exitCode !== null) break;
    let midway = false;
    try {
      midway = ready();
    } catch {
      // The store may not exist yet, or be locked for a moment: look again.
    }
    if (midway) {
      child.kill('SIGKILL');
      const run = await finished;
      return run.signal === 'SIGKILL';
    }
    await sleep(15);
  }
  await finished;
  return false;
}

/** Checks what a restart must find after a kill; counts what is wrong. */
async function checkAfterKill(path: string, what: string): Promise<void> {
  const store = await openStore(path);
  try {
    const integrity = await store.integrityCheck();
    if (integrity !== 'ok') tally.lost(`${what}: integrity_check says ${integrity}`);
    expect(integrity).toBe('ok');
  } finally {
    await store.close();
  }
  // An article is written whole (row and search row in one transaction): never one without the other.
  const rows = count(path, 'SELECT count(*) AS n FROM articles');
  const searchRows = count(path, 'SELECT count(*) AS n FROM articles_fts');
  const empty = count(path, "SELECT count(*) AS n FROM articles WHERE text = '' OR content_hash = ''");
  if (rows !== searchRows || empty > 0) tally.lost(`${what}: ${rows} articles, ${searchRows} search rows, ${empty} empty`);
  expect(searchRows).toBe(rows);
  expect(empty).toBe(0);
}

const quoteKeys = (e: TimelineExport) => e.quotes.map((q) => `${q.source.file}|${q.text}`).sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-sigkill-'));
  articlesDir = join(dir, 'articles');
  mkdirSync(articlesDir);
  for (let i = 0; i < ARTICLES; i++) {
    const article = syntheticArticle(i, 23, 4000);
    writeFileSync(join(articlesDir, article.file), article.fileText);
  }
  const path = join(dir, 'reference.db');
  await parley(['ingest', articlesDir], path);
  const exported = await exportOf(path);
  const copy = join(dir, 'reference-reextracted.db');
  copyFileSync(path, copy);
  await parley(['reextract'], copy);
  reference = { path, export: exported, reextracted: await exportOf(copy) };
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SIGKILL during an ingest batch', () => {
  it('leaves a sound store, and running the ingest again completes the set', async () => {
    const path = join(dir, 'killed-ingest.db');
    let kills = 0;
    // Twice: once early in the batch, once later, each followed by a restart that is killed too.
    for (const atLeast of [3, 12]) {
      tally.tried();
      const killed = await killMidway(['ingest', articlesDir], path, () => count(path, 'SELECT count(*) AS n FROM articles') >= atLeast);
      if (killed) kills += 1;
      await checkAfterKill(path, `ingest killed after ${atLeast} articles`);
    }
    expect(kills).toBeGreaterThan(0);
    await parley(['ingest', articlesDir], path);
    await checkAfterKill(path, 'ingest completed after kills');
    const stored = count(path, 'SELECT count(*) AS n FROM articles');
    // Extracted with the rules the CLI runs (read from the store: the rules may be newer than this test's import).
    const extracted = count(
      path,
      'SELECT count(*) AS n FROM articles WHERE extracted_version = (SELECT max(extracted_version) FROM articles) AND extracted_version >= ?',
      EXTRACTION_VERSION,
    );
    const expected = count(reference.path, 'SELECT count(*) AS n FROM articles');
    if (stored < expected) tally.lost(`${expected - stored} articles missing after the re-run`, expected - stored);
    if (extracted < stored) tally.lost(`${stored - extracted} articles stored but never extracted`, stored - extracted);
    expect(stored).toBe(expected);
    expect(extracted).toBe(stored);
    // Every quote of every article made it into the timeline.
    const after = await exportOf(path);
    const lostQuotes = quoteKeys(reference.export).filter((k) => !quoteKeys(after).includes(k));
    if (lostQuotes.length > 0) tally.lost(`${lostQuotes.length} quotes`, lostQuotes.length);
    expect(lostQuotes).toEqual([]);
    expect(after.people.length).toBeGreaterThan(0);
  }, 600_000);
});

describe('SIGKILL during a re-extraction', () => {
  it('leaves a sound store, and re-extracting again gives the timeline of an uninterrupted run', async () => {
    const path = join(dir, 'killed-reextract.db');
    copyFileSync(reference.path, path);
    let kills = 0;
    for (const atLeast of [2, 10]) {
      tally.tried();
      const killed = await killMidway(['reextract'], path, () => {
        // reextract first marks every article as not extracted (version 0), then extracts them one by one.
        const done = count(path, 'SELECT count(*) AS n FROM articles WHERE extracted_version > 0');
        const pending = count(path, 'SELECT count(*) AS n FROM articles WHERE extracted_version = 0');
        return pending > 0 && done >= atLeast;
      });
      if (killed) kills += 1;
      await checkAfterKill(path, `re-extraction killed after ${atLeast} articles`);
    }
    expect(kills).toBeGreaterThan(0);
    await parley(['reextract'], path);
    await checkAfterKill(path, 're-extraction completed after kills');
    const after = await exportOf(path);
    const same = JSON.stringify(after) === JSON.stringify(reference.reextracted);
    if (!same) tally.lost('the re-extracted timeline differs from an uninterrupted re-extraction');
    expect(after).toEqual(reference.reextracted);
  }, 600_000);
});
