// The gateway half of the fake Discord: one WebSocket session per connecting client, speaking
// plain JSON frames (no zlib, no ETF) the way @discordjs/ws talks when zlib-sync is absent.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreateJson, userJson, type FakeWorld } from './world.ts';

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

export interface IdentifyRecord {
  token: string;
  intents: number;
  properties: Record<string, unknown>;
  shard?: [number, number];
  compress?: boolean;
}

export interface GatewaySessionInfo {
  sessionId: string;
  query: Record<string, string>;
  identify: IdentifyRecord | null;
  heartbeats: number;
  sequence: number;
  ready: boolean;
  closed: boolean;
  /** This connection continued an earlier session with RESUME. */
  resumed: boolean;
  /** A later connection resumed this session. */
  superseded: boolean;
}

class GatewaySession {
  readonly info: GatewaySessionInfo;

  constructor(
    readonly socket: WebSocket,
    query: Record<string, string>,
    private readonly gateway: FakeGateway,
  ) {
    this.info = {
      sessionId: randomUUID().replaceAll('-', ''),
      query,
      identify: null,
      heartbeats: 0,
      sequence: 0,
      ready: false,
      closed: false,
      resumed: false,
      superseded: false,
    };
    // Text frames arrive as a Buffer (ws's default binaryType).
    // oxlint-disable-next-line typescript/no-base-to-string
    socket.on('message', (raw) => this.onFrame(raw.toString()));
    socket.on('close', () => {
      this.info.closed = true;
      this.info.ready = false;
    });
    void this.send({ op: Op.Hello, d: { heartbeat_interval: gateway.heartbeatIntervalMs }, s: null, t: null });
  }

  send(frame: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(JSON.stringify(frame), (error) => (error ? reject(error) : resolve()));
    });
  }

  dispatch(type: string, data: unknown): Promise<void> {
    this.info.sequence += 1;
    return this.send({ op: Op.Dispatch, t: type, s: this.info.sequence, d: data });
  }

  private onFrame(raw: string): void {
    let frame: { op?: number; d?: unknown };
    try {
      frame = JSON.parse(raw);
    } catch {
      this.socket.close(4002, 'Decode error');
      return;
    }
    switch (frame.op) {
      case Op.Heartbeat:
        this.info.heartbeats += 1;
        void this.send({ op: Op.HeartbeatAck, d: null, s: null, t: null });
        return;
      case Op.Identify:
        void this.identify(frame.d as IdentifyRecord);
        return;
      case Op.Resume:
        void this.resume(frame.d as { token: string; session_id: string; seq: number });
        return;
      default:
        // Presence and voice updates are accepted and ignored, as Parley never sends them.
        return;
    }
  }

  /**
   * Resumes a session this fake started before (after op 7 or a dropped connection). Nothing is
   * replayed: the fake dispatches only while a session is ready. Unknown sessions get op 9, as
   * Discord answers stale ones, and the client identifies afresh.
   */
  private async resume(resume: { token: string; session_id: string; seq: number }): Promise<void> {
    const previous = this.gateway.findSession(resume.session_id);
    const { world } = this.gateway;
    if (!previous || (resume.token !== world.token && resume.token !== `Bot ${world.token}`)) {
      await this.send({ op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    this.info.sessionId = previous.sessionId;
    this.info.identify = previous.identify;
    this.info.sequence = Math.max(resume.seq ?? 0, previous.sequence);
    this.info.resumed = true;
    previous.superseded = true;
    await this.dispatch('RESUMED', null);
    this.info.ready = true;
    this.gateway.emitReady(this);
  }

  private async identify(identify: IdentifyRecord): Promise<void> {
    if (this.info.identify) {
      this.socket.close(4005, 'Already authenticated');
      return;
    }
    this.info.identify = identify;
    const { world } = this.gateway;
    if (identify.token !== world.token && identify.token !== `Bot ${world.token}`) {
      this.socket.close(4004, 'Authentication failed');
      return;
    }
    await this.dispatch('READY', {
      v: 10,
      user: { ...userJson(world.botUser), verified: true, mfa_enabled: false },
      guilds: world.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: this.info.sessionId,
      session_type: 'normal',
      resume_gateway_url: this.gateway.url,
      shard: identify.shard ?? [0, 1],
      application: { id: world.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['fake-discord'],
    });
    for (const guild of world.guilds) await this.dispatch('GUILD_CREATE', guildCreateJson(guild, world));
    this.info.ready = true;
    this.gateway.emitReady(this);
  }
}

export class FakeGateway {
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions: GatewaySession[] = [];
  #readyWaiters: Array<() => void> = [];
  url = '';

  constructor(
    readonly world: FakeWorld,
    readonly heartbeatIntervalMs: number,
  ) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (url.pathname !== '/gateway') {
      socket.destroy();
      return;
    }
    const query = Object.fromEntries(url.searchParams);
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      // discord.js only speaks JSON without compression here; refuse anything else loudly.
      if ((query.encoding ?? 'json') !== 'json' || query.compress) {
        ws.close(4000, `fake Discord speaks encoding=json without compress, got ${url.search}`);
        return;
      }
      this.#sessions.push(new GatewaySession(ws, query, this));
    });
  }

  emitReady(_session: GatewaySession): void {
    const waiters = this.#readyWaiters;
    this.#readyWaiters = [];
    for (const resolve of waiters) resolve();
  }

  findSession(sessionId: string): GatewaySessionInfo | undefined {
    return this.#sessions.map((s) => s.info).find((info) => info.sessionId === sessionId && info.identify !== null && !info.superseded);
  }

  get sessions(): GatewaySessionInfo[] {
    return this.#sessions.map((s) => s.info);
  }

  /** Resolves once some client has identified and received its guilds. */
  waitForReadySession(): Promise<void> {
    if (this.#sessions.some((s) => s.info.ready)) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Sends a dispatch to every ready session; resolves when the frames are written. */
  async dispatch(type: string, data: unknown): Promise<number> {
    const ready = this.#sessions.filter((s) => s.info.ready && !s.info.closed);
    await Promise.all(ready.map((s) => s.dispatch(type, data)));
    return ready.length;
  }

  /** Asks every client to reconnect (op 7), as Discord does before maintenance. */
  requestReconnect(): void {
    for (const session of this.#sessions) if (!session.info.closed) void session.send({ op: Op.Reconnect, d: null, s: null, t: null });
  }

  close(): Promise<void> {
    for (const session of this.#sessions) session.socket.terminate();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
