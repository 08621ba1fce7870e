// The operator's HTTP endpoints of `parley start`: GET /healthz for a load balancer or systemd
// watchdog, GET /metrics for Prometheus. Plain node:http on a port of its own (127.0.0.1 unless
// http.host says otherwise), so nothing of it is reachable from outside by default.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';
import type { Metrics } from './metrics.ts';

export interface HealthReport {
  ok: boolean;
  /** What was checked and how it went: `{ store: 'ok', discord: 'ready' }`. */
  checks: Record<string, string>;
  /** Why it is not ok, one sentence per failed check. */
  reasons: string[];
}

export interface OpsServerOptions {
  host: string;
  port: number;
  health: () => Promise<HealthReport>;
  metrics: Metrics;
  logger: Logger;
}

export interface OpsServer {
  /** The port listened on. */
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(head ? undefined : body);
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { logger } = options;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'only GET and HEAD\n', false);
      return;
    }
    void (async () => {
      if (path === '/healthz') {
        const report = await options.health();
        const body = JSON.stringify({
          status: report.ok ? 'ok' : 'unavailable',
          checks: report.checks,
          ...(report.ok ? {} : { reasons: report.reasons }),
        });
        send(res, report.ok ? 200 : 503, 'application/json; charset=utf-8', `${body}\n`, head);
      } else if (path === '/metrics') {
        send(res, 200, options.metrics.contentType, await options.metrics.text(), head);
      } else {
        send(res, 404, 'text/plain; charset=utf-8', 'not found: GET /healthz or /metrics\n', head);
      }
    })().catch((error: unknown) => {
      logger.error({ err: error, path }, 'ops endpoint failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n', head);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers within `ms` or counts as failed: a health check must not hang with what it checks. */
export async function withinMs<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
