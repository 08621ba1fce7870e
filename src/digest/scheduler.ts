// Runs the digest schedules. A node-cron task wakes the scheduler every minute; which slots are
// due is computed from each subscription's cron expression in its own time zone (schedule.ts),
// so the same code runs under an injected clock in tests and catches up after downtime.
//
// Exactly once per slot:
//   1. the run is recorded (digest_runs, unique per subscription and slot) with a fresh nonce;
//   2. the message is posted with that nonce and enforce_nonce;
//   3. the run is marked sent with the message id, and the subscription's `since` moves to the
//      run's `until`, in one transaction.
// A crash after 1 leaves a 'recorded' run. On start such a run is re-sent with the SAME nonce:
// if the crash came after 2, Discord answers with the message it already created (enforce_nonce)
// and no second message appears; if it came before 2, the message is posted now. Beyond the
// nonce window a poster that can look for the message is asked; without one the run is marked
// failed and its content, since `since` did not move, goes into the next digest.
import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { App } from '../app.ts';
import type { DigestRun, Subscription } from '../store/digests.ts';
import { composeSubscriptionDigest } from './contents.ts';
import { syncConfiguredSubscriptions } from './configSync.ts';
import { DeliveryQueue, resolveUnconfirmed, type ChannelPoster, type DeliveryQueueOptions } from './delivery.ts';
import { compileSchedule, latestSlotAtOrBefore, nextSlotAfter, type DigestSchedule } from './schedule.ts';

export interface DeliveryHooks {
  /** The run is recorded and its message composed, not yet sent. */
  afterRecorded?(run: DigestRun): void | Promise<void>;
  /** Discord accepted the message; the run is not yet marked sent. */
  afterSent?(run: DigestRun, messageId: string): void | Promise<void>;
}

export interface DigestSchedulerOptions {
  /** 'cron' (default) wakes every minute with node-cron; 'manual' leaves it to `runDue()`. */
  tick?: 'cron' | 'manual';
  queue?: Omit<DeliveryQueueOptions, 'poster' | 'logger'>;
  /**
   * The process's one delivery queue, shared with the alert dispatcher (so both stay under one
   * rate limit). Its owner closes it; without one the scheduler makes and closes its own.
   */
  deliveryQueue?: DeliveryQueue;
  /** Channel failures (403/404) in a row before a subscription is disabled. */
  disableAfterFailures?: number;
  /** How long Discord remembers a nonce; re-sending within it cannot duplicate a message. */
  nonceWindowMs?: number;
  hooks?: DeliveryHooks;
}

export type RunResult = 'sent' | 'empty' | 'failed' | 'skipped';

export interface DueSummary {
  due: number;
  sent: number;
  empty: number;
  failed: number;
}

export interface DigestScheduler {
  /** Start-up work: configured subscriptions synced, interrupted runs resolved, the latest missed slot caught up. */
  readonly ready: Promise<void>;
  /** Runs every slot that is due now (at most the latest per subscription). */
  runDue(): Promise<DueSummary>;
  readonly queue: DeliveryQueue;
  stop(): Promise<void>;
}

const DEFAULT_NONCE_WINDOW_MS = 4 * 60_000;
/** More than a second's worth of requests at Discord's limit, so the queue never waits on composing. */
const PREPARED_AHEAD = 64;

/** Discord accepts nonces of at most 25 characters. */
export function newNonce(): string {
  return `pd${randomBytes(10).toString('hex')}`;
}

export function startDigestScheduler(app: App, poster: ChannelPoster, options: DigestSchedulerOptions = {}): DigestScheduler {
  const logger = app.logger.child({ component: 'digests' });
  const sharedQueue = options.deliveryQueue ?? null;
  const queue = sharedQueue ?? new DeliveryQueue({ ...options.queue, poster, logger });
  const disableAfter = options.disableAfterFailures ?? 3;
  const nonceWindowMs = options.nonceWindowMs ?? DEFAULT_NONCE_WINDOW_MS;
  const hooks = options.hooks ?? {};
  const inFlight = new Set<number>();
  const schedules = new Map<string, DigestSchedule>();
  const nextSlots = new Map<number, { key: string; at: number | null }>();
  let recovered = false;
  let stopped = false;
  let task: ScheduledTask | null = null;
  let syncing: Promise<unknown> = Promise.resolve();

  const enabled = () => app.config.current().parley.digests.enabled;

  function scheduleOf(subscription: Subscription): DigestSchedule | null {
    const key = `${subscription.cron}\u0000${subscription.timeZone}`;
    let schedule = schedules.get(key);
    if (!schedule) {
      try {
        schedule = compileSchedule(subscription.cron, subscription.timeZone);
      } catch (error) {
        logger.error({ subscription: subscription.id, error: (error as Error).message }, 'digest subscription has an unusable schedule');
        return null;
      }
      schedules.set(key, schedule);
    }
    return schedule;
  }

  async function deliverRun(subscription: Subscription, run: DigestRun): Promise<RunResult> {
    const store = app.store;
    const reply = await composeSubscriptionDigest(store, app.config.current(), subscription, new Date(run.until));
    if (!reply) {
      await store.digests.markRunEmpty(run.id, app.now().toISOString());
      logger.debug({ subscription: subscription.id, slot: run.slot }, 'nothing new; no digest posted');
      return 'empty';
    }
    await hooks.afterRecorded?.(run);
    const outcome = await queue.send(subscription.channelId, reply, run.nonce);
    if (outcome.ok) {
      await hooks.afterSent?.(run, outcome.messageId);
      await store.digests.markRunSent(run.id, outcome.messageId, app.now().toISOString());
      logger.info(
        { subscription: subscription.id, channelId: subscription.channelId, slot: run.slot, messageId: outcome.messageId },
        'digest delivered',
      );
      app.metrics?.digestDelivered('sent');
      return 'sent';
    }
    if (outcome.failure.kind === 'cancelled') {
      // Shutting down: the run stays 'recorded' and the next start sends it with the same nonce.
      logger.info({ subscription: subscription.id, slot: run.slot }, 'digest left for the next start');
      app.metrics?.digestDelivered('cancelled');
      return 'skipped';
    }
    app.metrics?.digestDelivered('failed');
    const channelFault = outcome.failure.kind === 'channel';
    const after = await store.digests.markRunFailed(run.id, outcome.failure.message, app.now().toISOString(), {
      channelFault,
      disableAfter,
    });
    if (after && !after.enabled) {
      logger.warn(
        {
          subscription: subscription.id,
          channelId: subscription.channelId,
          failures: after.consecutiveFailures,
          reason: after.disabledReason,
        },
        'digest subscription disabled: the channel is gone or the bot may not post there',
      );
    }
    return 'failed';
  }

  async function runSlot(subscription: Subscription, slot: Date): Promise<RunResult> {
    if (inFlight.has(subscription.id)) return 'skipped';
    inFlight.add(subscription.id);
    try {
      const now = app.now().toISOString();
      const { run, created } = await app.store.digests.recordRun(subscription.id, slot.toISOString(), newNonce(), now, now);
      // An existing run is either settled or an interrupted one that start-up resolves.
      if (!created) return 'skipped';
      return await deliverRun(subscription, run);
    } catch (error) {
      logger.error({ subscription: subscription.id, slot: slot.toISOString(), error: (error as Error).message }, 'digest run failed');
      return 'failed';
    } finally {
      inFlight.delete(subscription.id);
    }
  }

  async function resolveInterruptedRuns(): Promise<void> {
    const store = app.store;
    for (const run of await store.digests.pendingRuns()) {
      const subscription = await store.digests.getSubscription(run.subscriptionId);
      const now = app.now();
      if (!subscription || !subscription.enabled) {
        if (subscription)
          await store.digests.markRunFailed(run.id, 'subscription disabled before delivery', now.toISOString(), {
            channelFault: false,
            disableAfter,
          });
        continue;
      }
      const age = now.getTime() - new Date(run.recordedAt).getTime();
      logger.warn({ subscription: subscription.id, slot: run.slot, ageMs: age }, 'digest run was interrupted; resolving it');
      const resolved = await resolveUnconfirmed(
        poster,
        { channelId: subscription.channelId, nonce: run.nonce, recordedAt: run.recordedAt },
        now,
        nonceWindowMs,
      );
      if (resolved.action === 'found') {
        await store.digests.markRunSent(run.id, resolved.messageId, now.toISOString());
        logger.info(
          { subscription: subscription.id, slot: run.slot, messageId: resolved.messageId },
          'interrupted digest had been delivered; marked sent',
        );
        continue;
      }
      if (resolved.action === 'give-up') {
        await store.digests.markRunFailed(
          run.id,
          'interrupted before confirmation and too old to re-send safely; its content goes into the next digest',
          now.toISOString(),
          {
            channelFault: false,
            disableAfter,
          },
        );
        continue;
      }
      inFlight.add(subscription.id);
      try {
        await deliverRun(subscription, run);
      } finally {
        inFlight.delete(subscription.id);
      }
    }
  }

  // Runs in progress, so a stop with a shared queue can wait for its own messages only.
  const running = new Set<Promise<unknown>>();
  function runDue(): Promise<DueSummary> {
    const run = runDueNow();
    const settled = run.catch(() => undefined);
    running.add(settled);
    void settled.then(() => running.delete(settled));
    return run;
  }

  async function runDueNow(): Promise<DueSummary> {
    const summary: DueSummary = { due: 0, sent: 0, empty: 0, failed: 0 };
    if (stopped || !enabled()) return summary;
    await syncing;
    if (!recovered) {
      recovered = true;
      await resolveInterruptedRuns();
    }
    const now = app.now();
    const [subscriptions, latest] = await Promise.all([
      app.store.digests.listSubscriptions({ enabledOnly: true }),
      app.store.digests.latestSlots(),
    ]);
    const due: Array<{ subscription: Subscription; slot: Date }> = [];
    for (const subscription of subscriptions) {
      const schedule = scheduleOf(subscription);
      if (!schedule) continue;
      const handled = latest.get(subscription.id);
      const floor = handled !== undefined && handled > subscription.createdAt ? handled : subscription.createdAt;
      // The first slot after the last handled one, remembered until that changes: most ticks
      // find nothing due and cost one comparison per subscription.
      const key = `${subscription.cron}\u0000${subscription.timeZone}\u0000${floor}`;
      let upcoming = nextSlots.get(subscription.id);
      if (upcoming?.key !== key) {
        upcoming = { key, at: nextSlotAfter(schedule, new Date(floor))?.getTime() ?? null };
        nextSlots.set(subscription.id, upcoming);
      }
      if (upcoming.at === null || upcoming.at > now.getTime()) continue;
      // Only the latest slot is ever run: after downtime that is the one catch-up, never a burst.
      const slot = latestSlotAtOrBefore(schedule, now);
      if (!slot || slot.toISOString() <= floor) continue;
      due.push({ subscription, slot });
    }
    summary.due = due.length;
    // A fixed number of runs are prepared (recorded, composed) ahead of the delivery queue, in
    // subscription order: enough to keep the queue busy, few enough that a thousand due digests
    // are never all held in memory at once.
    const results: RunResult[] = [];
    let next = 0;
    const prepareNext = async () => {
      while (next < due.length && !stopped) {
        const index = next++;
        // Composing is synchronous SQLite work; yielding between digests keeps command replies
        // and network I/O flowing during a large fan-out.
        await new Promise((resolve) => setImmediate(resolve));
        results[index] = await runSlot(due[index]!.subscription, due[index]!.slot);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PREPARED_AHEAD, due.length) }, prepareNext));
    for (const result of results) {
      if (result === 'sent') summary.sent += 1;
      else if (result === 'empty') summary.empty += 1;
      else if (result === 'failed') summary.failed += 1;
    }
    if (summary.due > 0) logger.info(summary, 'digest slots run');
    return summary;
  }

  const sync = () => {
    syncing = syncConfiguredSubscriptions(app.store, app.config.current(), app.now(), logger).catch((error: unknown) => {
      logger.error({ error: (error as Error).message }, 'syncing configured digest subscriptions failed');
    });
    return syncing;
  };
  const unsubscribe = app.config.onChange(() => void sync());

  // Never rejects: a failed start-up run is logged and the next tick tries again.
  const ready = (async () => {
    try {
      await sync();
      if (!enabled()) {
        logger.info('digests are turned off (digests.enabled: false)');
        return;
      }
      await runDue();
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'digest start-up run failed');
    }
  })();

  if ((options.tick ?? 'cron') === 'cron') {
    task = cron.schedule(
      '* * * * *',
      async () => {
        await ready;
        await runDue().catch((error: unknown) => logger.error({ error: (error as Error).message }, 'digest tick failed'));
      },
      { name: 'parley-digests', noOverlap: false },
    );
  }

  return {
    ready,
    runDue,
    queue,
    async stop() {
      stopped = true;
      unsubscribe();
      if (task) await task.stop();
      // Messages not yet started are left 'recorded' for the next start; in-flight ones finish.
      // A shared queue is closed by its owner (at shutdown), not when digests alone are switched off.
      if (!sharedQueue) queue.close();
      await ready;
      if (sharedQueue) await Promise.all(running);
      else await queue.idle();
    },
  };
}
