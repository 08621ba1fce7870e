// The config and store a one-shot CLI command works on, both chosen by PARLEY_CONFIG/PARLEY_DB.
import { loadConfig } from '../config/load.ts';
import { resolveConfigDir, resolveDatabasePath } from '../config/paths.ts';
import type { LoadedConfig } from '../config/schema.ts';
import { logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { CliIo } from './io.ts';

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
  logger.debug({ config: config.dir, db: dbPath }, 'opening store');
  const store = await openStoreAt(dbPath);
  try {
    return await work({ config, store, dbPath });
  } finally {
    await store.close();
  }
}

/** Opens (creating and migrating) the store, with an error that names the file when it cannot. */
export async function openStoreAt(dbPath: string): Promise<Store> {
  // Imported after the config is validated, so a config mistake is reported first.
  const { openStore } = await import('../store/open.ts');
  try {
    return await openStore(dbPath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the store at ${dbPath}: ${reason} (set PARLEY_DB or store.path in parley.yaml)`, { cause: error });
  }
}
