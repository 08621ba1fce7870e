// Where the config folder and the SQLite file are. PARLEY_CONFIG and PARLEY_DB win over the
// defaults for every command, so a test or a second deployment never touches another's store.
import { resolve } from 'node:path';
import type { LoadedConfig } from './schema.ts';

type Env = Record<string, string | undefined>;

/** PARLEY_CONFIG, else `./config` of the working directory. */
export function resolveConfigDir(env: Env = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env.PARLEY_CONFIG?.trim();
  return resolve(cwd, fromEnv ? fromEnv : 'config');
}

/** PARLEY_DB, else `store.path` from parley.yaml; relative paths are taken from the working directory. */
export function resolveDatabasePath(config: LoadedConfig, env: Env = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env.PARLEY_DB?.trim();
  if (fromEnv === ':memory:') return fromEnv;
  return resolve(cwd, fromEnv ? fromEnv : config.parley.store.path);
}
