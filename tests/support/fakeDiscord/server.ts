// A fake Discord on 127.0.0.1: the REST API (under /api/v10) and the gateway (/gateway) that a
// real, unmodified discord.js Client logs into with `rest: { api: fake.apiUrl }`. It records
// every request, checks bodies against Discord's limits, and can inject failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FailureScript, GlobalRateLimiter, type Failure } from './faults.ts';
import { FakeGateway, type GatewaySessionInfo } from './gateway.ts';
import {
  buildAutocomplete,
  buildChatInput,
  type AutocompleteSpec,
  type ChatInputSpec,
  type InteractionOption,
  type InteractionPayload,
} from './interactions.ts';
import { autocompleteProblems, commandProblems, messageBodyProblems, wouldPing, type DiscordErrorBody, type Pings } from './limits.ts';
import { nextSnowflake } from './snowflake.ts';
import { channelJson, createWorld, findChannel, userJson, type FakeWorld } from './world.ts';

const EPHEMERAL = 64;
/** Discord forgets nonces after "a few minutes". */
const NONCE_MEMORY_MS = 5 * 60_000;

export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, e.g. /channels/123/messages. */
  path: string;
  /** The matched route pattern, e.g. `POST /channels/:channelId/messages`, or `unknown`. */
  route: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Files of a multipart request (its payload_json is `body`), in the order they were sent. */
  files: Array<{ field: string; name: string; type: string; data: Buffer }>;
  status: number;
  receivedAt: number;
  /** When the client closed the connection before the answer was written (it aborted the request). */
  abandonedAt?: number;
}

export interface FakeMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: Array<Record<string, unknown>>;
  flags: number;
  allowedMentions: unknown;
  nonce?: string | number;
  /** Who Discord would have notified. */
  pings: Pings;
  via: 'channel' | 'interaction' | 'followup';
  interactionId?: string;
  createdAt: number;
  editedAt?: number;
  /** Files uploaded with the message, as Discord lists them, with their bytes. */
  attachments: FakeAttachment[];
}

export interface FakeAttachment {
  id: number;
  filename: string;
  description?: string;
  contentType: string;
  data: Buffer;
}

export interface InteractionCallback {
  type: number;
  data: Record<string, unknown> | undefined;
  /** performance.now() when the callback arrived. */
  receivedAt: number;
}

/** What happened to one interaction sent to the bot. */
export interface InteractionRecord {
  id: string;
  token: string;
  channelId: string;
  payload: InteractionPayload;
  /** performance.now() when the INTERACTION_CREATE frame was written. */
  dispatchedAt: number;
  callback?: InteractionCallback;
  /** Callbacks refused because one was already given (Discord's 40060) or too late (10062). */
  refusedCallbacks: Array<{ type: number; code: number }>;
  original?: FakeMessage;
  followUps: FakeMessage[];
}

/** The visible answer to an interaction once it is complete. */
export interface InteractionReply {
  /** 4 for an immediate reply, 5 when deferred and then edited, 8 for autocomplete. */
  callbackType: number;
  deferred: boolean;
  ephemeral: boolean;
  message?: FakeMessage;
  choices?: Array<{ name: string; value: string | number }>;
  followUps: FakeMessage[];
  /** Milliseconds from INTERACTION_CREATE to the callback. */
  callbackMs: number;
}

export interface RegisteredCommand extends Record<string, unknown> {
  id: string;
  application_id: string;
  guild_id?: string;
  name: string;
}

export interface FakeDiscordOptions {
  token?: string;
  guildCount?: number;
  /** The gateway heartbeat interval sent in HELLO (Discord uses ~41 s). */
  heartbeatIntervalMs?: number;
  /** How long after INTERACTION_CREATE the initial callback is accepted (Discord: 3 s). */
  interactionResponseWindowMs?: number;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(body.message);
  }
}

const invalidFormBody = (problems: string[]) =>
  new HttpFailure(400, { code: 50035, message: `Invalid Form Body: ${problems.join('; ')}`, errors: { _problems: problems } });

interface RouteContext {
  params: Record<string, string>;
  body: any;
  files: RecordedRequest['files'];
  query: URLSearchParams;
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  paramNames: string[];
  auth: boolean;
  handle(ctx: RouteContext): { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;
}

function compileRoute(method: string, pattern: string, auth: boolean, handle: Route['handle']): Route {
  const paramNames: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
      paramNames.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { method, pattern, regex: new RegExp(`^${source}$`), paramNames, auth, handle };
}

export class FakeDiscord {
  readonly world: FakeWorld;
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  readonly #gateway: FakeGateway;
  readonly #routes: Route[];
  readonly #failures = new FailureScript();
  readonly #rateLimiter = new GlobalRateLimiter();
  readonly #messages = new Map<string, FakeMessage[]>();
  readonly #nonces = new Map<string, { message: FakeMessage; at: number }>();
  readonly #interactions = new Map<string, InteractionRecord>();
  readonly #interactionsByToken = new Map<string, InteractionRecord>();
  readonly #commands = new Map<string, RegisteredCommand[]>();
  readonly #waiters = new Set<() => void>();
  readonly #responseWindowMs: number;
  #port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.world = createWorld({ token: options.token, guildCount: options.guildCount });
    this.#responseWindowMs = options.interactionResponseWindowMs ?? 3000;
    this.#gateway = new FakeGateway(this.world, options.heartbeatIntervalMs ?? 41_250);
    this.#routes = this.#buildRoutes();
    this.#server = createServer((req, res) => void this.#onRequest(req, res));
    this.#server.on('upgrade', (req, socket, head) => this.#gateway.handleUpgrade(req, socket, head));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    this.#gateway.url = `ws://127.0.0.1:${this.#port}/gateway`;
  }

  /** Pass as discord.js `rest: { api }`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return this.#gateway.url;
  }

  get token(): string {
    return this.world.token;
  }

  get applicationId(): string {
    return this.world.applicationId;
  }

  get guild() {
    return this.world.guilds[0]!;
  }

  get gatewaySessions(): GatewaySessionInfo[] {
    return this.#gateway.sessions;
  }

  waitForReadySession(): Promise<void> {
    return this.#gateway.waitForReadySession();
  }

  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  // ---- building and sending interactions -------------------------------------------------

  /**
   * A chat-input INTERACTION_CREATE payload. When the command has been registered (deploy), the
   * options are checked against its definition, since Discord only ever sends registered options.
   */
  chatInput(spec: ChatInputSpec): InteractionPayload {
    const payload = buildChatInput(this.world, { ...spec, commandId: spec.commandId ?? this.#registered(spec.command, spec.guildId)?.id });
    this.#checkAgainstRegistration(payload);
    return payload;
  }

  autocomplete(spec: AutocompleteSpec): InteractionPayload {
    const registered = this.#registered(spec.command, spec.guildId);
    // Discord sends the focused option with its declared type (and the partial input as text).
    const focusedType = spec.focused.type ?? this.#declaredType(registered, [spec.group, spec.subcommand, spec.focused.name]);
    const focused = focusedType === undefined ? spec.focused : { ...spec.focused, type: focusedType };
    const payload = buildAutocomplete(this.world, { ...spec, focused, commandId: spec.commandId ?? registered?.id });
    this.#checkAgainstRegistration(payload);
    return payload;
  }

  #registered(name: string, guildId: string | undefined): RegisteredCommand | undefined {
    const guildCommands = this.#commands.get(guildId ?? this.world.guilds[0]?.id ?? '') ?? [];
    const global = this.#commands.get('global') ?? [];
    return [...guildCommands, ...global].find((c) => c.name === name);
  }

  #declaredType(command: RegisteredCommand | undefined, path: Array<string | undefined>): number | undefined {
    let options = command?.options as InteractionOption[] | undefined;
    let found: InteractionOption | undefined;
    for (const name of path) {
      if (name === undefined) continue;
      found = options?.find((o) => o.name === name);
      options = found?.options;
    }
    return found?.type;
  }

  #checkAgainstRegistration(payload: InteractionPayload): void {
    const data = payload.data as { name: string; options?: InteractionOption[] };
    const registered = this.#registered(data.name, 'guild_id' in payload ? payload.guild_id : undefined);
    if (!registered) return;
    const check = (given: InteractionOption[], defined: InteractionOption[] | undefined, where: string) => {
      for (const option of given) {
        const definition = (defined ?? []).find((d) => d.name === option.name);
        if (!definition) throw new Error(`fake Discord: /${where} has no option "${option.name}" in its registered definition`);
        if (definition.type !== option.type) {
          throw new Error(
            `fake Discord: option "${option.name}" of /${where} is registered with type ${definition.type}, sent as ${option.type}`,
          );
        }
        if (option.options) check(option.options, definition.options, `${where} ${option.name}`);
      }
    };
    check(data.options ?? [], registered.options as InteractionOption[] | undefined, data.name);
  }

  /** Sends INTERACTION_CREATE to every connected client; resolves when the frame is written. */
  async sendInteraction(payload: InteractionPayload): Promise<InteractionRecord> {
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      channelId: payload.channel_id,
      payload,
      dispatchedAt: performance.now(),
      refusedCallbacks: [],
      followUps: [],
    };
    this.#interactions.set(record.id, record);
    this.#interactionsByToken.set(record.token, record);
    const delivered = await this.#gateway.dispatch('INTERACTION_CREATE', payload);
    if (delivered === 0) throw new Error('no discord.js client is connected and ready to receive the interaction');
    return record;
  }

  interaction(interactionId: string): InteractionRecord | undefined {
    return this.#interactions.get(interactionId);
  }

  /** Resolves with the first callback Parley gave to this interaction. */
  waitForCallback(interactionId: string, timeoutMs = 5000): Promise<InteractionCallback> {
    return this.#waitFor(`callback for interaction ${interactionId}`, timeoutMs, () => this.#interactions.get(interactionId)?.callback);
  }

  /**
   * Resolves once the interaction has its visible answer: the immediate reply, the edit after a
   * defer, or the autocomplete choices.
   */
  waitForReply(interactionId: string, timeoutMs = 10_000): Promise<InteractionReply> {
    return this.#waitFor(`reply to interaction ${interactionId}`, timeoutMs, () => {
      const record = this.#interactions.get(interactionId);
      const callback = record?.callback;
      if (!record || !callback) return undefined;
      const base = { callbackType: callback.type, followUps: record.followUps, callbackMs: callback.receivedAt - record.dispatchedAt };
      if (callback.type === 8) {
        return { ...base, deferred: false, ephemeral: false, choices: (callback.data?.choices ?? []) as InteractionReply['choices'] };
      }
      // After a deferral the answer is the edit, or, when the "thinking…" message was deleted,
      // the first follow-up (how an ephemeral answer follows a public deferral).
      let message = record.original;
      if (callback.type === 5) {
        if (record.original?.editedAt) message = record.original;
        else if (!record.original && record.followUps.length > 0) message = record.followUps[0];
        else return undefined;
      }
      return { ...base, deferred: callback.type === 5, ephemeral: ((message?.flags ?? 0) & EPHEMERAL) !== 0, message };
    });
  }

  // ---- recorded state -----------------------------------------------------------------

  /** Messages in a channel, oldest first: channel posts, interaction replies and follow-ups. */
  messages(channelId: string): FakeMessage[] {
    return [...(this.#messages.get(channelId) ?? [])];
  }

  /** Commands registered by bulk overwrite, globally or for one guild. */
  registeredCommands(guildId?: string): RegisteredCommand[] {
    return [...(this.#commands.get(guildId ?? 'global') ?? [])];
  }

  /** Requests that matched a route pattern (e.g. `POST /channels/:channelId/messages`). */
  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => `${r.method} ${r.path}` === route || r.route === route);
  }

  /** Resolves once `count` requests have reached a route. */
  waitForRequests(route: string, count: number, timeoutMs = 10_000): Promise<RecordedRequest[]> {
    return this.#waitFor(`${count} requests to ${route}`, timeoutMs, () => {
      const matching = this.requestsTo(route);
      return matching.length >= count ? matching : undefined;
    });
  }

  // ---- failure injection ----------------------------------------------------------------

  /** The next `times` requests to `route` get `failure` instead of their normal answer. */
  failNext(route: string, failure: Failure, times = 1): void {
    this.#failures.add(route, failure, times);
  }

  clearFailures(): void {
    this.#failures.clear();
  }

  /** Answers 429 (global) above `perSecond` requests per second across all routes but interaction callbacks; null turns it off. */
  setGlobalRateLimit(perSecond: number | null): void {
    this.#rateLimiter.set(perSecond);
  }

  /** How many requests the global limiter refused. */
  get globallyRateLimited(): number {
    return this.#rateLimiter.limited;
  }

  async close(): Promise<void> {
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ---- internals ------------------------------------------------------------------------

  #waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`fake Discord: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  #changed(): void {
    // A copy: a satisfied waiter removes itself while the loop runs.
    // oxlint-disable-next-line unicorn/no-useless-spread
    for (const check of [...this.#waiters]) check();
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake');
    const rawBody = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodePath(url.pathname).replace(/^\/api\/v\d+/, ''),
      route: 'unknown',
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: undefined,
      files: [],
      status: 0,
      receivedAt,
    };
    this.requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.abandonedAt = Date.now();
    });
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
      this.#changed();
    };
    try {
      if (!/^\/api\/v10\//.test(url.pathname))
        throw new HttpFailure(404, { code: 0, message: `fake Discord serves /api/v10 only, got ${url.pathname}` });
      const parsed = await parseBody(rawBody, req.headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files;
      const { route, params } = this.#match(record.method, record.path);
      record.route = `${route.method} ${route.pattern}`;
      if (route.auth && req.headers.authorization !== `Bot ${this.world.token}`) {
        throw new HttpFailure(401, { code: 0, message: '401: Unauthorized' });
      }
      const failure = this.#failures.take(record.route, `${record.method} ${record.path}`);
      if (failure?.kind === 'delay') await new Promise((r) => setTimeout(r, failure.ms));
      else if (failure?.kind === 'status')
        throw new HttpFailure(failure.status, { code: failure.code ?? 0, message: failure.message ?? `${failure.status}` });
      else if (failure?.kind === 'rateLimit') {
        const scope = failure.scope ?? (failure.global ? 'global' : 'user');
        return answer(
          429,
          { message: 'You are being rate limited.', retry_after: failure.retryAfterSeconds, global: failure.global ?? false },
          rateLimitHeaders(failure.retryAfterSeconds, scope, failure.bucket),
        );
      }
      if (!record.path.startsWith('/interactions/') && !record.path.startsWith('/webhooks/')) {
        const waitMs = this.#rateLimiter.admit(receivedAt);
        if (waitMs > 0) {
          return answer(
            429,
            { message: 'You are being rate limited.', retry_after: waitMs / 1000, global: true },
            rateLimitHeaders(waitMs / 1000, 'global'),
          );
        }
      }
      const result = await route.handle({ params, body: record.body, files: record.files, query: url.searchParams });
      answer(result.status, result.body);
    } catch (error) {
      if (error instanceof HttpFailure) answer(error.status, error.body);
      else answer(500, { code: 0, message: `fake Discord crashed: ${(error as Error).stack}` });
    }
  }

  #match(method: string, path: string): { route: Route; params: Record<string, string> } {
    let pathMatched = false;
    for (const route of this.#routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params = Object.fromEntries(route.paramNames.map((name, i) => [name, m[i + 1]!]));
      return { route, params };
    }
    throw pathMatched
      ? new HttpFailure(405, { code: 0, message: '405: Method Not Allowed' })
      : new HttpFailure(404, { code: 0, message: `404: Not Found (fake Discord has no ${method} ${path})` });
  }

  #buildRoutes(): Route[] {
    const world = this.world;
    return [
      compileRoute('GET', '/gateway/bot', true, () => ({
        status: 200,
        body: {
          url: this.#gateway.url,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
        },
      })),
      compileRoute('GET', '/gateway', false, () => ({ status: 200, body: { url: this.#gateway.url } })),
      compileRoute('GET', '/users/@me', true, () => ({ status: 200, body: userJson(world.botUser) })),
      compileRoute('GET', '/applications/@me', true, () => ({ status: 200, body: this.#applicationJson() })),
      compileRoute('GET', '/oauth2/applications/@me', true, () => ({ status: 200, body: this.#applicationJson() })),
      compileRoute('GET', '/channels/:channelId', true, ({ params }) => ({
        status: 200,
        body: channelJson(this.#channel(params.channelId!)),
      })),
      compileRoute('POST', '/channels/:channelId/messages', true, ({ params, body, files }) =>
        this.#postChannelMessage(params.channelId!, body ?? {}, files),
      ),
      compileRoute('GET', '/channels/:channelId/messages/:messageId', true, ({ params }) => {
        const message = this.#messages.get(params.channelId!)?.find((m) => m.id === params.messageId);
        if (!message) throw new HttpFailure(404, { code: 10008, message: 'Unknown Message' });
        return { status: 200, body: this.#messageJson(message) };
      }),
      compileRoute('PATCH', '/channels/:channelId/messages/:messageId', true, ({ params, body, files }) =>
        this.#editChannelMessage(params.channelId!, params.messageId!, body ?? {}, files),
      ),
      compileRoute('GET', '/applications/:applicationId/commands', true, ({ params }) => ({
        status: 200,
        body: this.#commandsFor(params.applicationId!, 'global'),
      })),
      compileRoute('PUT', '/applications/:applicationId/commands', true, ({ params, body }) =>
        this.#overwriteCommands(params.applicationId!, undefined, body),
      ),
      compileRoute('GET', '/applications/:applicationId/guilds/:guildId/commands', true, ({ params }) => ({
        status: 200,
        body: this.#commandsFor(params.applicationId!, params.guildId!),
      })),
      compileRoute('PUT', '/applications/:applicationId/guilds/:guildId/commands', true, ({ params, body }) =>
        this.#overwriteCommands(params.applicationId!, params.guildId!, body),
      ),
      compileRoute('POST', '/interactions/:interactionId/:token/callback', false, ({ params, body, files, query }) =>
        this.#interactionCallback(params.interactionId!, params.token!, body, query.get('with_response') === 'true', files),
      ),
      compileRoute('GET', '/webhooks/:applicationId/:token/messages/@original', false, ({ params }) => {
        const record = this.#webhookInteraction(params.applicationId!, params.token!);
        if (!record.original) throw new HttpFailure(404, { code: 10008, message: 'Unknown Message' });
        return { status: 200, body: this.#messageJson(record.original) };
      }),
      compileRoute('PATCH', '/webhooks/:applicationId/:token/messages/@original', false, ({ params, body, files }) =>
        this.#editOriginal(this.#webhookInteraction(params.applicationId!, params.token!), body ?? {}, files),
      ),
      compileRoute('DELETE', '/webhooks/:applicationId/:token/messages/@original', false, ({ params }) => {
        const record = this.#webhookInteraction(params.applicationId!, params.token!);
        if (!record.original) throw new HttpFailure(404, { code: 10008, message: 'Unknown Message' });
        const list = this.#messages.get(record.channelId) ?? [];
        this.#messages.set(
          record.channelId,
          list.filter((m) => m !== record.original),
        );
        record.original = undefined;
        return { status: 204 };
      }),
      compileRoute('POST', '/webhooks/:applicationId/:token', false, ({ params, body, files }) => {
        const record = this.#webhookInteraction(params.applicationId!, params.token!);
        if (!record.callback) throw new HttpFailure(404, { code: 10015, message: 'Unknown Webhook' });
        const problems = messageBodyProblems(body ?? {});
        if (problems.length > 0) throw invalidFormBody(problems);
        const message = this.#storeMessage(record.channelId, body, 'followup', record.id, undefined, files);
        record.followUps.push(message);
        return { status: 200, body: this.#messageJson(message) };
      }),
    ];
  }

  #applicationJson() {
    return {
      id: this.world.applicationId,
      name: 'Parley',
      description: '',
      icon: null,
      bot_public: true,
      bot_require_code_grant: false,
      flags: 0,
      owner: userJson(this.world.defaultUser),
      bot: userJson(this.world.botUser),
    };
  }

  #channel(channelId: string) {
    const channel = findChannel(this.world, channelId);
    if (!channel) throw new HttpFailure(404, { code: 10003, message: 'Unknown Channel' });
    return channel;
  }

  #postChannelMessage(channelId: string, body: Record<string, unknown>, files: RecordedRequest['files']) {
    this.#channel(channelId);
    const problems = messageBodyProblems(body);
    if (problems.length > 0) throw invalidFormBody(problems);
    if (body.nonce !== undefined && body.enforce_nonce === true) {
      // A nonce is a string or a number (Discord's snowflake-like value); other shapes fail the body check.
      // oxlint-disable-next-line typescript/no-base-to-string
      const key = String(body.nonce);
      const seen = this.#nonces.get(key);
      if (seen && Date.now() - seen.at < NONCE_MEMORY_MS) return { status: 200, body: this.#messageJson(seen.message) };
      const message = this.#storeMessage(channelId, body, 'channel', undefined, undefined, files);
      this.#nonces.set(key, { message, at: Date.now() });
      return { status: 200, body: this.#messageJson(message) };
    }
    return { status: 200, body: this.#messageJson(this.#storeMessage(channelId, body, 'channel', undefined, undefined, files)) };
  }

  /** Editing a channel message the bot posted (alerts). */
  #editChannelMessage(channelId: string, messageId: string, body: Record<string, any>, files: RecordedRequest['files']) {
    this.#channel(channelId);
    const message = this.#messages.get(channelId)?.find((m) => m.id === messageId && m.via === 'channel');
    if (!message) throw new HttpFailure(404, { code: 10008, message: 'Unknown Message' });
    return this.#applyEdit(message, body, files);
  }

  #storeMessage(
    channelId: string,
    body: Record<string, any>,
    via: FakeMessage['via'],
    interactionId?: string,
    flags?: number,
    files: RecordedRequest['files'] = [],
  ): FakeMessage {
    const content = typeof body.content === 'string' ? body.content : '';
    const attachments = attachmentsOf(body, files);
    const message: FakeMessage = {
      id: nextSnowflake(),
      channelId,
      content,
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      flags: flags ?? (typeof body.flags === 'number' ? body.flags : 0),
      allowedMentions: body.allowed_mentions,
      nonce: body.nonce,
      pings: wouldPing(content, body.allowed_mentions),
      via,
      interactionId,
      createdAt: Date.now(),
      attachments,
    };
    const list = this.#messages.get(channelId) ?? [];
    list.push(message);
    this.#messages.set(channelId, list);
    return message;
  }

  #messageJson(message: FakeMessage) {
    const channel = findChannel(this.world, message.channelId);
    return {
      id: message.id,
      channel_id: message.channelId,
      ...(channel?.guildId ? { guild_id: channel.guildId } : {}),
      author: userJson(this.world.botUser),
      content: message.content,
      timestamp: new Date(message.createdAt).toISOString(),
      edited_timestamp: message.editedAt ? new Date(message.editedAt).toISOString() : null,
      tts: false,
      mention_everyone: message.pings.everyone,
      mentions: [],
      mention_roles: message.pings.roles,
      attachments: message.attachments.map((a) => ({
        id: String(a.id),
        filename: a.filename,
        size: a.data.length,
        content_type: a.contentType,
        ...(a.description ? { description: a.description } : {}),
      })),
      embeds: message.embeds,
      pinned: false,
      type: message.via === 'channel' ? 0 : 20,
      flags: message.flags,
      components: [],
      ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
      ...(message.interactionId ? { application_id: this.world.applicationId, webhook_id: this.world.applicationId } : {}),
    };
  }

  #interactionCallback(interactionId: string, token: string, body: any, withResponse: boolean, files: RecordedRequest['files']) {
    const record = this.#interactions.get(interactionId);
    if (!record || record.token !== token) throw new HttpFailure(404, { code: 10062, message: 'Unknown interaction' });
    const type = Number(body?.type);
    if (record.callback) {
      record.refusedCallbacks.push({ type, code: 40060 });
      throw new HttpFailure(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
    }
    const receivedAt = performance.now();
    if (receivedAt - record.dispatchedAt > this.#responseWindowMs) {
      record.refusedCallbacks.push({ type, code: 10062 });
      throw new HttpFailure(404, { code: 10062, message: 'Unknown interaction' });
    }
    const data = body?.data as Record<string, any> | undefined;
    const isAutocomplete = record.payload.type === 4;
    if (isAutocomplete !== (type === 8)) {
      throw new HttpFailure(400, {
        code: 50035,
        message: `Invalid Form Body: callback type ${type} does not fit interaction type ${record.payload.type}`,
      });
    }
    if (type === 8) {
      const problems = autocompleteProblems(data?.choices);
      if (problems.length > 0) throw invalidFormBody(problems);
    } else if (type === 4) {
      const problems = messageBodyProblems(data ?? {});
      if (problems.length > 0) throw invalidFormBody(problems);
      record.original = this.#storeMessage(record.channelId, data ?? {}, 'interaction', record.id, undefined, files);
    } else if (type === 5) {
      // A deferred reply shows "thinking…" until edited; it carries the ephemeral flag.
      record.original = this.#storeMessage(record.channelId, { content: '', flags: data?.flags ?? 0 }, 'interaction', record.id);
    } else {
      throw new HttpFailure(400, { code: 50035, message: `Invalid Form Body: callback type ${type} is not used by slash commands` });
    }
    record.callback = { type, data, receivedAt };
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.payload.type,
          activity_instance_id: null,
          response_message_id: record.original?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: ((record.original?.flags ?? 0) & EPHEMERAL) !== 0,
        },
        resource: record.original ? { type, message: this.#messageJson(record.original) } : { type },
      },
    };
  }

  #webhookInteraction(applicationId: string, token: string): InteractionRecord {
    const record = this.#interactionsByToken.get(token);
    if (applicationId !== this.world.applicationId || !record) throw new HttpFailure(404, { code: 10015, message: 'Unknown Webhook' });
    return record;
  }

  #editOriginal(record: InteractionRecord, body: Record<string, any>, files: RecordedRequest['files']) {
    if (!record.original) throw new HttpFailure(404, { code: 10008, message: 'Unknown Message' });
    return this.#applyEdit(record.original, body, files);
  }

  /** An edit: the fields given replace the old ones, checked against the limits as a whole, as on Discord. */
  #applyEdit(message: FakeMessage, body: Record<string, any>, files: RecordedRequest['files'] = []) {
    const merged = {
      content: body.content !== undefined ? body.content : message.content,
      embeds: body.embeds !== undefined ? body.embeds : message.embeds,
      allowed_mentions: body.allowed_mentions,
    };
    const problems = messageBodyProblems(merged);
    if (problems.length > 0) throw invalidFormBody(problems);
    if (body.attachments !== undefined || files.length > 0) message.attachments = attachmentsOf(body, files);
    message.content = typeof merged.content === 'string' ? merged.content : '';
    message.embeds = merged.embeds ?? [];
    message.allowedMentions = body.allowed_mentions;
    message.pings = wouldPing(message.content, body.allowed_mentions);
    message.editedAt = Date.now();
    return { status: 200, body: this.#messageJson(message) };
  }

  #commandsFor(applicationId: string, scope: string) {
    if (applicationId !== this.world.applicationId) throw new HttpFailure(403, { code: 50001, message: 'Missing Access' });
    return this.#commands.get(scope) ?? [];
  }

  #overwriteCommands(applicationId: string, guildId: string | undefined, body: unknown) {
    if (applicationId !== this.world.applicationId) throw new HttpFailure(403, { code: 50001, message: 'Missing Access' });
    if (guildId && !this.world.guilds.some((g) => g.id === guildId)) throw new HttpFailure(404, { code: 10004, message: 'Unknown Guild' });
    if (!Array.isArray(body)) throw invalidFormBody(['body: must be an array of commands']);
    if (body.length > 100) throw invalidFormBody([`body: ${body.length} commands, at most 100`]);
    const problems = body.flatMap((command, i) => commandProblems(command, `${i}`));
    const names = body.map((c) => c.name);
    if (new Set(names).size !== names.length) problems.push('body: duplicate command names');
    if (problems.length > 0) throw invalidFormBody(problems);
    const previous = this.#commands.get(guildId ?? 'global') ?? [];
    const registered: RegisteredCommand[] = body.map((command) => ({
      ...command,
      id: previous.find((p) => p.name === command.name)?.id ?? nextSnowflake(),
      application_id: applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      type: command.type ?? 1,
      version: nextSnowflake(),
      default_member_permissions: command.default_member_permissions ?? null,
    }));
    this.#commands.set(guildId ?? 'global', registered);
    return { status: 200, body: registered };
  }
}

function rateLimitHeaders(retryAfterSeconds: number, scope: string, bucket = 'fake-bucket'): Record<string, string> {
  return {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    'x-ratelimit-scope': scope,
    ...(scope === 'global'
      ? { 'x-ratelimit-global': 'true' }
      : {
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfterSeconds),
          'x-ratelimit-bucket': bucket,
        }),
  };
}

/** discord.js percent-encodes path segments (`%40original`); routes and records use the plain form. */
function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The files of a message as Discord keeps them: each `files[n]` part described by the body's
 * `attachments` entry with id n. An embed image `attachment://NAME` must name one of them
 * (Discord would show an empty embed otherwise, so the fake refuses it).
 */
function attachmentsOf(body: Record<string, any>, files: RecordedRequest['files']): FakeAttachment[] {
  const described = Array.isArray(body.attachments)
    ? (body.attachments as Array<{ id: number | string; filename?: string; description?: string }>)
    : [];
  const attachments = files.map((file) => {
    const id = Number(/\d+/.exec(file.field)![0]);
    const meta = described.find((a) => Number(a.id) === id);
    return {
      id,
      filename: meta?.filename ?? file.name,
      ...(meta?.description ? { description: meta.description } : {}),
      contentType: file.type,
      data: file.data,
    };
  });
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Array<{ image?: { url?: string } }>) : [];
  for (const embed of embeds) {
    const url = embed.image?.url;
    if (url?.startsWith('attachment://') && !attachments.some((a) => `attachment://${a.filename}` === url)) {
      throw invalidFormBody([`embed image ${url} names no attached file`]);
    }
  }
  return attachments;
}

/** A JSON body, or a multipart one as Discord takes uploads: the JSON in `payload_json`, files in `files[n]`. */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: RecordedRequest['files'] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  let json = raw.toString('utf8');
  const files: RecordedRequest['files'] = [];
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const payload = form.get('payload_json');
    if (typeof payload !== 'string')
      throw new HttpFailure(400, { code: 50035, message: 'Invalid Form Body: multipart without payload_json' });
    json = payload;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') continue;
      if (!/^files\[\d+\]$/.test(field))
        throw new HttpFailure(400, { code: 50035, message: `Invalid Form Body: unexpected file field ${field}` });
      if (value.size > 10 * 1024 * 1024) throw new HttpFailure(413, { code: 40005, message: 'Request entity too large' });
      files.push({ field, name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
  } else if (!contentType?.startsWith('application/json')) {
    throw new HttpFailure(400, {
      code: 50035,
      message: `fake Discord accepts JSON and multipart bodies only, got ${contentType ?? 'no content-type'}`,
    });
  }
  try {
    return { body: JSON.parse(json), files };
  } catch {
    throw new HttpFailure(400, { code: 50109, message: 'The request body contains invalid JSON.' });
  }
}

/** Starts a fake Discord on a free loopback port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}
