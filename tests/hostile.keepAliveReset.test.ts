// A server that closes a kept-alive connection just as it is reused (its idle timeout racing the
// next request) must not fail the fetch: seen as ECONNRESET on loopback during a 1,000-item feed
// ingest, when page fetches were seconds apart.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../src/ingest/fetch.ts';

let server: Server;
let origin: string;
const requestsPerSocket = new Map<object, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const n = (requestsPerSocket.get(req.socket) ?? 0) + 1;
    requestsPerSocket.set(req.socket, n);
    // The second request on a connection finds it closed under it, without an answer.
    if (n >= 2) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', connection: 'keep-alive' }).end(`page ${req.url}`);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a kept-alive connection closed as it is reused', () => {
  it('is retried once on a new connection', async () => {
    const options = { timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 3, userAgent: 'test' };
    const first = await fetchUrl(`${origin}/a`, options);
    const second = await fetchUrl(`${origin}/b`, options);
    expect(first.status === 'ok' && first.text).toBe('page /a');
    expect(second.status === 'ok' && second.text).toBe('page /b');
    // The second fetch did go out on the reused connection first (and was cut), then on a new one.
    expect([...requestsPerSocket.values()].some((n) => n >= 2)).toBe(true);
  });
});
