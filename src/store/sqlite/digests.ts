import type { Database, Statement } from 'better-sqlite3';
import type { EventStatus, Quote, TalkEvent } from '../../domain/types.ts';
import { EventHydrator, toQuote, type EventRow as BaseEventRow, type QuoteRow } from './eventPages.ts';
import type {
  AddSubscriptionResult,
  ChangeLimits,
  ConfigSubscriptionDefinition,
  DigestChange,
  DigestChangesPage,
  DigestFilters,
  DigestRepo,
  DigestRun,
  DigestRunStatus,
  NewSubscription,
  Subscription,
  SubscriptionOrigin,
  SyncResult,
} from '../digests.ts';
import { normalizeName } from '../../extract/people/nameMatch.ts';

/** A `subscriptions` row as both backends read it. */
export interface SubscriptionRow {
  id: number;
  guild_id: string | null;
  channel_id: string;
  cron: string;
  schedule_label: string;
  time_zone: string;
  filters_json: string;
  notify_empty: number;
  picture: number;
  origin: SubscriptionOrigin;
  created_by: string | null;
  created_at: string;
  enabled: number;
  disabled_reason: string | null;
  consecutive_failures: number;
  last_error: string | null;
  last_error_at: string | null;
  since: string;
  config_key: string | null;
}

/** A `digest_runs` row as both backends read it. */
export interface RunRow {
  id: number;
  subscription_id: number;
  slot: string;
  status: DigestRunStatus;
  nonce: string;
  message_id: string | null;
  until: string;
  recorded_at: string;
  sent_at: string | null;
  error: string | null;
}

/** An event row with the status it had before the window, when it changed in it. */
export interface WindowEventRow extends BaseEventRow {
  from_status: EventStatus | null;
}

// A digest window is normally a day or a week of news; these caps keep a pathological window
// (a re-import of years of articles) from loading the whole store into memory.
export const MAX_CANDIDATE_EVENTS = 2000;
export const MAX_CANDIDATE_QUOTES = 2000;

/** Filters with empty values dropped and keys in a fixed order, so equal filters compare equal. */
export function canonicalFilters(filters: DigestFilters): DigestFilters {
  const out: DigestFilters = {};
  const side = filters.side?.trim().toUpperCase();
  const person = filters.person?.trim().replace(/\s+/g, ' ');
  const keywords = filters.keywords?.trim().replace(/\s+/g, ' ');
  if (side) out.side = side;
  if (person) out.person = person;
  if (keywords) out.keywords = keywords;
  return out;
}

export function configKey(definition: Pick<ConfigSubscriptionDefinition, 'channelId' | 'cron' | 'filters'>): string {
  return `${definition.channelId}|${definition.cron}|${JSON.stringify(canonicalFilters(definition.filters))}`;
}

export interface SubscriptionScope {
  channelId?: string;
  guildId?: string;
  enabledOnly?: boolean;
}

/** The WHERE clause (and its named parameters) of a subscription list: by channel, by guild, enabled only. */
export function subscriptionScope(where: SubscriptionScope): { clause: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  if (where.channelId !== undefined) {
    clauses.push('channel_id = @channelId');
    params.channelId = where.channelId;
  }
  if (where.guildId !== undefined) {
    clauses.push('guild_id = @guildId');
    params.guildId = where.guildId;
  }
  if (where.enabledOnly) clauses.push('enabled = 1');
  return { clause: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Lower case with accents folded: how keywords are compared with article text. */
export function foldForKeywordMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** "a, b c" -> ["a", "b c"]; a comma-free phrase is split into words, any of which may match. */
export function keywordTerms(keywords: string | undefined): string[] {
  if (!keywords?.trim()) return [];
  const parts = keywords.includes(',') ? keywords.split(',') : keywords.split(/\s+/);
  return [...new Set(parts.map((p) => foldForKeywordMatch(p.trim())).filter((p) => p.length > 0))];
}

/** Whether a config-declared subscription's row differs from its definition (or was disabled). */
export function configRowChanged(row: SubscriptionRow, definition: ConfigSubscriptionDefinition): boolean {
  return (
    row.guild_id !== definition.guildId ||
    row.schedule_label !== definition.scheduleLabel ||
    row.time_zone !== definition.timeZone ||
    row.notify_empty !== (definition.notifyEmpty ? 1 : 0) ||
    row.picture !== (definition.picture ? 1 : 0) ||
    row.enabled === 0
  );
}

export function mapSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    cron: row.cron,
    scheduleLabel: row.schedule_label || row.cron,
    timeZone: row.time_zone,
    filters: parseFilters(row.filters_json),
    notifyEmpty: row.notify_empty === 1,
    picture: row.picture === 1,
    origin: row.origin,
    createdBy: row.created_by,
    createdAt: row.created_at,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    since: row.since,
  };
}

/** Stored filters back as DigestFilters; anything else in the JSON is ignored. */
export function parseFilters(json: string): DigestFilters {
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    const filters: DigestFilters = {};
    if (typeof value.side === 'string') filters.side = value.side;
    if (typeof value.person === 'string') filters.person = value.person;
    if (typeof value.keywords === 'string') filters.keywords = value.keywords;
    return filters;
  } catch {
    return {};
  }
}

export function mapRun(row: RunRow): DigestRun {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    slot: row.slot,
    status: row.status,
    nonce: row.nonce,
    messageId: row.message_id,
    until: row.until,
    recordedAt: row.recorded_at,
    sentAt: row.sent_at,
    error: row.error,
  };
}

function changeKindFor(row: WindowEventRow, since: string): { kind: DigestChange['kind']; previousStatus: EventStatus | null } | null {
  const isNew = row.first_seen_at > since;
  if (isNew) {
    if (row.status === 'held') return { kind: 'held', previousStatus: null };
    if (row.status === 'cancelled') return { kind: 'cancelled', previousStatus: null };
    return { kind: 'planned', previousStatus: null };
  }
  // Known before the window: only a status that really differs from the one it had then counts.
  if (row.from_status === null || row.from_status === row.status) return null;
  return { kind: 'status-changed', previousStatus: row.from_status };
}

/** Newest first: by the event's own date (undated last), then by the last update. */
function compareNewestFirst(a: WindowEventRow, b: WindowEventRow): number {
  const da = a.date_to ?? a.date;
  const db = b.date_to ?? b.date;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da < db ? 1 : -1;
  }
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? 1 : -1;
  return b.id - a.id;
}

export class SqliteDigestRepo implements DigestRepo {
  private readonly statements: Record<string, Statement>;
  private readonly hydrator: EventHydrator;

  constructor(private readonly db: Database) {
    this.hydrator = new EventHydrator(db);
    this.statements = {
      count: db.prepare('SELECT COUNT(*) AS n FROM subscriptions'),
      insert: db.prepare(`INSERT INTO subscriptions
        (guild_id, channel_id, cron, schedule_label, time_zone, filters_json, notify_empty, picture, origin, created_by, created_at, since, config_key)
        VALUES (@guildId, @channelId, @cron, @scheduleLabel, @timeZone, @filtersJson, @notifyEmpty, @picture, @origin, @createdBy, @createdAt, @since, @configKey)`),
      get: db.prepare('SELECT * FROM subscriptions WHERE id = ?'),
      findSame: db.prepare(
        `SELECT * FROM subscriptions WHERE channel_id = ? AND cron = ? AND time_zone = ? AND filters_json = ? AND origin = 'command'`,
      ),
      reenable: db.prepare(`UPDATE subscriptions SET enabled = 1, disabled_reason = NULL, consecutive_failures = 0 WHERE id = ?`),
      setPicture: db.prepare(`UPDATE subscriptions SET picture = ? WHERE id = ?`),
      remove: db.prepare('DELETE FROM subscriptions WHERE id = ?'),
      configRows: db.prepare(`SELECT * FROM subscriptions WHERE origin = 'config'`),
      updateConfig: db.prepare(`UPDATE subscriptions SET guild_id = @guildId, schedule_label = @scheduleLabel, time_zone = @timeZone,
        notify_empty = @notifyEmpty, picture = @picture, enabled = 1, disabled_reason = NULL, consecutive_failures = 0 WHERE id = @id`),
      insertRun: db.prepare(`INSERT INTO digest_runs (subscription_id, slot, status, nonce, until, recorded_at)
        VALUES (?, ?, 'recorded', ?, ?, ?) ON CONFLICT (subscription_id, slot) DO NOTHING`),
      getRunBySlot: db.prepare('SELECT * FROM digest_runs WHERE subscription_id = ? AND slot = ?'),
      getRun: db.prepare('SELECT * FROM digest_runs WHERE id = ?'),
      latestSlots: db.prepare('SELECT subscription_id, MAX(slot) AS slot FROM digest_runs GROUP BY subscription_id'),
      pending: db.prepare(`SELECT * FROM digest_runs WHERE status = 'recorded' ORDER BY subscription_id, slot`),
      runsFor: db.prepare('SELECT * FROM digest_runs WHERE subscription_id = ? ORDER BY slot'),
      markSent: db.prepare(`UPDATE digest_runs SET status = 'sent', message_id = ?, sent_at = ?, error = NULL WHERE id = ?`),
      moveSince: db.prepare(
        `UPDATE subscriptions SET since = MAX(since, ?), consecutive_failures = 0, last_error = NULL, last_error_at = NULL WHERE id = ?`,
      ),
      markEmpty: db.prepare(`UPDATE digest_runs SET status = 'empty', sent_at = ? WHERE id = ?`),
      markFailed: db.prepare(`UPDATE digest_runs SET status = 'failed', error = ?, sent_at = NULL WHERE id = ?`),
      noteError: db.prepare(`UPDATE subscriptions SET last_error = ?, last_error_at = ? WHERE id = ?`),
      countFault: db.prepare(
        `UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1, last_error = ?, last_error_at = ? WHERE id = ?`,
      ),
      disable: db.prepare(`UPDATE subscriptions SET enabled = 0, disabled_reason = ? WHERE id = ? AND consecutive_failures >= ?`),
      windowEvents: db.prepare(`
        WITH window_ids AS (
          SELECT id FROM events WHERE first_seen_at > @since AND first_seen_at <= @until
          UNION
          SELECT event_id FROM event_status_changes WHERE changed_at > @since AND changed_at <= @until
        )
        SELECT e.id, e.kind, e.date, e.date_to, e.approx, e.city, e.country, e.sides_json, e.summary, e.first_seen_at, e.updated_at,
          -- the status as it stood at the end of the window, even when the digest is composed later
          COALESCE((SELECT c.from_status FROM event_status_changes c
             WHERE c.event_id = e.id AND c.changed_at > @until ORDER BY c.changed_at, c.id LIMIT 1), e.status) AS status,
          (SELECT c.from_status FROM event_status_changes c
             WHERE c.event_id = e.id AND c.changed_at > @since AND c.changed_at <= @until
             ORDER BY c.changed_at, c.id LIMIT 1) AS from_status
        FROM events e JOIN window_ids w ON w.id = e.id
        WHERE (@side IS NULL OR EXISTS (SELECT 1 FROM event_sides s WHERE s.event_id = e.id AND s.side = @side))
          AND (@personIds IS NULL OR EXISTS (
            SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.person_id IN (SELECT value FROM json_each(@personIds))))
        ORDER BY e.updated_at DESC, e.id DESC
        LIMIT ${MAX_CANDIDATE_EVENTS}`),
      personIds: db.prepare(`SELECT person_id AS id FROM person_aliases WHERE alias_norm = ?
        UNION SELECT id FROM people WHERE name = ? COLLATE NOCASE`),
      windowQuotes: db.prepare(`
        SELECT q.id, q.person_id, COALESCE(p.name, q.speaker) AS speaker, q.text, q.date, q.article_id,
               a.url, a.file, a.title, a.published_at
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.person_id
        WHERE COALESCE(a.first_extracted_at, a.fetched_at) > @since AND COALESCE(a.first_extracted_at, a.fetched_at) <= @until
          AND (@side IS NULL OR p.country = @side)
          AND (@personIds IS NULL OR q.person_id IN (SELECT value FROM json_each(@personIds)))
        ORDER BY COALESCE(q.date, a.published_at) DESC, q.id DESC
        LIMIT ${MAX_CANDIDATE_QUOTES}`),
    };
  }

  async countSubscriptions(): Promise<number> {
    return (this.statements.count!.get() as { n: number }).n;
  }

  async addSubscription(input: NewSubscription): Promise<AddSubscriptionResult> {
    const filtersJson = JSON.stringify(canonicalFilters(input.filters));
    return this.db.transaction((): AddSubscriptionResult => {
      const same = this.statements.findSame!.get(input.channelId, input.cron, input.timeZone, filtersJson) as SubscriptionRow | undefined;
      if (same) {
        const reenabled = same.enabled === 0;
        if (reenabled) this.statements.reenable!.run(same.id);
        // Subscribing again with or without the picture changes only that.
        if (input.picture !== undefined && same.picture !== (input.picture ? 1 : 0))
          this.statements.setPicture!.run(input.picture ? 1 : 0, same.id);
        return { status: 'exists', subscription: mapSubscription(this.getRow(same.id)!), reenabled };
      }
      const info = this.statements.insert!.run({
        ...input,
        filtersJson,
        notifyEmpty: input.notifyEmpty ? 1 : 0,
        picture: input.picture ? 1 : 0,
        origin: 'command',
        configKey: null,
      });
      return { status: 'added', subscription: mapSubscription(this.getRow(Number(info.lastInsertRowid))!) };
    })();
  }

  async getSubscription(id: number): Promise<Subscription | null> {
    const row = this.getRow(id);
    return row ? mapSubscription(row) : null;
  }

  private getRow(id: number): SubscriptionRow | undefined {
    return this.statements.get!.get(id) as SubscriptionRow | undefined;
  }

  async listSubscriptions(where: SubscriptionScope = {}): Promise<Subscription[]> {
    const { clause, params } = subscriptionScope(where);
    return (this.db.prepare(`SELECT * FROM subscriptions ${clause} ORDER BY id`).all(params) as SubscriptionRow[]).map(mapSubscription);
  }

  async removeSubscription(id: number): Promise<boolean> {
    return this.statements.remove!.run(id).changes > 0;
  }

  async syncConfigSubscriptions(
    definitions: ConfigSubscriptionDefinition[],
    now: string,
    sinceFor: (definition: ConfigSubscriptionDefinition) => string,
  ): Promise<SyncResult> {
    return this.db.transaction((): SyncResult => {
      const existing = new Map((this.statements.configRows!.all() as SubscriptionRow[]).map((row) => [row.config_key, row]));
      const result: SyncResult = { added: 0, updated: 0, removed: 0 };
      const wanted = new Set<string>();
      for (const definition of definitions) {
        const key = configKey(definition);
        if (wanted.has(key)) continue;
        wanted.add(key);
        const row = existing.get(key);
        const values = {
          guildId: definition.guildId,
          scheduleLabel: definition.scheduleLabel,
          timeZone: definition.timeZone,
          notifyEmpty: definition.notifyEmpty ? 1 : 0,
          picture: definition.picture ? 1 : 0,
        };
        if (!row) {
          this.statements.insert!.run({
            ...values,
            channelId: definition.channelId,
            cron: definition.cron,
            filtersJson: JSON.stringify(canonicalFilters(definition.filters)),
            origin: 'config',
            createdBy: null,
            createdAt: now,
            since: sinceFor(definition),
            configKey: key,
          });
          result.added += 1;
          continue;
        }
        const changed =
          row.guild_id !== values.guildId ||
          row.schedule_label !== values.scheduleLabel ||
          row.time_zone !== values.timeZone ||
          row.notify_empty !== values.notifyEmpty ||
          row.picture !== values.picture ||
          row.enabled === 0;
        if (changed) {
          this.statements.updateConfig!.run({ ...values, id: row.id });
          result.updated += 1;
        }
      }
      for (const [key, row] of existing) {
        if (key !== null && wanted.has(key)) continue;
        this.statements.remove!.run(row.id);
        result.removed += 1;
      }
      return result;
    })();
  }

  async recordRun(
    subscriptionId: number,
    slot: string,
    nonce: string,
    until: string,
    at: string,
  ): Promise<{ run: DigestRun; created: boolean }> {
    const info = this.statements.insertRun!.run(subscriptionId, slot, nonce, until, at);
    const row = this.statements.getRunBySlot!.get(subscriptionId, slot) as RunRow;
    return { run: mapRun(row), created: info.changes > 0 };
  }

  async latestSlots(): Promise<Map<number, string>> {
    const rows = this.statements.latestSlots!.all() as Array<{ subscription_id: number; slot: string }>;
    return new Map(rows.map((r) => [r.subscription_id, r.slot]));
  }

  async pendingRuns(): Promise<DigestRun[]> {
    return (this.statements.pending!.all() as RunRow[]).map(mapRun);
  }

  async runsFor(subscriptionId: number): Promise<DigestRun[]> {
    return (this.statements.runsFor!.all(subscriptionId) as RunRow[]).map(mapRun);
  }

  async markRunSent(runId: number, messageId: string, at: string): Promise<void> {
    this.db.transaction(() => {
      const run = this.statements.getRun!.get(runId) as RunRow | undefined;
      if (!run) throw new Error(`digest run ${runId} does not exist`);
      this.statements.markSent!.run(messageId, at, runId);
      this.statements.moveSince!.run(run.until, run.subscription_id);
    })();
  }

  async markRunEmpty(runId: number, at: string): Promise<void> {
    this.statements.markEmpty!.run(at, runId);
  }

  async markRunFailed(
    runId: number,
    error: string,
    at: string,
    fault: { channelFault: boolean; disableAfter: number },
  ): Promise<Subscription | null> {
    return this.db.transaction((): Subscription | null => {
      const run = this.statements.getRun!.get(runId) as RunRow | undefined;
      if (!run) throw new Error(`digest run ${runId} does not exist`);
      this.statements.markFailed!.run(error, runId);
      if (fault.channelFault) {
        this.statements.countFault!.run(error, at, run.subscription_id);
        this.statements.disable!.run(error, run.subscription_id, fault.disableAfter);
      } else {
        this.statements.noteError!.run(error, at, run.subscription_id);
      }
      const row = this.getRow(run.subscription_id);
      return row ? mapSubscription(row) : null;
    })();
  }

  async changesSince(filters: DigestFilters, since: string, until: string, limits: ChangeLimits): Promise<DigestChangesPage> {
    const wanted = canonicalFilters(filters);
    let personIds: string | null = null;
    if (wanted.person) {
      const ids = this.statements.personIds!.all(normalizeName(wanted.person), wanted.person) as Array<{ id: number }>;
      personIds = JSON.stringify(ids.map((r) => r.id));
    }
    const params = { since, until, side: wanted.side ?? null, personIds };
    const rows = (this.statements.windowEvents!.all(params) as WindowEventRow[]).filter((row) => changeKindFor(row, since) !== null);
    const quotes = (this.statements.windowQuotes!.all(params) as QuoteRow[]).map(toQuote);
    return pageOfChanges(rows, this.hydrateEvents(rows), quotes, since, wanted, limits);
  }

  private hydrateEvents(rows: WindowEventRow[]): TalkEvent[] {
    return this.hydrator.hydrate(rows);
  }
}

/**
 * The digest page from the window's event rows (with their hydrated events) and quotes: keyword
 * filtering, newest first, cut to the limits. The same for every backend.
 */
export function pageOfChanges(
  rows: WindowEventRow[],
  hydrated: TalkEvent[],
  windowQuotes: Quote[],
  since: string,
  wanted: DigestFilters,
  limits: ChangeLimits,
): DigestChangesPage {
  const terms = keywordTerms(wanted.keywords);
  const relevant = rows.filter((row) => changeKindFor(row, since) !== null);
  const relevantIds = new Set(relevant.map((r) => r.id));
  let events = hydrated.filter((e) => relevantIds.has(e.id));
  if (terms.length > 0) events = events.filter((e) => matchesKeywords(eventSearchText(e), terms));
  const rowById = new Map(relevant.map((r) => [r.id, r]));
  const ordered = events.map((event) => ({ event, row: rowById.get(event.id)! })).sort((a, b) => compareNewestFirst(a.row, b.row));
  const changes: DigestChange[] = ordered.slice(0, limits.events).map(({ event, row }) => {
    const { kind, previousStatus } = changeKindFor(row, since)!;
    return { event, kind, previousStatus };
  });
  let quotes = windowQuotes;
  if (terms.length > 0) quotes = quotes.filter((q) => matchesKeywords(foldForKeywordMatch(`${q.text}\n${q.speaker ?? ''}`), terms));
  return { events: changes, quotes: quotes.slice(0, limits.quotes), totalEvents: ordered.length, totalQuotes: quotes.length };
}

/** The text keywords are looked for in: summary, city, names, source titles and evidence. */
export function eventSearchText(event: TalkEvent): string {
  return foldForKeywordMatch(
    [
      event.summary,
      event.location.city ?? '',
      ...event.participants.map((p) => p.name),
      ...event.sources.map((s) => `${s.title ?? ''} ${s.evidence}`),
    ].join('\n'),
  );
}

/**
 * Whether any term starts a word in the text: "sanction" finds "sanctions" and "energy" finds
 * "Energy-related", but "gas" does not find "Vegas".
 */
export function matchesKeywords(foldedText: string, terms: string[]): boolean {
  return terms.some((term) => {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'u').test(foldedText);
  });
}
