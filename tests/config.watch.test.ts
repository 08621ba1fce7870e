import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/load.ts';
import type { LoadedConfig } from '../src/config/schema.ts';
import { ConfigWatcher } from '../src/config/watch.ts';

let dir: string;
let watcher: ConfigWatcher | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-watch-'));
  writeFileSync(join(dir, 'parley.yaml'), 'timeZone: UTC\nfeeds:\n  - name: First\n    url: https://example.org/one.xml\n');
});
afterEach(() => {
  watcher?.close();
  watcher = null;
  rmSync(dir, { recursive: true, force: true });
});

/** A pino logger whose lines the test can read. */
function capturingLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function nextChange(source: ConfigWatcher): Promise<LoadedConfig> {
  return new Promise((resolve) => {
    const off = source.onChange((config) => {
      off();
      resolve(config);
    });
  });
}

function nextRejection(source: ConfigWatcher): Promise<ConfigError> {
  return new Promise((resolve) => {
    const off = source.onRejected((error) => {
      off();
      resolve(error);
    });
  });
}

/** Writes the way editors do: a new file renamed over the old one. */
function replaceFile(name: string, text: string): void {
  const temp = join(dir, `.${name}.swp`);
  writeFileSync(temp, text);
  renameSync(temp, join(dir, name));
}

describe('ConfigWatcher', () => {
  it('refuses to start on an invalid folder', () => {
    writeFileSync(join(dir, 'parley.yaml'), 'timeZone: 5\n');
    expect(() => new ConfigWatcher(dir, { reloadOnSighup: false })).toThrowError(ConfigError);
  });

  it('applies a valid edit of parley.yaml made while it runs', async () => {
    watcher = new ConfigWatcher(dir, { debounceMs: 30, reloadOnSighup: false });
    expect(watcher.current().parley.feeds.map((f) => f.name)).toEqual(['First']);
    const changed = nextChange(watcher);
    writeFileSync(join(dir, 'parley.yaml'), 'timeZone: Europe/Kyiv\nfeeds:\n  - name: Second\n    url: https://example.org/two.xml\n');
    const config = await changed;
    expect(config.parley.timeZone).toBe('Europe/Kyiv');
    expect(config.parley.feeds.map((f) => f.name)).toEqual(['Second']);
    expect(watcher.current()).toBe(config);
  });

  it('picks up a people.yaml that appears later, written by rename', async () => {
    watcher = new ConfigWatcher(dir, { debounceMs: 30, reloadOnSighup: false });
    expect(watcher.current().people).toEqual([]);
    const changed = nextChange(watcher);
    replaceFile('people.yaml', 'people:\n  - name: Ada Example\n    aliases: [Example]\n');
    expect((await changed).people.map((p) => p.name)).toEqual(['Ada Example']);
  });

  it('rejects an invalid edit with the file/field message, logs it, and keeps the last good config', async () => {
    const { logger, lines } = capturingLogger();
    watcher = new ConfigWatcher(dir, { debounceMs: 30, reloadOnSighup: false, logger });
    const before = watcher.current();
    let changes = 0;
    watcher.onChange(() => changes++);
    const rejected = nextRejection(watcher);
    writeFileSync(join(dir, 'parley.yaml'), 'feeds:\n  - name: Broken\n    url: ftp://x\n');
    const error = await rejected;
    expect(error.message).toBe(`${join(dir, 'parley.yaml')}: feeds[0].url: expected an http(s) URL, got "ftp://x"`);
    expect(watcher.current()).toBe(before);
    expect(changes).toBe(0);
    const logged = lines.find((line) => line.level === 50);
    expect(logged?.msg).toContain('feeds[0].url: expected an http(s) URL');
    expect(logged?.problems).toEqual([error.message]);

    // Fixing the file afterwards applies normally.
    const changed = nextChange(watcher);
    writeFileSync(join(dir, 'parley.yaml'), 'feeds:\n  - name: Fixed\n    url: https://example.org/fixed.xml\n');
    expect((await changed).parley.feeds.map((f) => f.name)).toEqual(['Fixed']);
  });

  it('debounces a burst of writes into one reload', async () => {
    watcher = new ConfigWatcher(dir, { debounceMs: 400, reloadOnSighup: false });
    const seen: string[] = [];
    watcher.onChange((config) => seen.push(config.parley.feeds[0]?.name ?? ''));
    for (const name of ['A', 'B', 'C', 'D']) {
      writeFileSync(join(dir, 'parley.yaml'), `feeds:\n  - name: ${name}\n    url: https://example.org/${name}.xml\n`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(seen).toEqual(['D']);
  });

  it('ignores files that are not config files', async () => {
    const { logger, lines } = capturingLogger();
    watcher = new ConfigWatcher(dir, { debounceMs: 30, reloadOnSighup: false, logger });
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.filter((line) => line.msg === 'config unchanged' || line.msg === 'config reloaded')).toEqual([]);
  });

  it('reloads on SIGHUP', async () => {
    watcher = new ConfigWatcher(dir, { watchFiles: false });
    writeFileSync(join(dir, 'parley.yaml'), 'timeZone: Asia/Tokyo\n');
    // Without file watching, nothing changes until the signal.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(watcher.current().parley.timeZone).toBe('UTC');
    const changed = nextChange(watcher);
    process.kill(process.pid, 'SIGHUP');
    expect((await changed).parley.timeZone).toBe('Asia/Tokyo');
  });

  it('stops reacting after close()', async () => {
    watcher = new ConfigWatcher(dir, { debounceMs: 30 });
    const listenersBefore = process.listenerCount('SIGHUP');
    let changes = 0;
    watcher.onChange(() => changes++);
    watcher.close();
    expect(process.listenerCount('SIGHUP')).toBe(listenersBefore - 1);
    writeFileSync(join(dir, 'parley.yaml'), 'timeZone: Asia/Tokyo\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(changes).toBe(0);
    expect(watcher.current().parley.timeZone).toBe('UTC');
  });

  it('reports unchanged when a file is touched without a change', () => {
    watcher = new ConfigWatcher(dir, { watchFiles: false, reloadOnSighup: false });
    expect(watcher.reload()).toBe('unchanged');
    writeFileSync(join(dir, 'parley.yaml'), 'timeZone: Asia/Tokyo\n');
    expect(watcher.reload()).toBe('applied');
    writeFileSync(join(dir, 'parley.yaml'), 'timeZone: [\n');
    expect(watcher.reload()).toBe('rejected');
    expect(watcher.current().parley.timeZone).toBe('Asia/Tokyo');
  });
});

describe('ConfigWatcher with an atomically swapped folder', () => {
  it('reloads when the ..data link that holds the files is replaced (Kubernetes ConfigMap style)', async () => {
    const { mkdirSync, symlinkSync } = await import('node:fs');
    // dir/parley.yaml -> ..data/parley.yaml, ..data -> v1; an update writes v2 and swaps ..data.
    rmSync(join(dir, 'parley.yaml'));
    mkdirSync(join(dir, 'v1'));
    writeFileSync(join(dir, 'v1', 'parley.yaml'), 'timeZone: UTC\n');
    symlinkSync('v1', join(dir, '..data'));
    symlinkSync(join('..data', 'parley.yaml'), join(dir, 'parley.yaml'));
    watcher = new ConfigWatcher(dir, { debounceMs: 30, reloadOnSighup: false });
    expect(watcher.current().parley.timeZone).toBe('UTC');

    const changed = nextChange(watcher);
    mkdirSync(join(dir, 'v2'));
    writeFileSync(join(dir, 'v2', 'parley.yaml'), 'timeZone: Europe/Kyiv\n');
    symlinkSync('v2', join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    expect((await changed).parley.timeZone).toBe('Europe/Kyiv');
  });
});
