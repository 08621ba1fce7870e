// A local HTTP server on 127.0.0.1 for tests that fetch pages and feeds. Each path answers with a
// route: a status, headers, a body, an optional delay, a chunked "drip" without Content-Length,
// or a redirect. A route may be a function of the request (for conditional GET). Every request is
// recorded so a test can check what was asked.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureRoute {
  /** Default 200 (302 when `redirect` is set). */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Milliseconds to wait before sending the status line. */
  delayMs?: number;
  /** Send the body as these chunks with Transfer-Encoding: chunked, `intervalMs` apart. */
  drip?: { chunks: Array<string | Buffer>; intervalMs: number };
  /** Answer with a redirect to this location (absolute, or a path on this server). */
  redirect?: string;
}

export type RouteHandler = FixtureRoute | ((request: RecordedRequest) => FixtureRoute);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Adds or replaces the route for a path (query string included when given). */
  route(path: string, handler: RouteHandler): void;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFixtureServer(routes: Record<string, RouteHandler> = {}): Promise<FixtureServer> {
  const table = new Map<string, RouteHandler>(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
      requests.push(recorded);
      const pathOnly = recorded.path.split('?')[0]!;
      const handler = table.get(recorded.path) ?? table.get(pathOnly);
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture route');
        return;
      }
      const route = typeof handler === 'function' ? handler(recorded) : handler;
      if (route.delayMs) await sleep(route.delayMs);
      if (res.destroyed) return;
      if (route.redirect !== undefined) {
        res.writeHead(route.status ?? 302, { location: route.redirect, ...route.headers }).end();
        return;
      }
      if (route.drip) {
        res.writeHead(route.status ?? 200, { 'transfer-encoding': 'chunked', ...route.headers });
        for (const chunk of route.drip.chunks) {
          if (res.destroyed) return;
          res.write(chunk);
          await sleep(route.drip.intervalMs);
        }
        res.end();
        return;
      }
      const body = route.body ?? '';
      res.writeHead(route.status ?? 200, { 'content-length': String(Buffer.byteLength(body)), ...route.headers });
      res.end(body);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    route: (path, handler) => void table.set(path, handler),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
