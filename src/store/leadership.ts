// Who runs the work that must happen once among all Parley processes sharing a store: the feed
// poller, the digest scheduler (with its config subscription sync) and the alert dispatcher.
// With SQLite there is one process, and it leads. With PostgreSQL the leader is whoever holds a
// session advisory lock on a dedicated connection (src/store/postgres/leadership.ts); when it dies
// its session ends, the lock is free, and another process takes over at its next check.
// Correctness never rests on the lock alone: the work it guards is itself safe to race (digest
// runs unique per slot, guarded state changes, feeds claimed before fetching).

export interface Leadership {
  /** Whether this process leads now. */
  readonly isLeader: boolean;
  /** Increases with every new leader (the database's count); null while this process does not lead. */
  readonly epoch: number | null;
  /** Called on every change of `isLeader`. Returns an unsubscribe function. */
  onChange(listener: (isLeader: boolean) => void): () => void;
  /** Gives the leadership up (if held) and stops competing for it. */
  stop(): Promise<void>;
}

/** The only process on its store leads from the start (SQLite: one process per file). */
export function soleLeadership(): Leadership {
  return { isLeader: true, epoch: 1, onChange: () => () => {}, stop: async () => {} };
}
