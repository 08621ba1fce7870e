// Owned by the digest area: subscriptions, digest runs (exactly-once delivery) and the
// "what changed since" queries a digest is built from. Extend as the digest issue needs.
export interface DigestRepo {
  /** Placeholder for the digest area to define; see issue 5. */
  countSubscriptions(): Promise<number>;
}
