// `parley deploy-commands [--guild ID]`: registers the slash commands with Discord (a guild's
// commands update at once; global ones can take up to an hour to show).
import { println, UsageError, type CliIo } from '../io.ts';

export async function deployCommandsCommand(options: { guild?: string; api?: string }, io: CliIo): Promise<number> {
  const token = io.env.DISCORD_TOKEN?.trim();
  const applicationId = io.env.DISCORD_APPLICATION_ID?.trim();
  if (!token || !applicationId) {
    throw new UsageError('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID in the environment (see docs/discord.md)');
  }
  if (options.guild !== undefined && !/^\d{17,20}$/.test(options.guild)) {
    throw new UsageError(`--guild expects a Discord server id (17 to 20 digits), got "${options.guild}"`);
  }
  const [{ loadCommands }, { deployCommands }] = await Promise.all([
    import('../../interaction/loadCommands.ts'),
    import('../../bot/deployCommands.ts'),
  ]);
  const commands = await loadCommands();
  const api = options.api ?? io.env.DISCORD_API_URL?.trim();
  const registered = await deployCommands({
    token,
    applicationId,
    commands,
    ...(options.guild !== undefined ? { guildId: options.guild } : {}),
    ...(api ? { api } : {}),
  });
  const names = Array.isArray(registered)
    ? registered.map((c: { name?: unknown }) => `/${String(c.name)}`)
    : commands.map((c) => `/${c.data.name}`);
  const scope = options.guild ? `guild ${options.guild}` : 'global (may take up to an hour to appear)';
  println(io.stdout, `registered ${names.length} command${names.length === 1 ? '' : 's'} (${scope}): ${names.join(', ')}`);
  return 0;
}
