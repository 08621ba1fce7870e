// The `parley` command. Each subcommand loads only the modules it needs, so `parley export`
// does not pay for discord.js and a broken area does not take the other subcommands down.
// User errors (bad config, bad arguments, missing env) print one clear message, never a stack.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config/load.ts';
import { logger, logLevelProblem } from '../log.ts';
import { CliFailure, processIo, println, UsageError, type CliIo } from './io.ts';

const HELP = `parley: news about diplomatic talks, turned into a source-cited event timeline

Usage: parley <command> [options]

Commands:
  start                       run the Discord bot (DISCORD_TOKEN and DISCORD_APPLICATION_ID set)
                              or console mode (no token), with the feed poller and digests
  ingest [--json] PATH|URL... store articles from files, folders, page URLs and feed URLs,
                              extract their events and merge them into the timeline
  poll                        poll every configured feed once, then show their health
  feeds [--json]              show the configured feeds and their health
  export [--json] [-o FILE]   print the whole timeline (events, people, quotes) as JSON
  reextract                   rebuild the timeline from the stored articles
  migrate-store --from LOCATION --to LOCATION
                              copy a whole store between SQLite and PostgreSQL (either
                              way) into an empty one, verified by comparing exports
  timeline --out FILE.png     draw the timeline picture (what /timeline posts) into a PNG file
        [--side X] [--person NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  config [--json]             check the config folder and print it with every default filled in
  ask "/command opt:value"    run a slash command and print its reply as text
        [--guild ID] [--channel ID]
  deploy-commands [--guild ID]
                              register the slash commands with Discord (guild: at once)
  help                        this text

Environment:
  PARLEY_CONFIG     config folder (default ./config)
  PARLEY_DB         SQLite file or postgres:// URL (default store.url, else store.path)
  PARLEY_HTTP_PORT  port of GET /healthz and /metrics in start (default http.port, 9464; 0 for none)
  PARLEY_LOG_LEVEL  trace, debug, info (default), warn, error, silent
  DISCORD_TOKEN, DISCORD_APPLICATION_ID   for start and deploy-commands

Exit codes: 0 done, 1 failed (or some inputs failed to ingest), 2 wrong usage.`;

interface Subcommand {
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals: boolean;
  run(positionals: string[], values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  start: {
    options: {},
    allowPositionals: false,
    run: async (_p, _v, io) => (await import('./commands/start.ts')).startCommand(io),
  },
  ingest: {
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    run: async (positionals, values, io) =>
      (await import('./commands/ingest.ts')).ingestCommand(positionals, { json: values.json === true }, io),
  },
  poll: {
    options: {},
    allowPositionals: false,
    run: async (_p, _v, io) => (await import('./commands/poll.ts')).pollCommand(io),
  },
  feeds: {
    options: { json: { type: 'boolean' } },
    allowPositionals: false,
    run: async (_p, values, io) => (await import('./commands/feeds.ts')).feedsCommand({ json: values.json === true }, io),
  },
  export: {
    options: { json: { type: 'boolean' }, output: { type: 'string', short: 'o' } },
    allowPositionals: false,
    run: async (_p, values, io) =>
      (await import('./commands/exportTimeline.ts')).exportCommand(typeof values.output === 'string' ? { output: values.output } : {}, io),
  },
  config: {
    options: { json: { type: 'boolean' } },
    allowPositionals: false,
    run: async (_p, values, io) => (await import('./commands/config.ts')).configCommand({ json: values.json === true }, io),
  },
  reextract: {
    options: {},
    allowPositionals: false,
    run: async (_p, _v, io) => (await import('./commands/reextract.ts')).reextractCommand(io),
  },
  'migrate-store': {
    options: { from: { type: 'string' }, to: { type: 'string' } },
    allowPositionals: false,
    run: async (_p, values, io) =>
      (await import('./commands/migrateStore.ts')).migrateStoreCommand(stringValues(values, ['from', 'to']), io),
  },
  timeline: {
    options: {
      side: { type: 'string' },
      person: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string', short: 'o' },
    },
    allowPositionals: false,
    run: async (_p, values, io) =>
      (await import('./commands/timeline.ts')).timelineCommand(stringValues(values, ['side', 'person', 'from', 'to', 'out']), io),
  },
  ask: {
    options: { guild: { type: 'string' }, channel: { type: 'string' } },
    allowPositionals: true,
    run: async (positionals, values, io) =>
      (await import('./commands/ask.ts')).askCommand(positionals, stringValues(values, ['guild', 'channel']), io),
  },
  'deploy-commands': {
    options: { guild: { type: 'string' }, api: { type: 'string' } },
    allowPositionals: false,
    run: async (_p, values, io) =>
      (await import('./commands/deployCommands.ts')).deployCommandsCommand(stringValues(values, ['guild', 'api']), io),
  },
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    println(name === undefined ? io.stderr : io.stdout, HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    println(io.stdout, await packageVersion());
    return 0;
  }
  const subcommand = SUBCOMMANDS[name];
  try {
    if (!subcommand) throw new UsageError(`unknown command "${name}"${suggest(name)}`);
    if (logLevelProblem) throw new UsageError(logLevelProblem);
    if (rest.includes('--help') || rest.includes('-h')) {
      println(io.stdout, HELP);
      return 0;
    }
    const { positionals, values } = parseSubcommandArgs(name, subcommand, rest);
    return await subcommand.run(positionals, values, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function parseSubcommandArgs(name: string, subcommand: Subcommand, args: string[]) {
  try {
    const parsed = parseArgs({ args, options: subcommand.options, allowPositionals: subcommand.allowPositionals, strict: true });
    return { positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> };
  } catch (error) {
    // node:util's messages are good ("Unknown option '--x'"); say which subcommand they are about.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${name}: ${message}`);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    println(io.stderr, `parley: ${error.message}`);
    println(io.stderr, 'Run `parley help` for the commands and their options.');
    return 2;
  }
  if (error instanceof ConfigError) {
    println(io.stderr, `parley: invalid configuration:\n${error.message}`);
    return 1;
  }
  if (error instanceof CliFailure) {
    println(io.stderr, `parley: ${error.message}`);
    return 1;
  }
  // Not the user's fault: the details go to the log (with the stack at debug level), the
  // terminal gets one line.
  const message = error instanceof Error ? error.message : String(error);
  logger.debug({ err: error }, 'command failed');
  println(io.stderr, `parley: ${message}`);
  if (!logger.isLevelEnabled('debug')) println(io.stderr, '(PARLEY_LOG_LEVEL=debug logs the details)');
  return 1;
}

function stringValues<K extends string>(values: Record<string, string | boolean | undefined>, keys: K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = values[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

function suggest(name: string): string {
  const close = Object.keys(SUBCOMMANDS).find((known) => known.startsWith(name.slice(0, 3)) || editDistance(known, name) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
