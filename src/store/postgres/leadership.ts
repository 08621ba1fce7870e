// Leader election on PostgreSQL: pg_try_advisory_lock on a connection of its own, tried every
// CHECK_EVERY_MS by processes that do not lead. The leader proves its session (and so its lock)
// alive at the same pace; a connection lost means the lock is lost, and it stops leading at once.
// A killed leader's session ends with its socket, so a follower takes over within one check
// (3 s by default, well inside the 15 s promised), plus the time to start the services.
import pg from 'pg';
import { hostname } from 'node:os';
import type { Leadership } from '../leadership.ts';
import { logger } from '../../log.ts';
import { parleyTypes } from './sql.ts';

/** The advisory lock that makes a process the leader. */
export const LEADER_LOCK_KEY = 0x6c656164; // 'lead'
export const LEADER_CHECK_MS = 3000;

export class PostgresLeadership implements Leadership {
  private client: pg.Client | null = null;
  private leading = false;
  private currentEpoch: number | null = null;
  private readonly listeners = new Set<(isLeader: boolean) => void>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly checkEveryMs = LEADER_CHECK_MS,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  get epoch(): number | null {
    return this.currentEpoch;
  }

  onChange(listener: (isLeader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes the first attempt (so a lone process leads before its services start), then keeps trying. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() => this.check());
    }, this.checkEveryMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url, types: parleyTypes, application_name: 'parley-leader' });
        client.on('error', (error) => {
          logger.warn({ err: error }, 'leader election connection lost');
          this.lose(client);
        });
        await client.connect();
        this.client = client;
      }
      if (this.leading) {
        await this.client.query('SELECT 1');
        return;
      }
      const { rows } = await this.client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [LEADER_LOCK_KEY]);
      if (!rows[0]!.got) return;
      const epoch = await this.client.query<{ epoch: number }>(
        'INSERT INTO leader_epochs (holder, started_at) VALUES ($1, parley_now()) RETURNING epoch',
        [`${hostname()}:${process.pid}`],
      );
      this.currentEpoch = epoch.rows[0]!.epoch;
      this.leading = true;
      logger.info({ epoch: this.currentEpoch }, 'leadership taken: this process runs the poller, the digests and the alerts');
      this.emit();
    } catch (error) {
      logger.warn({ err: error }, 'leader election check failed; retried');
      if (this.client) this.lose(this.client);
    }
  }

  private lose(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.leading) {
      this.leading = false;
      this.currentEpoch = null;
      logger.warn('leadership lost with its connection; another process takes over');
      this.emit();
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.leading);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    const client = this.client;
    this.client = null;
    if (this.leading) {
      this.leading = false;
      this.currentEpoch = null;
      this.emit();
    }
    // Ending the session frees the lock at once, so a follower need not wait for a timeout.
    await client?.end().catch(() => undefined);
  }
}
