// /timeline at the terminal: the picture is written to a file and its path printed with the
// words that say what it shows; `parley ask` does the same.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/store/sqlite/migrate.ts';
import { runConsoleWith, testApp } from './support/consoleHarness.ts';
import { decodePng } from './support/png.ts';
import { REPO_ROOT, runParleyInProcess } from './support/runParley.ts';
import { GENEVA_AND_MIAMI, insertTalks, openMigratedMemoryDb, queryOnlyStore } from './support/talksFixture.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-console-timeline-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('/timeline in console mode', () => {
  it('saves the picture and prints its path and what it shows', async () => {
    const db = await openMigratedMemoryDb();
    insertTalks(db, GENEVA_AND_MIAMI);
    const filesDir = join(dir, 'pictures');
    const out = await runConsoleWith(
      testApp(queryOnlyStore(db)),
      ['/timeline from:2025-11-01', '/timeline from:2024-01-01 to:2024-01-31', 'exit'],
      { filesDir, env: { PARLEY_SAMPLES: '0' } },
    );
    expect(out).toContain('[picture: timeline.png]');
    expect(out).toContain('A timeline of 3 talks from 1 Nov 2025 to 3 Dec 2025');
    const path = /picture saved: (\S+\.png)/.exec(out)?.[1];
    expect(path).toBeDefined();
    expect(path!.startsWith(filesDir)).toBe(true);
    expect(decodePng(readFileSync(path!)).width).toBe(1200);
    // The empty range is words only: no second file.
    expect(out).toContain('No talks between 1 Jan 2024 and 31 Jan 2024.');
    expect(readdirSync(filesDir)).toHaveLength(1);
  });
});

describe('parley ask "/timeline"', () => {
  it('saves the picture into PARLEY_FILES_DIR and prints the path', { timeout: 60_000 }, async () => {
    const dbPath = join(dir, 'ask.db');
    const db = new BetterSqlite3(dbPath);
    migrate(db, await loadMigrations());
    insertTalks(db, GENEVA_AND_MIAMI);
    db.close();
    const filesDir = join(dir, 'ask-pictures');
    const env = { PARLEY_DB: dbPath, PARLEY_CONFIG: join(REPO_ROOT, 'config'), PARLEY_LOG_LEVEL: 'silent', PARLEY_FILES_DIR: filesDir };
    const { code, stdout } = await runParleyInProcess(['ask', '/timeline side:RU from:2025-11-01 to:2025-12-31'], { env, cwd: dir });
    expect(code).toBe(0);
    const path = /picture saved: (\S+\.png)/.exec(stdout)?.[1];
    expect(path && existsSync(path)).toBe(true);
    expect(stdout).toContain('Talks with Russia');
    expect(decodePng(readFileSync(path!)).width).toBe(1200);
  });
});
