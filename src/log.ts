import pino, { type Logger } from 'pino';

// Pretty lines for a person at a terminal, JSON for everything else (files, journald, CI).
function createLogger(): Logger {
  const level = process.env.PARLEY_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  if (process.stderr.isTTY && !process.env.PARLEY_LOG_JSON) {
    return pino({ level, transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss' } } });
  }
  return pino({ level }, pino.destination(2));
}

export const logger: Logger = createLogger();
export type { Logger };
