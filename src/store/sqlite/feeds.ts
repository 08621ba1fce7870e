import type { Database, Statement } from 'better-sqlite3';
import type { FeedHealth, IsoInstant } from '../../domain/types.ts';
import type { FeedDefinition, FeedFetchState, FeedRepo, PollableFeed } from '../feeds.ts';

/** A `feeds` row as both backends read it. */
export interface FeedRow {
  id: number;
  url: string;
  name: string;
  enabled: number;
  poll_interval_minutes: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  next_poll_at: string | null;
}

export function toFetchState(row: FeedRow): FeedFetchState {
  return {
    id: row.id,
    url: row.url,
    etag: row.etag,
    lastModified: row.last_modified,
    consecutiveFailures: row.consecutive_failures,
    nextPollAt: row.next_poll_at,
  };
}

export function toFeedHealth(row: FeedRow & { article_count: number }): FeedHealth {
  return {
    id: row.id,
    url: row.url,
    name: row.name,
    enabled: row.enabled === 1,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: row.consecutive_failures,
    nextPollAt: row.next_poll_at,
    articleCount: row.article_count,
  };
}

export function toPollableFeed(row: FeedRow): PollableFeed {
  return { ...toFetchState(row), name: row.name, pollMinutes: row.poll_interval_minutes, lastPolledAt: row.last_polled_at };
}

export class SqliteFeedRepo implements FeedRepo {
  private readonly upsert: Statement;
  private readonly disableAll: Statement;
  private readonly byUrl: Statement<[string], FeedRow>;
  private readonly success: Statement;
  private readonly failure: Statement;
  private readonly healthRows: Statement<[], FeedRow & { article_count: number }>;
  private readonly enabledRows: Statement<[], FeedRow>;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(`INSERT INTO feeds (url, name, enabled, poll_interval_minutes, created_at)
      VALUES (@url, @name, @enabled, @pollMinutes, @now)
      ON CONFLICT(url) DO UPDATE SET name = excluded.name, enabled = excluded.enabled,
        poll_interval_minutes = excluded.poll_interval_minutes`);
    this.disableAll = db.prepare('UPDATE feeds SET enabled = 0');
    this.byUrl = db.prepare('SELECT * FROM feeds WHERE url = ?');
    this.success = db.prepare(`UPDATE feeds SET last_polled_at = @at, last_success_at = @at, consecutive_failures = 0,
        etag = @etag, last_modified = @lastModified, next_poll_at = @nextPollAt WHERE id = @id`);
    this.failure = db.prepare(`UPDATE feeds SET last_polled_at = @at, last_error = @error, last_error_at = @at,
        consecutive_failures = consecutive_failures + 1, next_poll_at = @nextPollAt WHERE id = @id`);
    this.healthRows = db.prepare(`SELECT f.*, (SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id) AS article_count
      FROM feeds f ORDER BY f.enabled DESC, f.name, f.id`);
    this.enabledRows = db.prepare('SELECT * FROM feeds WHERE enabled = 1 ORDER BY id');
  }

  async sync(definitions: FeedDefinition[]): Promise<void> {
    const now = new Date().toISOString();
    // Feeds removed from the config are disabled, not deleted: their articles keep their source.
    this.db.transaction(() => {
      this.disableAll.run();
      for (const d of definitions) {
        this.upsert.run({ url: d.url, name: d.name, enabled: d.enabled ? 1 : 0, pollMinutes: d.pollMinutes, now });
      }
    })();
  }

  async getState(url: string): Promise<FeedFetchState | null> {
    const row = this.byUrl.get(url);
    return row ? toFetchState(row) : null;
  }

  async recordSuccess(
    id: number,
    at: IsoInstant,
    validators: { etag: string | null; lastModified: string | null },
    nextPollAt: IsoInstant,
  ): Promise<void> {
    this.success.run({ id, at, etag: validators.etag, lastModified: validators.lastModified, nextPollAt });
  }

  async recordFailure(id: number, at: IsoInstant, error: string, nextPollAt: IsoInstant): Promise<void> {
    this.failure.run({ id, at, error, nextPollAt });
  }

  async health(): Promise<FeedHealth[]> {
    return this.healthRows.all().map(toFeedHealth);
  }

  async listEnabled(): Promise<PollableFeed[]> {
    return this.enabledRows.all().map(toPollableFeed);
  }
}
