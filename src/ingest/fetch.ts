// HTTP(S) GET on node:http/https, with every limit a feed poller needs in the open: one deadline
// for connecting and reading the whole body (across redirects), a size cap that also holds for
// chunked bodies without Content-Length and after gzip/deflate/br decompression, a redirect
// limit, conditional GET, and the charset decoded with iconv-lite.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { charsetFromContentType, decodeText } from './charset.ts';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Validators from the last successful fetch; a 304 answer means nothing changed. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /** Aborts the fetch at once (shutdown): it fails with a FetchError of kind 'aborted'. */
  signal?: AbortSignal;
}

export type FetchResult =
  | { status: 'not-modified'; url: string; finalUrl: string }
  | {
      status: 'ok';
      url: string;
      /** Where the body came from after redirects. */
      finalUrl: string;
      contentType: string | null;
      body: Buffer;
      /** The body decoded with the charset from the header or the document. */
      text: string;
      etag: string | null;
      lastModified: string | null;
    };

export type FetchErrorKind = 'timeout' | 'too-large' | 'redirects' | 'http' | 'network' | 'invalid-url' | 'aborted';

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly httpStatus: number | null = null,
    /** From a 429 or 503 answer's Retry-After: how long the server asked us to wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** Statuses whose Retry-After says when to come back (RFC 9110 §10.2.3). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/**
 * Retry-After as milliseconds from `now`: delay-seconds ("120") or an HTTP date. Null when absent
 * or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null;
  return Math.max(0, at - now.getTime());
}

function describeWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

/** "5 MB", "512 KB", "1500 bytes": the cap as an operator wrote it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface HopResult {
  response: http.IncomingMessage;
  body: Buffer | null;
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('invalid-url', `not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('invalid-url', `not an http(s) URL: ${raw}`);
  return url;
}

function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** One request; resolves with the response and, unless it is a redirect or 304, the capped body. */
function requestOnce(url: URL, options: FetchOptions, signal: AbortSignal): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: options.accept ?? '*/*',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const transport = url.protocol === 'https:' ? https : http;
    const tooLarge = () => new FetchError('too-large', `body larger than ${formatBytes(options.maxBytes)}`);
    const request = transport.get(url, { headers, signal }, (response) => {
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status) || status === 304 || status < 200 || status >= 300) {
        response.resume();
        resolve({ response, body: null });
        return;
      }
      const declaredLength = Number(response.headers['content-length']);
      if (Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
        response.destroy();
        reject(tooLarge());
        return;
      }
      let rawBytes = 0;
      response.on('data', (chunk: Buffer) => {
        rawBytes += chunk.length;
        if (rawBytes > options.maxBytes) response.destroy(tooLarge());
      });
      const inflate = decompressor(response.headers['content-encoding']);
      const stream: Readable = inflate ? response.pipe(inflate) : response;
      if (inflate) response.on('error', (err) => inflate.destroy(err));
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // A small compressed body can inflate to gigabytes; the cap counts what we would keep.
        if (bytes > options.maxBytes) {
          stream.destroy(tooLarge());
          if (stream !== response) response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (err) => reject(err));
      stream.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
    });
    request.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed just as it was reused for this request: the
      // request never reached the server, so sending it again on a new connection is safe.
      if (request.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) (err as StaleConnectionError).staleConnection = true;
      reject(err);
    });
  });
}

type StaleConnectionError = NodeJS.ErrnoException & { staleConnection?: boolean };

function describeNetworkError(err: unknown, url: URL): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException;
  const detail = e.code ? `${e.code}` : e.message;
  if (
    e.code === 'Z_DATA_ERROR' ||
    e.code === 'Z_BUF_ERROR' ||
    e.code === 'ERR_PADDING_1' ||
    /incorrect header check|invalid/i.test(e.message ?? '')
  ) {
    return new FetchError('network', `cannot decompress the body of ${url.href}: ${e.message}`);
  }
  return new FetchError(
    'network',
    `cannot fetch ${url.href}: ${detail}${e.code && e.message && !e.message.includes(e.code) ? ` (${e.message})` : ''}`,
  );
}

/**
 * GETs `url`, following redirects. Throws `FetchError` with a message an operator can act on:
 * `timeout after 15000 ms`, `body larger than 5 MB`, `too many redirects (6)`, `HTTP 500`.
 */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  let current = parseHttpUrl(url);
  if (options.signal?.aborted) throw new FetchError('aborted', 'aborted: Parley is stopping');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let retriedStale = false;
    for (let redirects = 0; ; redirects++) {
      let hop: HopResult;
      try {
        hop = await requestOnce(current, options, controller.signal);
      } catch (err) {
        if (options.signal?.aborted) throw new FetchError('aborted', 'aborted: Parley is stopping');
        if (controller.signal.aborted) throw new FetchError('timeout', `timeout after ${options.timeoutMs} ms`);
        if ((err as StaleConnectionError).staleConnection && !retriedStale) {
          retriedStale = true;
          redirects -= 1;
          continue;
        }
        throw describeNetworkError(err, current);
      }
      const { response, body } = hop;
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        const location = response.headers.location;
        if (!location) throw new FetchError('http', `HTTP ${status} without a Location header`, status);
        if (redirects + 1 > options.maxRedirects) throw new FetchError('redirects', `too many redirects (${redirects + 1})`);
        current = parseHttpUrl(new URL(location, current).href);
        continue;
      }
      if (status === 304) return { status: 'not-modified', url, finalUrl: current.href };
      if (status < 200 || status >= 300 || body === null) {
        const retryAfterMs = RETRY_AFTER_STATUSES.has(status) ? parseRetryAfter(response.headers['retry-after'], new Date()) : null;
        throw new FetchError(
          'http',
          `HTTP ${status}${retryAfterMs === null ? '' : ` (retry after ${describeWait(retryAfterMs)})`}`,
          status,
          retryAfterMs,
        );
      }
      const contentType = response.headers['content-type'] ?? null;
      return {
        status: 'ok',
        url,
        finalUrl: current.href,
        contentType,
        body,
        text: decodeText(body, charsetFromContentType(contentType)),
        etag: headerValue(response.headers.etag),
        lastModified: headerValue(response.headers['last-modified']),
      };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
