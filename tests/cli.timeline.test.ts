// `parley timeline`: the picture written to the file named by --out, from the store PARLEY_DB names.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/store/sqlite/migrate.ts';
import { decodePng } from './support/png.ts';
import { REPO_ROOT, runParleyInProcess } from './support/runParley.ts';
import { GENEVA_AND_MIAMI, insertTalks } from './support/talksFixture.ts';

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-cli-timeline-'));
  const db = new BetterSqlite3(join(dir, 'parley.db'));
  migrate(db, await loadMigrations());
  insertTalks(db, GENEVA_AND_MIAMI);
  db.close();
  env = { PARLEY_DB: join(dir, 'parley.db'), PARLEY_CONFIG: join(REPO_ROOT, 'config'), PARLEY_LOG_LEVEL: 'silent' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runParleyInProcess(['timeline', ...args], { env, cwd: dir });

describe('parley timeline', { timeout: 60_000 }, () => {
  it('writes the picture to --out and says what it shows', async () => {
    const { code, stdout, stderr } = await run(['--from', '2025-11-01', '--to', '2025-12-10', '--out', 'talks.png']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const png = decodePng(readFileSync(join(dir, 'talks.png')));
    expect(png.width).toBe(1200);
    expect(stdout).toContain(`${join(dir, 'talks.png')} (1200×${png.height})`);
    expect(stdout).toContain('A timeline of 3 talks from 1 Nov 2025 to 10 Dec 2025');
    expect(stdout).toContain('• Ukraine · United States: 2 held');
  });

  it('filters by side and by person', async () => {
    const side = await run(['--side', 'RU', '--from', '2025-11-01', '--to', '2025-12-10', '--out', 'ru.png']);
    expect(side.code).toBe(0);
    expect(side.stdout).toContain('A timeline of 1 talk from');
    const person = await run(['--person', 'Umerov', '--from', '2025-11-01', '--to', '2025-12-10', '--out', 'umerov.png']);
    expect(person.code).toBe(0);
    expect(person.stdout).toContain('• with United States: 2 held');
    expect(readFileSync(join(dir, 'ru.png')).equals(readFileSync(join(dir, 'umerov.png')))).toBe(false);
  });

  it('answers an empty range, an unknown person or side and a bad day in words, writing nothing', async () => {
    const empty = await run(['--from', '2024-01-01', '--to', '2024-01-31', '--out', 'empty.png']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('No talks between 1 Jan 2024 and 31 Jan 2024.');
    const nobody = await run(['--person', 'Nobody Atall', '--out', 'nobody.png']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No one called “Nobody Atall” — try /who');
    const side = await run(['--side', 'Atlantis', '--out', 'side.png']);
    expect(side.code).toBe(1);
    expect(side.stderr).toContain('“Atlantis” is not a side Parley knows.');
    const day = await run(['--from', '30/11/2025', '--out', 'day.png']);
    expect(day.code).toBe(1);
    expect(day.stderr).toContain('from: expected a day written like 2025-11-30, got “30/11/2025”.');
    for (const file of ['empty.png', 'nobody.png', 'side.png', 'day.png']) expect(existsSync(join(dir, file))).toBe(false);
  });

  it('needs --out naming a .png file', async () => {
    expect((await run([])).code).toBe(2);
    const wrong = await run(['--out', 'picture.jpg']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--out must name a .png file');
  });
});
