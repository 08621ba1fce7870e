// Posts a Reply to a channel outside any interaction (scheduled digests, alerts), or edits one. Small on purpose: the
// delivery queue owns pacing, waiting and retries; this turns a Reply into one Discord request
// and a failure into a DeliveryError that says whether trying again can help.
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, type REST } from 'discord.js';
import { Routes, type RESTPatchAPIChannelMessageResult, type RESTPostAPIChannelMessageResult } from 'discord-api-types/v10';
import { DeliveryError, type ChannelPoster } from '../digest/delivery.ts';
import { fitReplyForDiscord, replyFilesForDiscord } from '../render/discord.ts';

const MAX_NONCE_LENGTH = 25;

/** Discord accepts nonces of at most 25 characters; longer keys map to a stable 25-character hash. */
export function discordNonce(key: string): string {
  if (key.length <= MAX_NONCE_LENGTH) return key;
  return createHash('sha256').update(key).digest('base64url').slice(0, MAX_NONCE_LENGTH);
}

/**
 * `rest` is the bot's REST client (`client.rest`), built with `discordRestOptions`: it neither
 * retries nor waits out a 429 on this route, so every failure reaches the queue as it happened.
 */
export function createDiscordPoster(rest: REST): ChannelPoster {
  return {
    async post(channelId, reply, { nonce, signal }) {
      const body = { ...fitReplyForDiscord({ ...reply, ephemeral: false }), nonce: discordNonce(nonce), enforce_nonce: true };
      // Files (a digest's picture) go as multipart parts, described by body.attachments.
      const files = replyFilesForDiscord(reply).map((f) => ({ name: f.name, data: f.data, contentType: contentTypeOf(f.name) }));
      try {
        const message = (await rest.post(Routes.channelMessages(channelId), {
          body,
          ...(files.length ? { files } : {}),
          signal,
        })) as RESTPostAPIChannelMessageResult;
        return { messageId: message.id };
      } catch (error) {
        throw deliveryErrorFrom(error, channelId);
      }
    },
    async edit(channelId, messageId, reply, { signal }) {
      const body = fitReplyForDiscord({ ...reply, ephemeral: false });
      try {
        const message = (await rest.patch(Routes.channelMessage(channelId, messageId), {
          body,
          signal,
        })) as RESTPatchAPIChannelMessageResult;
        return { messageId: message.id };
      } catch (error) {
        throw deliveryErrorFrom(error, channelId);
      }
    },
  };
}

function contentTypeOf(name: string): string {
  return /\.png$/i.test(name) ? 'image/png' : 'application/octet-stream';
}

function deliveryErrorFrom(error: unknown, channelId: string): DeliveryError {
  const cause = { cause: error };
  if (error instanceof RateLimitError) {
    const message = `rate limited posting to channel ${channelId}; retry in ${error.retryAfter} ms`;
    return new DeliveryError({ kind: 'rate-limited', retryAfterMs: error.retryAfter, global: error.global, message }, cause);
  }
  if (error instanceof DiscordAPIError) {
    const message = `Discord refused the post to channel ${channelId} (${error.status} ${error.message})`;
    return new DeliveryError({ kind: error.status === 403 || error.status === 404 ? 'channel' : 'rejected', message }, cause);
  }
  if (error instanceof HTTPError) {
    return new DeliveryError({ kind: 'transient', message: `Discord failed posting to channel ${channelId} (${error.status})` }, cause);
  }
  return new DeliveryError(
    { kind: 'transient', message: `could not reach Discord to post to channel ${channelId}: ${(error as Error).message}` },
    cause,
  );
}
