// `parley start` (what `npm start` runs): the long-running process. Opens the store and a
// ConfigWatcher, then runs the Discord bot when DISCORD_TOKEN is set or console mode when it is
// not, plus the feed poller, the digest scheduler and the alert dispatcher unless switched off in config. SIGINT or
// SIGTERM stops it gracefully: schedules first, then in-flight work, then the store.
import { setTimeout as delay } from 'node:timers/promises';
import type { App } from '../../app.ts';
import { resolveConfigDir, resolveDatabasePath } from '../../config/paths.ts';
import type { LoadedConfig } from '../../config/schema.ts';
import type { ChannelPoster } from '../../digest/delivery.ts';
import { ConfigWatcher } from '../../config/watch.ts';
import { logger } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import { soleLeadership, type Leadership } from '../../store/leadership.ts';
import { openStoreAt, prepareStoreFolder } from '../context.ts';
import { listenForShutdownSignal } from '../shutdown.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { OpsServer } from '../../ops/httpServer.ts';
import { redactLocation } from '../../store/location.ts';

interface Stoppable {
  stop(): Promise<void> | void;
}

/** A shell is what talks to people: the bot or the console. `finished` settles when it ends by itself. */
interface Shell extends Stoppable {
  mode: 'discord' | 'console';
  finished: Promise<void>;
  /** Whether the Discord gateway is ready; null in console mode. */
  ready: (() => boolean) | null;
  /** Posts a digest to a channel: Discord's REST API in bot mode, the terminal in console mode. */
  deliver: ChannelPoster;
}

const SHUTDOWN_GRACE_MS = 15_000;
const CONSOLE_STOP_WAIT_MS = 5_000;

export async function startCommand(io: CliIo): Promise<number> {
  const watcher = new ConfigWatcher(resolveConfigDir(io.env, io.cwd), { logger });
  const dbPath = resolveDatabasePath(watcher.current(), io.env, io.cwd);
  let store: Store;
  let httpAddress: { host: string; port: number } | null;
  try {
    httpAddress = opsHttpAddress(watcher.current(), io.env);
    prepareStoreFolder(dbPath, io);
    store = await openStoreAt(dbPath);
  } catch (error) {
    watcher.close();
    throw error;
  }
  const { Metrics } = await import('../../ops/metrics.ts');
  let deliveryQueue: { close(): void; idle(): Promise<void>; stats: { rateLimited: number } } | null = null;
  const metrics = new Metrics({
    feedHealth: () => store.queries.feedHealth(),
    counts: () => store.queries.counts(),
    rateLimitWaits: () => deliveryQueue?.stats.rateLimited ?? 0,
  });
  const app: App = { store, config: watcher, logger, now: () => new Date(), metrics };
  logger.info({ config: watcher.dir, db: redactLocation(dbPath) }, 'parley starting');
  const initialStorePath = watcher.current().parley.store.path;
  watcher.onChange((config) => {
    if (config.parley.store.path !== initialStorePath) {
      logger.warn({ storePath: config.parley.store.path, inUse: dbPath }, 'store.path changed: it takes effect at the next start');
    }
  });

  // Listening from here on, so a signal during a slow start (a Discord login) still stops cleanly.
  const shutdown = listenForShutdownSignal();
  const background: BackgroundService[] = [];
  let shell: Shell | null = null;
  // With several processes on one PostgreSQL store only the leader polls, schedules and alerts;
  // the others answer commands from the shared store and take over when the leader goes.
  let leadership: Leadership = soleLeadership();
  let opsServer: OpsServer | null = null;
  try {
    if (store.openLeadership) leadership = await store.openLeadership();
    shell = await openShell(app, io);
    opsServer = await startOpsEndpoints(app, shell, httpAddress);
    // Handled by the race below; this keeps an early console failure from being "unhandled".
    shell.finished.catch(() => {});
    background.push(
      new BackgroundService(
        'feed poller',
        watcher,
        leadership,
        (config) => config.parley.polling.enabled,
        async () => {
          const { startPoller } = await import('../../ingest/poller.ts');
          return startPoller(app);
        },
      ),
    );
    const deliver = shell.deliver;
    // One delivery queue for digests and alerts, so together they stay under Discord's limit.
    const { DeliveryQueue } = await import('../../digest/delivery.ts');
    const queue = new DeliveryQueue({ poster: deliver, logger: logger.child({ component: 'delivery' }) });
    deliveryQueue = queue;
    background.push(
      new BackgroundService(
        'digest scheduler',
        watcher,
        leadership,
        (config) => config.parley.digests.enabled,
        async () => {
          const { startDigestScheduler } = await import('../../digest/scheduler.ts');
          return startDigestScheduler(app, deliver, { deliveryQueue: queue });
        },
      ),
      new BackgroundService(
        'alert dispatcher',
        watcher,
        leadership,
        (config) => config.parley.alerts.enabled,
        async () => {
          const { startAlertDispatcher } = await import('../../alerts/dispatcher.ts');
          return startAlertDispatcher(app, queue, deliver);
        },
      ),
    );
    await Promise.all(background.map((service) => service.begin()));
    logger.info({ mode: shell.mode, startupMs: Math.round(process.uptime() * 1000) }, 'parley ready');

    const reason = await Promise.race([shell.finished.then(() => `${shell?.mode} ended`), shutdown.signal]);
    logger.info({ reason }, 'parley stopping');
  } finally {
    // Console mode ends on Ctrl-C (readline takes it from the terminal), so that press never
    // reached the signal handler: the next one must still exit at once.
    shutdown.stopping();
    const forceExit = setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forceExit.unref();
    // Messages not yet started stay 'recorded' for the next start; in-flight ones finish. Then
    // schedules stop so nothing new starts, then the shell finishes its in-flight replies.
    deliveryQueue?.close();
    await Promise.all(background.map((service) => service.end()));
    await stopQuietly('leadership', () => leadership.stop());
    await deliveryQueue?.idle();
    if (shell) await stopQuietly('shell', () => shell!.stop());
    if (opsServer) await stopQuietly('http endpoints', () => opsServer!.close());
    watcher.close();
    await stopQuietly('store', () => store.close());
    clearTimeout(forceExit);
    shutdown.dispose();
  }
  logger.info('parley stopped');
  return 0;
}

/**
 * Where GET /healthz and /metrics listen: http.port (PARLEY_HTTP_PORT overrides it) on
 * http.host; null when the port is 0. Read at start-up only, like the store path.
 */
export function opsHttpAddress(config: LoadedConfig, env: Record<string, string | undefined>): { host: string; port: number } | null {
  const fromEnv = env.PARLEY_HTTP_PORT?.trim();
  let port = config.parley.http.port;
  if (fromEnv) {
    if (!/^\d{1,5}$/.test(fromEnv) || Number(fromEnv) > 65535)
      throw new UsageError(`PARLEY_HTTP_PORT is "${fromEnv}"; expected a port number from 0 (off) to 65535`);
    port = Number(fromEnv);
  }
  return port === 0 ? null : { host: config.parley.http.host, port };
}

/** The ops endpoints; a port already in use is logged, never a reason to stop the bot. */
async function startOpsEndpoints(app: App, shell: Shell, address: { host: string; port: number } | null): Promise<OpsServer | null> {
  if (!address || !app.metrics) return null;
  const [{ startOpsServer }, { checkHealth }] = await Promise.all([import('../../ops/httpServer.ts'), import('../../ops/health.ts')]);
  try {
    const server = await startOpsServer({
      ...address,
      metrics: app.metrics,
      logger,
      health: () => checkHealth({ store: app.store, discordReady: shell.ready }),
    });
    logger.info({ host: address.host, port: server.port }, 'serving GET /healthz and /metrics');
    return server;
  } catch (error) {
    logger.error({ err: error, ...address }, 'cannot serve /healthz and /metrics (set http.port, or 0 to switch them off)');
    return null;
  }
}

async function openShell(app: App, io: CliIo): Promise<Shell> {
  const token = io.env.DISCORD_TOKEN?.trim();
  if (token) {
    const applicationId = io.env.DISCORD_APPLICATION_ID?.trim();
    if (!applicationId)
      throw new UsageError(
        'DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not; set both (see docs/discord.md), or neither for console mode',
      );
    const api = io.env.DISCORD_API_URL?.trim();
    const [{ runBot }, { createDiscordPoster }] = await Promise.all([import('../../bot/run.ts'), import('../../bot/deliver.ts')]);
    const bot = await runBot({ app, token, applicationId, ...(api ? { rest: { api } } : {}) });
    return {
      mode: 'discord',
      // The bot runs until it is told to stop.
      finished: new Promise<void>(() => {}),
      ready: () => bot.client.isReady(),
      deliver: createDiscordPoster(bot.client.rest),
      stop: () => bot.stop(),
    };
  }
  logger.info('DISCORD_TOKEN is not set: console mode (type /help)');
  const [{ runConsole }, { createConsoleDigestPrinter }] = await Promise.all([
    import('../../console/run.ts'),
    import('../../digest/delivery.ts'),
  ]);
  const finished = runConsole({ app });
  return {
    mode: 'console',
    finished,
    ready: null,
    // In console mode digests are printed where the operator is looking.
    deliver: createConsoleDigestPrinter((text) => io.stdout.write(text)),
    // Ending its input lets the console finish the command it is running and return; the store
    // closes only after that.
    stop: async () => {
      process.stdin.push(null);
      await Promise.race([finished.catch(() => {}), delay(CONSOLE_STOP_WAIT_MS, undefined, { ref: false })]);
    },
  };
}

/**
 * A background service (poller, scheduler) that follows its config switch: started when enabled,
 * stopped when a reload switches it off, started again when it is switched back on.
 */
class BackgroundService {
  private running: Stoppable | null = null;
  private transition: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly name: string,
    private readonly watcher: ConfigWatcher,
    private readonly leadership: Leadership,
    private readonly isEnabled: (config: LoadedConfig) => boolean,
    private readonly startService: () => Promise<Stoppable>,
  ) {}

  async begin(): Promise<void> {
    const offConfig = this.watcher.onChange((config) => this.follow(config));
    const offLeadership = this.leadership.onChange(() => this.follow(this.watcher.current()));
    this.unsubscribe = () => {
      offConfig();
      offLeadership();
    };
    this.follow(this.watcher.current());
    if (!this.isEnabled(this.watcher.current())) logger.info({ service: this.name }, 'switched off in config');
    else if (!this.leadership.isLeader) logger.info({ service: this.name }, 'another process leads: started here if it takes over');
    await this.transition;
  }

  async end(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.transition;
    await this.stopRunning();
  }

  private follow(config: LoadedConfig): void {
    const wanted = this.isEnabled(config) && this.leadership.isLeader;
    this.transition = this.transition.then(async () => {
      if (wanted && !this.running) {
        try {
          this.running = await this.startService();
          logger.info({ service: this.name }, 'service started');
        } catch (error) {
          logger.error({ service: this.name, err: error }, 'could not start');
        }
      } else if (!wanted && this.running) {
        await this.stopRunning();
      }
    });
  }

  private async stopRunning(): Promise<void> {
    const service = this.running;
    this.running = null;
    if (service) {
      await stopQuietly(this.name, () => service.stop());
      logger.info({ service: this.name }, 'service stopped');
    }
  }
}

async function stopQuietly(what: string, stop: () => Promise<void> | void): Promise<void> {
  try {
    await stop();
  } catch (error) {
    logger.error({ what, err: error }, 'error while stopping');
  }
}
