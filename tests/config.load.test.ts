import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load.ts';
import { resolveConfigDir, resolveDatabasePath } from '../src/config/paths.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  writeFileSync(join(dir, file), text);
}

function loadError(): ConfigError {
  try {
    loadConfig(dir);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('loads the shipped config folder', () => {
    const config = loadConfig(resolve('config'));
    expect(config.parley.feeds.length).toBeGreaterThanOrEqual(3);
    for (const feed of config.parley.feeds) expect(feed.url).toMatch(/^https?:\/\//);
    expect(config.parley.store.path).toBe('data/parley.db');
    expect(config.people.length).toBeGreaterThan(0);
    expect(config.places.length).toBeGreaterThan(0);
  });

  it('fills defaults for an empty parley.yaml and treats absent people.yaml and places.yaml as none', () => {
    write('parley.yaml', '');
    const config = loadConfig(dir);
    expect(config.dir).toBe(resolve(dir));
    expect(config.parley.timeZone).toBe('UTC');
    expect(config.parley.feeds).toEqual([]);
    expect(config.parley.fetch.timeoutMs).toBe(15_000);
    expect(config.parley.digests.defaultTime).toBe('08:00');
    expect(config.people).toEqual([]);
    expect(config.places).toEqual([]);
  });

  it('treats an empty people.yaml, and one with an empty people key, as no people', () => {
    write('parley.yaml', 'timeZone: UTC\n');
    write('people.yaml', '');
    expect(loadConfig(dir).people).toEqual([]);
    write('people.yaml', '# nobody yet\npeople:\n');
    expect(loadConfig(dir).people).toEqual([]);
  });

  it('names the file, the field path, what was expected and what it got for a bad feed URL', () => {
    write('parley.yaml', 'feeds:\n  - name: x\n    url: ftp://x\n');
    const error = loadError();
    expect(error.message).toBe(`${join(dir, 'parley.yaml')}: feeds[0].url: expected an http(s) URL, got "ftp://x"`);
  });

  it('shows the path relative to the working directory when the folder is inside it', () => {
    const inside = mkdtempSync(join(resolve('.'), '.tmp-config-test-'));
    try {
      writeFileSync(join(inside, 'parley.yaml'), 'feeds:\n  - name: x\n    url: ftp://x\n');
      expect(() => loadConfig(inside)).toThrowError(/^\.tmp-config-test-\w+\/parley\.yaml: feeds\[0\]\.url: expected an http\(s\) URL/);
    } finally {
      rmSync(inside, { recursive: true, force: true });
    }
  });

  it('reports every problem in a file, one line each', () => {
    write(
      'parley.yaml',
      [
        'timeZone: Mars/Olympus',
        'feeds:',
        '  - url: https://example.org/rss',
        '    pollMinutes: 0',
        'digests:',
        '  defaultTime: 8am',
        '  maxItems: "ten"',
      ].join('\n'),
    );
    const problems = loadError().problems.map((line) => line.slice(join(dir, 'parley.yaml').length + 2));
    expect(problems).toEqual(
      expect.arrayContaining([
        'timeZone: expected an IANA time zone such as "UTC" or "Europe/Kyiv", got "Mars/Olympus"',
        'feeds[0].name: expected a string, got nothing (this field is required)',
        'feeds[0].pollMinutes: expected a number >= 1, got 0',
        'digests.defaultTime: expected a time of day as HH:MM, got "8am"',
        'digests.maxItems: expected a number, got "ten"',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('rejects digest subscriptions the scheduler could not run, naming file and field', () => {
    const channel = '123456789012345678';
    write(
      'parley.yaml',
      [
        'digests:',
        '  subscriptions:',
        `    - { channelId: "${channel}", schedule: "daily 25:00" }`,
        `    - { channelId: "${channel}", schedule: "weekly funday 08:00" }`,
        `    - { channelId: "${channel}", schedule: "daily 08:00", side: XX }`,
        `    - { channelId: "${channel}", schedule: "daily 08:00", person: "" }`,
        `    - { channelId: "${channel}", schedule: "daily 08:00", keywords: "  " }`,
        `    - { channelId: "${channel}", schedule: "every morning" }`,
        `    - { channelId: "${channel}", schedule: "0 8 * * 1-5", side: UA, person: Ada Example }`,
      ].join('\n'),
    );
    const problems = loadError().problems.map((line) => line.slice(join(dir, 'parley.yaml').length + 2));
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^digests\.subscriptions\[0\]\.schedule: expected "daily HH:MM", "weekly DAY HH:MM" or a 5-field cron expression \("25:00" is not a time of day.*\), got "daily 25:00"$/,
        ),
        expect.stringMatching(
          /^digests\.subscriptions\[1\]\.schedule: expected .*"funday" is not a day of the week.*, got "weekly funday 08:00"$/,
        ),
        'digests.subscriptions[2].side: expected an ISO 3166-1 alpha-2 country code such as "UA", or "EU", got "XX"',
        'digests.subscriptions[3].person: expected a non-empty string, got ""',
        'digests.subscriptions[4].keywords: expected a non-empty string, got "  "',
        expect.stringMatching(/^digests\.subscriptions\[5\]\.schedule: expected .*, got "every morning"$/),
      ]),
    );
  });

  it('accepts every assigned country code and EU, and no made-up one, for people and places too', () => {
    write('parley.yaml', '');
    write('places.yaml', 'places:\n  - { name: Pristina, country: XK }\n  - { name: Brussels, country: EU }\n');
    expect(loadConfig(dir).places.map((place) => place.country)).toEqual(['XK', 'EU']);
    write('people.yaml', 'people:\n  - { name: Ada Example, country: ZZ }\n');
    expect(loadError().message).toMatch(/people\.yaml: people\[0\]\.country: expected an ISO 3166-1 alpha-2 country code .*, got "ZZ"$/);
  });

  it('refuses two feeds with the same name', () => {
    write('parley.yaml', 'feeds:\n  - { name: News, url: "https://example.org/a" }\n  - { name: news, url: "https://example.org/b" }\n');
    expect(loadError().message).toBe(
      `${join(dir, 'parley.yaml')}: feeds[1].name: expected a name not already used by feeds[0], got "news"`,
    );
  });

  it('refuses two feeds with the same URL', () => {
    write('parley.yaml', 'feeds:\n  - { name: A, url: "https://example.org/rss" }\n  - { name: B, url: "https://example.org/rss" }\n');
    expect(loadError().message).toBe(
      `${join(dir, 'parley.yaml')}: feeds[1].url: expected a URL not already used by feeds[0], got "https://example.org/rss"`,
    );
  });

  it('names unknown fields and lists the allowed ones (a typo is not silently ignored)', () => {
    write('parley.yaml', 'feeds:\n  - name: x\n    url: https://example.org/feed\n    pollMinute: 5\n');
    expect(loadError().message).toBe(
      `${join(dir, 'parley.yaml')}: feeds[0]: unknown field "pollMinute" (allowed: name, url, pollMinutes, enabled)`,
    );
  });

  it('rejects a top level that is not a mapping', () => {
    write('parley.yaml', '- just\n- a list\n');
    expect(loadError().message).toBe(
      `${join(dir, 'parley.yaml')}: (top level): expected a mapping of fields (key: value), got a list of 2 items`,
    );
  });

  it('names file, line and column for a YAML syntax error', () => {
    write('parley.yaml', 'timeZone: UTC\nfeeds:\n  - name: "unclosed\n    url: https://example.org\n');
    const message = loadError().message;
    expect(message).toMatch(new RegExp(`^${escapeRegExp(join(dir, 'parley.yaml'))}: YAML syntax error at line \\d+, column \\d+: `));
  });

  it('names file, line and column for a duplicate key', () => {
    write('parley.yaml', 'timeZone: UTC\ntimeZone: Europe/Kyiv\n');
    expect(loadError().message).toMatch(/parley\.yaml: YAML syntax error at line 2, column 1: Map keys must be unique/);
  });

  it('explains a second YAML document in operator terms', () => {
    write('parley.yaml', '');
    write('people.yaml', 'people: []\n---\npeople: []\n');
    expect(loadError().message).toBe(
      `${join(dir, 'people.yaml')}: YAML syntax error at line 2, column 1: the file holds more than one YAML document (a second "---"); keep one`,
    );
  });

  it('says parley.yaml is missing and how to point at another folder', () => {
    expect(loadError().message).toBe(
      `${join(dir, 'parley.yaml')}: file not found (a config folder needs parley.yaml; set PARLEY_CONFIG to the folder that has it)`,
    );
  });

  it('validates people.yaml and places.yaml with their own file names', () => {
    write('parley.yaml', '');
    write('people.yaml', 'people:\n  - name: Ada Example\n    country: Ukraine\n');
    write('places.yaml', 'places:\n  - name: Springfield\n');
    const problems = loadError().problems;
    expect(problems).toEqual([
      `${join(dir, 'people.yaml')}: people[0].country: expected an ISO 3166-1 alpha-2 country code such as "UA", or "EU", got "Ukraine"`,
      `${join(dir, 'places.yaml')}: places[0].country: expected a string, got nothing (this field is required)`,
    ]);
  });

  it('refuses an alias that two known people claim', () => {
    write('parley.yaml', '');
    write(
      'people.yaml',
      'people:\n  - name: Ada Example\n    aliases: [Example]\n  - name: Bob Example\n    aliases: [example, B. Example]\n',
    );
    expect(loadError().message).toBe(
      `${join(dir, 'people.yaml')}: people[1].aliases[0]: expected a name or alias not already used by people[0] (Ada Example), got "example"`,
    );
  });

  it('loads people and places with their aliases', () => {
    write('parley.yaml', '');
    write('people.yaml', 'people:\n  - name: Ada Example\n    aliases: [Example]\n    country: EU\n    role: Envoy\n');
    write('places.yaml', 'places:\n  - name: Springfield\n    country: US\n');
    const config = loadConfig(dir);
    expect(config.people).toEqual([{ name: 'Ada Example', aliases: ['Example'], country: 'EU', role: 'Envoy' }]);
    expect(config.places).toEqual([{ name: 'Springfield', aliases: [], country: 'US' }]);
  });

  it('refuses a folder where parley.yaml is itself a folder', () => {
    mkdirSync(join(dir, 'parley.yaml'));
    expect(loadError().message).toBe(`${join(dir, 'parley.yaml')}: is a folder, expected a YAML file`);
  });
});

describe('PARLEY_CONFIG and PARLEY_DB', () => {
  it('default to ./config and store.path, both from the working directory', () => {
    write('parley.yaml', 'store:\n  path: var/x.db\n');
    const config = loadConfig(dir);
    expect(resolveConfigDir({}, '/srv/parley')).toBe('/srv/parley/config');
    expect(resolveDatabasePath(config, {}, '/srv/parley')).toBe('/srv/parley/var/x.db');
  });

  it('override the defaults, relative to the working directory', () => {
    write('parley.yaml', 'store:\n  path: var/x.db\n');
    const config = loadConfig(dir);
    const env = { PARLEY_CONFIG: 'other/config', PARLEY_DB: '/tmp/elsewhere.db' };
    expect(resolveConfigDir(env, '/srv/parley')).toBe('/srv/parley/other/config');
    expect(resolveDatabasePath(config, env, '/srv/parley')).toBe('/tmp/elsewhere.db');
    expect(resolveDatabasePath(config, { PARLEY_DB: 'rel.db' }, '/srv/parley')).toBe('/srv/parley/rel.db');
  });

  it('take a PostgreSQL URL from PARLEY_DB or store.url as it is, never as a path', () => {
    write('parley.yaml', 'store:\n  path: var/x.db\n  url: postgres://parley@db.internal:5432/parley\n');
    const config = loadConfig(dir);
    expect(resolveDatabasePath(config, {}, '/srv/parley')).toBe('postgres://parley@db.internal:5432/parley');
    expect(resolveDatabasePath(config, { PARLEY_DB: 'postgresql://other@host/db' }, '/srv/parley')).toBe('postgresql://other@host/db');
    expect(resolveDatabasePath(config, { PARLEY_DB: 'local.db' }, '/srv/parley')).toBe('/srv/parley/local.db');
  });

  it('reject a store.url that is not a PostgreSQL URL, naming the field', () => {
    write('parley.yaml', 'store:\n  url: mysql://x@y/z\n');
    expect(() => loadConfig(dir)).toThrow(/store\.url: expected a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('ignore empty values', () => {
    expect(resolveConfigDir({ PARLEY_CONFIG: '  ' }, '/srv')).toBe('/srv/config');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
