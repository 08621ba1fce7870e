import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFeedHealthTable } from '../src/cli/commands/feeds.ts';
import { formatIngestSummary } from '../src/cli/commands/ingest.ts';
import { runParley, runParleyInProcess } from './support/runParley.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-cli-basics-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runMain(argv: string[], env: Record<string, string> = {}) {
  return runParleyInProcess(argv, { env, cwd: dir });
}

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

describe('parley (in-process)', { timeout: 180_000 }, () => {
  it('prints help with every subcommand', async () => {
    const { code, stdout } = await runMain(['help']);
    expect(code).toBe(0);
    for (const command of ['start', 'ingest', 'poll', 'feeds', 'export', 'reextract', 'ask', 'deploy-commands'])
      expect(stdout).toContain(command);
    expect(stdout).toContain('PARLEY_CONFIG');
    expect(stdout).toContain('PARLEY_DB');
  });

  it('without a command prints help on stderr and exits 2', async () => {
    const { code, stderr } = await runMain([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: parley <command>');
  });

  it('suggests the closest command for a typo', async () => {
    const { code, stderr } = await runMain(['inget', 'x']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "inget" (did you mean "ingest"?)');
  });

  it('names the subcommand and the unknown option', async () => {
    const { code, stderr } = await runMain(['export', '--yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain("parley: export: Unknown option '--yaml'");
  });

  it('refuses ingest without inputs and ask without a command line', async () => {
    expect((await runMain(['ingest'])).stderr).toContain('ingest needs at least one file, folder or URL');
    expect((await runMain(['ask'])).stderr).toContain('ask needs a command line');
  });

  it('asks for both Discord variables before deploying', async () => {
    const { code, stderr } = await runMain(['deploy-commands'], { DISCORD_TOKEN: 'x' });
    expect(code).toBe(2);
    expect(stderr).toContain('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  });

  it('reports an invalid config with file and field, exit 1, and no stack trace', async () => {
    const configDir = join(dir, 'bad-config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'parley.yaml'), 'feeds:\n  - name: x\n    url: ftp://x\n');
    const { code, stderr } = await runMain(['export', '--json'], { PARLEY_CONFIG: configDir });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `parley: invalid configuration:\n${join(configDir, 'parley.yaml')}: feeds[0].url: expected an http(s) URL, got "ftp://x"\n`,
    );
  });

  it('checks a config folder and prints it with the defaults filled in', async () => {
    const configDir = join(dir, 'check-config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'parley.yaml'), 'feeds:\n  - name: One\n    url: https://example.org/rss\n');
    const { code, stdout } = await runMain(['config', '--json'], { PARLEY_CONFIG: configDir, PARLEY_DB: '/srv/x.db' });
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as {
      configDir: string;
      database: string;
      parley: { feeds: Array<{ pollMinutes: number }> };
      people: unknown[];
    };
    expect(printed.configDir).toBe(configDir);
    expect(printed.database).toBe('/srv/x.db');
    expect(printed.parley.feeds[0]?.pollMinutes).toBe(15);
    expect(printed.people).toEqual([]);
  });

  it('names the store file when it cannot be opened', async () => {
    const configDir = join(dir, 'good-config');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'parley.yaml'), '');
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const db = join(dir, 'a-file', 'parley.db');
    const { code, stderr } = await runMain(['export'], { PARLEY_CONFIG: configDir, PARLEY_DB: db });
    expect(code).toBe(1);
    expect(stderr).toContain(`parley: cannot open the store at ${db}: `);
    expect(stderr).toContain('(set PARLEY_DB or store.path in parley.yaml)');
  });

  it('says where parley.yaml was looked for when the folder has none', async () => {
    const { code, stderr } = await runMain(['feeds'], { PARLEY_CONFIG: join(dir, 'nowhere') });
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(dir, 'nowhere', 'parley.yaml')}: file not found`);
  });
});

describe('parley (as a process)', { timeout: 180_000 }, () => {
  it('exits 2 for an unknown command and 1 for a broken config, never with a stack trace', async () => {
    const unknown = await runParley(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.stderr).not.toMatch(STACK_LINE);

    const configDir = join(dir, 'syntax');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'parley.yaml'), 'timeZone: UTC\nfeeds: [\n');
    const broken = await runParley(['feeds'], { env: { PARLEY_CONFIG: configDir, PARLEY_DB: join(dir, 'x.db') } });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/parley\.yaml: YAML syntax error at line \d+, column \d+/);
    expect(broken.stderr).not.toMatch(STACK_LINE);
  });

  it('prints its version', async () => {
    const run = await runParley(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('CLI output formats', () => {
  it('summarises an ingest run in one line, then one line per failure', () => {
    expect(formatIngestSummary({ ingested: 5, duplicates: 0, failed: [] })).toEqual(['ingested 5, duplicates 0, failed 0']);
    expect(formatIngestSummary({ ingested: 1, duplicates: 0, failed: [{ input: 'x.pdf', reason: 'unsupported file type' }] })).toEqual([
      'ingested 1, duplicates 0, failed 1',
      'failed: x.pdf: unsupported file type',
    ]);
  });

  it('says plainly when a second run found only duplicates', () => {
    expect(formatIngestSummary({ ingested: 0, duplicates: 5, failed: [] })).toEqual([
      'ingested 0, duplicates 5, failed 0',
      'nothing new: all 5 articles are duplicates of what the store already has',
    ]);
  });

  it('renders feed health as an aligned table', () => {
    const table = formatFeedHealthTable([
      {
        id: 1,
        url: 'https://example.org/rss',
        name: 'Example',
        enabled: true,
        lastPolledAt: '2026-01-02T03:04:05.000Z',
        lastSuccessAt: null,
        lastError: 'timeout after 15000 ms',
        lastErrorAt: '2026-01-02T03:04:05.000Z',
        consecutiveFailures: 2,
        nextPollAt: '2026-01-02T03:08:05.000Z',
        articleCount: 0,
      },
      {
        id: 2,
        url: 'https://example.com/feed',
        name: 'Other',
        enabled: false,
        lastPolledAt: null,
        lastSuccessAt: null,
        lastError: null,
        lastErrorAt: null,
        consecutiveFailures: 0,
        nextPollAt: null,
        articleCount: 12,
      },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^feed\s+status\s+last success\s+last error\s+failures\s+next poll\s+articles$/);
    expect(lines[2]).toContain('Example <https://example.org/rss>');
    expect(lines[2]).toContain('failing');
    expect(lines[2]).toContain('2026-01-02 03:04Z timeout after 15000 ms');
    expect(lines[3]).toContain('disabled');
    expect(lines[2]!.indexOf('failing')).toBe(lines[3]!.indexOf('disabled'));
    expect(formatFeedHealthTable([])).toContain('no feeds configured');
  });
});
