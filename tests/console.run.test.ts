import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from 'better-sqlite3';
import { GENEVA_AND_MIAMI, insertTalks, openMigratedMemoryDb, queryOnlyStore } from './support/talksFixture.ts';
import { runConsoleWith, testApp } from './support/consoleHarness.ts';

let db: Database;
beforeEach(async () => {
  db = await openMigratedMemoryDb();
});
afterEach(() => db.close());

describe('console mode', () => {
  it('runs typed commands and prints their replies as text until exit', async () => {
    insertTalks(db, GENEVA_AND_MIAMI);
    const out = await runConsoleWith(testApp(queryOnlyStore(db)), ['/who name:Umerov', '', 'latest-talks count:1', 'exit', '/help']);
    expect(out).toContain('Rustem Umerov\n=============');
    expect(out).toContain('Secretary of the National Security and Defense Council');
    expect(out).toContain('≈ 2 Dec 2025 · Moscow, Russia');
    // Nothing after exit runs.
    expect(out).not.toContain('What Parley can do');
    expect(out).not.toContain('empty');
  });

  it('answers mistakes like the bot does, marked as private', async () => {
    insertTalks(db, GENEVA_AND_MIAMI);
    const out = await runConsoleWith(testApp(queryOnlyStore(db)), ['/whom name:x', '/latest-talks count:99']);
    expect(out).toContain('(only you would see this)\nUnknown command "/whom"');
    expect(out).toContain('"count" must be at most 10.');
  });

  it('offers the samples on an empty store and takes a command as "no"', async () => {
    const out = await runConsoleWith(testApp(queryOnlyStore(db)), ['/latest-talks']);
    expect(out).toContain('The store is empty. Load the sample corpus');
    expect(out).toContain('No talks recorded yet');
    expect(out).not.toContain('Loading the sample corpus');
  });

  it('does not load the samples when the answer is no', async () => {
    const out = await runConsoleWith(testApp(queryOnlyStore(db)), ['n', '/sources']);
    expect(out).toContain('Not loading samples.');
    expect(out).toContain('No feeds configured yet');
  });

  it('never offers the samples with PARLEY_SAMPLES=0', async () => {
    const out = await runConsoleWith(testApp(queryOnlyStore(db)), ['/latest-talks'], { env: { PARLEY_SAMPLES: '0' } });
    expect(out).not.toContain('sample corpus');
  });
});

describe('console mode in a terminal', () => {
  it('shows a prompt and ends on Ctrl-C', async () => {
    const { PassThrough } = await import('node:stream');
    const { runConsole } = await import('../src/console/run.ts');
    insertTalks(db, GENEVA_AND_MIAMI);
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const finished = runConsole({ app: testApp(queryOnlyStore(db)), input, output, env: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    input.write('/event id:1\r');
    await new Promise((resolve) => setTimeout(resolve, 200));
    input.write('\x03');
    await finished;
    expect(printed).toContain('parley> ');
    expect(printed).toContain('Ukrainian and US delegations met in Geneva on Sunday');
  });

  it('writes a log line above the prompt and draws the prompt again with what was typed', async () => {
    const { PassThrough } = await import('node:stream');
    const { runConsole } = await import('../src/console/run.ts');
    const { writeTerminalLogLine } = await import('../src/log.ts');
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const finished = runConsole({ app: testApp(queryOnlyStore(db)), input, output, logOutput: output, env: { PARLEY_SAMPLES: '0' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    input.write('/lat');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = printed.length;
    writeTerminalLogLine('12:00:00 WARN: feed failed\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = printed.slice(before);
    input.write('\x03');
    await finished;
    // The log line starts on a cleared line (not after "parley> /lat"), and the prompt with the
    // typed text comes back below it.
    const logAt = after.indexOf('12:00:00 WARN: feed failed\n');
    expect(logAt).toBeGreaterThan(-1);
    expect(after.slice(0, logAt)).toMatch(/\x1b\[0J$/);
    expect(after.slice(logAt)).toMatch(/feed failed\n[\s\S]*parley> \/lat/);
    // Once the console has ended, log lines no longer go to its output.
    const ended = printed.length;
    const stderrWrite = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    writeTerminalLogLine('12:00:01 INFO: after the console\n');
    const toStderr = stderrWrite.mock.calls.map((call) => call[0]);
    stderrWrite.mockRestore();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(printed.length).toBe(ended);
    expect(toStderr).toEqual(['12:00:01 INFO: after the console\n']);
  });
});
