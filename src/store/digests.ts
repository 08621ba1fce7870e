// Owned by the digest area: subscriptions, digest runs (exactly-once delivery) and the
// "what changed since" queries a digest is built from.
import type { EventStatus, IsoInstant, Quote, TalkEvent } from '../domain/types.ts';

/** What a subscriber wants to hear about; every filter present must match. */
export interface DigestFilters {
  /** ISO country code or 'EU': the event has this side (a quote: its speaker is from there). */
  side?: string;
  /** A person's name or alias: they took part (a quote: they said it). */
  person?: string;
  /** Comma-separated words or phrases; any one of them in the summary, evidence, place or names. */
  keywords?: string;
}

export type SubscriptionOrigin = 'command' | 'config';

export interface Subscription {
  id: number;
  guildId: string | null;
  channelId: string;
  /** Five-field cron expression, evaluated in `timeZone`. */
  cron: string;
  /** The schedule as the subscriber gave it, e.g. "daily 08:00". */
  scheduleLabel: string;
  timeZone: string;
  filters: DigestFilters;
  notifyEmpty: boolean;
  /** Attach the timeline picture of the subscription's side and person (src/timeline). */
  picture: boolean;
  origin: SubscriptionOrigin;
  createdBy: string | null;
  createdAt: IsoInstant;
  enabled: boolean;
  disabledReason: string | null;
  /** Delivery failures in a row that point at the channel (deleted, no permission). */
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: IsoInstant | null;
  /** Everything that changed after this instant goes into the next digest. */
  since: IsoInstant;
}

export interface NewSubscription {
  guildId: string | null;
  channelId: string;
  cron: string;
  scheduleLabel: string;
  timeZone: string;
  filters: DigestFilters;
  notifyEmpty: boolean;
  picture?: boolean;
  createdBy: string | null;
  createdAt: IsoInstant;
  since: IsoInstant;
}

/** A subscription declared in config/, with its schedule already parsed. */
export interface ConfigSubscriptionDefinition {
  guildId: string | null;
  channelId: string;
  cron: string;
  scheduleLabel: string;
  timeZone: string;
  filters: DigestFilters;
  notifyEmpty: boolean;
  /** Absent: no picture. */
  picture?: boolean;
}

export type AddSubscriptionResult =
  | { status: 'added'; subscription: Subscription }
  /** The channel already has one with the same schedule and filters; a disabled one is re-enabled. */
  | { status: 'exists'; subscription: Subscription; reenabled: boolean };

export type DigestRunStatus = 'recorded' | 'sent' | 'failed' | 'empty';

export interface DigestRun {
  id: number;
  subscriptionId: number;
  /** The scheduled instant this run is for (UTC ISO); unique per subscription. */
  slot: IsoInstant;
  status: DigestRunStatus;
  /** Sent with the message so that a re-send after a crash is recognised as the same message. */
  nonce: string;
  messageId: string | null;
  /** The end of the digest window; the subscription's `since` moves here once delivered. */
  until: IsoInstant;
  recordedAt: IsoInstant;
  sentAt: IsoInstant | null;
  error: string | null;
}

export type DigestChangeKind = 'held' | 'planned' | 'status-changed' | 'cancelled';

export interface DigestChange {
  event: TalkEvent;
  kind: DigestChangeKind;
  /** For 'status-changed': the status the event had when the window opened. */
  previousStatus: EventStatus | null;
}

export interface DigestChanges {
  /** Newest first (event date, then last update). */
  events: DigestChange[];
  /** New quotes matching the filters, newest first; ranking for notability is the composer's job. */
  quotes: Quote[];
}

export interface ChangeLimits {
  /** At most this many events and quotes are returned (the counts below still tell the totals). */
  events: number;
  quotes: number;
}

export interface DigestChangesPage extends DigestChanges {
  totalEvents: number;
  totalQuotes: number;
}

export interface SyncResult {
  added: number;
  updated: number;
  removed: number;
}

export interface DigestRepo {
  countSubscriptions(): Promise<number>;
  addSubscription(input: NewSubscription): Promise<AddSubscriptionResult>;
  getSubscription(id: number): Promise<Subscription | null>;
  /** By channel, or by guild, or all; ordered by id. */
  listSubscriptions(where?: { channelId?: string; guildId?: string; enabledOnly?: boolean }): Promise<Subscription[]>;
  removeSubscription(id: number): Promise<boolean>;
  /**
   * Makes the config-declared subscriptions match `definitions`: adds new ones (since = `since`
   * for each new one), updates changed ones in place, re-enables disabled ones, removes the rest.
   */
  syncConfigSubscriptions(
    definitions: ConfigSubscriptionDefinition[],
    now: IsoInstant,
    sinceFor: (definition: ConfigSubscriptionDefinition) => IsoInstant,
  ): Promise<SyncResult>;

  /**
   * Records the run for `slot` unless one exists. `created` tells which: an existing run is
   * returned unchanged, so a slot is never run twice.
   */
  recordRun(
    subscriptionId: number,
    slot: IsoInstant,
    nonce: string,
    until: IsoInstant,
    at: IsoInstant,
  ): Promise<{ run: DigestRun; created: boolean }>;
  /** The latest slot that has a run of any status, per subscription. */
  latestSlots(): Promise<Map<number, IsoInstant>>;
  /** Runs recorded but neither sent nor settled: a crash happened around delivery. */
  pendingRuns(): Promise<DigestRun[]>;
  runsFor(subscriptionId: number): Promise<DigestRun[]>;
  /** Marks the run sent and moves the subscription's `since` to the run's `until`, atomically. */
  markRunSent(runId: number, messageId: string, at: IsoInstant): Promise<void>;
  /** Nothing to say for this slot; `since` stays so nothing is lost. */
  markRunEmpty(runId: number, at: IsoInstant): Promise<void>;
  /**
   * Marks the run failed. A `channelFault` (channel gone, access lost) counts towards disabling:
   * at `disableAfter` such failures in a row the subscription is disabled with the error as reason.
   */
  markRunFailed(
    runId: number,
    error: string,
    at: IsoInstant,
    fault: { channelFault: boolean; disableAfter: number },
  ): Promise<Subscription | null>;

  /** What changed in (since, until], matching `filters`. */
  changesSince(filters: DigestFilters, since: IsoInstant, until: IsoInstant, limits: ChangeLimits): Promise<DigestChangesPage>;
}
