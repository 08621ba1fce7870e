// Failure injection for the fake REST API: scripted failures per route and a global rate
// limiter, so callers' retry, back-off and disable logic can be tested on loopback.

/** A scripted answer that replaces (or delays) the normal handling of one request. */
export type Failure =
  | { kind: 'status'; status: number; code?: number; message?: string }
  | { kind: 'rateLimit'; retryAfterSeconds: number; global?: boolean; scope?: 'user' | 'global' | 'shared'; bucket?: string }
  | { kind: 'delay'; ms: number };

/** Shorthands for `failNext`. */
export const fail = {
  serverError: (status = 500): Failure => ({ kind: 'status', status, code: 0, message: `${status}: Internal Server Error` }),
  forbidden: (): Failure => ({ kind: 'status', status: 403, code: 50013, message: 'Missing Permissions' }),
  missingAccess: (): Failure => ({ kind: 'status', status: 403, code: 50001, message: 'Missing Access' }),
  notFound: (code = 10003, message = 'Unknown Channel'): Failure => ({ kind: 'status', status: 404, code, message }),
  rateLimited: (retryAfterSeconds: number, options: { global?: boolean; scope?: 'user' | 'global' | 'shared' } = {}): Failure => ({
    kind: 'rateLimit',
    retryAfterSeconds,
    ...options,
  }),
  delay: (ms: number): Failure => ({ kind: 'delay', ms }),
};

interface ScriptedFailure {
  route: string;
  failure: Failure;
  remaining: number;
}

/**
 * Scripted failures, matched by route pattern (`POST /channels/:channelId/messages`) or by a
 * concrete path (`POST /channels/123/messages`), consumed first in, first out.
 */
export class FailureScript {
  #scripted: ScriptedFailure[] = [];

  add(route: string, failure: Failure, times: number): void {
    if (!/^(GET|POST|PUT|PATCH|DELETE) \//.test(route)) {
      throw new Error(`failNext route must look like "POST /channels/:channelId/messages", got "${route}"`);
    }
    this.#scripted.push({ route, failure, remaining: times });
  }

  /** The failure to apply to this request, if one is scripted; consumes one use. */
  take(routeKey: string, concreteKey: string): Failure | undefined {
    const index = this.#scripted.findIndex((s) => s.route === routeKey || s.route === concreteKey);
    if (index < 0) return undefined;
    const scripted = this.#scripted[index]!;
    scripted.remaining -= 1;
    if (scripted.remaining <= 0) this.#scripted.splice(index, 1);
    return scripted.failure;
  }

  clear(): void {
    this.#scripted = [];
  }

  get pending(): number {
    return this.#scripted.length;
  }
}

/** Discord's global limit (requests per second across all routes), as a sliding one-second window. */
export class GlobalRateLimiter {
  #perSecond: number | null = null;
  #recent: number[] = [];
  limited = 0;

  set(perSecond: number | null): void {
    if (perSecond !== null && (!Number.isInteger(perSecond) || perSecond < 1))
      throw new Error('perSecond must be a positive integer or null');
    this.#perSecond = perSecond;
    this.#recent = [];
  }

  /** Milliseconds until the caller may retry, or 0 if this request is admitted (and counted). */
  admit(now: number): number {
    if (this.#perSecond === null) return 0;
    while (this.#recent.length > 0 && this.#recent[0]! <= now - 1000) this.#recent.shift();
    if (this.#recent.length >= this.#perSecond) {
      this.limited += 1;
      return Math.max(1, this.#recent[0]! + 1000 - now);
    }
    this.#recent.push(now);
    return 0;
  }
}
