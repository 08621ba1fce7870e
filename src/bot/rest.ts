// The options of the bot's one REST client (`client.rest`). Tests build their clients with the
// same function, so what they exercise is what production runs.
import type { RESTOptions } from 'discord.js';

/** Channel posts (and edits below them), which go through the delivery queue (src/digest/delivery.ts). */
export const CHANNEL_MESSAGES_ROUTE = '/channels/:id/messages';

export function discordRestOptions(api?: string): Partial<RESTOptions> {
  return {
    ...(api ? { api } : {}),
    // One retry policy: the delivery queue backs off over minutes; REST's immediate retries would
    // multiply with it (4 requests per attempt). Interaction callbacks lose nothing by it: their
    // 3 s window leaves no room for a retry after REST's 15 s timeout, and a callback that
    // reached Discord cannot be given twice.
    retries: 0,
    // One rate-limit authority for channel posts: the queue paces them under the global limit and
    // waits out their 429s itself, so REST reports a limit on that route instead of waiting
    // unseen. Everything else (interaction replies) REST waits out as usual.
    rejectOnRateLimit: [CHANNEL_MESSAGES_ROUTE],
  };
}
