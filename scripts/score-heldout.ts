// Scores Parley on the held-out articles (tests/fixtures/heldout): talks other than the
// Russia-Ukraine war, with people and places the shipped config does not know. It runs the real
// `parley` CLI twice, as an operator would:
//   1. with a copy of the config whose people.yaml and places.yaml are empty (how the hidden
//      answer keys judge the extractor: everything must come from the text),
//   2. with the shipped config/.
// Each run ingests the articles into a throw-away SQLite file, exports the timeline with
// `parley export --json` and grades it with the shared scorer.
//
//   npx tsx scripts/score-heldout.ts [--verbose] [--json] [--only empty|shipped] [--keep]
//                                    [--articles DIR] [--gold FILE] [--scorer FILE] [--config DIR]
//
// Exit code: 0 when every run was scored, 2 when something could not run (missing scorer,
// failed ingest). Grades are printed, never judged here; tests/fixtures.heldout.test.ts holds
// the thresholds.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

type RunName = 'empty' | 'shipped';

interface Options {
  articles: string;
  gold: string;
  scorer: string;
  configDir: string;
  verbose: boolean;
  json: boolean;
  keep: boolean;
  runs: RunName[];
}

function parseArgs(argv: string[]): Options {
  const known = new Set(['--verbose', '--json', '--keep', '--only', '--articles', '--gold', '--scorer', '--config']);
  for (const a of argv) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a}`);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const only = value('--only');
  if (only !== undefined && only !== 'empty' && only !== 'shipped') throw new Error('--only takes empty or shipped');
  const fixture = join(repoRoot, 'tests', 'fixtures', 'heldout');
  return {
    articles: resolve(value('--articles') ?? join(fixture, 'articles')),
    gold: resolve(value('--gold') ?? join(fixture, 'gold.json')),
    scorer: resolve(value('--scorer') ?? join(repoRoot, '..', 'shared', 'eval', 'score.mjs')),
    configDir: resolve(value('--config') ?? join(repoRoot, 'config')),
    verbose: argv.includes('--verbose'),
    json: argv.includes('--json'),
    keep: argv.includes('--keep'),
    runs: only ? [only] : ['empty', 'shipped'],
  };
}

/**
 * A config folder for the run: the shipped one as it is, or a copy of it whose known people and
 * places are emptied (parley.yaml is kept so feeds, time zone and store settings stay valid).
 */
function configFor(run: RunName, shipped: string, work: string): string {
  if (run === 'shipped') return shipped;
  const dir = join(work, 'config');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const f of readdirSync(shipped)) if (/\.ya?ml$/.test(f)) copyFileSync(join(shipped, f), join(dir, f));
  writeFileSync(join(dir, 'people.yaml'), 'people: []\n');
  writeFileSync(join(dir, 'places.yaml'), 'places: []\n');
  return dir;
}

/** Runs `parley ARGS` with the run's config and store; throws with its stderr when it fails. */
function parley(args: string[], env: { config: string; db: string }): string {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin', 'parley.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PARLEY_CONFIG: env.config, PARLEY_DB: env.db, PARLEY_LOG_LEVEL: process.env.PARLEY_LOG_LEVEL ?? 'warn' },
  });
  if (run.status !== 0) throw new Error(`parley ${args.join(' ')} exited ${run.status}: ${run.stderr.trim().slice(-2000)}`);
  return run.stdout;
}

function scoreRun(run: RunName, opts: Options, work: string): number {
  const config = configFor(run, opts.configDir, work);
  const db = join(work, `${run}.db`);
  const exportPath = join(work, `${run}-export.json`);
  const ingested = parley(['ingest', opts.articles], { config, db });
  const summary = /ingested \d+, duplicates \d+, failed \d+/.exec(ingested)?.[0] ?? ingested.trim().split('\n').at(-1);
  writeFileSync(exportPath, parley(['export', '--json'], { config, db }));
  console.error(`score-heldout [${run === 'empty' ? 'empty people and places' : 'shipped config'}]: ${summary}; export ${exportPath}`);
  const args = [opts.scorer, '--gold', opts.gold, '--export', exportPath];
  if (opts.verbose) args.push('--verbose');
  if (opts.json) args.push('--json');
  const graded = spawnSync(process.execPath, args, { encoding: 'utf8' });
  process.stdout.write(graded.stdout);
  if (graded.status !== 0) {
    console.error(graded.stderr);
    return 2;
  }
  return 0;
}

function main(): number {
  const opts = parseArgs(process.argv.slice(2));
  for (const [what, path] of [
    ['articles folder', opts.articles],
    ['answer key', opts.gold],
    ['scorer', opts.scorer],
    ['config folder', opts.configDir],
  ] as const) {
    if (!existsSync(path)) {
      console.error(`score-heldout: the ${what} ${path} is missing`);
      return 2;
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'parley-heldout-'));
  try {
    let code = 0;
    for (const run of opts.runs) code = Math.max(code, scoreRun(run, opts, work));
    return code;
  } finally {
    if (opts.keep) console.error(`score-heldout: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

try {
  process.exit(main());
} catch (err) {
  console.error(`score-heldout: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
