// `parley ask "/latest-talks count:5"`: runs a slash command's handler on the store and prints
// its reply as text, the same reply the bot would send.
import type { Invoker } from '../../interaction/command.ts';
import { logger } from '../../log.ts';
import { withStore } from '../context.ts';
import { println, UsageError, type CliIo } from '../io.ts';

export interface AskOptions {
  guild?: string;
  channel?: string;
}

export async function askCommand(words: string[], options: AskOptions, io: CliIo): Promise<number> {
  const line = words.join(' ').trim();
  if (line === '') throw new UsageError('ask needs a command line, e.g. `parley ask "/latest-talks count:5"`');
  const [{ loadCommands }, { runCommandLine }, { replyToText }, { isGuildOnly }] = await Promise.all([
    import('../../interaction/loadCommands.ts'),
    import('../../interaction/commandLine.ts'),
    import('../../render/text.ts'),
    import('../../bot/guildOnly.ts'),
  ]);
  const commands = await loadCommands();
  const reply = await withStore(io, ({ store, config }) =>
    runCommandLine(line, commands, {
      store,
      config: () => config,
      now: () => new Date(),
      invoker: cliInvoker(options),
      logger,
    }),
  );
  println(io.stdout, replyToText(reply));
  if (reply.files?.length) {
    const { defaultFilesDir, saveReplyFiles, savedFilesText } = await import('../../render/files.ts');
    println(io.stdout, savedFilesText(await saveReplyFiles(reply, io.env.PARLEY_FILES_DIR ?? defaultFilesDir())));
  }
  const name = /^\/?(\S+)/.exec(line)?.[1]?.toLowerCase();
  const command = commands.find((c) => c.data.name === name);
  if (command && isGuildOnly(command) && (options.guild === undefined || options.channel === undefined)) {
    println(io.stderr, `hint: /${command.data.name} runs in a server channel; pass --guild ID --channel ID to say which`);
  }
  // As for every command: 2 when the command line itself is wrong, 1 when the answer is an error.
  if (reply.outcome === 'usage') return 2;
  return reply.outcome === undefined ? 0 : 1;
}

/** The operator at the terminal may do anything; --guild/--channel say where they "are". */
export function cliInvoker(options: AskOptions): Invoker {
  return {
    userId: 'cli',
    guildId: options.guild ?? null,
    channelId: options.channel ?? null,
    permissions: { manageChannels: true, manageGuild: true },
  };
}
