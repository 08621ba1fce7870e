// Where the config folder and the store (an SQLite file or a PostgreSQL URL) are. PARLEY_CONFIG and PARLEY_DB win over the
// defaults for every command, so a test or a second deployment never touches another's store.
import { resolve } from 'node:path';
import type { LoadedConfig } from './schema.ts';
import { isPostgresUrl } from '../store/location.ts';

type Env = Record<string, string | undefined>;

/** PARLEY_CONFIG, else `./config` of the working directory. */
export function resolveConfigDir(env: Env = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env.PARLEY_CONFIG?.trim();
  return resolve(cwd, fromEnv ? fromEnv : 'config');
}

/**
 * PARLEY_DB, else `store.url`, else `store.path` from parley.yaml. A postgres:// URL is returned
 * as it is; relative file paths are taken from the working directory.
 */
export function resolveDatabasePath(config: LoadedConfig, env: Env = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env.PARLEY_DB?.trim();
  if (fromEnv === ':memory:') return fromEnv;
  const chosen = fromEnv ? fromEnv : (config.parley.store.url ?? config.parley.store.path);
  return isPostgresUrl(chosen) ? chosen : resolve(cwd, chosen);
}
