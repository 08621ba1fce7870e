// The shared corpus folder beside the repo (../shared: the seed articles, the real eval corpus,
// the scorer). A plain clone has none, so a test that reads it skips with a printed reason
// instead of failing. CI always has it and sets PARLEY_REQUIRE_SHARED=1 (.ci/run): there a
// missing folder fails the run, so the tests it feeds can never be skipped unnoticed.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'vitest';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface SharedLookup {
  /** The folder the repo sits in; its `shared/` is looked up. */
  repoRoot?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The path of `segments` inside ../shared, or undefined (with the reason printed) when it is not
 * there. Throws instead when PARLEY_REQUIRE_SHARED=1, so CI cannot skip what needs it.
 */
export function sharedPath(segments: string[], lookup: SharedLookup = {}): string | undefined {
  const path = join(resolve(lookup.repoRoot ?? REPO_ROOT, '..', 'shared'), ...segments);
  if (existsSync(path)) return path;
  const env = lookup.env ?? process.env;
  if (env.PARLEY_REQUIRE_SHARED === '1') {
    throw new Error(`${path} is missing, and PARLEY_REQUIRE_SHARED=1 says it must be there (the shared/ folder beside the repo)`);
  }
  console.warn(sharedSkipReason(path));
  return undefined;
}

function sharedSkipReason(path: string): string {
  return `skipped: ${path} is not there (the shared/ folder beside the repo; CI has it)`;
}

/** The path of `segments` inside ../shared for a test that cannot run without it: skips that test when absent. */
export function sharedOrSkip(context: TestContext, ...segments: string[]): string {
  return sharedPath(segments) ?? context.skip(`needs ../shared/${segments.join('/')}`);
}
