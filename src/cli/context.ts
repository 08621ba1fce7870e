// The config and store a one-shot CLI command works on, both chosen by PARLEY_CONFIG/PARLEY_DB.
import { loadConfig } from '../config/load.ts';
import { resolveConfigDir, resolveDatabasePath } from '../config/paths.ts';
import type { LoadedConfig } from '../config/schema.ts';
import { logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliFailure, println, type CliIo } from './io.ts';
import { isPostgresUrl, redactLocation } from '../store/location.ts';

export interface CliContext {
  config: LoadedConfig;
  store: Store;
  dbPath: string;
}

export function loadCliConfig(io: CliIo): LoadedConfig {
  return loadConfig(resolveConfigDir(io.env, io.cwd));
}

/** Runs `work` with the config and an open store, and closes the store whatever happens. */
export async function withStore<T>(io: CliIo, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadCliConfig(io);
  const dbPath = resolveDatabasePath(config, io.env, io.cwd);
  logger.debug({ config: config.dir, db: redactLocation(dbPath) }, 'opening store');
  prepareStoreFolder(dbPath, io);
  const store = await openStoreAt(dbPath);
  try {
    return await work({ config, store, dbPath });
  } finally {
    await store.close();
  }
}

/**
 * A PARLEY_DB whose folder does not exist is most likely a typo, and creating it would hide
 * the operator's real store behind a new empty one: refuse. The folder of `store.path` (the
 * default `data/` on a fresh clone) is created, and the operator is told so.
 */
export function prepareStoreFolder(dbPath: string, io: CliIo): void {
  if (dbPath === ':memory:' || isPostgresUrl(dbPath) || existsSync(dbPath)) return;
  const folder = dirname(dbPath);
  if (existsSync(folder)) return;
  const fromEnv = io.env.PARLEY_DB?.trim();
  if (fromEnv) {
    throw new CliFailure(
      `PARLEY_DB=${fromEnv}: the folder ${folder} does not exist; create it first (mkdir -p ${folder}) or correct the path`,
    );
  }
  println(io.stderr, `parley: creating the folder ${folder} for a new store at ${dbPath} (store.path in parley.yaml)`);
}

/** The folder `file` would be written into, checked before any work is done for it. */
export function checkOutputFolder(file: string): void {
  const folder = dirname(file);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new CliFailure(`cannot write ${file}: the folder ${folder} does not exist`);
  }
  if (!isFolder) throw new CliFailure(`cannot write ${file}: ${folder} is not a folder`);
}

/** Opens (creating and migrating) the store, with an error that names the file when it cannot. */
export async function openStoreAt(dbPath: string): Promise<Store> {
  // Imported after the config is validated, so a config mistake is reported first.
  const { openStore } = await import('../store/open.ts');
  try {
    return await openStore(dbPath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliFailure(`cannot open the store at ${redactLocation(dbPath)}: ${reason} (set PARLEY_DB or store.path in parley.yaml)`, {
      cause: error,
    });
  }
}
