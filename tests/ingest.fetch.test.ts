import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fetchUrl, FetchError, formatBytes, type FetchOptions } from '../src/ingest/fetch.ts';
import { startFixtureServer, type FixtureServer } from './support/httpFixtureServer.ts';

const options: FetchOptions = { timeoutMs: 2000, maxBytes: 64 * 1024, maxRedirects: 3, userAgent: 'ParleyTest/1' };

describe('fetchUrl', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  it('returns the decoded body, the final URL and the validators', async () => {
    server.route('/page', {
      headers: { 'content-type': 'text/html; charset=utf-8', etag: '"v1"', 'last-modified': 'Sun, 21 Dec 2025 10:00:00 GMT' },
      body: '<p>Genève</p>',
    });
    const result = await fetchUrl(server.url('/page'), options);
    expect(result).toMatchObject({
      status: 'ok',
      finalUrl: server.url('/page'),
      etag: '"v1"',
      lastModified: 'Sun, 21 Dec 2025 10:00:00 GMT',
      text: '<p>Genève</p>',
    });
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('ParleyTest/1');
  });

  it('decodes the charset named in the header or in a meta tag', async () => {
    server.route('/latin-header', {
      headers: { 'content-type': 'text/plain; charset=ISO-8859-1' },
      body: iconv.encode('Réunion à Genève', 'latin1'),
    });
    server.route('/latin-meta', {
      headers: { 'content-type': 'text/html' },
      body: iconv.encode('<html><head><meta charset="windows-1251"></head><body>Переговоры</body></html>', 'windows-1251'),
    });
    expect(await fetchUrl(server.url('/latin-header'), options)).toMatchObject({ text: 'Réunion à Genève' });
    expect(await fetchUrl(server.url('/latin-meta'), options)).toMatchObject({ text: expect.stringContaining('Переговоры') });
  });

  it('follows redirects up to the limit and names the count when a loop exceeds it', async () => {
    server.route('/old', { status: 301, redirect: '/page' });
    expect(await fetchUrl(server.url('/old'), options)).toMatchObject({ status: 'ok', finalUrl: server.url('/page') });
    server.route('/loop-a', { redirect: '/loop-b' });
    server.route('/loop-b', { redirect: '/loop-a' });
    await expect(fetchUrl(server.url('/loop-a'), options)).rejects.toThrow('too many redirects (4)');
  });

  it('sends the stored validators and reports 304 as not modified', async () => {
    server.route('/feed', (req) =>
      req.headers['if-none-match'] === '"v7"' ? { status: 304 } : { headers: { etag: '"v7"' }, body: '<rss/>' },
    );
    const first = await fetchUrl(server.url('/feed'), options);
    expect(first.status).toBe('ok');
    const second = await fetchUrl(server.url('/feed'), {
      ...options,
      etag: first.status === 'ok' ? first.etag : null,
      lastModified: 'Sun, 21 Dec 2025 10:00:00 GMT',
    });
    expect(second.status).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe('Sun, 21 Dec 2025 10:00:00 GMT');
  });

  it('times out on a server that does not answer', async () => {
    server.route('/slow', { delayMs: 1500, body: 'late' });
    const started = Date.now();
    await expect(fetchUrl(server.url('/slow'), { ...options, timeoutMs: 300 })).rejects.toThrow('timeout after 300 ms');
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('times out on a body that drips too slowly, even after the headers came quickly', async () => {
    server.route('/drip', { drip: { chunks: Array.from({ length: 20 }, () => 'x'), intervalMs: 100 } });
    await expect(fetchUrl(server.url('/drip'), { ...options, timeoutMs: 400 })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('refuses a body over the cap: by Content-Length, chunked without it, and after decompression', async () => {
    server.route('/big', { body: 'x'.repeat(70 * 1024) });
    await expect(fetchUrl(server.url('/big'), options)).rejects.toThrow('body larger than 64 KB');
    server.route('/big-chunked', { drip: { chunks: Array.from({ length: 10 }, () => 'y'.repeat(16 * 1024)), intervalMs: 1 } });
    await expect(fetchUrl(server.url('/big-chunked'), options)).rejects.toThrow('body larger than 64 KB');
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 'z'));
    expect(bomb.length).toBeLessThan(64 * 1024);
    server.route('/bomb', { headers: { 'content-encoding': 'gzip' }, body: bomb });
    await expect(fetchUrl(server.url('/bomb'), options)).rejects.toThrow('body larger than 64 KB');
  });

  it('decompresses gzip and brotli bodies', async () => {
    server.route('/gz', { headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' }, body: gzipSync('compressed talks') });
    server.route('/br', { headers: { 'content-encoding': 'br', 'content-type': 'text/plain' }, body: brotliCompressSync('brotli talks') });
    expect(await fetchUrl(server.url('/gz'), options)).toMatchObject({ text: 'compressed talks' });
    expect(await fetchUrl(server.url('/br'), options)).toMatchObject({ text: 'brotli talks' });
  });

  it('reports HTTP errors by status', async () => {
    server.route('/broken', { status: 500, body: 'oops' });
    const error = await fetchUrl(server.url('/broken'), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toBe('HTTP 500');
    expect((error as FetchError).httpStatus).toBe(500);
    await expect(fetchUrl(server.url('/nowhere'), options)).rejects.toThrow('HTTP 404');
  });

  it('reports a refused connection and a non-http URL clearly', async () => {
    const closed = await startFixtureServer();
    const url = closed.url('/x');
    await closed.close();
    await expect(fetchUrl(url, options)).rejects.toThrow(/cannot fetch .*ECONNREFUSED/);
    await expect(fetchUrl('ftp://example.org/file', options)).rejects.toThrow('not an http(s) URL: ftp://example.org/file');
  });

  it('formats caps the way operators write them', () => {
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(1536)).toBe('1536 bytes');
  });
});
