// The Discord shell: a discord.js v14 Client with only the Guilds intent (slash commands need no
// message content), answering INTERACTION_CREATE with the shared command handlers.
import { performance } from 'node:perf_hooks';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { App } from '../app.ts';
import { TimeoutError, withTimeout } from '../async/timeout.ts';
import type { Command, CommandContext, Invoker } from '../interaction/command.ts';
import { executeAutocomplete, executeCommand, SOMETHING_WENT_WRONG } from '../interaction/execute.ts';
import { loadCommands } from '../interaction/loadCommands.ts';
import type { Logger } from '../log.ts';
import { GUILD_ONLY_MESSAGE, isGuildOnly } from './guildOnly.ts';
import { invokerFromInteraction } from './invoker.ts';
import { discordRestOptions } from './rest.ts';
import { commandOptionsFromInteraction, focusedOption } from './options.ts';
import { answerWithReply } from './respond.ts';

export interface RunBotOptions {
  app: App;
  token: string;
  applicationId: string;
  /** Another Discord API base (the fake Discord in tests): `{ api: 'http://127.0.0.1:PORT/api' }`. */
  rest?: { api: string };
  /** Defaults to every module in commands/. */
  commands?: Command[];
  /** Defer a reply that is not ready after this long (Discord allows 3 s for the first answer). */
  deferAfterMs?: number;
  /** Autocomplete that takes longer than this answers with no choices instead of timing out. */
  autocompleteBudgetMs?: number;
  /** How long stop() waits for in-flight replies before closing the connection anyway. */
  stopGraceMs?: number;
  /** How long to wait for READY and the guilds after logging in. */
  readyTimeoutMs?: number;
}

export interface RunningBot {
  client: Client<true>;
  /** Stops taking interactions, waits for in-flight replies, then closes the gateway connection. */
  stop(): Promise<void>;
}

export const RESTARTING_MESSAGE = 'Parley is restarting. Please try again in a minute.';
const UNKNOWN_COMMAND_MESSAGE = 'Parley does not know this command (the registered commands may be out of date). Try /help.';
const NO_MENTIONS = { parse: [] as [] };

/** What the bot needs in a channel to post a digest or a reply there. */
const POSTING_PERMISSIONS = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

export async function runBot(options: RunBotOptions): Promise<RunningBot> {
  const { app } = options;
  const log = app.logger.child({ component: 'bot' });
  const commands = options.commands ?? (await loadCommands());
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const deferAfterMs = options.deferAfterMs ?? 2000;
  const autocompleteBudgetMs = options.autocompleteBudgetMs ?? 2500;

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Every message this client sends parses no mentions unless a call says otherwise (none does).
    allowedMentions: NO_MENTIONS,
    // Parley reads no messages, so it keeps none in memory.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0, ReactionManager: 0, PresenceManager: 0 }),
    rest: discordRestOptions(options.rest?.api),
  });

  let accepting = true;
  const inFlight = new Set<Promise<void>>();

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const contextFor = (
    interaction: { id: string; commandName: string },
    invoker: Invoker,
    appPermissions: Readonly<{ has(p: bigint[]): boolean }> | null,
  ): CommandContext => ({
    store: app.store,
    config: () => app.config.current(),
    now: app.now,
    invoker,
    // Handler log lines carry the interaction, so they line up with "command answered".
    logger: log.child({ command: interaction.commandName, interactionId: interaction.id }),
    canPost: (channelId) => canPostIn(client, channelId, invoker.channelId === channelId ? appPermissions : null),
    ...(app.metrics ? { metrics: app.metrics } : {}),
  });

  const onInteraction = (interaction: Interaction) => {
    if (interaction.isChatInputCommand()) {
      if (!accepting) {
        track(refuse(interaction, RESTARTING_MESSAGE, log));
        return;
      }
      track(handleChatInput(interaction));
    } else if (interaction.isAutocomplete()) {
      // Autocomplete during shutdown is answered normally: it is quick and read-only.
      track(handleAutocomplete(interaction));
    }
  };

  async function handleChatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const command = byName.get(interaction.commandName);
    const fields = { command: interaction.commandName, guildId: interaction.guildId, interactionId: interaction.id };
    if (!command) {
      log.warn(fields, 'unknown command');
      return refuse(interaction, UNKNOWN_COMMAND_MESSAGE, log);
    }
    if (isGuildOnly(command) && !interaction.inGuild()) {
      log.info(fields, 'guild-only command refused in a DM');
      return refuse(interaction, GUILD_ONLY_MESSAGE, log);
    }
    const commandOptions = commandOptionsFromInteraction(interaction.options.data);
    const ctx = contextFor(interaction, invokerFromInteraction(interaction), interaction.appPermissions);
    try {
      const { deferred } = await answerWithReply(interaction, () => executeCommand(command, commandOptions, ctx), {
        deferAtOnce: command.defer === true,
        deferAfterMs,
      });
      log.info(
        { ...fields, subcommand: commandOptions.subcommand, deferred, ms: Math.round(performance.now() - started) },
        'command answered',
      );
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
        // Past Discord's window nothing more can be sent for this interaction; the user saw "did not respond".
        log.error({ ...fields, ms }, 'interaction expired before Parley answered');
        return;
      }
      log.error({ ...fields, err: error, ms }, 'could not answer command');
      await refuse(interaction, SOMETHING_WENT_WRONG, log);
    }
  }

  async function handleAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const started = performance.now();
    const command = byName.get(interaction.commandName);
    const focused = focusedOption(interaction.options.data);
    const fields = { command: interaction.commandName, option: focused?.name, guildId: interaction.guildId };
    try {
      let choices: Array<{ name: string; value: string }> = [];
      if (command && focused) {
        const ctx = contextFor(interaction, invokerFromInteraction(interaction), interaction.appPermissions);
        const work = executeAutocomplete(command, focused, commandOptionsFromInteraction(interaction.options.data), ctx);
        choices = await withinBudget(work, autocompleteBudgetMs, () =>
          log.warn({ ...fields, budgetMs: autocompleteBudgetMs }, 'autocomplete too slow; answering with no choices'),
        );
      }
      await interaction.respond(choices);
      log.debug({ ...fields, choices: choices.length, ms: Math.round(performance.now() - started) }, 'autocomplete answered');
    } catch (error) {
      log.error({ ...fields, err: error }, 'could not answer autocomplete');
    }
  }

  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ code: event.code, shardId }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shardId) => log.info({ shardId }, 'gateway resumed'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.token);
    const readyClient = await withTimeout(
      options.readyTimeoutMs ?? 30_000,
      () => ready,
      'Discord did not send READY and the guilds in time',
    );
    if (readyClient.application.id !== options.applicationId) {
      throw new Error(
        `DISCORD_APPLICATION_ID is ${options.applicationId} but the token belongs to application ${readyClient.application.id}; fix DISCORD_APPLICATION_ID`,
      );
    }
    await warmReadCaches(app, log);
    log.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, commands: commands.length }, 'connected to Discord');
  } catch (error) {
    await client.destroy();
    throw error;
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      accepting = false;
      const pending = [...inFlight];
      log.info({ inFlight: pending.length }, 'bot stopping');
      const settled = Promise.allSettled(pending).then(() => true);
      const graceMs = options.stopGraceMs ?? 10_000;
      const finished = await Promise.race([settled, sleep(graceMs).then(() => false)]);
      if (!finished) log.warn({ graceMs, unfinished: inFlight.size }, 'in-flight replies did not finish in time');
      client.off(Events.InteractionCreate, onInteraction);
      await client.destroy();
      log.info('bot stopped');
    })());

  return { client: client as Client<true>, stop };
}

/**
 * The first name look-up builds the people index synchronously (about a second with 10,000
 * people), which would block the event loop inside Discord's 3-second window and keep even
 * the deferral from going out. Paying for it before the first interaction avoids that.
 */
async function warmReadCaches(app: App, log: Logger): Promise<void> {
  const started = performance.now();
  try {
    await app.store.queries.suggestPeople('a', 1);
    log.debug({ ms: Math.round(performance.now() - started) }, 'read caches warmed');
  } catch (error) {
    log.warn({ err: error }, 'could not warm the read caches; the first /who may be slow');
  }
}

/** Tells the user why nothing ran; only they see it. */
async function refuse(interaction: ChatInputCommandInteraction, message: string, log: Logger): Promise<void> {
  try {
    if (interaction.deferred && !interaction.replied) {
      await interaction.deleteReply().catch(() => {});
      await interaction.followUp({ content: message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    } else if (interaction.replied) {
      await interaction.followUp({ content: message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    } else {
      await interaction.reply({ content: message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    }
  } catch (error) {
    log.warn({ err: error, command: interaction.commandName }, 'could not send the refusal');
  }
}

/**
 * Whether the bot may post (with embeds) in a channel. In the channel of the interaction Discord
 * tells us (`app_permissions`); elsewhere the cached guild, roles and overwrites decide.
 */
async function canPostIn(
  client: Client,
  channelId: string,
  appPermissionsHere: Readonly<{ has(p: bigint[]): boolean }> | null,
): Promise<boolean> {
  if (appPermissionsHere) return appPermissionsHere.has(POSTING_PERMISSIONS);
  const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
  if (!channel || channel.isDMBased() || !channel.isTextBased()) return false;
  const me = channel.guild.members.me;
  if (!me) return false;
  return channel.permissionsFor(me).has(POSTING_PERMISSIONS);
}

/** The work's choices, or none (after `onLate`) when it does not finish within the budget. */
async function withinBudget<T>(work: Promise<T[]>, budgetMs: number, onLate: () => void): Promise<T[]> {
  try {
    return await withTimeout(budgetMs, () => work);
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    onLate();
    return [];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
