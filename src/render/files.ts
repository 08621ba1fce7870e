// Where the files of a reply go on a terminal (console mode, `parley ask`): written into a
// folder, one new file each, and the path printed in place of the attachment.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reply } from '../interaction/command.ts';

/** Console mode and `parley ask` save pictures here unless told otherwise. */
export function defaultFilesDir(): string {
  return join(tmpdir(), 'parley');
}

/**
 * Writes each file of `reply` into `dir` as `<time>-<name>` (a new name each time, so nothing is
 * overwritten) and returns the paths, in the reply's order.
 */
export async function saveReplyFiles(reply: Reply, dir: string, now: Date = new Date()): Promise<string[]> {
  if (!reply.files?.length) return [];
  await mkdir(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const paths: string[] = [];
  for (const [i, file] of reply.files.entries()) {
    const safeName = file.name.replace(/[^A-Za-z0-9._-]/g, '_') || 'file';
    const path = join(dir, `${stamp}-${i}-${safeName}`);
    await writeFile(path, file.data, { flag: 'wx' });
    paths.push(path);
  }
  return paths;
}

/** "picture saved: PATH" lines for the saved files. */
export function savedFilesText(paths: string[]): string {
  return paths.map((p) => `${/\.png$/i.test(p) ? 'picture' : 'file'} saved: ${p}`).join('\n');
}
