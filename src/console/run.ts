// Console mode: the slash commands over stdin/stdout, for trying Parley without Discord. Lines are
// run through the same parser and handlers as `parley ask`; the reply is printed as plain text.
import { clearScreenDown, createInterface, moveCursor, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { App } from '../app.ts';
import type { Command, CommandContext, Invoker } from '../interaction/command.ts';
import { loadCommands } from '../interaction/loadCommands.ts';
import { runCommandLine } from '../interaction/commandLine.ts';
import { replyToText } from '../render/text.ts';
import { defaultFilesDir, saveReplyFiles, savedFilesText } from '../render/files.ts';
import { divertTerminalLogLines } from '../log.ts';

export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

export interface ConsoleOptions {
  app: App;
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream;
  /** Defaults to every module in commands/. */
  commands?: Command[];
  /** Defaults to process.env; PARLEY_SAMPLES=1 loads the samples without asking, 0 never offers them. */
  env?: NodeJS.ProcessEnv;
  samplesDir?: string;
  /** Where terminal log lines go while the prompt is shown; defaults to stderr. */
  logOutput?: NodeJS.WritableStream;
  /** Where pictures (the /timeline PNG) are saved; defaults to parley/ in the temp folder. */
  filesDir?: string;
}

/** The person at the terminal owns the bot: every permission, in a "console" channel. */
export const CONSOLE_INVOKER: Invoker = {
  userId: 'console',
  guildId: null,
  channelId: 'console',
  permissions: { manageChannels: true, manageGuild: true },
};

const EXIT_WORDS = new Set(['exit', 'quit', '.exit', ':q']);
const YES = /^(y|yes|j|ja|oui|si|sí|ok)$/i;
const NO = /^(n|no|nein|non)$/i;

/** Runs until the input ends or the user types exit. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { app } = options;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const env = options.env ?? process.env;
  const interactive = Boolean(input.isTTY);
  const commands = options.commands ?? (await loadCommands());
  const write = (text: string) => output.write(text.endsWith('\n') ? text : `${text}\n`);
  const context = (): CommandContext => ({
    store: app.store,
    config: () => app.config.current(),
    now: app.now,
    invoker: CONSOLE_INVOKER,
    logger: app.logger,
    ...(app.metrics ? { metrics: app.metrics } : {}),
  });

  const lines = createInterface({ input, terminal: interactive, ...(interactive ? { output } : {}) });
  // Take the iterator now: readline emits lines as soon as input arrives, and lines read while
  // the samples load (piped input) would otherwise be lost before the loop below starts.
  const pending = lines[Symbol.asyncIterator]();
  // While the prompt waits for input, a log line (a feed poll, a digest) is written above it and
  // the prompt is drawn again with what was typed so far.
  let prompting = false;
  const prompt = () => {
    if (!interactive) return;
    prompting = true;
    lines.setPrompt('parley> ');
    lines.prompt(true);
  };
  const restoreLogLines = interactive
    ? divertTerminalLogLines((text) => writeAbovePrompt(lines, output, options.logOutput ?? process.stderr, text, prompting))
    : () => {};
  write('Parley console: type a slash command such as /latest-talks or /who name:Umerov, /help for the list, exit to leave.');

  let awaitingSampleAnswer = false;
  if ((await app.store.queries.counts()).articles === 0) {
    const choice = (env.PARLEY_SAMPLES ?? '').trim();
    if (choice === '1' || /^(true|yes)$/i.test(choice)) {
      await loadSamples(options, write);
    } else if (choice !== '0' && !/^(false|no)$/i.test(choice)) {
      write(
        'The store is empty. Load the sample corpus (nine short articles about real 2025 talks) so the commands have something to show? [Y/n]',
      );
      awaitingSampleAnswer = true;
    }
  }
  if (!awaitingSampleAnswer) prompt();

  try {
    for await (const raw of { [Symbol.asyncIterator]: () => pending }) {
      prompting = false;
      const line = raw.trim();
      if (awaitingSampleAnswer) {
        awaitingSampleAnswer = false;
        // A command typed instead of an answer means "no, just run this".
        if (line === '' || YES.test(line)) {
          await loadSamples(options, write);
          prompt();
          continue;
        }
        if (NO.test(line)) {
          write('Not loading samples. `parley ingest PATH|URL` adds articles; so does PARLEY_SAMPLES=1 next time.');
          prompt();
          continue;
        }
      }
      if (line === '') {
        prompt();
        continue;
      }
      if (EXIT_WORDS.has(line.toLowerCase())) break;
      const commandLine = line.startsWith('/') ? line : `/${line}`;
      const reply = await runCommandLine(commandLine, commands, context());
      write(`${reply.ephemeral ? '(only you would see this)\n' : ''}${replyToText(reply)}\n`);
      if (reply.files?.length) write(`${savedFilesText(await saveReplyFiles(reply, options.filesDir ?? defaultFilesDir(), app.now()))}\n`);
      prompt();
    }
  } finally {
    prompting = false;
    restoreLogLines();
    lines.close();
  }
}

function writeAbovePrompt(
  lines: Interface,
  output: NodeJS.WritableStream,
  logOutput: NodeJS.WritableStream,
  text: string,
  prompting: boolean,
): void {
  if (!prompting) {
    logOutput.write(text);
    return;
  }
  // Back to where the prompt starts (the typed line may wrap), clear it, log, draw it again.
  const { rows, cols } = lines.getCursorPos();
  moveCursor(output, -cols, -rows);
  clearScreenDown(output);
  logOutput.write(text);
  lines.prompt(true);
}

/** Ingests the sample corpus and extracts it, printing what it added. Failures are reported, not thrown. */
export async function loadSamples(options: ConsoleOptions, write: (text: string) => void): Promise<void> {
  const { app } = options;
  const started = performance.now();
  write('Loading the sample corpus…');
  try {
    // Imported here so the console starts even while extraction is being rebuilt.
    const [{ ingest }, { extractAndMerge }] = await Promise.all([import('../ingest/ingest.ts'), import('../merge/process.ts')]);
    const config = app.config.current();
    const summary = await ingest([options.samplesDir ?? SAMPLES_DIR], {
      store: app.store,
      config,
      logger: app.logger,
      now: app.now,
      afterStore: (article) => extractAndMerge(app.store, article, config),
    });
    const counts = await app.store.queries.counts();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    write(
      `Loaded ${summary.ingested} sample article${summary.ingested === 1 ? '' : 's'} in ${seconds} s: ${counts.events} talks, ${counts.people} people, ${counts.quotes} quotes.` +
        (summary.failed.length
          ? ` ${summary.failed.length} failed: ${summary.failed.map((f) => `${f.input} (${f.reason})`).join('; ')}.`
          : '') +
        ' Try /latest-talks or /who name:Umerov.',
    );
  } catch (error) {
    app.logger.error({ err: error }, 'loading the sample corpus failed');
    write(`Could not load the sample corpus: ${error instanceof Error ? error.message : String(error)}`);
  }
}
