// The one door to persistence. Everything outside src/store talks to a `Store`; nothing else
// knows it is SQLite. Methods are async so that a PostgreSQL backend (for sharded, multi-process
// deployments) can implement the same interface without touching the pipeline.
import type { ArticleRepo } from './articles.ts';
import type { FeedRepo } from './feeds.ts';
import type { TimelineRepo } from './timeline.ts';
import type { QueryRepo } from './queries.ts';
import type { DigestRepo } from './digests.ts';
import type { AlertRepo } from './alerts.ts';
import type { Leadership } from './leadership.ts';

export interface Store {
  /** Articles and their dedup state (src/store/articles.ts). */
  readonly articles: ArticleRepo;
  /** Configured feeds and their health (src/store/feeds.ts). */
  readonly feeds: FeedRepo;
  /** Writes extraction results and merges them into events, people and quotes; exports (src/store/timeline.ts). */
  readonly timeline: TimelineRepo;
  /** Read side for slash commands (src/store/queries.ts). */
  readonly queries: QueryRepo;
  /** Subscriptions, digest runs and what changed since a digest (src/store/digests.ts). */
  readonly digests: DigestRepo;
  /** Alert subscriptions, the change log's routing to channels and alert posts (src/store/alerts.ts). */
  readonly alerts: AlertRepo;
  /** `PRAGMA integrity_check` or the backend's equivalent; 'ok' when healthy. */
  integrityCheck(): Promise<string>;
  /**
   * Starts competing for the leadership among the processes sharing this store (PostgreSQL);
   * absent where one process is all there is (SQLite), which then leads.
   */
  openLeadership?(): Promise<Leadership>;
  close(): Promise<void>;
}

export type { ArticleRepo, FeedRepo, TimelineRepo, QueryRepo, DigestRepo, AlertRepo };
