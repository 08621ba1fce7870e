// Subscriptions, digest runs and the "what changed since" queries in PostgreSQL. Rows map and
// digest pages are composed by the same code as SQLite's (src/store/sqlite/digests.ts).
import type pg from 'pg';
import type {
  AddSubscriptionResult,
  ChangeLimits,
  ConfigSubscriptionDefinition,
  DigestChangesPage,
  DigestFilters,
  DigestRepo,
  DigestRun,
  NewSubscription,
  Subscription,
  SyncResult,
} from '../digests.ts';
import {
  canonicalFilters,
  configKey,
  configRowChanged,
  mapRun,
  mapSubscription,
  MAX_CANDIDATE_EVENTS,
  MAX_CANDIDATE_QUOTES,
  pageOfChanges,
  type RunRow,
  type SubscriptionRow,
  type WindowEventRow,
} from '../sqlite/digests.ts';
import { toQuote, type QuoteRow } from '../sqlite/eventPages.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';
import { hydrateEvents } from './eventPages.ts';
import { inTransaction, row, rows, run, type Queryable } from './sql.ts';

const INSERT_SUBSCRIPTION = `INSERT INTO subscriptions
  (guild_id, channel_id, cron, schedule_label, time_zone, filters_json, notify_empty, origin, created_by, created_at, since, config_key, picture)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`;

export class PostgresDigestRepo implements DigestRepo {
  constructor(private readonly pool: pg.Pool) {}

  async countSubscriptions(): Promise<number> {
    return (await row<{ n: number }>(this.pool, 'SELECT count(*) AS n FROM subscriptions'))!.n;
  }

  async addSubscription(input: NewSubscription): Promise<AddSubscriptionResult> {
    const filtersJson = JSON.stringify(canonicalFilters(input.filters));
    return inTransaction(this.pool, async (db): Promise<AddSubscriptionResult> => {
      // Two processes adding the same subscription at once: the second waits and finds the first.
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`subscription|${input.channelId}`]);
      const same = await row<SubscriptionRow>(
        db,
        `SELECT * FROM subscriptions WHERE channel_id = $1 AND cron = $2 AND time_zone = $3 AND filters_json = $4 AND origin = 'command' ORDER BY id LIMIT 1`,
        [input.channelId, input.cron, input.timeZone, filtersJson],
      );
      if (same) {
        const reenabled = same.enabled === 0;
        if (reenabled)
          await run(db, 'UPDATE subscriptions SET enabled = 1, disabled_reason = NULL, consecutive_failures = 0 WHERE id = $1', [same.id]);
        // Subscribing again with or without the picture changes only that.
        if (input.picture !== undefined && same.picture !== (input.picture ? 1 : 0))
          await run(db, 'UPDATE subscriptions SET picture = $1 WHERE id = $2', [input.picture ? 1 : 0, same.id]);
        return { status: 'exists', subscription: mapSubscription((await this.getRow(db, same.id))!), reenabled };
      }
      const id = (await row<{ id: number }>(db, INSERT_SUBSCRIPTION, [
        input.guildId,
        input.channelId,
        input.cron,
        input.scheduleLabel,
        input.timeZone,
        filtersJson,
        input.notifyEmpty ? 1 : 0,
        'command',
        input.createdBy,
        input.createdAt,
        input.since,
        null,
        input.picture ? 1 : 0,
      ]))!.id;
      return { status: 'added', subscription: mapSubscription((await this.getRow(db, id))!) };
    });
  }

  async getSubscription(id: number): Promise<Subscription | null> {
    if (!Number.isSafeInteger(id)) return null;
    const r = await this.getRow(this.pool, id);
    return r ? mapSubscription(r) : null;
  }

  private getRow(db: Queryable, id: number): Promise<SubscriptionRow | undefined> {
    return row<SubscriptionRow>(db, 'SELECT * FROM subscriptions WHERE id = $1', [id]);
  }

  async listSubscriptions(where: { channelId?: string; guildId?: string; enabledOnly?: boolean } = {}): Promise<Subscription[]> {
    const clauses: string[] = [];
    const params: string[] = [];
    if (where.channelId !== undefined) clauses.push(`channel_id = $${params.push(where.channelId)}`);
    if (where.guildId !== undefined) clauses.push(`guild_id = $${params.push(where.guildId)}`);
    if (where.enabledOnly) clauses.push('enabled = 1');
    const sql = `SELECT * FROM subscriptions ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY id`;
    return (await rows<SubscriptionRow>(this.pool, sql, params)).map(mapSubscription);
  }

  async removeSubscription(id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    return (await run(this.pool, 'DELETE FROM subscriptions WHERE id = $1', [id])) > 0;
  }

  async syncConfigSubscriptions(
    definitions: ConfigSubscriptionDefinition[],
    now: string,
    sinceFor: (definition: ConfigSubscriptionDefinition) => string,
  ): Promise<SyncResult> {
    return inTransaction(this.pool, async (db): Promise<SyncResult> => {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['subscription-config-sync']);
      const existing = new Map(
        (await rows<SubscriptionRow>(db, `SELECT * FROM subscriptions WHERE origin = 'config' ORDER BY id`)).map((r) => [r.config_key, r]),
      );
      const result: SyncResult = { added: 0, updated: 0, removed: 0 };
      const wanted = new Set<string>();
      for (const definition of definitions) {
        const key = configKey(definition);
        if (wanted.has(key)) continue;
        wanted.add(key);
        const current = existing.get(key);
        const notifyEmpty = definition.notifyEmpty ? 1 : 0;
        if (!current) {
          await run(db, INSERT_SUBSCRIPTION, [
            definition.guildId,
            definition.channelId,
            definition.cron,
            definition.scheduleLabel,
            definition.timeZone,
            JSON.stringify(canonicalFilters(definition.filters)),
            notifyEmpty,
            'config',
            null,
            now,
            sinceFor(definition),
            key,
            definition.picture ? 1 : 0,
          ]);
          result.added += 1;
          continue;
        }
        if (configRowChanged(current, definition)) {
          await run(
            db,
            `UPDATE subscriptions SET guild_id = $1, schedule_label = $2, time_zone = $3, notify_empty = $4, picture = $6, enabled = 1, disabled_reason = NULL,
               consecutive_failures = 0 WHERE id = $5`,
            [definition.guildId, definition.scheduleLabel, definition.timeZone, notifyEmpty, current.id, definition.picture ? 1 : 0],
          );
          result.updated += 1;
        }
      }
      for (const [key, current] of existing) {
        if (key !== null && wanted.has(key)) continue;
        await run(db, 'DELETE FROM subscriptions WHERE id = $1', [current.id]);
        result.removed += 1;
      }
      return result;
    });
  }

  async recordRun(
    subscriptionId: number,
    slot: string,
    nonce: string,
    until: string,
    at: string,
  ): Promise<{ run: DigestRun; created: boolean }> {
    // The unique (subscription, slot) decides among racing schedulers: exactly one insert wins.
    const inserted = await row<RunRow>(
      this.pool,
      `INSERT INTO digest_runs (subscription_id, slot, status, nonce, until, recorded_at) VALUES ($1, $2, 'recorded', $3, $4, $5)
       ON CONFLICT (subscription_id, slot) DO NOTHING RETURNING *`,
      [subscriptionId, slot, nonce, until, at],
    );
    if (inserted) return { run: mapRun(inserted), created: true };
    const existing = await row<RunRow>(this.pool, 'SELECT * FROM digest_runs WHERE subscription_id = $1 AND slot = $2', [
      subscriptionId,
      slot,
    ]);
    return { run: mapRun(existing!), created: false };
  }

  async latestSlots(): Promise<Map<number, string>> {
    const found = await rows<{ subscription_id: number; slot: string }>(
      this.pool,
      'SELECT subscription_id, max(slot) AS slot FROM digest_runs GROUP BY subscription_id ORDER BY subscription_id',
    );
    return new Map(found.map((r) => [r.subscription_id, r.slot]));
  }

  async pendingRuns(): Promise<DigestRun[]> {
    return (await rows<RunRow>(this.pool, `SELECT * FROM digest_runs WHERE status = 'recorded' ORDER BY subscription_id, slot`)).map(
      mapRun,
    );
  }

  async runsFor(subscriptionId: number): Promise<DigestRun[]> {
    return (await rows<RunRow>(this.pool, 'SELECT * FROM digest_runs WHERE subscription_id = $1 ORDER BY slot', [subscriptionId])).map(
      mapRun,
    );
  }

  async markRunSent(runId: number, messageId: string, at: string): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      const r = await row<RunRow>(db, 'SELECT * FROM digest_runs WHERE id = $1 FOR UPDATE', [runId]);
      if (!r) throw new Error(`digest run ${runId} does not exist`);
      await run(db, `UPDATE digest_runs SET status = 'sent', message_id = $1, sent_at = $2, error = NULL WHERE id = $3`, [
        messageId,
        at,
        runId,
      ]);
      await run(
        db,
        'UPDATE subscriptions SET since = GREATEST(since, $1), consecutive_failures = 0, last_error = NULL, last_error_at = NULL WHERE id = $2',
        [r.until, r.subscription_id],
      );
    });
  }

  async markRunEmpty(runId: number, at: string): Promise<void> {
    await run(this.pool, `UPDATE digest_runs SET status = 'empty', sent_at = $1 WHERE id = $2`, [at, runId]);
  }

  async markRunFailed(
    runId: number,
    error: string,
    at: string,
    fault: { channelFault: boolean; disableAfter: number },
  ): Promise<Subscription | null> {
    return inTransaction(this.pool, async (db) => {
      const r = await row<RunRow>(db, 'SELECT * FROM digest_runs WHERE id = $1 FOR UPDATE', [runId]);
      if (!r) throw new Error(`digest run ${runId} does not exist`);
      await run(db, `UPDATE digest_runs SET status = 'failed', error = $1, sent_at = NULL WHERE id = $2`, [error, runId]);
      if (fault.channelFault) {
        await run(
          db,
          'UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1, last_error = $1, last_error_at = $2 WHERE id = $3',
          [error, at, r.subscription_id],
        );
        await run(db, 'UPDATE subscriptions SET enabled = 0, disabled_reason = $1 WHERE id = $2 AND consecutive_failures >= $3', [
          error,
          r.subscription_id,
          fault.disableAfter,
        ]);
      } else {
        await run(db, 'UPDATE subscriptions SET last_error = $1, last_error_at = $2 WHERE id = $3', [error, at, r.subscription_id]);
      }
      const s = await this.getRow(db, r.subscription_id);
      return s ? mapSubscription(s) : null;
    });
  }

  async changesSince(filters: DigestFilters, since: string, until: string, limits: ChangeLimits): Promise<DigestChangesPage> {
    const wanted = canonicalFilters(filters);
    let personIds: number[] | null = null;
    if (wanted.person) {
      personIds = (
        await rows<{ id: number }>(
          this.pool,
          'SELECT person_id AS id FROM person_aliases WHERE alias_norm = $1 UNION SELECT id FROM people WHERE lower(name) = lower($2)',
          [normalizeName(wanted.person), wanted.person],
        )
      ).map((r) => r.id);
    }
    const params = [since, until, wanted.side ?? null, personIds];
    const windowRows = await rows<WindowEventRow>(
      this.pool,
      `WITH window_ids AS (
         SELECT id FROM events WHERE first_seen_at > $1 AND first_seen_at <= $2
         UNION
         SELECT event_id FROM event_status_changes WHERE changed_at > $1 AND changed_at <= $2
       )
       SELECT e.id, e.kind, e.date, e.date_to, e.approx, e.city, e.country, e.sides_json, e.summary, e.first_seen_at, e.updated_at,
         COALESCE((SELECT c.from_status FROM event_status_changes c
            WHERE c.event_id = e.id AND c.changed_at > $2 ORDER BY c.changed_at, c.id LIMIT 1), e.status) AS status,
         (SELECT c.from_status FROM event_status_changes c
            WHERE c.event_id = e.id AND c.changed_at > $1 AND c.changed_at <= $2 ORDER BY c.changed_at, c.id LIMIT 1) AS from_status
       FROM events e JOIN window_ids w ON w.id = e.id
       WHERE ($3::text IS NULL OR EXISTS (SELECT 1 FROM event_sides s WHERE s.event_id = e.id AND s.side = $3))
         AND ($4::bigint[] IS NULL OR EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.person_id = ANY($4::bigint[])))
       ORDER BY e.updated_at DESC, e.id DESC
       LIMIT ${MAX_CANDIDATE_EVENTS}`,
      params,
    );
    const quotes = (
      await rows<QuoteRow>(
        this.pool,
        `SELECT q.id, q.person_id, COALESCE(p.name, q.speaker) AS speaker, q.text, q.date, q.article_id, a.url, a.file, a.title, a.published_at
         FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id
         WHERE COALESCE(a.first_extracted_at, a.fetched_at) > $1 AND COALESCE(a.first_extracted_at, a.fetched_at) <= $2
           AND ($3::text IS NULL OR p.country = $3)
           AND ($4::bigint[] IS NULL OR q.person_id = ANY($4::bigint[]))
         ORDER BY COALESCE(q.date, a.published_at) DESC NULLS LAST, q.id DESC
         LIMIT ${MAX_CANDIDATE_QUOTES}`,
        params,
      )
    ).map(toQuote);
    return pageOfChanges(windowRows, await hydrateEvents(this.pool, windowRows), quotes, since, wanted, limits);
  }
}
