import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedPath } from './support/shared.ts';

describe('sharedPath', () => {
  const dirs: string[] = [];
  const folder = (withShared: boolean): string => {
    const parent = mkdtempSync(join(tmpdir(), 'parley-shared-'));
    dirs.push(parent);
    mkdirSync(join(parent, 'repo'));
    if (withShared) mkdirSync(join(parent, 'shared', 'seeds'), { recursive: true });
    return join(parent, 'repo');
  };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds a folder inside the shared/ beside the repo', () => {
    const repoRoot = folder(true);
    expect(sharedPath(['seeds'], { repoRoot, env: {} })).toBe(join(repoRoot, '..', 'shared', 'seeds'));
  });

  it('is undefined, with the reason printed, when shared/ is not beside the repo', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(sharedPath(['seeds'], { repoRoot: folder(false), env: {} })).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^skipped: .*shared.seeds is not there/));
  });

  it('fails instead of skipping when PARLEY_REQUIRE_SHARED=1 (as CI sets it)', () => {
    expect(() => sharedPath(['seeds'], { repoRoot: folder(false), env: { PARLEY_REQUIRE_SHARED: '1' } })).toThrow(
      /PARLEY_REQUIRE_SHARED=1/,
    );
  });
});
