// Owned by the alerts area (src/alerts): alert subscriptions, the routing of the change log (the
// outbox the merge writes, see src/merge/changeLog.ts) to channels, and the alert posts with
// their exactly-once bookkeeping (recorded with a nonce, then sent), as digest runs have.
import type { EventStatus, IsoInstant, TalkEvent } from '../domain/types.ts';
import type { DigestFilters, SubscriptionOrigin, SyncResult } from './digests.ts';

/**
 * What a subscriber hears about: new talks reported as held, newly planned talks, status changes
 * (planned -> held, -> cancelled), and new participants joining a known talk.
 */
export type AlertKind = 'held' | 'planned' | 'status' | 'participants';
export const ALERT_KINDS: readonly AlertKind[] = ['held', 'planned', 'status', 'participants'];

export interface AlertSubscription {
  id: number;
  guildId: string | null;
  channelId: string;
  filters: DigestFilters;
  /** Never empty; in the order of ALERT_KINDS. */
  kinds: AlertKind[];
  origin: SubscriptionOrigin;
  createdBy: string | null;
  createdAt: IsoInstant;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: IsoInstant | null;
}

export interface NewAlertSubscription {
  guildId: string | null;
  channelId: string;
  filters: DigestFilters;
  kinds: AlertKind[];
  createdBy: string | null;
  createdAt: IsoInstant;
}

/** An alert subscription declared in config/parley.yaml (alerts.subscriptions). */
export interface ConfigAlertDefinition {
  guildId: string | null;
  channelId: string;
  filters: DigestFilters;
  kinds: AlertKind[];
}

export type AddAlertSubscriptionResult =
  { status: 'added'; subscription: AlertSubscription } | { status: 'exists'; subscription: AlertSubscription; reenabled: boolean };

export type AlertPostPurpose = 'alert' | 'update';
export type AlertPostStatus = 'recorded' | 'sent' | 'failed';

export interface AlertPost {
  id: number;
  channelId: string;
  guildId: string | null;
  /** 'alert': the first message about its events; 'update': a short post linking an older one. */
  purpose: AlertPostPurpose;
  status: AlertPostStatus;
  nonce: string;
  messageId: string | null;
  /** For an update: the message it links to. */
  linksTo: string | null;
  recordedAt: IsoInstant;
  sentAt: IsoInstant | null;
  error: string | null;
}

/** The facts a message shows about one event, kept to tell what a later change adds. */
export interface ShownFacts {
  status: EventStatus;
  date: string | null;
  dateTo: string | null;
  city: string | null;
  country: string | null;
  participants: number[];
  sources: number[];
}

/** One event as a channel is told about it. */
export interface AlertItem {
  channelId: string;
  eventId: number;
  /** What happened, for the first post (for updates the facts tell). */
  kinds: AlertKind[];
  /** For a status change: the status before it. */
  fromStatus: EventStatus | null;
  /** The last change routed to this item, and the last one its message shows. */
  changeSeq: number;
  renderedSeq: number;
  /** The first message about the event in this channel. */
  firstMessageId: string | null;
  shown: ShownFacts | null;
  /** In an update post: the facts the older message showed (what the update adds to). */
  base: ShownFacts | null;
  /** The current event, or null when it no longer exists (merged into another). */
  event: TalkEvent | null;
}

export interface RouteSummary {
  /** Change-log rows read. */
  changes: number;
  /** Events newly waiting for a first post, over all channels. */
  queued: number;
  /** Already alerted events whose message is now out of date. */
  stale: number;
}

export interface AlertRepo {
  countSubscriptions(): Promise<number>;
  addSubscription(input: NewAlertSubscription): Promise<AddAlertSubscriptionResult>;
  getSubscription(id: number): Promise<AlertSubscription | null>;
  listSubscriptions(where?: { channelId?: string; guildId?: string; enabledOnly?: boolean }): Promise<AlertSubscription[]>;
  removeSubscription(id: number): Promise<boolean>;
  /** Makes the config-declared subscriptions match `definitions` (as digests do). */
  syncConfigSubscriptions(definitions: ConfigAlertDefinition[], now: IsoInstant): Promise<SyncResult>;

  /** The newest change-log id (0 when empty). */
  latestChangeId(): Promise<number>;
  /**
   * Reads at most `limit` change-log rows past the cursor, queues the events they make alertable
   * for each matching channel, marks the messages of already alerted events out of date, and
   * moves the cursor past them: all in one transaction, so a change is routed exactly once.
   */
  routeChanges(limit: number, at: IsoInstant): Promise<RouteSummary>;

  /** Channels with events waiting for their first post and at least one enabled subscription. */
  channelsWaiting(): Promise<Array<{ channelId: string; guildId: string | null }>>;
  /** Posts recorded in the channel at or after `since` (sent or about to be): the flood count. */
  postsSince(channelId: string, since: IsoInstant): Promise<number>;
  /**
   * Records an alert post for the channel's oldest `max` waiting events and assigns them to it,
   * in one transaction; null when nothing waits.
   */
  recordAlertPost(channelId: string, nonce: string, at: IsoInstant, max: number): Promise<AlertPost | null>;
  /** Records an update post about `eventIds` linking to `linksTo`. */
  recordUpdatePost(
    channelId: string,
    guildId: string | null,
    items: Array<{ eventId: number; base: ShownFacts | null }>,
    linksTo: string,
    nonce: string,
    at: IsoInstant,
  ): Promise<AlertPost>;
  getPost(postId: number): Promise<AlertPost | null>;
  /** Posts recorded but neither sent nor settled. */
  pendingPosts(): Promise<AlertPost[]>;
  postsIn(channelId: string): Promise<AlertPost[]>;
  /** The events a post is about, as the channel knows them. */
  itemsOf(postId: number): Promise<AlertItem[]>;
  /**
   * Marks the post sent: its events now show in this message, at the change seq and facts given
   * (what the composed message showed).
   */
  markPostSent(
    postId: number,
    messageId: string,
    at: IsoInstant,
    shown: Array<{ eventId: number; seq: number; facts: ShownFacts | null }>,
  ): Promise<void>;
  /**
   * Marks the post failed. `release` puts an alert post's events back in the waiting line (so a
   * later post carries them); a `channelFault` counts towards disabling the channel's
   * subscriptions, as with digests. Returns the channel's subscriptions afterwards.
   */
  markPostFailed(
    postId: number,
    error: string,
    at: IsoInstant,
    options: { release: boolean; channelFault: boolean; disableAfter: number },
  ): Promise<AlertSubscription[]>;
  /** Sent posts (alert or update) with an event whose message is out of date. */
  postsToRefresh(): Promise<AlertPost[]>;
  /** The message of these events now shows what it showed at `seq` (after an edit, or nothing worth saying). */
  markRendered(
    channelId: string,
    shown: Array<{ eventId: number; seq: number; facts: ShownFacts | null }>,
    at: IsoInstant,
    postId?: number,
  ): Promise<void>;
  /** An edit that failed: counted towards disabling like a failed post. */
  noteEditFailed(channelId: string, error: string, at: IsoInstant, options: { channelFault: boolean; disableAfter: number }): Promise<void>;
  /** A successful edit or post to the channel clears its failure count. */
  noteChannelHealthy(channelId: string): Promise<void>;

  /** Of `eventIds`, those already alerted (posted) in the channel: the digest marks them. */
  alertedIn(channelId: string, eventIds: number[]): Promise<Set<number>>;
}
