// The contract between slash-command modules (commands/*.ts) and the transports that run them
// (Discord, console, `parley ask`). Commands see parsed options and a context, and return a
// transport-neutral Reply; they never touch discord.js objects.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Store } from '../store/store.ts';
import type { LoadedConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';

/** Option values as the user gave them, by option name. Subcommands arrive as `subcommand`. */
export interface CommandOptions {
  subcommand?: string;
  values: Record<string, string | number | boolean | undefined>;
}

export interface Invoker {
  userId: string;
  guildId: string | null;
  channelId: string | null;
  /** What the invoker may do in this channel, resolved by the transport. */
  permissions: { manageChannels: boolean; manageGuild: boolean };
}

export interface CommandContext {
  store: Store;
  /** Current config; re-read on every call because config reloads while the bot runs. */
  config: () => LoadedConfig;
  now: () => Date;
  invoker: Invoker;
  logger: Logger;
  /**
   * Whether the bot itself can post messages (and embeds) in a channel; filled by transports
   * that can tell (the Discord adapter). Absent means unknown, and callers assume it can.
   */
  canPost?: (channelId: string) => Promise<boolean>;
  /** Where answered commands are counted (GET /metrics); absent in one-shot commands. */
  metrics?: Pick<Metrics, 'commandAnswered'>;
}

export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface ReplyEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: ReplyField[];
  footer?: string;
  color?: number;
  /** The name of one of the reply's files (a picture), shown inside the embed. */
  image?: string;
}

/** A file sent with a reply (the timeline picture). Transports attach it, or save it and say where. */
export interface ReplyFile {
  /** File name, unique within the reply: letters, digits, dots, dashes and underscores. */
  name: string;
  data: Uint8Array;
  /** Plain text saying what the file shows: the picture's alt text. */
  description?: string;
}

/**
 * What a command answers. Text is Discord-flavoured markdown whose article-derived parts are
 * already escaped; transports enforce Discord's size limits (src/render) and never parse mentions.
 */
export interface Reply {
  content?: string;
  embeds?: ReplyEmbed[];
  files?: ReplyFile[];
  /** Only the invoker sees it (errors, previews). */
  ephemeral?: boolean;
  /**
   * Set when the reply is not an answer: `usage` for a command line that does not fit the
   * command (unknown command, an option out of range), `refused` for a handler's
   * UserFacingError, `failed` for an unexpected error. `parley ask` exits on it; metrics count it.
   */
  outcome?: ReplyOutcome;
}

export type ReplyOutcome = 'usage' | 'refused' | 'failed';

export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface Command {
  /** The slash command as registered with Discord. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Answers that may take longer than Discord's 3 s are deferred first. */
  defer?: boolean;
  execute(options: CommandOptions, ctx: CommandContext): Promise<Reply>;
  autocomplete?(focused: { name: string; value: string }, options: CommandOptions, ctx: CommandContext): Promise<AutocompleteChoice[]>;
}

/** A failure whose message is safe and useful to show the user (ephemerally). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}
