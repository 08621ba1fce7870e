// Scores the extraction pipeline on a folder of articles against an answer key: ingests the
// articles into a throw-away store (the same ingest → extract → merge path as `parley ingest`),
// exports the timeline and runs the shared scorer on it.
//
//   npx tsx scripts/score-seeds.ts [--verbose] [--json] [--empty-people] [--keep]
//                                  [--seeds DIR] [--gold FILE] [--scorer FILE] [--require "..."]
//
// Defaults: ../shared/seeds and ../shared/eval/seeds.gold.json beside the repo, config/ of the repo
// (or PARLEY_CONFIG). `--empty-people` runs the same extraction with the configured people ignored,
// which is how the hidden answer keys are also judged.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/open.ts';
import type { LoadedConfig } from '../src/config/schema.ts';
import type { Store } from '../src/store/store.ts';
import { extractAndMerge } from '../src/merge/process.ts';
import { logger } from '../src/log.ts';
import { loadConfig } from '../src/config/load.ts';
import { ingest } from '../src/ingest/ingest.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

interface Options {
  seeds: string;
  gold: string;
  scorer: string;
  configDir: string;
  verbose: boolean;
  json: boolean;
  emptyPeople: boolean;
  keep: boolean;
  require: string | null;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const known = new Set(['--verbose', '--json', '--empty-people', '--keep', '--seeds', '--gold', '--scorer', '--config', '--require']);
  for (const a of argv) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a}`);
  const shared = resolve(repoRoot, '..', 'shared');
  return {
    seeds: resolve(value('--seeds') ?? join(shared, 'seeds')),
    gold: resolve(value('--gold') ?? join(shared, 'eval', 'seeds.gold.json')),
    scorer: resolve(value('--scorer') ?? join(shared, 'eval', 'score.mjs')),
    configDir: resolve(value('--config') ?? process.env.PARLEY_CONFIG ?? join(repoRoot, 'config')),
    verbose: argv.includes('--verbose'),
    json: argv.includes('--json'),
    emptyPeople: argv.includes('--empty-people'),
    keep: argv.includes('--keep'),
    require: value('--require') ?? null,
  };
}

/** Ingests every article of `folder` through the real pipeline, extracting each as it is stored. */
async function ingestFolder(store: Store, config: LoadedConfig, folder: string): Promise<void> {
  const summary = await ingest([folder], {
    store,
    config,
    logger,
    afterStore: (article) => extractAndMerge(store, article, config),
  });
  const failures = summary.failed.map((f) => `\n  ${f.input}: ${f.reason}`).join('');
  console.error(`score-seeds: ingested ${summary.ingested}, duplicates ${summary.duplicates}, failed ${summary.failed.length}${failures}`);
}

/** Lists the article files in `folder`; used to tell the user what was read. */
function articleFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => /\.(txt|html?)$/i.test(f) && statSync(join(folder, f)).isFile())
    .sort();
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  for (const [what, path] of [
    ['articles folder', opts.seeds],
    ['answer key', opts.gold],
    ['scorer', opts.scorer],
  ] as const) {
    if (!existsSync(path)) {
      console.error(`score-seeds: the ${what} ${path} is missing (the shared/ folder must sit beside the repo)`);
      return 2;
    }
  }
  const loaded = loadConfig(opts.configDir);
  const config: LoadedConfig = opts.emptyPeople ? { ...loaded, people: [] } : loaded;
  const work = mkdtempSync(join(tmpdir(), 'parley-score-'));
  const store = await openStore(join(work, 'parley.db'));
  try {
    console.error(`score-seeds: ${articleFiles(opts.seeds).length} articles from ${opts.seeds}, ${config.people.length} known people`);
    await ingestFolder(store, config, opts.seeds);
    const exported = await store.timeline.exportAll();
    const exportPath = join(work, 'export.json');
    writeFileSync(exportPath, JSON.stringify(exported, null, 2));
    console.error(
      `score-seeds: ${exported.events.length} events, ${exported.people.length} people, ${exported.quotes.length} quotes (export: ${exportPath})`,
    );
    const args = [opts.scorer, '--gold', opts.gold, '--export', exportPath];
    if (opts.verbose) args.push('--verbose');
    if (opts.json) args.push('--json');
    if (opts.require) args.push('--require', opts.require);
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    return run.status ?? 1;
  } finally {
    await store.close();
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
    else console.error(`score-seeds: kept ${work}`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`score-seeds: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
