// Instant alerts: turns the change log the merge writes (event_changes, in the merge's own
// transaction) into posts and edits, through the process's one delivery queue.
//
// Every check (alerts.checkSeconds):
//   1. Route: once the change log has been quiet for one check (so a poll's burst of articles
//      becomes one message per channel) or has waited MAX_GATHER_MS, new changes are routed to
//      the channels whose subscriptions match them, and the cursor moves past them, in one
//      transaction.
//   2. Post: each channel with talks waiting and room under its hourly limit gets one message
//      for up to MAX_EVENTS_PER_POST of them. Exactly once, as digests: the post is recorded
//      with a fresh nonce (its talks assigned to it), sent with that nonce and enforce_nonce,
//      then marked sent with the message id. A post left 'recorded' (crash, shutdown, Discord
//      down) is re-sent with the SAME nonce on the next check or start, so Discord answers with
//      the message it already created; beyond the nonce window it is given up and its talks
//      wait for the next post (resolveUnconfirmed, shared with digests).
//   3. Refresh: a posted talk that changed since its message was written gets the message
//      edited (new sources, date, place, people, status); more than a day after the message a
//      short new post says what is new and links the first one.
import { randomBytes } from 'node:crypto';
import type { App } from '../app.ts';
import type { AlertItem, AlertPost } from '../store/alerts.ts';
import { DeliveryQueue, resolveUnconfirmed, type ChannelPoster, type DeliveryOutcome } from '../digest/delivery.ts';
import { composeAlert, composeUpdate, MAX_EVENTS_PER_POST, messageLink, sameFacts, shownFacts } from './compose.ts';
import { syncConfiguredAlerts } from './configSync.ts';

export interface AlertHooks {
  /** The post is recorded and its message composed, not yet sent. */
  afterRecorded?(post: AlertPost): void | Promise<void>;
  /** Discord accepted the message; the post is not yet marked sent. */
  afterSent?(post: AlertPost, messageId: string): void | Promise<void>;
}

export interface AlertDispatcherOptions {
  /** 'timer' (default) checks every alerts.checkSeconds; 'manual' leaves it to `check()`. */
  tick?: 'timer' | 'manual';
  /** Channel failures (403/404) in a row before the channel's alert subscriptions are disabled. */
  disableAfterFailures?: number;
  /** How long Discord remembers a nonce; re-sending within it cannot duplicate a message. */
  nonceWindowMs?: number;
  /** After this long an alert message is no longer edited: a change becomes a short new post. */
  editWindowMs?: number;
  hooks?: AlertHooks;
}

export interface CheckSummary {
  routed: number;
  posted: number;
  edited: number;
  updates: number;
  failed: number;
  /** Channels with talks waiting that are over their hourly limit. */
  heldBack: number;
}

export interface AlertDispatcher {
  /** Start-up work: configured subscriptions synced, interrupted posts resolved, a first check. */
  readonly ready: Promise<void>;
  /** One check; `gather: false` routes at once instead of waiting for the change log to be quiet. */
  check(options?: { gather?: boolean }): Promise<CheckSummary>;
  stop(): Promise<void>;
}

const DEFAULT_NONCE_WINDOW_MS = 4 * 60_000;
const DEFAULT_EDIT_WINDOW_MS = 24 * 3600_000;
/** A steady stream of changes is routed at least this often, so no alert waits past a minute. */
const MAX_GATHER_MS = 30_000;
const ROUTE_BATCH = 500;
/** Channels prepared ahead of the queue, as the digest scheduler does. */
const PREPARED_AHEAD = 64;

export function newAlertNonce(): string {
  return `pa${randomBytes(10).toString('hex')}`;
}

export function startAlertDispatcher(
  app: App,
  queue: DeliveryQueue,
  poster: ChannelPoster,
  options: AlertDispatcherOptions = {},
): AlertDispatcher {
  const logger = app.logger.child({ component: 'alerts' });
  const disableAfter = options.disableAfterFailures ?? 3;
  const nonceWindowMs = options.nonceWindowMs ?? DEFAULT_NONCE_WINDOW_MS;
  const editWindowMs = options.editWindowMs ?? DEFAULT_EDIT_WINDOW_MS;
  const hooks = options.hooks ?? {};
  const store = app.store;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<CheckSummary> | null = null;
  let syncing: Promise<unknown> = Promise.resolve();
  /** The newest change id seen by the last check and when it was first seen (the gathering of a burst). */
  let seen = { latest: 0, since: 0 };

  const settings = () => app.config.current().parley.alerts;
  const nowIso = () => app.now().toISOString();

  function subjects(items: AlertItem[]) {
    return items.filter((i) => i.event !== null).map((i) => ({ event: i.event!, kinds: i.kinds, fromStatus: i.fromStatus }));
  }

  async function settleFailure(
    post: AlertPost,
    outcome: Extract<DeliveryOutcome, { ok: false }>,
    items: AlertItem[],
  ): Promise<'failed' | 'left'> {
    const failure = outcome.failure;
    // Shutting down, or Discord unreachable through every retry: the post stays 'recorded' and is
    // re-sent with the same nonce by the next check or start.
    if (failure.kind === 'cancelled' || failure.kind === 'transient' || failure.kind === 'rate-limited') {
      logger.info({ post: post.id, channelId: post.channelId, failure: failure.kind }, 'alert left for the next check');
      return 'left';
    }
    const channelFault = failure.kind === 'channel';
    const after = await store.alerts.markPostFailed(post.id, failure.message, nowIso(), {
      release: channelFault,
      channelFault,
      disableAfter,
    });
    // Refused for good (400): its talks are marked as shown so the same message is not retried forever.
    if (!channelFault)
      await store.alerts.markRendered(
        post.channelId,
        items.map((i) => ({ eventId: i.eventId, seq: i.changeSeq, facts: i.shown })),
        nowIso(),
      );
    if (after.length > 0 && after.every((s) => !s.enabled)) {
      logger.warn(
        { channelId: post.channelId, reason: after[0]!.disabledReason },
        'alerts disabled for a channel: it is gone or the bot may not post there',
      );
    }
    return 'failed';
  }

  /** Sends a recorded post (first try or re-send with its nonce) and settles it. */
  async function deliverPost(post: AlertPost): Promise<'sent' | 'failed' | 'left'> {
    const items = (await store.alerts.itemsOf(post.id)).filter((i) => i.event !== null);
    const reply =
      post.purpose === 'alert'
        ? items.length > 0
          ? composeAlert(subjects(items))
          : null
        : composeUpdate(
            items.map((i) => ({ event: i.event!, base: i.base })),
            messageLink(post.guildId, post.channelId, post.linksTo ?? ''),
          );
    if (!reply) {
      await store.alerts.markPostFailed(post.id, 'nothing left to say: its talks were merged away or nothing is new', nowIso(), {
        release: false,
        channelFault: false,
        disableAfter,
      });
      return 'failed';
    }
    await hooks.afterRecorded?.(post);
    const outcome = await queue.send(post.channelId, reply, post.nonce, 'alert');
    if (!outcome.ok) return settleFailure(post, outcome, items);
    await hooks.afterSent?.(post, outcome.messageId);
    const shown = items.map((i) => ({ eventId: i.eventId, seq: i.changeSeq, facts: shownFacts(i.event!) }));
    await store.alerts.markPostSent(post.id, outcome.messageId, nowIso(), shown);
    logger.info(
      { post: post.id, channelId: post.channelId, purpose: post.purpose, talks: items.length, messageId: outcome.messageId },
      'alert delivered',
    );
    return 'sent';
  }

  async function resolvePending(summary: CheckSummary): Promise<void> {
    for (const post of await store.alerts.pendingPosts()) {
      if (stopped) return;
      const resolved = await resolveUnconfirmed(poster, post, app.now(), nonceWindowMs);
      if (resolved.action === 'found') {
        const items = (await store.alerts.itemsOf(post.id)).filter((i) => i.event !== null);
        await store.alerts.markPostSent(
          post.id,
          resolved.messageId,
          nowIso(),
          items.map((i) => ({ eventId: i.eventId, seq: i.changeSeq, facts: shownFacts(i.event!) })),
        );
        continue;
      }
      if (resolved.action === 'give-up') {
        // Its talks wait for the next post: a second message is possible only if this one did
        // arrive, which nothing can tell any more; losing the alert would be worse.
        await store.alerts.markPostFailed(post.id, 'not confirmed within the nonce window; its talks go into the next alert', nowIso(), {
          release: true,
          channelFault: false,
          disableAfter,
        });
        summary.failed += 1;
        continue;
      }
      logger.warn({ post: post.id, channelId: post.channelId }, 'alert post was not confirmed; re-sending it with its nonce');
      const result = await deliverPost(post);
      if (result === 'sent') summary.posted += 1;
      else if (result === 'failed') summary.failed += 1;
    }
  }

  async function route(gather: boolean, summary: CheckSummary): Promise<void> {
    const latest = await store.alerts.latestChangeId();
    const nowMs = Date.now();
    if (gather && latest !== seen.latest) {
      // Something arrived since the last check: wait for a quiet one, unless it has been
      // gathering too long already (a long ingest must not hold alerts back past a minute).
      seen = { latest, since: seen.since || nowMs };
      if (nowMs - seen.since < MAX_GATHER_MS) return;
    }
    seen = { latest, since: 0 };
    for (;;) {
      const routed = await store.alerts.routeChanges(ROUTE_BATCH, nowIso());
      summary.routed += routed.changes;
      if (routed.changes < ROUTE_BATCH) break;
    }
  }

  async function postWaiting(summary: CheckSummary): Promise<void> {
    const limit = settings().maxPostsPerHour;
    const channels = await store.alerts.channelsWaiting();
    let next = 0;
    const work = async () => {
      while (next < channels.length && !stopped) {
        const { channelId } = channels[next++]!;
        await new Promise((resolve) => setImmediate(resolve));
        const hourAgo = new Date(app.now().getTime() - 3600_000).toISOString();
        if ((await store.alerts.postsSince(channelId, hourAgo)) >= limit) {
          summary.heldBack += 1;
          continue;
        }
        const post = await store.alerts.recordAlertPost(channelId, newAlertNonce(), nowIso(), MAX_EVENTS_PER_POST);
        if (!post) continue;
        const result = await deliverPost(post);
        if (result === 'sent') summary.posted += 1;
        else if (result === 'failed') summary.failed += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PREPARED_AHEAD, channels.length) }, work));
  }

  async function refresh(post: AlertPost, summary: CheckSummary): Promise<void> {
    const items = (await store.alerts.itemsOf(post.id)).filter((i) => i.event !== null);
    const stale = items.filter((i) => i.changeSeq > i.renderedSeq);
    const changed = stale.filter((i) => !sameFacts(i.shown, shownFacts(i.event!)));
    const settle = (list: AlertItem[], postId?: number) =>
      store.alerts.markRendered(
        post.channelId,
        list.map((i) => ({ eventId: i.eventId, seq: i.changeSeq, facts: shownFacts(i.event!) })),
        nowIso(),
        postId,
      );
    if (changed.length === 0) {
      // A change nobody could see in the message (a reworded summary): nothing to edit.
      await settle(stale);
      return;
    }
    const age = app.now().getTime() - new Date(post.sentAt ?? post.recordedAt).getTime();
    if (age < editWindowMs) {
      const reply =
        post.purpose === 'alert'
          ? composeAlert(subjects(items))
          : composeUpdate(
              items.map((i) => ({ event: i.event!, base: i.base })),
              messageLink(post.guildId, post.channelId, post.linksTo ?? ''),
            );
      if (!reply) return settle(stale);
      const outcome = await queue.edit(post.channelId, post.messageId!, reply);
      if (outcome.ok) {
        await settle(stale, post.id);
        await store.alerts.noteChannelHealthy(post.channelId);
        summary.edited += 1;
        return;
      }
      const failure = outcome.failure;
      if (failure.kind === 'channel')
        await store.alerts.noteEditFailed(post.channelId, failure.message, nowIso(), { channelFault: true, disableAfter });
      else if (failure.kind === 'rejected') await settle(stale);
      summary.failed += 1;
      return;
    }
    // Past the edit window: a short new post that links the old message, under the hourly limit.
    const hourAgo = new Date(app.now().getTime() - 3600_000).toISOString();
    if ((await store.alerts.postsSince(post.channelId, hourAgo)) >= settings().maxPostsPerHour) {
      summary.heldBack += 1;
      return;
    }
    await settle(stale.filter((i) => !changed.includes(i)));
    const update = await store.alerts.recordUpdatePost(
      post.channelId,
      post.guildId,
      changed.map((i) => ({ eventId: i.eventId, base: i.shown })),
      post.purpose === 'update' && post.linksTo ? post.linksTo : post.messageId!,
      newAlertNonce(),
      nowIso(),
    );
    const result = await deliverPost(update);
    if (result === 'sent') summary.updates += 1;
    else if (result === 'failed') summary.failed += 1;
  }

  async function checkNow(gather: boolean): Promise<CheckSummary> {
    const summary: CheckSummary = { routed: 0, posted: 0, edited: 0, updates: 0, failed: 0, heldBack: 0 };
    if (stopped || !settings().enabled) return summary;
    await syncing;
    await resolvePending(summary);
    await route(gather, summary);
    await postWaiting(summary);
    for (const post of await store.alerts.postsToRefresh()) {
      if (stopped) break;
      await refresh(post, summary);
    }
    if (summary.posted || summary.edited || summary.updates || summary.failed) logger.info(summary, 'alerts checked');
    return summary;
  }

  /** One check at a time: a check that finds one running waits for it and then runs. */
  function check(options: { gather?: boolean } = {}): Promise<CheckSummary> {
    const previous = current ?? Promise.resolve(null);
    const run = previous.catch(() => null).then(() => checkNow(options.gather ?? true));
    current = run;
    void run.finally(() => {
      if (current === run) current = null;
    });
    return run;
  }

  const sync = () => {
    syncing = syncConfiguredAlerts(store, app.config.current(), app.now(), logger).catch((error: unknown) => {
      logger.error({ error: (error as Error).message }, 'syncing configured alert subscriptions failed');
    });
    return syncing;
  };
  const unsubscribe = app.config.onChange(() => void sync());

  const ready = (async () => {
    try {
      await sync();
      await check();
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'alert start-up check failed');
    }
  })();

  if ((options.tick ?? 'timer') === 'timer') {
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        void check()
          .catch((error: unknown) => logger.error({ error: (error as Error).message }, 'alert check failed'))
          .finally(schedule);
      }, settings().checkSeconds * 1000);
    };
    void ready.then(schedule);
  }

  return {
    ready,
    check,
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await ready;
      await current?.catch(() => undefined);
    },
  };
}
