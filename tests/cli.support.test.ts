import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../src/cli/progress.ts';
import { REPO_ROOT } from './support/runParley.ts';
import { openTempStore } from './support/tempStore.ts';

function capture(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('createProgressReporter', () => {
  it('draws a bar with the count and the current input on a terminal', () => {
    const { stream, text } = capture(true);
    const sigintListeners = process.listenerCount('SIGINT');
    const progress = createProgressReporter(stream, 'ingest');
    progress.update({ done: 0, total: 4, current: 'first.txt' });
    progress.update({ done: 4, total: 4, current: 'last.txt' });
    expect(process.listenerCount('SIGINT')).toBe(sigintListeners + 1);
    progress.stop();
    progress.stop();
    expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
    expect(text()).toContain('ingest [');
    expect(text()).toContain('4/4 last.txt');
  });

  it('on Ctrl-C puts line wrapping back and exits 130', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      "import { PassThrough } from 'node:stream';",
      "import { createProgressReporter } from './src/cli/progress.ts';",
      'const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });',
      "stream.on('data', (chunk) => process.stdout.write(chunk));",
      "const progress = createProgressReporter(stream, 'ingest');",
      "progress.update({ done: 1, total: 3, current: 'a.txt' });",
      "process.kill(process.pid, 'SIGINT');",
      'setTimeout(() => {}, 5000);',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(130);
    expect(child.stdout).toContain('\u001b[?7h');
    expect(child.stdout).toContain('interrupted');
  }, 90_000);

  it('writes nothing when stderr is a pipe or a file', () => {
    const { stream, text } = capture(false);
    const progress = createProgressReporter(stream, 'ingest');
    progress.update({ done: 1, total: 2, current: 'a.txt' });
    progress.stop();
    expect(text()).toBe('');
  });
});

describe('openTempStore', () => {
  it('opens a fresh, migrated store and removes it on cleanup', async () => {
    const temp = await openTempStore();
    expect(await temp.store.articles.count()).toBe(0);
    expect(await temp.store.integrityCheck()).toBe('ok');
    expect(existsSync(temp.path)).toBe(true);
    await temp.cleanup();
    await temp.cleanup();
    expect(existsSync(temp.dir)).toBe(false);
  });

  it('gives every caller its own store', async () => {
    const [a, b] = await Promise.all([openTempStore(), openTempStore()]);
    try {
      expect(a.path).not.toBe(b.path);
    } finally {
      await Promise.all([a.cleanup(), b.cleanup()]);
    }
  });
});
