// Configured feeds and their fetch state in PostgreSQL (the SQL of src/store/feeds.ts).
import type pg from 'pg';
import type { FeedHealth, IsoInstant } from '../../domain/types.ts';
import type { FeedDefinition, FeedFetchState, FeedRepo, PollableFeed } from '../feeds.ts';
import { toFeedHealth, toFetchState, toPollableFeed, type FeedRow } from '../sqlite/feeds.ts';
import { inTransaction, row, rows, run } from './sql.ts';

export class PostgresFeedRepo implements FeedRepo {
  constructor(private readonly pool: pg.Pool) {}

  async sync(definitions: FeedDefinition[]): Promise<void> {
    // Feeds removed from the config are disabled, not deleted: their articles keep their source.
    await inTransaction(this.pool, async (db) => {
      await run(db, 'UPDATE feeds SET enabled = 0');
      for (const d of definitions) {
        await run(
          db,
          `INSERT INTO feeds (url, name, enabled, poll_interval_minutes, created_at) VALUES ($1, $2, $3, $4, parley_now())
           ON CONFLICT (url) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, poll_interval_minutes = excluded.poll_interval_minutes`,
          [d.url, d.name, d.enabled ? 1 : 0, d.pollMinutes],
        );
      }
    });
  }

  async getState(url: string): Promise<FeedFetchState | null> {
    const r = await row<FeedRow>(this.pool, 'SELECT * FROM feeds WHERE url = $1', [url]);
    return r ? toFetchState(r) : null;
  }

  async recordSuccess(
    id: number,
    at: IsoInstant,
    validators: { etag: string | null; lastModified: string | null },
    nextPollAt: IsoInstant,
  ): Promise<void> {
    await run(
      this.pool,
      `UPDATE feeds SET last_polled_at = $2, last_success_at = $2, consecutive_failures = 0, etag = $3, last_modified = $4, next_poll_at = $5 WHERE id = $1`,
      [id, at, validators.etag, validators.lastModified, nextPollAt],
    );
  }

  async recordFailure(id: number, at: IsoInstant, error: string, nextPollAt: IsoInstant): Promise<void> {
    await run(
      this.pool,
      `UPDATE feeds SET last_polled_at = $2, last_error = $3, last_error_at = $2, consecutive_failures = consecutive_failures + 1, next_poll_at = $4 WHERE id = $1`,
      [id, at, error, nextPollAt],
    );
  }

  async health(): Promise<FeedHealth[]> {
    return (
      await rows<FeedRow & { article_count: number }>(
        this.pool,
        `SELECT f.*, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS article_count FROM feeds f ORDER BY f.enabled DESC, f.name, f.id`,
      )
    ).map(toFeedHealth);
  }

  async listEnabled(): Promise<PollableFeed[]> {
    return (await rows<FeedRow>(this.pool, 'SELECT * FROM feeds WHERE enabled = 1 ORDER BY id')).map(toPollableFeed);
  }
}
