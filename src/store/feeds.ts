// Owned by the ingest area. Feed rows mirror config/parley.yaml; the state columns are Parley's.
import type { FeedHealth, IsoInstant } from '../domain/types.ts';

export interface FeedDefinition {
  url: string;
  name: string;
  enabled: boolean;
  pollMinutes: number;
}

export interface FeedFetchState {
  id: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  nextPollAt: IsoInstant | null;
}

/** A feed as the poller sees it: its configuration and its fetch state. */
export interface PollableFeed extends FeedFetchState {
  name: string;
  pollMinutes: number;
  lastPolledAt: IsoInstant | null;
}

export interface FeedRepo {
  /** Makes the table match the configured feeds (adds, updates, disables the removed ones). */
  sync(definitions: FeedDefinition[]): Promise<void>;
  getState(url: string): Promise<FeedFetchState | null>;
  recordSuccess(
    id: number,
    at: IsoInstant,
    validators: { etag: string | null; lastModified: string | null },
    nextPollAt: IsoInstant,
  ): Promise<void>;
  recordFailure(id: number, at: IsoInstant, error: string, nextPollAt: IsoInstant): Promise<void>;
  health(): Promise<FeedHealth[]>;
  /** Enabled feeds with their state, in id order. */
  listEnabled(): Promise<PollableFeed[]>;
}
