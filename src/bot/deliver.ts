// Posts a Reply to a channel outside any interaction (scheduled digests). Small on purpose: the
// digest scheduler owns queueing and retries; this turns a Reply into one Discord message and
// a failure into a DeliveryError that says whether trying again can help.
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, type REST } from 'discord.js';
import { Routes, type RESTPostAPIChannelMessageResult } from 'discord-api-types/v10';
import type { Reply } from '../interaction/command.ts';
import { fitReplyForDiscord } from '../render/discord.ts';

export interface PostOptions {
  /**
   * Makes the post idempotent: Discord returns the earlier message instead of posting again when
   * the same nonce is used within a few minutes. Longer than 25 characters is hashed down.
   */
  nonce?: string;
}

export interface PostedMessage {
  messageId: string;
}

/** Posts `reply` to `channelId`; rejects with a DeliveryError. */
export type DiscordPoster = (channelId: string, reply: Reply, options?: PostOptions) => Promise<PostedMessage>;

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    /** HTTP status, or null when Discord was not reached. */
    readonly status: number | null,
    /** Discord's JSON error code (50013 Missing Permissions, 10003 Unknown Channel, ...). */
    readonly code: number | null,
    /** True when retrying cannot help: the channel is gone or the bot may not post there, or the body is invalid. */
    readonly permanent: boolean,
    /** How long Discord asked to wait, for 429. */
    readonly retryAfterMs: number | null,
    /** For 429: whether the limit is Discord's global one rather than this channel's. */
    readonly global: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MAX_NONCE_LENGTH = 25;

/** Discord accepts nonces of at most 25 characters; longer keys map to a stable 25-character hash. */
export function discordNonce(key: string): string {
  if (key.length <= MAX_NONCE_LENGTH) return key;
  return createHash('sha256').update(key).digest('base64url').slice(0, MAX_NONCE_LENGTH);
}

/**
 * `rest` is the bot's discord.js REST client (`client.rest`); it already waits out 429s and
 * retries 5xx a few times, so what reaches the caller has outlasted those.
 */
export function createDiscordPoster(rest: REST): DiscordPoster {
  return async (channelId, reply, options = {}) => {
    const body: Record<string, unknown> = { ...fitReplyForDiscord({ ...reply, ephemeral: false }) };
    if (options.nonce !== undefined) {
      body.nonce = discordNonce(options.nonce);
      body.enforce_nonce = true;
    }
    try {
      const message = (await rest.post(Routes.channelMessages(channelId), { body })) as RESTPostAPIChannelMessageResult;
      return { messageId: message.id };
    } catch (error) {
      throw deliveryErrorFrom(error, channelId);
    }
  };
}

export function deliveryErrorFrom(error: unknown, channelId: string): DeliveryError {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    const permanent = [400, 401, 403, 404].includes(error.status);
    return new DeliveryError(`Discord refused the post to channel ${channelId} (${error.status} ${error.message})`, error.status, code, permanent, null, false, { cause: error });
  }
  if (error instanceof RateLimitError) {
    return new DeliveryError(`rate limited posting to channel ${channelId}; retry in ${error.retryAfter} ms`, 429, null, false, error.retryAfter, error.global, { cause: error });
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(`Discord failed posting to channel ${channelId} (${error.status})`, error.status, null, error.status < 500, null, false, { cause: error });
  }
  return new DeliveryError(`could not reach Discord to post to channel ${channelId}: ${(error as Error).message}`, null, null, false, null, false, { cause: error });
}
