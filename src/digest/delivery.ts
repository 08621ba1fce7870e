// Getting messages to Discord: one queue for every channel, started in a stable order and kept
// under Discord's global request rate, with retries that match the failure: back-off for 5xx and
// timeouts, the server's own wait for 429s, no retry for a channel that is gone or forbidden (the
// scheduler counts those towards disabling the subscription).
//
// The queue is the one authority for its posts: it alone paces them, waits out their 429s and
// retries them. A poster reports instead of retrying or waiting (the bot's REST client is built
// that way, see src/bot/rest.ts), and stops sending when the attempt's signal aborts, so a
// timed-out post can never reach Discord after its retry.
import type { Reply } from '../interaction/command.ts';
import { replyToText } from '../render/text.ts';
import { defaultFilesDir, saveReplyFiles, savedFilesText } from '../render/files.ts';
import { logger as rootLogger, type Logger } from '../log.ts';
import { withTimeout } from '../async/timeout.ts';

export interface PostedMessage {
  messageId: string;
}

export interface PostOptions {
  /**
   * Sent with `enforce_nonce: true`, so a re-send with the same nonce within Discord's nonce
   * window returns the message already created instead of a second one.
   */
  nonce: string;
  /** Aborted when the queue gives up on this attempt (its timeout); nothing may be sent after it. */
  signal: AbortSignal;
  /** What the message is, for a reader of the console ('digest' when not given). */
  label?: MessageLabel;
}

export type MessageLabel = 'digest' | 'alert';

export interface EditOptions {
  signal: AbortSignal;
}

export interface ChannelPoster {
  /** Posts a reply as a new message in a channel. Throws a DeliveryError saying what went wrong (anything else counts as transient). */
  post(channelId: string, reply: Reply, options: PostOptions): Promise<PostedMessage>;
  /** Replaces a message this bot posted (alerts are edited as their talk develops). Throws a DeliveryError as `post` does. */
  edit?(channelId: string, messageId: string, reply: Reply, options: EditOptions): Promise<PostedMessage>;
  /**
   * Optional: the id of a message this bot already posted in the channel with `nonce` after
   * `after`, or null. Used after a restart for runs older than the nonce window.
   */
  findPosted?(channelId: string, nonce: string, after: Date): Promise<string | null>;
}

export type DeliveryFailure =
  | { kind: 'rate-limited'; retryAfterMs: number; global: boolean; message: string }
  /** 5xx, timeouts, connection errors: worth another try later. */
  | { kind: 'transient'; message: string }
  /** The channel is gone or the bot may not post there (403, 404). */
  | { kind: 'channel'; message: string }
  /** Discord refused this message (400 and the like); trying again will not help. */
  | { kind: 'rejected'; message: string }
  /** The queue was closed (shutdown) before this message was sent. */
  | { kind: 'cancelled'; message: string };

/** What a poster throws: the failure, classified where the transport's errors are understood. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly failure: Exclude<DeliveryFailure, { kind: 'cancelled' }>,
    options?: { cause?: unknown },
  ) {
    super(failure.message, options);
  }
}

function failureOf(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryError) return error.failure;
  // Timeouts, network errors and unknown shapes are retried: giving up on a digest because of an
  // unexpected error type would lose it for this slot, while a retry costs one request.
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}

const CANCELLED: DeliveryFailure = { kind: 'cancelled', message: 'not sent: the delivery queue was closed' };

export interface DeliveryQueueOptions {
  poster: ChannelPoster;
  /**
   * Discord's global limit is 50 requests/s per bot. Interaction replies do not count towards it,
   * so digests may use nearly all of it; the margin absorbs other REST calls and clock jitter.
   */
  requestsPerSecond?: number;
  /** Requests in flight at once (latency should not cap the rate). */
  concurrency?: number;
  /** Tries for transient failures (5xx, timeouts) before giving up on this slot: with the default
   * back-off, 8 tries ride out about three minutes of Discord trouble. */
  maxAttempts?: number;
  /** Back-off after the n-th transient failure: base * 2^(n-1), at most max. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** 429s in a row for one message before it is given up for this slot. */
  maxRateLimitRetries?: number;
  /**
   * How long one attempt may take, rate-limit waits inside the poster included, before it is
   * aborted and counted as transient. Below the REST client's own 15 s network timeout, so the
   * queue decides; and below the 15 s shutdown grace, so a stop never waits on Discord longer.
   */
  requestTimeoutMs?: number;
  logger?: Logger;
}

export type DeliveryOutcome = { ok: true; messageId: string; attempts: number } | { ok: false; failure: DeliveryFailure; attempts: number };

/** A new message (sent with its nonce) or an edit of one already posted. */
type JobOp = { kind: 'post'; nonce: string; label: MessageLabel } | { kind: 'edit'; messageId: string };

interface Job {
  seq: number;
  channelId: string;
  reply: Reply;
  op: JobOp;
  attempts: number;
  rateLimited: number;
  notBefore: number;
  resolve(outcome: DeliveryOutcome): void;
}

export interface DeliveryStats {
  requests: number;
  /** The most requests started within any one-second window. */
  peakRequestsPerSecond: number;
  retries: number;
  rateLimited: number;
}

/**
 * One FIFO queue for every message Parley posts or edits outside interactions (digests, alerts). Jobs start in the order they were queued (a retried
 * job keeps its place, waiting only for its own back-off), at most `concurrency` in flight, and
 * never more than `requestsPerSecond` that can reach Discord within one second.
 */
export class DeliveryQueue {
  readonly #poster: ChannelPoster;
  readonly #rate: number;
  readonly #concurrency: number;
  readonly #maxAttempts: number;
  readonly #backoffBaseMs: number;
  readonly #backoffMaxMs: number;
  readonly #maxRateLimitRetries: number;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  #jobs: Job[] = [];
  #seq = 0;
  #inFlight = 0;
  /** Start times within the last second (for the stats). */
  #starts: number[] = [];
  /** When each request of the last second was answered (for the limit). */
  #finished: number[] = [];
  #pausedUntil = 0;
  #pumping = false;
  #closed = false;
  #wake: (() => void) | null = null;
  #idleWaiters: Array<() => void> = [];
  readonly stats: DeliveryStats = { requests: 0, peakRequestsPerSecond: 0, retries: 0, rateLimited: 0 };

  constructor(options: DeliveryQueueOptions) {
    this.#poster = options.poster;
    this.#rate = Math.max(1, Math.floor(options.requestsPerSecond ?? 48));
    this.#concurrency = Math.max(1, options.concurrency ?? 10);
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 8);
    this.#backoffBaseMs = options.backoffBaseMs ?? 2000;
    this.#backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.#maxRateLimitRetries = options.maxRateLimitRetries ?? 10;
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#logger = options.logger ?? rootLogger;
  }

  get pending(): number {
    return this.#jobs.length + this.#inFlight;
  }

  send(channelId: string, reply: Reply, nonce: string, label: MessageLabel = 'digest'): Promise<DeliveryOutcome> {
    return this.#enqueue(channelId, reply, { kind: 'post', nonce, label });
  }

  /** Edits a message already posted, in the same line and under the same limit as posts. */
  edit(channelId: string, messageId: string, reply: Reply): Promise<DeliveryOutcome> {
    if (!this.#poster.edit)
      return Promise.resolve({ ok: false, failure: { kind: 'rejected', message: 'this poster cannot edit messages' }, attempts: 0 });
    return this.#enqueue(channelId, reply, { kind: 'edit', messageId });
  }

  #enqueue(channelId: string, reply: Reply, op: JobOp): Promise<DeliveryOutcome> {
    if (this.#closed) return Promise.resolve({ ok: false, failure: CANCELLED, attempts: 0 });
    return new Promise((resolve) => {
      this.#jobs.push({ seq: this.#seq++, channelId, reply, op, attempts: 0, rateLimited: 0, notBefore: 0, resolve });
      this.#signal();
      void this.#pump();
    });
  }

  /**
   * Stops starting requests: every queued message resolves as cancelled at once; requests
   * already in flight finish (await `idle()` for them).
   */
  close(): void {
    this.#closed = true;
    const cancelled = this.#jobs;
    this.#jobs = [];
    for (const job of cancelled) job.resolve({ ok: false, failure: CANCELLED, attempts: job.attempts });
    this.#signal();
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
    if (this.pending === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Sleeps `ms`, or less if something changes (a job finished or was queued). */
  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#jobs.length > 0) {
        const now = Date.now();
        if (this.#pausedUntil > now) {
          await this.#wait(this.#pausedUntil - now);
          continue;
        }
        if (this.#inFlight >= this.#concurrency) {
          await this.#wait(1000);
          continue;
        }
        const ready = this.#jobs.findIndex((job) => job.notBefore <= now);
        if (ready < 0) {
          const soonest = Math.min(...this.#jobs.map((j) => j.notBefore));
          await this.#wait(soonest - now);
          continue;
        }
        // Discord counts a request when it arrives, somewhere between our start and our answer.
        // Counting every request in flight or answered within the last second keeps arrivals
        // under the limit in any one-second window whatever the latency (the cost: a request
        // occupies its slot for its latency plus one second).
        while (this.#finished.length > 0 && this.#finished[0]! <= now - 1000) this.#finished.shift();
        if (this.#inFlight + this.#finished.length >= this.#rate) {
          await this.#wait(this.#finished.length > 0 ? this.#finished[0]! + 1000 - now : 1000);
          continue;
        }
        const [job] = this.#jobs.splice(ready, 1);
        while (this.#starts.length > 0 && this.#starts[0]! <= now - 1000) this.#starts.shift();
        this.#starts.push(now);
        this.stats.peakRequestsPerSecond = Math.max(this.stats.peakRequestsPerSecond, this.#starts.length);
        this.#inFlight += 1;
        void this.#attempt(job!).finally(() => {
          this.#inFlight -= 1;
          this.#finished.push(Date.now());
          this.#signal();
        });
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #attempt(job: Job): Promise<void> {
    job.attempts += 1;
    this.stats.requests += 1;
    try {
      const op = job.op;
      const posted = await withTimeout(this.#timeoutMs, (signal) =>
        op.kind === 'post'
          ? this.#poster.post(job.channelId, job.reply, { nonce: op.nonce, signal, label: op.label })
          : this.#poster.edit!(job.channelId, op.messageId, job.reply, { signal }),
      );
      job.resolve({ ok: true, messageId: posted.messageId, attempts: job.attempts });
      return;
    } catch (error) {
      const failure = failureOf(error);
      const now = Date.now();
      const log = { channelId: job.channelId, attempt: job.attempts, failure: failure.kind, error: failure.message };
      if (failure.kind === 'rate-limited' && job.rateLimited < this.#maxRateLimitRetries) {
        job.rateLimited += 1;
        job.attempts -= 1;
        this.stats.rateLimited += 1;
        job.notBefore = now + failure.retryAfterMs;
        if (failure.global) this.#pausedUntil = Math.max(this.#pausedUntil, job.notBefore);
        this.#logger.warn(
          { ...log, retryAfterMs: failure.retryAfterMs, global: failure.global },
          'delivery rate limited; waiting as asked',
        );
        return this.#requeue(job);
      }
      if (failure.kind === 'transient' && job.attempts < this.#maxAttempts) {
        const backoff = Math.min(this.#backoffMaxMs, this.#backoffBaseMs * 2 ** (job.attempts - 1));
        job.notBefore = now + backoff;
        this.stats.retries += 1;
        this.#logger.warn({ ...log, backoffMs: backoff }, 'delivery failed; retrying');
        return this.#requeue(job);
      }
      this.#logger.error(log, 'delivery failed; giving up');
      job.resolve({ ok: false, failure, attempts: job.attempts });
    }
  }

  /** Puts a job back in its original place, so retries never reorder the queue. */
  #requeue(job: Job): void {
    if (this.#closed) {
      job.resolve({ ok: false, failure: CANCELLED, attempts: job.attempts });
      return;
    }
    const index = this.#jobs.findIndex((j) => j.seq > job.seq);
    if (index < 0) this.#jobs.push(job);
    else this.#jobs.splice(index, 0, job);
    void this.#pump();
  }
}

export type UnconfirmedAction = { action: 'resend' } | { action: 'found'; messageId: string } | { action: 'give-up' };

/**
 * What to do with a message that was recorded (with its nonce) but never confirmed sent: a crash,
 * a shutdown or a give-up came between recording and marking. Within Discord's nonce window a
 * re-send with the same nonce cannot duplicate it; beyond it, only a poster that can look for the
 * message may decide, and without one the message is given up (its content goes out later).
 * Digest runs and alert posts both go through here.
 */
export async function resolveUnconfirmed(
  poster: ChannelPoster,
  message: { channelId: string; nonce: string; recordedAt: string },
  now: Date,
  nonceWindowMs: number,
): Promise<UnconfirmedAction> {
  const recordedAt = new Date(message.recordedAt);
  if (now.getTime() - recordedAt.getTime() <= nonceWindowMs) return { action: 'resend' };
  if (!poster.findPosted) return { action: 'give-up' };
  const found = await poster.findPosted(message.channelId, message.nonce, recordedAt);
  return found ? { action: 'found', messageId: found } : { action: 'resend' };
}

/** Console mode: digests and alerts are printed as plain text instead of posted. */
export function createConsoleDigestPrinter(
  write: (text: string) => void = (text) => process.stdout.write(text),
  filesDir: string = defaultFilesDir(),
): ChannelPoster {
  let printed = 0;
  return {
    async post(channelId, reply, { label }) {
      printed += 1;
      // A digest's picture is saved where console mode saves every picture, and its path printed.
      const saved = reply.files?.length ? `\n${savedFilesText(await saveReplyFiles(reply, filesDir))}` : '';
      write(`\n--- ${label ?? 'digest'} for channel ${channelId} ---\n${replyToText(reply)}${saved}\n`);
      return { messageId: `console-${printed}` };
    },
    async edit(channelId, messageId, reply) {
      write(`\n--- alert ${messageId} updated in channel ${channelId} ---\n${replyToText(reply)}\n`);
      return { messageId };
    },
  };
}
