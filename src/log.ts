import pino, { type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * PARLEY_LOG_LEVEL when it names a level, else why not. pino throws on an unknown level while
 * this module loads, which would give the operator a stack trace instead of a sentence; the
 * logger falls back to info and the CLI refuses to run with this message.
 */
export const logLevelProblem: string | null = (() => {
  const wanted = process.env.PARLEY_LOG_LEVEL?.trim();
  if (!wanted || (LEVELS as readonly string[]).includes(wanted)) return null;
  return `PARLEY_LOG_LEVEL is "${wanted}", which is not a log level; use one of ${LEVELS.join(', ')}`;
})();

type LogLineSink = (text: string) => void;
let logLineSink: LogLineSink | null = null;

/**
 * Sends the log lines meant for the terminal to `sink` until the returned function is called:
 * console mode writes them above its prompt instead of into the middle of what is being typed.
 */
export function divertTerminalLogLines(sink: LogLineSink): () => void {
  const previous = logLineSink;
  logLineSink = sink;
  return () => {
    logLineSink = previous;
  };
}

/** One finished log line (ending in a newline) for the terminal: to the diverting sink, else stderr. */
export function writeTerminalLogLine(text: string): void {
  if (logLineSink) logLineSink(text);
  else process.stderr.write(text);
}

// Pretty lines for a person at a terminal, JSON for everything else (files, journald, CI).
// Terminal lines are written synchronously on this thread (not by a transport worker), so that
// console mode can place each one around its prompt.
function createLogger(): Logger {
  const fromEnv = process.env.PARLEY_LOG_LEVEL?.trim();
  const level = logLevelProblem || !fromEnv ? (process.env.VITEST ? 'silent' : 'info') : fromEnv;
  if (!process.stderr.isTTY) return pino({ level }, pino.destination(2));
  const format = process.env.PARLEY_LOG_JSON ? (line: string) => line : prettyFactory({ translateTime: 'SYS:HH:MM:ss', colorize: true });
  const terminal: DestinationStream = { write: (line: string) => writeTerminalLogLine(format(line)) };
  return pino({ level }, terminal);
}

export const logger: Logger = createLogger();
export type { Logger };
