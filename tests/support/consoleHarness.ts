// Runs console mode on in-memory streams and returns what it printed.
import { PassThrough } from 'node:stream';
import type { App, ConfigSource } from '../../src/app.ts';
import type { Store } from '../../src/store/store.ts';
import type { Command } from '../../src/interaction/command.ts';
import { runConsole } from '../../src/console/run.ts';
import { logger } from '../../src/log.ts';
import { TEST_NOW, testConfig } from './commandContext.ts';
import type { LoadedConfig } from '../../src/config/schema.ts';

export function testApp(store: Store, config: LoadedConfig = testConfig()): App {
  const source: ConfigSource = { current: () => config, onChange: () => () => {} };
  return { store, config: source, logger, now: () => TEST_NOW };
}

export async function runConsoleWith(
  app: App,
  lines: string[],
  options: { env?: NodeJS.ProcessEnv; commands?: Command[]; samplesDir?: string; filesDir?: string } = {},
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runConsole({
    app,
    input,
    output,
    env: options.env ?? {},
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.samplesDir ? { samplesDir: options.samplesDir } : {}),
    ...(options.filesDir ? { filesDir: options.filesDir } : {}),
  });
  return printed;
}
