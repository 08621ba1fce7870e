// Registers Parley's slash commands with Discord by bulk overwrite: what is sent replaces what
// was registered, so removed commands disappear. Guild commands update at once; global ones
// can take up to an hour to show everywhere.
import { DiscordAPIError, REST } from 'discord.js';
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { Command } from '../interaction/command.ts';
import { logger } from '../log.ts';

export interface DeployCommandsOptions {
  token: string;
  applicationId: string;
  /** Register for one server only (instant, for testing); global when absent. */
  guildId?: string;
  commands: readonly Command[];
  /** Another Discord API base, e.g. the fake Discord: `http://127.0.0.1:PORT/api`. */
  api?: string;
}

export class DeployCommandsError extends Error {
  override name = 'DeployCommandsError';
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Overwrites the registered commands; returns the commands as Discord now has them (with ids). */
export async function deployCommands(options: DeployCommandsOptions): Promise<RESTPutAPIApplicationCommandsResult> {
  const rest = new REST({ ...(options.api ? { api: options.api } : {}), retries: 2, timeout: 30_000 }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const body = options.commands.map((command) => command.data);
  try {
    const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    logger.info({ scope: options.guildId ?? 'global', commands: registered.map((c) => c.name) }, 'commands registered');
    return registered;
  } catch (error) {
    throw explainDeployFailure(error, options);
  } finally {
    // The REST client keeps sweeper intervals; a one-shot CLI call should not linger on them.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

function explainDeployFailure(error: unknown, options: DeployCommandsOptions): DeployCommandsError {
  if (!(error instanceof DiscordAPIError)) {
    return new DeployCommandsError(`could not reach Discord to register commands: ${(error as Error).message}`, null, { cause: error });
  }
  const where = options.guildId ? `in server ${options.guildId}` : 'globally';
  const status = error.status;
  if (status === 401)
    return new DeployCommandsError('Discord refused DISCORD_TOKEN (401); copy the bot token again from the Developer Portal', status, {
      cause: error,
    });
  if (status === 403 || error.code === 50001) {
    return new DeployCommandsError(
      `Discord refused to register commands ${where} (${status}, ${error.message}): check DISCORD_APPLICATION_ID and, for --guild, that the bot was invited to that server with the applications.commands scope`,
      status,
      { cause: error },
    );
  }
  if (error.code === 10004)
    return new DeployCommandsError(`Discord does not know server ${options.guildId} (Unknown Guild)`, status, { cause: error });
  return new DeployCommandsError(`Discord refused the commands ${where} (${status}): ${error.message}`, status, { cause: error });
}
