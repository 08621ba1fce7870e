// Alert subscriptions, the routing of the change log to channels and alert posts, in PostgreSQL
// (the SQL of src/store/alerts.ts; kinds, matching and row mapping are shared with SQLite's
// src/store/sqlite/alerts.ts). The routing runs under an advisory lock, so two processes never
// route the same changes twice.
import type pg from 'pg';
import type { TalkEvent } from '../../domain/types.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import { EVENT_COLUMNS, type EventRow } from '../sqlite/eventPages.ts';
import { canonicalFilters, keywordTerms, parseFilters } from '../sqlite/digests.ts';
import type { SubscriptionOrigin, SyncResult } from '../digests.ts';
import {
  alertConfigKey,
  alertKindsOf,
  canonicalKinds,
  mapAlertSubscription,
  mapPost,
  matches,
  parseKinds,
  parseNumbers,
  toAlertItem,
  type AlertSubscriptionRow,
  type ChangeRow,
  type ItemRow,
  type Matcher,
  type PostRow,
} from '../sqlite/alerts.ts';
import type {
  AddAlertSubscriptionResult,
  AlertItem,
  AlertPost,
  AlertPostPurpose,
  AlertRepo,
  AlertSubscription,
  ConfigAlertDefinition,
  NewAlertSubscription,
  RouteSummary,
  ShownFacts,
} from '../alerts.ts';
import { hydrateEvents } from './eventPages.ts';
import { inTransaction, row, rows, run, type Queryable } from './sql.ts';

/** Advisory lock key held while the change log is routed. */
const ROUTE_LOCK_KEY = 0x726f7574; // 'rout'

type Shown = Array<{ eventId: number; seq: number; facts: ShownFacts | null }>;

export class PostgresAlertRepo implements AlertRepo {
  constructor(private readonly pool: pg.Pool) {}

  private subscriptionRow(db: Queryable, id: number): Promise<AlertSubscriptionRow | undefined> {
    return row<AlertSubscriptionRow>(db, 'SELECT * FROM alert_subscriptions WHERE id = $1', [id]);
  }

  private async latestChange(db: Queryable): Promise<number> {
    return (await row<{ id: number }>(db, 'SELECT COALESCE(max(id), 0) AS id FROM event_changes'))!.id;
  }

  async countSubscriptions(): Promise<number> {
    return (await row<{ n: number }>(this.pool, 'SELECT count(*) AS n FROM alert_subscriptions'))!.n;
  }

  async addSubscription(input: NewAlertSubscription): Promise<AddAlertSubscriptionResult> {
    const filtersJson = JSON.stringify(canonicalFilters(input.filters));
    const kindsJson = JSON.stringify(canonicalKinds(input.kinds));
    return inTransaction(this.pool, async (db): Promise<AddAlertSubscriptionResult> => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`alert-subscription|${input.channelId}`]);
      const same = await row<AlertSubscriptionRow>(
        db,
        `SELECT * FROM alert_subscriptions WHERE channel_id = $1 AND filters_json = $2 AND kinds_json = $3 AND origin = 'command' ORDER BY id LIMIT 1`,
        [input.channelId, filtersJson, kindsJson],
      );
      if (same) {
        const reenabled = same.enabled === 0;
        if (reenabled)
          await run(db, 'UPDATE alert_subscriptions SET enabled = 1, disabled_reason = NULL, consecutive_failures = 0 WHERE id = $1', [
            same.id,
          ]);
        return { status: 'exists', subscription: mapAlertSubscription((await this.subscriptionRow(db, same.id))!), reenabled };
      }
      const id = await this.insert(db, input, filtersJson, kindsJson, 'command', null);
      return { status: 'added', subscription: mapAlertSubscription((await this.subscriptionRow(db, id))!) };
    });
  }

  private async insert(
    db: Queryable,
    input: Omit<NewAlertSubscription, 'filters' | 'kinds'>,
    filtersJson: string,
    kindsJson: string,
    origin: SubscriptionOrigin,
    key: string | null,
  ): Promise<number> {
    const inserted = await row<{ id: number }>(
      db,
      `INSERT INTO alert_subscriptions (guild_id, channel_id, filters_json, kinds_json, origin, config_key, created_by, created_at, after_change_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [input.guildId, input.channelId, filtersJson, kindsJson, origin, key, input.createdBy, input.createdAt, await this.latestChange(db)],
    );
    return inserted!.id;
  }

  async getSubscription(id: number): Promise<AlertSubscription | null> {
    if (!Number.isSafeInteger(id)) return null;
    const r = await this.subscriptionRow(this.pool, id);
    return r ? mapAlertSubscription(r) : null;
  }

  async listSubscriptions(where: { channelId?: string; guildId?: string; enabledOnly?: boolean } = {}): Promise<AlertSubscription[]> {
    const clauses: string[] = [];
    const params: string[] = [];
    if (where.channelId !== undefined) clauses.push(`channel_id = $${params.push(where.channelId)}`);
    if (where.guildId !== undefined) clauses.push(`guild_id = $${params.push(where.guildId)}`);
    if (where.enabledOnly) clauses.push('enabled = 1');
    const sql = `SELECT * FROM alert_subscriptions ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY id`;
    return (await rows<AlertSubscriptionRow>(this.pool, sql, params)).map(mapAlertSubscription);
  }

  async removeSubscription(id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    return inTransaction(this.pool, async (db) => {
      const r = await this.subscriptionRow(db, id);
      if (!r) return false;
      await this.removeRow(db, r);
      return true;
    });
  }

  /** Deletes a subscription; events still waiting in its channel go with it when no other subscription is left there. */
  private async removeRow(db: Queryable, r: AlertSubscriptionRow): Promise<void> {
    await run(db, 'DELETE FROM alert_subscriptions WHERE id = $1', [r.id]);
    await run(
      db,
      `DELETE FROM alert_events WHERE channel_id = $1 AND post_id IS NULL AND NOT EXISTS (SELECT 1 FROM alert_subscriptions WHERE channel_id = $1)`,
      [r.channel_id],
    );
  }

  async syncConfigSubscriptions(definitions: ConfigAlertDefinition[], now: string): Promise<SyncResult> {
    return inTransaction(this.pool, async (db): Promise<SyncResult> => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['alert-config-sync']);
      const existing = new Map(
        (await rows<AlertSubscriptionRow>(db, `SELECT * FROM alert_subscriptions WHERE origin = 'config' ORDER BY id`)).map((r) => [
          r.config_key,
          r,
        ]),
      );
      const result: SyncResult = { added: 0, updated: 0, removed: 0 };
      const wanted = new Set<string>();
      for (const definition of definitions) {
        const key = alertConfigKey(definition);
        if (wanted.has(key)) continue;
        wanted.add(key);
        const current = existing.get(key);
        if (!current) {
          await this.insert(
            db,
            { guildId: definition.guildId, channelId: definition.channelId, createdBy: null, createdAt: now },
            JSON.stringify(canonicalFilters(definition.filters)),
            JSON.stringify(canonicalKinds(definition.kinds)),
            'config',
            key,
          );
          result.added += 1;
        } else if (current.guild_id !== definition.guildId || current.enabled === 0) {
          await run(
            db,
            'UPDATE alert_subscriptions SET guild_id = $1, enabled = 1, disabled_reason = NULL, consecutive_failures = 0 WHERE id = $2',
            [definition.guildId, current.id],
          );
          result.updated += 1;
        }
      }
      for (const [key, current] of existing) {
        if (key !== null && wanted.has(key)) continue;
        await this.removeRow(db, current);
        result.removed += 1;
      }
      return result;
    });
  }

  async latestChangeId(): Promise<number> {
    return this.latestChange(this.pool);
  }

  async routeChanges(limit: number, at: string): Promise<RouteSummary> {
    return inTransaction(this.pool, async (db): Promise<RouteSummary> => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [ROUTE_LOCK_KEY]);
      const cursor = (await row<{ change_id: number }>(db, 'SELECT change_id FROM alert_cursor WHERE id = 1'))?.change_id ?? 0;
      const changes = await rows<ChangeRow>(db, 'SELECT * FROM event_changes WHERE id > $1 ORDER BY id LIMIT $2', [cursor, limit]);
      const summary: RouteSummary = { changes: changes.length, queued: 0, stale: 0 };
      if (changes.length === 0) return summary;
      const events = new Map((await this.loadEvents(db, [...new Set(changes.map((r) => r.event_id))])).map((e) => [e.id, e]));
      const matchers: Matcher[] = [];
      for (const r of await rows<AlertSubscriptionRow>(db, 'SELECT * FROM alert_subscriptions WHERE enabled = 1 ORDER BY id'))
        matchers.push(await this.matcher(db, r));
      for (const change of changes) {
        // Re-extraction tells old news again (or differently): no alert, no edit (as SQLite's).
        if (change.first_extraction === 0) continue;
        const kinds = alertKindsOf({
          created: change.created === 1,
          fromStatus: change.from_status,
          toStatus: change.to_status,
          addedPeople: parseNumbers(change.added_people_json),
        });
        const known = new Map<string, { post_id: number | null; kinds_json: string }>();
        const items = await rows<{ channel_id: string; post_id: number | null; kinds_json: string }>(
          db,
          'SELECT channel_id, post_id, kinds_json FROM alert_events WHERE event_id = $1 ORDER BY channel_id',
          [change.event_id],
        );
        for (const item of items) {
          known.set(item.channel_id, item);
          // A waiting event collects what happened to it; a posted one only needs its message refreshed.
          const merged =
            item.post_id === null ? JSON.stringify(canonicalKinds([...parseKinds(item.kinds_json), ...kinds])) : item.kinds_json;
          await run(db, 'UPDATE alert_events SET change_seq = $1, kinds_json = $2 WHERE channel_id = $3 AND event_id = $4', [
            change.id,
            merged,
            item.channel_id,
            change.event_id,
          ]);
          if (item.post_id !== null) summary.stale += 1;
        }
        const event = events.get(change.event_id);
        if (!event || kinds.length === 0) continue;
        for (const m of matchers) {
          if (m.row.after_change_id >= change.id || known.has(m.row.channel_id)) continue;
          if (!kinds.some((k) => m.kinds.has(k)) || !matches(m, event)) continue;
          await run(
            db,
            `INSERT INTO alert_events (channel_id, event_id, guild_id, kinds_json, from_status, change_seq, queued_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              m.row.channel_id,
              change.event_id,
              m.row.guild_id,
              JSON.stringify(kinds),
              change.created === 1 ? null : change.from_status,
              change.id,
              at,
            ],
          );
          known.set(m.row.channel_id, { post_id: null, kinds_json: JSON.stringify(kinds) });
          summary.queued += 1;
        }
      }
      await run(db, 'UPDATE alert_cursor SET change_id = $1 WHERE id = 1', [changes[changes.length - 1]!.id]);
      return summary;
    });
  }

  private async matcher(db: Queryable, r: AlertSubscriptionRow): Promise<Matcher> {
    const filters = canonicalFilters(parseFilters(r.filters_json));
    let personIds: Set<number> | null = null;
    if (filters.person) {
      const ids = await rows<{ id: number }>(
        db,
        'SELECT person_id AS id FROM person_aliases WHERE alias_norm = $1 UNION SELECT id FROM people WHERE lower(name) = lower($2)',
        [normalizeName(filters.person), filters.person],
      );
      personIds = new Set(ids.map((x) => x.id));
    }
    return {
      row: r,
      kinds: new Set(parseKinds(r.kinds_json)),
      side: filters.side ?? null,
      personIds,
      terms: keywordTerms(filters.keywords),
    };
  }

  private async loadEvents(db: Queryable, ids: number[]): Promise<TalkEvent[]> {
    if (ids.length === 0) return [];
    return hydrateEvents(db, await rows<EventRow>(db, `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ANY($1::bigint[])`, [ids]));
  }

  async channelsWaiting(): Promise<Array<{ channelId: string; guildId: string | null }>> {
    const found = await rows<{ channel_id: string; guild_id: string | null }>(
      this.pool,
      `SELECT ae.channel_id, min(ae.guild_id) AS guild_id FROM alert_events ae
       WHERE ae.post_id IS NULL AND EXISTS (SELECT 1 FROM alert_subscriptions s WHERE s.channel_id = ae.channel_id AND s.enabled = 1)
       GROUP BY ae.channel_id ORDER BY min(ae.queued_at), ae.channel_id`,
    );
    return found.map((r) => ({ channelId: r.channel_id, guildId: r.guild_id }));
  }

  async postsSince(channelId: string, since: string): Promise<number> {
    return (await row<{ n: number }>(
      this.pool,
      `SELECT count(*) AS n FROM alert_posts WHERE channel_id = $1 AND recorded_at >= $2 AND status IN ('recorded', 'sent')`,
      [channelId, since],
    ))!.n;
  }

  async recordAlertPost(channelId: string, nonce: string, at: string, max: number): Promise<AlertPost | null> {
    return inTransaction(this.pool, async (db): Promise<AlertPost | null> => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`alert-channel|${channelId}`]);
      // An event merged away while it waited is not alerted.
      await run(db, 'DELETE FROM alert_events WHERE channel_id = $1 AND post_id IS NULL AND event_id NOT IN (SELECT id FROM events)', [
        channelId,
      ]);
      const waiting = await rows<{ event_id: number; guild_id: string | null }>(
        db,
        'SELECT event_id, guild_id FROM alert_events WHERE channel_id = $1 AND post_id IS NULL ORDER BY queued_at, event_id LIMIT $2',
        [channelId, max],
      );
      if (waiting.length === 0) return null;
      const postId = await this.insertPost(
        db,
        channelId,
        waiting[0]!.guild_id,
        'alert',
        nonce,
        null,
        at,
        waiting.map((w) => ({ eventId: w.event_id, base: null })),
      );
      await run(db, 'UPDATE alert_events SET post_id = $1 WHERE channel_id = $2 AND event_id = ANY($3::bigint[])', [
        postId,
        channelId,
        waiting.map((w) => w.event_id),
      ]);
      return mapPost((await this.postRow(db, postId))!);
    });
  }

  private async insertPost(
    db: Queryable,
    channelId: string,
    guildId: string | null,
    purpose: AlertPostPurpose,
    nonce: string,
    linksTo: string | null,
    at: string,
    items: Array<{ eventId: number; base: ShownFacts | null }>,
  ): Promise<number> {
    const postId = (await row<{ id: number }>(
      db,
      `INSERT INTO alert_posts (channel_id, guild_id, purpose, status, nonce, links_to, recorded_at) VALUES ($1, $2, $3, 'recorded', $4, $5, $6) RETURNING id`,
      [channelId, guildId, purpose, nonce, linksTo, at],
    ))!.id;
    for (const item of items) {
      await run(db, 'INSERT INTO alert_post_events (post_id, event_id, base_json) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        postId,
        item.eventId,
        item.base ? JSON.stringify(item.base) : null,
      ]);
    }
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
    return inTransaction(this.pool, async (db) =>
      mapPost((await this.postRow(db, await this.insertPost(db, channelId, guildId, 'update', nonce, linksTo, at, items)))!),
    );
  }

  private postRow(db: Queryable, id: number): Promise<PostRow | undefined> {
    return row<PostRow>(db, 'SELECT * FROM alert_posts WHERE id = $1', [id]);
  }

  async getPost(postId: number): Promise<AlertPost | null> {
    if (!Number.isSafeInteger(postId)) return null;
    const r = await this.postRow(this.pool, postId);
    return r ? mapPost(r) : null;
  }

  async pendingPosts(): Promise<AlertPost[]> {
    return (await rows<PostRow>(this.pool, `SELECT * FROM alert_posts WHERE status = 'recorded' ORDER BY id`)).map(mapPost);
  }

  async postsIn(channelId: string): Promise<AlertPost[]> {
    return (await rows<PostRow>(this.pool, 'SELECT * FROM alert_posts WHERE channel_id = $1 ORDER BY id', [channelId])).map(mapPost);
  }

  async itemsOf(postId: number): Promise<AlertItem[]> {
    const found = await rows<ItemRow>(
      this.pool,
      `SELECT ae.*, pe.base_json FROM alert_post_events pe
       JOIN alert_posts p ON p.id = pe.post_id
       JOIN alert_events ae ON ae.channel_id = p.channel_id AND ae.event_id = pe.event_id
       WHERE pe.post_id = $1 ORDER BY ae.queued_at, ae.event_id`,
      [postId],
    );
    const events = new Map(
      (
        await this.loadEvents(
          this.pool,
          found.map((r) => r.event_id),
        )
      ).map((e) => [e.id, e]),
    );
    return found.map((r) => toAlertItem(r, events));
  }

  async markPostSent(postId: number, messageId: string, at: string, shown: Shown): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      const post = await row<PostRow>(db, 'SELECT * FROM alert_posts WHERE id = $1 FOR UPDATE', [postId]);
      if (!post) throw new Error(`alert post ${postId} does not exist`);
      await run(db, `UPDATE alert_posts SET status = 'sent', message_id = $1, sent_at = $2, error = NULL WHERE id = $3`, [
        messageId,
        at,
        postId,
      ]);
      for (const s of shown) {
        await run(
          db,
          `UPDATE alert_events SET post_id = $1, first_message_id = COALESCE(first_message_id, $2), rendered_seq = GREATEST(rendered_seq, $3),
             shown_json = COALESCE($4, shown_json) WHERE channel_id = $5 AND event_id = $6`,
          [postId, messageId, s.seq, s.facts ? JSON.stringify(s.facts) : null, post.channel_id, s.eventId],
        );
      }
      await this.healthy(db, post.channel_id);
    });
  }

  private async healthy(db: Queryable, channelId: string): Promise<void> {
    await run(
      db,
      `UPDATE alert_subscriptions SET consecutive_failures = 0, last_error = NULL, last_error_at = NULL
       WHERE channel_id = $1 AND enabled = 1 AND (consecutive_failures > 0 OR last_error IS NOT NULL)`,
      [channelId],
    );
  }

  async noteChannelHealthy(channelId: string): Promise<void> {
    await this.healthy(this.pool, channelId);
  }

  async markPostFailed(
    postId: number,
    error: string,
    at: string,
    options: { release: boolean; channelFault: boolean; disableAfter: number },
  ): Promise<AlertSubscription[]> {
    return inTransaction(this.pool, async (db) => {
      const post = await row<PostRow>(db, 'SELECT * FROM alert_posts WHERE id = $1 FOR UPDATE', [postId]);
      if (!post) throw new Error(`alert post ${postId} does not exist`);
      await run(db, `UPDATE alert_posts SET status = 'failed', error = $1 WHERE id = $2`, [error, postId]);
      if (options.release && post.purpose === 'alert') await run(db, 'UPDATE alert_events SET post_id = NULL WHERE post_id = $1', [postId]);
      await this.noteFailure(db, post.channel_id, error, at, options);
      return (
        await rows<AlertSubscriptionRow>(db, 'SELECT * FROM alert_subscriptions WHERE channel_id = $1 ORDER BY id', [post.channel_id])
      ).map(mapAlertSubscription);
    });
  }

  private async noteFailure(
    db: Queryable,
    channelId: string,
    error: string,
    at: string,
    options: { channelFault: boolean; disableAfter: number },
  ): Promise<void> {
    if (options.channelFault) {
      await run(
        db,
        'UPDATE alert_subscriptions SET consecutive_failures = consecutive_failures + 1, last_error = $1, last_error_at = $2 WHERE channel_id = $3 AND enabled = 1',
        [error, at, channelId],
      );
      await run(
        db,
        'UPDATE alert_subscriptions SET enabled = 0, disabled_reason = $1 WHERE channel_id = $2 AND enabled = 1 AND consecutive_failures >= $3',
        [error, channelId, options.disableAfter],
      );
    } else {
      await run(db, 'UPDATE alert_subscriptions SET last_error = $1, last_error_at = $2 WHERE channel_id = $3 AND enabled = 1', [
        error,
        at,
        channelId,
      ]);
    }
  }

  async noteEditFailed(
    channelId: string,
    error: string,
    at: string,
    options: { channelFault: boolean; disableAfter: number },
  ): Promise<void> {
    await inTransaction(this.pool, (db) => this.noteFailure(db, channelId, error, at, options));
  }

  async postsToRefresh(): Promise<AlertPost[]> {
    return (
      await rows<PostRow>(
        this.pool,
        `SELECT p.* FROM alert_posts p
         WHERE p.id IN (SELECT post_id FROM alert_events WHERE change_seq > rendered_seq AND post_id IS NOT NULL)
         AND p.status = 'sent'
         AND EXISTS (SELECT 1 FROM alert_subscriptions s WHERE s.channel_id = p.channel_id AND s.enabled = 1)
         ORDER BY p.id`,
      )
    ).map(mapPost);
  }

  async markRendered(channelId: string, shown: Shown, at: string, postId?: number): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      for (const s of shown) {
        await run(
          db,
          'UPDATE alert_events SET rendered_seq = GREATEST(rendered_seq, $1), shown_json = COALESCE($2, shown_json) WHERE channel_id = $3 AND event_id = $4',
          [s.seq, s.facts ? JSON.stringify(s.facts) : null, channelId, s.eventId],
        );
      }
      if (postId !== undefined) await run(db, 'UPDATE alert_posts SET edited_at = $1 WHERE id = $2', [at, postId]);
    });
  }

  async alertedIn(channelId: string, eventIds: number[]): Promise<Set<number>> {
    if (eventIds.length === 0) return new Set();
    const found = await rows<{ event_id: number }>(
      this.pool,
      `SELECT ae.event_id FROM alert_events ae JOIN alert_posts p ON p.id = ae.post_id
       WHERE ae.channel_id = $1 AND p.status = 'sent' AND ae.event_id = ANY($2::bigint[])`,
      [channelId, eventIds],
    );
    return new Set(found.map((r) => r.event_id));
  }
}
