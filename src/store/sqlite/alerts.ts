import type { Database, Statement } from 'better-sqlite3';
import type { EventStatus, TalkEvent } from '../../domain/types.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import { EVENT_COLUMNS, EventHydrator, type EventRow } from './eventPages.ts';
import {
  canonicalFilters,
  eventSearchText,
  keywordTerms,
  matchesKeywords,
  parseFilters,
  subscriptionScope,
  type SubscriptionScope,
} from './digests.ts';
import type { SubscriptionOrigin, SyncResult } from '../digests.ts';
import {
  ALERT_KINDS,
  type AddAlertSubscriptionResult,
  type AlertItem,
  type AlertKind,
  type AlertPost,
  type AlertPostPurpose,
  type AlertPostStatus,
  type AlertRepo,
  type AlertSubscription,
  type ConfigAlertDefinition,
  type NewAlertSubscription,
  type RouteSummary,
  type ShownFacts,
} from '../alerts.ts';

export interface AlertSubscriptionRow {
  id: number;
  guild_id: string | null;
  channel_id: string;
  filters_json: string;
  kinds_json: string;
  origin: SubscriptionOrigin;
  config_key: string | null;
  created_by: string | null;
  created_at: string;
  after_change_id: number;
  enabled: number;
  disabled_reason: string | null;
  consecutive_failures: number;
  last_error: string | null;
  last_error_at: string | null;
}

export interface ChangeRow {
  id: number;
  event_id: number;
  created: number;
  from_status: EventStatus | null;
  to_status: EventStatus;
  added_people_json: string;
  first_extraction: number;
}

export interface PostRow {
  id: number;
  channel_id: string;
  guild_id: string | null;
  purpose: AlertPostPurpose;
  status: AlertPostStatus;
  nonce: string;
  message_id: string | null;
  links_to: string | null;
  recorded_at: string;
  sent_at: string | null;
  error: string | null;
}

export interface ItemRow {
  channel_id: string;
  event_id: number;
  kinds_json: string;
  from_status: EventStatus | null;
  change_seq: number;
  rendered_seq: number;
  first_message_id: string | null;
  shown_json: string | null;
  base_json: string | null;
}

/** Kinds as a set in the fixed order of ALERT_KINDS, so equal sets compare equal. */
export function canonicalKinds(kinds: Iterable<string>): AlertKind[] {
  const wanted = new Set(kinds);
  return ALERT_KINDS.filter((k) => wanted.has(k));
}

/** What a change-log row is worth alerting as. An update of facts alone is none: it only edits. */
export function alertKindsOf(change: {
  created: boolean;
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  addedPeople: number[];
}): AlertKind[] {
  const kinds: AlertKind[] = [];
  if (change.created) {
    if (change.toStatus === 'held') kinds.push('held');
    else if (change.toStatus === 'cancelled') kinds.push('status');
    else kinds.push('planned');
    return kinds;
  }
  if (change.fromStatus !== null && change.fromStatus !== change.toStatus) kinds.push('status');
  if (change.addedPeople.length > 0) kinds.push('participants');
  return kinds;
}

/** The elements of a stored JSON array that pass `keep`; nothing for anything else. */
function parseArray<T>(json: string, keep: (value: unknown) => value is T): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(keep) : [];
  } catch {
    return [];
  }
}

export const parseKinds = (json: string): AlertKind[] => canonicalKinds(parseArray(json, (v): v is string => typeof v === 'string'));
export const parseNumbers = (json: string): number[] => parseArray(json, (v): v is number => Number.isInteger(v));

export function parseShown(json: string | null): ShownFacts | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as ShownFacts;
  } catch {
    return null;
  }
}

export function mapAlertSubscription(row: AlertSubscriptionRow): AlertSubscription {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    filters: parseFilters(row.filters_json),
    kinds: parseKinds(row.kinds_json),
    origin: row.origin,
    createdBy: row.created_by,
    createdAt: row.created_at,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
  };
}

export function mapPost(row: PostRow): AlertPost {
  return {
    id: row.id,
    channelId: row.channel_id,
    guildId: row.guild_id,
    purpose: row.purpose,
    status: row.status,
    nonce: row.nonce,
    messageId: row.message_id,
    linksTo: row.links_to,
    recordedAt: row.recorded_at,
    sentAt: row.sent_at,
    error: row.error,
  };
}

export function alertConfigKey(definition: ConfigAlertDefinition): string {
  return `${definition.channelId}|${JSON.stringify(canonicalFilters(definition.filters))}|${JSON.stringify(canonicalKinds(definition.kinds))}`;
}

/** A subscription ready to be matched against many events. */
export interface Matcher {
  row: AlertSubscriptionRow;
  kinds: Set<AlertKind>;
  side: string | null;
  personIds: Set<number> | null;
  terms: string[];
}

export class SqliteAlertRepo implements AlertRepo {
  private readonly statements = new Map<string, Statement>();
  private readonly hydrator: EventHydrator;

  constructor(private readonly db: Database) {
    this.hydrator = new EventHydrator(db);
  }

  /** Prepared once, on first use. */
  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private subscriptionRow(id: number): AlertSubscriptionRow | undefined {
    return this.stmt('SELECT * FROM alert_subscriptions WHERE id = ?').get(id) as AlertSubscriptionRow | undefined;
  }

  private latestChange(): number {
    return (this.stmt('SELECT COALESCE(MAX(id), 0) AS id FROM event_changes').get() as { id: number }).id;
  }

  async countSubscriptions(): Promise<number> {
    return (this.stmt('SELECT COUNT(*) AS n FROM alert_subscriptions').get() as { n: number }).n;
  }

  async addSubscription(input: NewAlertSubscription): Promise<AddAlertSubscriptionResult> {
    const filtersJson = JSON.stringify(canonicalFilters(input.filters));
    const kindsJson = JSON.stringify(canonicalKinds(input.kinds));
    return this.db.transaction((): AddAlertSubscriptionResult => {
      const same = this.stmt(
        `SELECT * FROM alert_subscriptions WHERE channel_id = ? AND filters_json = ? AND kinds_json = ? AND origin = 'command'`,
      ).get(input.channelId, filtersJson, kindsJson) as AlertSubscriptionRow | undefined;
      if (same) {
        const reenabled = same.enabled === 0;
        if (reenabled)
          this.stmt(`UPDATE alert_subscriptions SET enabled = 1, disabled_reason = NULL, consecutive_failures = 0 WHERE id = ?`).run(
            same.id,
          );
        return { status: 'exists', subscription: mapAlertSubscription(this.subscriptionRow(same.id)!), reenabled };
      }
      const id = this.insert(input, filtersJson, kindsJson, 'command', null);
      return { status: 'added', subscription: mapAlertSubscription(this.subscriptionRow(id)!) };
    })();
  }

  private insert(
    input: Omit<NewAlertSubscription, 'filters' | 'kinds'>,
    filtersJson: string,
    kindsJson: string,
    origin: SubscriptionOrigin,
    key: string | null,
  ): number {
    const info = this.stmt(
      `INSERT INTO alert_subscriptions
      (guild_id, channel_id, filters_json, kinds_json, origin, config_key, created_by, created_at, after_change_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.guildId, input.channelId, filtersJson, kindsJson, origin, key, input.createdBy, input.createdAt, this.latestChange());
    return Number(info.lastInsertRowid);
  }

  async getSubscription(id: number): Promise<AlertSubscription | null> {
    const row = this.subscriptionRow(id);
    return row ? mapAlertSubscription(row) : null;
  }

  async listSubscriptions(where: SubscriptionScope = {}): Promise<AlertSubscription[]> {
    const { clause, params } = subscriptionScope(where);
    return (this.stmt(`SELECT * FROM alert_subscriptions ${clause} ORDER BY id`).all(params) as AlertSubscriptionRow[]).map(
      mapAlertSubscription,
    );
  }

  async removeSubscription(id: number): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const row = this.subscriptionRow(id);
      if (!row) return false;
      this.removeRow(row);
      return true;
    })();
  }

  /** Deletes a subscription; events still waiting in its channel go with it when no other subscription is left there. */
  private removeRow(row: AlertSubscriptionRow): void {
    this.stmt('DELETE FROM alert_subscriptions WHERE id = ?').run(row.id);
    this.stmt(
      `DELETE FROM alert_events WHERE channel_id = ? AND post_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM alert_subscriptions WHERE channel_id = ?)`,
    ).run(row.channel_id, row.channel_id);
  }

  async syncConfigSubscriptions(definitions: ConfigAlertDefinition[], now: string): Promise<SyncResult> {
    return this.db.transaction((): SyncResult => {
      const existing = new Map(
        (this.stmt(`SELECT * FROM alert_subscriptions WHERE origin = 'config'`).all() as AlertSubscriptionRow[]).map((row) => [
          row.config_key,
          row,
        ]),
      );
      const result: SyncResult = { added: 0, updated: 0, removed: 0 };
      const wanted = new Set<string>();
      for (const definition of definitions) {
        const key = alertConfigKey(definition);
        if (wanted.has(key)) continue;
        wanted.add(key);
        const row = existing.get(key);
        if (!row) {
          this.insert(
            { guildId: definition.guildId, channelId: definition.channelId, createdBy: null, createdAt: now },
            JSON.stringify(canonicalFilters(definition.filters)),
            JSON.stringify(canonicalKinds(definition.kinds)),
            'config',
            key,
          );
          result.added += 1;
        } else if (row.guild_id !== definition.guildId || row.enabled === 0) {
          this.stmt(
            `UPDATE alert_subscriptions SET guild_id = ?, enabled = 1, disabled_reason = NULL, consecutive_failures = 0 WHERE id = ?`,
          ).run(definition.guildId, row.id);
          result.updated += 1;
        }
      }
      for (const [key, row] of existing) {
        if (key !== null && wanted.has(key)) continue;
        this.removeRow(row);
        result.removed += 1;
      }
      return result;
    })();
  }

  async latestChangeId(): Promise<number> {
    return this.latestChange();
  }

  async routeChanges(limit: number, at: string): Promise<RouteSummary> {
    return this.db.transaction((): RouteSummary => {
      const cursor =
        (this.stmt('SELECT change_id FROM alert_cursor WHERE id = 1').get() as { change_id: number } | undefined)?.change_id ?? 0;
      const rows = this.stmt('SELECT * FROM event_changes WHERE id > ? ORDER BY id LIMIT ?').all(cursor, limit) as ChangeRow[];
      const summary: RouteSummary = { changes: rows.length, queued: 0, stale: 0 };
      if (rows.length === 0) return summary;
      const events = new Map(this.loadEvents([...new Set(rows.map((r) => r.event_id))]).map((e) => [e.id, e]));
      const matchers = (this.stmt('SELECT * FROM alert_subscriptions WHERE enabled = 1 ORDER BY id').all() as AlertSubscriptionRow[]).map(
        (row) => this.matcher(row),
      );
      const itemsOf = this.stmt('SELECT channel_id, post_id, kinds_json FROM alert_events WHERE event_id = ?');
      const bump = this.stmt('UPDATE alert_events SET change_seq = ?, kinds_json = ? WHERE channel_id = ? AND event_id = ?');
      const queue = this.stmt(`INSERT INTO alert_events (channel_id, event_id, guild_id, kinds_json, from_status, change_seq, queued_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`);
      for (const row of rows) {
        // Re-extraction tells old news again (or differently): no alert, no edit.
        if (row.first_extraction === 0) continue;
        const kinds = alertKindsOf({
          created: row.created === 1,
          fromStatus: row.from_status,
          toStatus: row.to_status,
          addedPeople: parseNumbers(row.added_people_json),
        });
        const known = new Map<string, { post_id: number | null; kinds_json: string }>();
        for (const item of itemsOf.all(row.event_id) as Array<{ channel_id: string; post_id: number | null; kinds_json: string }>) {
          known.set(item.channel_id, item);
          // A waiting event collects what happened to it; a posted one only needs its message refreshed.
          const merged =
            item.post_id === null ? JSON.stringify(canonicalKinds([...parseKinds(item.kinds_json), ...kinds])) : item.kinds_json;
          bump.run(row.id, merged, item.channel_id, row.event_id);
          if (item.post_id !== null) summary.stale += 1;
        }
        const event = events.get(row.event_id);
        if (!event || kinds.length === 0) continue;
        for (const m of matchers) {
          if (m.row.after_change_id >= row.id || known.has(m.row.channel_id)) continue;
          if (!kinds.some((k) => m.kinds.has(k)) || !matches(m, event)) continue;
          queue.run(
            m.row.channel_id,
            row.event_id,
            m.row.guild_id,
            JSON.stringify(kinds),
            row.created === 1 ? null : row.from_status,
            row.id,
            at,
          );
          known.set(m.row.channel_id, { post_id: null, kinds_json: JSON.stringify(kinds) });
          summary.queued += 1;
        }
      }
      this.stmt('UPDATE alert_cursor SET change_id = ? WHERE id = 1').run(rows[rows.length - 1]!.id);
      return summary;
    })();
  }

  private matcher(row: AlertSubscriptionRow): Matcher {
    const filters = canonicalFilters(parseFilters(row.filters_json));
    let personIds: Set<number> | null = null;
    if (filters.person) {
      const ids = this.stmt(
        `SELECT person_id AS id FROM person_aliases WHERE alias_norm = ? UNION SELECT id FROM people WHERE name = ? COLLATE NOCASE`,
      ).all(normalizeName(filters.person), filters.person) as Array<{ id: number }>;
      personIds = new Set(ids.map((r) => r.id));
    }
    return {
      row,
      kinds: new Set(parseKinds(row.kinds_json)),
      side: filters.side ?? null,
      personIds,
      terms: keywordTerms(filters.keywords),
    };
  }

  private loadEvents(ids: number[]): TalkEvent[] {
    if (ids.length === 0) return [];
    const rows = this.stmt(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as EventRow[];
    return this.hydrator.hydrate(rows);
  }

  async channelsWaiting(): Promise<Array<{ channelId: string; guildId: string | null }>> {
    const rows = this.stmt(
      `SELECT ae.channel_id, MIN(ae.guild_id) AS guild_id FROM alert_events ae
      WHERE ae.post_id IS NULL AND EXISTS (SELECT 1 FROM alert_subscriptions s WHERE s.channel_id = ae.channel_id AND s.enabled = 1)
      GROUP BY ae.channel_id ORDER BY MIN(ae.queued_at), ae.channel_id`,
    ).all() as Array<{ channel_id: string; guild_id: string | null }>;
    return rows.map((r) => ({ channelId: r.channel_id, guildId: r.guild_id }));
  }

  async postsSince(channelId: string, since: string): Promise<number> {
    return (
      this.stmt(`SELECT COUNT(*) AS n FROM alert_posts WHERE channel_id = ? AND recorded_at >= ? AND status IN ('recorded', 'sent')`).get(
        channelId,
        since,
      ) as { n: number }
    ).n;
  }

  async recordAlertPost(channelId: string, nonce: string, at: string, max: number): Promise<AlertPost | null> {
    return this.db.transaction((): AlertPost | null => {
      // An event merged away while it waited is not alerted.
      this.stmt('DELETE FROM alert_events WHERE channel_id = ? AND post_id IS NULL AND event_id NOT IN (SELECT id FROM events)').run(
        channelId,
      );
      const waiting = this.stmt(
        `SELECT event_id, guild_id FROM alert_events WHERE channel_id = ? AND post_id IS NULL ORDER BY queued_at, event_id LIMIT ?`,
      ).all(channelId, max) as Array<{ event_id: number; guild_id: string | null }>;
      if (waiting.length === 0) return null;
      const postId = this.insertPost(
        channelId,
        waiting[0]!.guild_id,
        'alert',
        nonce,
        null,
        at,
        waiting.map((w) => ({ eventId: w.event_id, base: null })),
      );
      const assign = this.stmt('UPDATE alert_events SET post_id = ? WHERE channel_id = ? AND event_id = ?');
      for (const w of waiting) assign.run(postId, channelId, w.event_id);
      return mapPost(this.postRow(postId)!);
    })();
  }

  private insertPost(
    channelId: string,
    guildId: string | null,
    purpose: AlertPostPurpose,
    nonce: string,
    linksTo: string | null,
    at: string,
    items: Array<{ eventId: number; base: ShownFacts | null }>,
  ): number {
    const info = this.stmt(
      `INSERT INTO alert_posts (channel_id, guild_id, purpose, status, nonce, links_to, recorded_at) VALUES (?, ?, ?, 'recorded', ?, ?, ?)`,
    ).run(channelId, guildId, purpose, nonce, linksTo, at);
    const postId = Number(info.lastInsertRowid);
    const link = this.stmt('INSERT OR IGNORE INTO alert_post_events (post_id, event_id, base_json) VALUES (?, ?, ?)');
    for (const item of items) link.run(postId, item.eventId, item.base ? JSON.stringify(item.base) : null);
    return postId;
  }

  async recordUpdatePost(
    channelId: string,
    guildId: string | null,
    items: Array<{ eventId: number; base: ShownFacts | null }>,
    linksTo: string,
    nonce: string,
    at: string,
  ): Promise<AlertPost> {
    return this.db.transaction((): AlertPost =>
      mapPost(this.postRow(this.insertPost(channelId, guildId, 'update', nonce, linksTo, at, items))!),
    )();
  }

  private postRow(id: number): PostRow | undefined {
    return this.stmt('SELECT * FROM alert_posts WHERE id = ?').get(id) as PostRow | undefined;
  }

  async getPost(postId: number): Promise<AlertPost | null> {
    const row = this.postRow(postId);
    return row ? mapPost(row) : null;
  }

  async pendingPosts(): Promise<AlertPost[]> {
    return (this.stmt(`SELECT * FROM alert_posts WHERE status = 'recorded' ORDER BY id`).all() as PostRow[]).map(mapPost);
  }

  async postsIn(channelId: string): Promise<AlertPost[]> {
    return (this.stmt('SELECT * FROM alert_posts WHERE channel_id = ? ORDER BY id').all(channelId) as PostRow[]).map(mapPost);
  }

  async itemsOf(postId: number): Promise<AlertItem[]> {
    const rows = this.stmt(
      `SELECT ae.*, pe.base_json FROM alert_post_events pe
      JOIN alert_posts p ON p.id = pe.post_id
      JOIN alert_events ae ON ae.channel_id = p.channel_id AND ae.event_id = pe.event_id
      WHERE pe.post_id = ? ORDER BY ae.queued_at, ae.event_id`,
    ).all(postId) as ItemRow[];
    const events = new Map(this.loadEvents(rows.map((r) => r.event_id)).map((e) => [e.id, e]));
    return rows.map((r) => toAlertItem(r, events));
  }

  async markPostSent(
    postId: number,
    messageId: string,
    at: string,
    shown: Array<{ eventId: number; seq: number; facts: ShownFacts | null }>,
  ): Promise<void> {
    this.db.transaction(() => {
      const post = this.postRow(postId);
      if (!post) throw new Error(`alert post ${postId} does not exist`);
      this.stmt(`UPDATE alert_posts SET status = 'sent', message_id = ?, sent_at = ?, error = NULL WHERE id = ?`).run(
        messageId,
        at,
        postId,
      );
      const update = this.stmt(`UPDATE alert_events SET post_id = ?, first_message_id = COALESCE(first_message_id, ?),
        rendered_seq = MAX(rendered_seq, ?), shown_json = COALESCE(?, shown_json) WHERE channel_id = ? AND event_id = ?`);
      for (const s of shown) update.run(postId, messageId, s.seq, s.facts ? JSON.stringify(s.facts) : null, post.channel_id, s.eventId);
      this.healthy(post.channel_id);
    })();
  }

  private healthy(channelId: string): void {
    this.stmt(
      `UPDATE alert_subscriptions SET consecutive_failures = 0, last_error = NULL, last_error_at = NULL
      WHERE channel_id = ? AND enabled = 1 AND (consecutive_failures > 0 OR last_error IS NOT NULL)`,
    ).run(channelId);
  }

  async noteChannelHealthy(channelId: string): Promise<void> {
    this.healthy(channelId);
  }

  async markPostFailed(
    postId: number,
    error: string,
    at: string,
    options: { release: boolean; channelFault: boolean; disableAfter: number },
  ): Promise<AlertSubscription[]> {
    return this.db.transaction((): AlertSubscription[] => {
      const post = this.postRow(postId);
      if (!post) throw new Error(`alert post ${postId} does not exist`);
      this.stmt(`UPDATE alert_posts SET status = 'failed', error = ? WHERE id = ?`).run(error, postId);
      if (options.release && post.purpose === 'alert') this.stmt('UPDATE alert_events SET post_id = NULL WHERE post_id = ?').run(postId);
      this.noteFailure(post.channel_id, error, at, options);
      return (
        this.stmt('SELECT * FROM alert_subscriptions WHERE channel_id = ? ORDER BY id').all(post.channel_id) as AlertSubscriptionRow[]
      ).map(mapAlertSubscription);
    })();
  }

  private noteFailure(channelId: string, error: string, at: string, options: { channelFault: boolean; disableAfter: number }): void {
    if (options.channelFault) {
      this.stmt(
        `UPDATE alert_subscriptions SET consecutive_failures = consecutive_failures + 1, last_error = ?, last_error_at = ? WHERE channel_id = ? AND enabled = 1`,
      ).run(error, at, channelId);
      this.stmt(
        `UPDATE alert_subscriptions SET enabled = 0, disabled_reason = ? WHERE channel_id = ? AND enabled = 1 AND consecutive_failures >= ?`,
      ).run(error, channelId, options.disableAfter);
    } else {
      this.stmt(`UPDATE alert_subscriptions SET last_error = ?, last_error_at = ? WHERE channel_id = ? AND enabled = 1`).run(
        error,
        at,
        channelId,
      );
    }
  }

  /** An edit that failed counts like a post that failed. */
  async noteEditFailed(
    channelId: string,
    error: string,
    at: string,
    options: { channelFault: boolean; disableAfter: number },
  ): Promise<void> {
    this.db.transaction(() => this.noteFailure(channelId, error, at, options))();
  }

  async postsToRefresh(): Promise<AlertPost[]> {
    return (
      this.stmt(
        `SELECT p.* FROM alert_posts p
        WHERE p.id IN (SELECT post_id FROM alert_events WHERE change_seq > rendered_seq AND post_id IS NOT NULL)
        AND p.status = 'sent'
        AND EXISTS (SELECT 1 FROM alert_subscriptions s WHERE s.channel_id = p.channel_id AND s.enabled = 1)
        ORDER BY p.id`,
      ).all() as PostRow[]
    ).map(mapPost);
  }

  async markRendered(
    channelId: string,
    shown: Array<{ eventId: number; seq: number; facts: ShownFacts | null }>,
    at: string,
    postId?: number,
  ): Promise<void> {
    this.db.transaction(() => {
      const update = this.stmt(
        `UPDATE alert_events SET rendered_seq = MAX(rendered_seq, ?), shown_json = COALESCE(?, shown_json) WHERE channel_id = ? AND event_id = ?`,
      );
      for (const s of shown) update.run(s.seq, s.facts ? JSON.stringify(s.facts) : null, channelId, s.eventId);
      if (postId !== undefined) this.stmt('UPDATE alert_posts SET edited_at = ? WHERE id = ?').run(at, postId);
    })();
  }

  async alertedIn(channelId: string, eventIds: number[]): Promise<Set<number>> {
    if (eventIds.length === 0) return new Set();
    const rows = this.stmt(
      `SELECT ae.event_id FROM alert_events ae JOIN alert_posts p ON p.id = ae.post_id
      WHERE ae.channel_id = ? AND p.status = 'sent' AND ae.event_id IN (SELECT value FROM json_each(?))`,
    ).all(channelId, JSON.stringify(eventIds)) as Array<{ event_id: number }>;
    return new Set(rows.map((r) => r.event_id));
  }
}

/** An alert item from its row and the events it may show (absent: merged away). */
export function toAlertItem(r: ItemRow, events: Map<number, TalkEvent>): AlertItem {
  return {
    channelId: r.channel_id,
    eventId: r.event_id,
    kinds: parseKinds(r.kinds_json),
    fromStatus: r.from_status,
    changeSeq: r.change_seq,
    renderedSeq: r.rendered_seq,
    firstMessageId: r.first_message_id,
    shown: parseShown(r.shown_json),
    base: parseShown(r.base_json),
    event: events.get(r.event_id) ?? null,
  };
}

export function matches(m: Matcher, event: TalkEvent): boolean {
  if (m.side !== null && !event.sides.includes(m.side)) return false;
  if (m.personIds !== null && !event.participants.some((p) => m.personIds!.has(p.personId))) return false;
  if (m.terms.length > 0 && !matchesKeywords(eventSearchText(event), m.terms)) return false;
  return true;
}
