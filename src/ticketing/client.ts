/**
 * The typed client of the Ticketing as a Service API. It knows nothing of Teams or of the bot.
 *
 * Every request carries the key as the `key` query parameter (the live service refuses the
 * `Ocp-Apim-Subscription-Key` header), waits its turn in the key's rate limiter, and ends by the
 * caller's deadline. Only GETs are retried. Every failure is a TicketingError whose message is
 * safe to show a person.
 */
import ky, { type KyInstance } from 'ky';
import { TtlCache } from './cache.js';
import {
  ROUTE_NOT_FOUND, TicketingError, badResponseError, httpError, invalidInput, networkError, rateLimitedError,
  readOnlyError, timeoutError, unconfirmedError,
} from './errors.js';
import { instanceAgents, instanceFields } from './instance.js';
import {
  continuationTokenOf, envelopeItem, envelopeItems, readActivity, readComment, readInstance,
  readTagCategory, readTicket,
} from './normalize.js';
import { fixedKeys, type KeySource } from './keys.js';
import { walkPages } from './paging.js';
import { checkCustomValues, commentBody, createTicketBody, statusChangeBody, updateTicketBody } from './payload.js';
import { checkContinuationToken, ticketQueryParams } from './query.js';
import { RateLimiter, type Limiter } from './rateLimit.js';
import { redact, secretForms } from './redact.js';
import { DEFAULT_RETRY, decideRetry, parseRetryAfter, type AttemptFailure, type RetryOptions } from './retry.js';
import {
  DIALECTS,
  type Activity, type Comment, type CustomFieldValue, type Dialect, type Instance, type NewTicket, type Page,
  type StatusChange, type TagCategory, type Ticket, type TicketQuery, type TicketUpdates, type User,
} from './types.js';
import { checkTimezone, isRecord, ticketIdSegment } from './validate.js';

export interface TicketingClientOptions {
  /** e.g. `https://teamswork.azure-api.net/ticketing/v1`; a trailing slash is fine, a query string is not. */
  baseUrl: string;
  /**
   * The forms writes are sent in: `live` (default), the service as it runs today (`{ticket}`
   * updates, comments on /activities, `In Progress`), or `documented`, the vendor's page
   * (`{updates}`, /comments). Answers in either form are read whatever this says.
   */
  dialect?: Dialect;
  /** The primary (read/write) key. Used for reads too when there is no `readOnlyKey`. */
  apiKey?: string;
  /** The secondary (read-only) key: used for every read when set. */
  readOnlyKey?: string;
  /** Keys that may change while the client runs (e.g. read from Key Vault); replaces `apiKey` and `readOnlyKey`. */
  keys?: KeySource;
  /** Hours from UTC sent as `timezone` when a call gives none; -12..14, default 0. */
  timezoneDefault?: number;
  /** Per key: at most `limit` requests in any `windowMs` (sliding). Default 100 per 60_000 ms, the seed's. */
  rateLimit?: { limit: number; windowMs: number };
  /** Makes the limiter of a key (e.g. one shared by several replicas); default an in-process RateLimiter. */
  limiterFor?: (key: string, rateLimit: { limit: number; windowMs: number }) => Limiter;
  /**
   * Retries of GETs on 429, 502, 503, 504, a dropped connection or a timeout.
   * Default `{ limit: 2, baseDelayMs: 250, maxDelayMs: 4000 }`; `limit: 0` turns retries off.
   */
  retry?: RetryOptions;
  /** Per attempt, in ms; default 10_000. */
  requestTimeoutMs?: number;
  /** The largest answer body read, in bytes; a larger one is refused and its connection closed. Default 16 MiB. */
  maxAnswerBytes?: number;
  /** How long getInstance and getTags answers are kept, in ms; default 300_000 (5 min). */
  cacheTtlMs?: number;
  /** Receives one line per HTTP request: method, path, status (or failure), duration. Never the key. */
  log?: (line: string) => void;
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch;
}

export interface CallOptions {
  /** Hours from UTC of the person the call is made for; default `timezoneDefault`. */
  timezone?: number;
  /**
   * Epoch ms by which the call must be over. A turn in the rate limiter that cannot come by then
   * fails at once (`rateLimited`); a request still running then is cut (`timeout`); a retry whose
   * wait would pass it is not made.
   */
  deadline?: number;
  /** Aborting rejects the call with the signal's reason. */
  signal?: AbortSignal;
}

export const DEFAULT_RATE_LIMIT = { limit: 100, windowMs: 60_000 } as const;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** A page of 1,000 tickets with long descriptions stays well under this; more is a broken or hostile answer. */
export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;
export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;

type Method = 'GET' | 'POST' | 'PUT';

interface RequestSpec {
  operation: string;
  method: Method;
  /** Below the base URL, without a leading slash. */
  path: string;
  call: CallOptions;
  params?: URLSearchParams;
  /** Sent as `timezone` when set. */
  timezone?: number;
  json?: unknown;
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  headers: Headers;
}

type AttemptResult =
  | { ok: true; answer: Answer }
  | { ok: false; failed: AttemptFailure; code?: string };

const ERROR_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * The API's error code from `{"error":{"code"}}` or `{"code"}`, when it looks like one. The live
 * gateway's own 404 (`{statusCode, message}` with no `error`) is ROUTE_NOT_FOUND: the route is
 * missing, not the ticket. The live service's `{error: true, message, statusCode}` has no code.
 */
function errorCode(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (isRecord(body) && body.statusCode === 404 && body.error === undefined && body.code === undefined) return ROUTE_NOT_FOUND;
  const code = isRecord(body) ? (isRecord(body.error) ? body.error.code : body.code) : undefined;
  return typeof code === 'string' && ERROR_CODE.test(code) ? code : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or the signal's reason if it aborts first (the work itself goes on for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

class AnswerTooLarge extends Error {
  override name = 'AnswerTooLarge';
}

/** The body as text, reading no more than `maxBytes`: past that the stream is cancelled, which closes the connection. */
async function readText(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw new AnswerTooLarge();
  }
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new AnswerTooLarge();
    }
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw invalidInput(`${name} must be a number above 0.`, 'TicketingClient');
  return value;
}

export class TicketingClient {
  /** The forms writes are sent in (see TicketingClientOptions.dialect). */
  readonly dialect: Dialect;
  readonly #keys: KeySource;
  readonly #timezoneDefault: number;
  readonly #rateLimit: { limit: number; windowMs: number };
  readonly #retry: RetryOptions;
  readonly #requestTimeoutMs: number;
  readonly #maxAnswerBytes: number;
  #lastAnsweredAt = 0;
  readonly #log: ((line: string) => void) | undefined;
  /** Every key seen so far, as it could appear in a string: hidden in every log line and error code. */
  #secretForms: readonly string[] = [];
  readonly #seenKeys = new Set<string>();
  readonly #http: KyInstance;
  readonly #limiters = new Map<string, Limiter>();
  readonly #makeLimiter: (key: string, rateLimit: { limit: number; windowMs: number }) => Limiter;
  readonly #instanceCache: TtlCache<Instance>;
  readonly #tagsCache: TtlCache<TagCategory[]>;

  constructor(options: TicketingClientOptions) {
    const where = 'TicketingClient';
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw invalidInput('baseUrl must be an absolute http(s) URL.', where);
    }
    if (!/^https?:$/.test(base.protocol) || base.search !== '' || base.hash !== '' || base.username !== '' || base.password !== '') {
      // fetch refuses a URL with credentials, and the error it throws would show them.
      throw invalidInput('baseUrl must be an http(s) URL with no query string, user name or password.', where);
    }
    this.#keys = options.keys ?? fixedKeys({ apiKey: options.apiKey, readOnlyKey: options.readOnlyKey });
    if (this.#readKey() === undefined) throw invalidInput('An apiKey or a readOnlyKey is needed.', where);
    const dialect = options.dialect ?? 'live';
    if (!DIALECTS.includes(dialect)) throw invalidInput(`dialect must be one of ${DIALECTS.join(', ')}.`, where);
    this.dialect = dialect;
    this.#timezoneDefault = checkTimezone(options.timezoneDefault ?? 0, where);
    const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    if (!Number.isInteger(rateLimit.limit) || rateLimit.limit < 1) throw invalidInput('rateLimit.limit must be a whole number, 1 or more.', where);
    this.#rateLimit = { limit: rateLimit.limit, windowMs: positive(rateLimit.windowMs, 'rateLimit.windowMs') };
    const retry = options.retry ?? DEFAULT_RETRY;
    if (!Number.isInteger(retry.limit) || retry.limit < 0) throw invalidInput('retry.limit must be a whole number, 0 or more.', where);
    this.#retry = { limit: retry.limit, baseDelayMs: positive(retry.baseDelayMs, 'retry.baseDelayMs'), maxDelayMs: positive(retry.maxDelayMs, 'retry.maxDelayMs') };
    this.#requestTimeoutMs = positive(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, 'requestTimeoutMs');
    this.#maxAnswerBytes = positive(options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES, 'maxAnswerBytes');
    const ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    if (!(ttl >= 0)) throw invalidInput('cacheTtlMs must be 0 or more.', where);
    this.#instanceCache = new TtlCache(ttl);
    this.#tagsCache = new TtlCache(ttl);
    this.#log = options.log;
    this.#makeLimiter = options.limiterFor ?? ((_key, { limit, windowMs }) => new RateLimiter(limit, windowMs));
    this.#http = ky.create({
      prefixUrl: base.toString(),
      retry: 0,
      throwHttpErrors: false,
      timeout: false,
      // A redirect would carry the key, in the URL, to wherever it points: answer it as an error instead.
      redirect: 'manual',
      headers: { accept: 'application/json' },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /**
   * One page of tickets. To get the next page, pass the page's `continuationToken` with the same
   * query: the token goes as a request header, the query is sent again (the service ties a token to
   * its filters and order) but for `offset`, which the token replaces.
   */
  async listTickets(query: TicketQuery = {}, opts: CallOptions & { continuationToken?: string } = {}): Promise<Page<Ticket>> {
    const operation = 'listTickets';
    const { continuationToken, ...call } = opts;
    const token = continuationToken === undefined ? undefined : checkContinuationToken(continuationToken, operation);
    const params = ticketQueryParams(query, operation, this.dialect);
    if (token !== undefined) params.delete('offset');
    const answer = await this.#request({
      operation, method: 'GET', path: 'tickets', call, params, timezone: this.#timezone(call, operation),
      ...(token === undefined ? {} : { headers: { continuationToken: token } }),
    });
    const items = envelopeItems(answer.body);
    if (items === undefined) throw badResponseError(operation, false, answer.status);
    const next = continuationTokenOf(answer.body, answer.headers.get('continuationToken'));
    return { items: items.map(readTicket).filter((t): t is Ticket => t !== undefined), ...(next === undefined ? {} : { continuationToken: next }) };
  }

  /** Every ticket matching `query`, page after page by continuation token; the query is checked before the first request. */
  iterateTickets(query: TicketQuery = {}, opts: CallOptions = {}): AsyncIterable<Ticket> {
    ticketQueryParams(query, 'iterateTickets', this.dialect);
    return walkPages((continuationToken) => this.listTickets(query, {
      ...opts, ...(continuationToken === undefined ? {} : { continuationToken }),
    }), 'iterateTickets');
  }

  async getTicket(id: string, opts: CallOptions = {}): Promise<Ticket> {
    const operation = 'getTicket';
    const path = `tickets/${ticketIdSegment(id, operation)}`;
    const answer = await this.#request({ operation, method: 'GET', path, call: opts, timezone: this.#timezone(opts, operation) });
    return this.#ticketOf(answer, operation, false);
  }

  /**
   * Creates a ticket acting as `user` and resolves to it. Custom values are checked against the
   * instance's fields first (the live service drops a ticket whose values do not fit). An answer
   * with no ticket is an `unconfirmed` error, never a success. The live service ignores the
   * priority on create: when the new ticket's differs from the one asked for, one update sets it
   * (should that update fail, the ticket is returned as created). Never retried.
   */
  async createTicket(ticket: NewTicket, user: User, opts: CallOptions = {}): Promise<Ticket> {
    const operation = 'createTicket';
    this.#assertCanWrite(operation);
    const timezone = this.#timezone(opts, operation);
    const json = createTicketBody(ticket, user, timezone, operation);
    await this.#checkCustomValues(json.ticket.customFields, opts, operation);
    const answer = await this.#request({ operation, method: 'POST', path: 'tickets', call: opts, timezone, json });
    const created = readTicket(envelopeItem(answer.body));
    if (created === undefined) throw unconfirmedError(operation, answer.status);
    const wanted = json.ticket.priority;
    if (wanted === undefined || created.priority === wanted) return created;
    try {
      return await this.updateTicket(created.id, { priority: wanted }, user, opts);
    } catch {
      return created;
    }
  }

  /** Changes the fields given (body `{ticket, user}` live, `{updates, user}` documented). Never retried. */
  async updateTicket(id: string, updates: TicketUpdates, user: User, opts: CallOptions = {}): Promise<Ticket> {
    const operation = 'updateTicket';
    this.#assertCanWrite(operation);
    const path = `tickets/${ticketIdSegment(id, operation)}`;
    const timezone = this.#timezone(opts, operation);
    const json = updateTicketBody(updates, user, timezone, this.dialect, operation);
    await this.#checkCustomValues(updates.customFields, opts, operation);
    return this.#ticketOf(await this.#request({ operation, method: 'PUT', path, call: opts, timezone, json }), operation, true);
  }

  /** PUT /tickets/{id}/status with a label of the ticket's workflow; a `resolution` only with `Resolved`. Never retried. */
  async changeStatus(id: string, change: StatusChange, user: User, opts: CallOptions = {}): Promise<Ticket> {
    const operation = 'changeStatus';
    this.#assertCanWrite(operation);
    const path = `tickets/${ticketIdSegment(id, operation)}/status`;
    const timezone = this.#timezone(opts, operation);
    const json = statusChangeBody(change, user, operation);
    return this.#ticketOf(await this.#request({ operation, method: 'PUT', path, call: opts, timezone, json }), operation, true);
  }

  /** Status changes and comments of a ticket. (The endpoint takes no timezone.) */
  async listActivities(id: string, opts: CallOptions = {}): Promise<Activity[]> {
    const operation = 'listActivities';
    const path = `tickets/${ticketIdSegment(id, operation)}/activities`;
    const answer = await this.#request({ operation, method: 'GET', path, call: opts });
    const items = envelopeItems(answer.body);
    if (items === undefined) throw badResponseError(operation, false, answer.status);
    return items.map((a) => readActivity(a, id)).filter((a): a is Activity => a !== undefined);
  }

  /**
   * Adds a comment: POST /tickets/{id}/activities live, /comments documented. An answer without
   * the comment is `unconfirmed`. Never retried.
   */
  /** `isPrivate`: a note the helpdesk shows its agents only. */
  async addComment(id: string, comment: string, user: User, opts: CallOptions = {}, isPrivate = false): Promise<Comment> {
    const operation = 'addComment';
    this.#assertCanWrite(operation);
    const route = this.dialect === 'live' ? 'activities' : 'comments';
    const path = `tickets/${ticketIdSegment(id, operation)}/${route}`;
    const json = commentBody(comment, user, operation, isPrivate);
    const answer = await this.#request({ operation, method: 'POST', path, call: opts, json });
    const read = readComment(envelopeItem(answer.body), id);
    if (read === undefined) throw unconfirmedError(operation, answer.status);
    return read;
  }

  /**
   * The instance (custom fields, assignees), kept for `cacheTtlMs` per timezone. Callers arriving
   * while it loads share that request, which runs with the first caller's deadline; each
   * caller's own signal only stops that caller's wait.
   */
  getInstance(opts: CallOptions = {}): Promise<Instance> {
    const operation = 'getInstance';
    const timezone = this.#timezone(opts, operation);
    const { signal, ...call } = opts;
    const load = async () => {
      const answer = await this.#request({ operation, method: 'GET', path: 'instance', call, timezone });
      const instance = readInstance(envelopeItem(answer.body));
      if (instance === undefined) throw badResponseError(operation, false, answer.status);
      return instance;
    };
    return untilAborted(this.#instanceCache.get(String(timezone), load), signal);
  }

  /** The tag categories, kept for `cacheTtlMs`; shared while loading, as getInstance. */
  getTags(opts: CallOptions = {}): Promise<TagCategory[]> {
    const operation = 'getTags';
    const { signal, ...call } = opts;
    const load = async () => {
      const answer = await this.#request({ operation, method: 'GET', path: 'tags', call });
      const items = envelopeItems(answer.body);
      if (items === undefined) throw badResponseError(operation, false, answer.status);
      return items.map(readTagCategory).filter((c): c is TagCategory => c !== undefined);
    };
    return untilAborted(this.#tagsCache.get('tags', load), signal);
  }

  /** When the API last answered (any answer but a 5xx), in epoch ms; 0 before it has. */
  get lastAnsweredAt(): number {
    return this.#lastAnsweredAt;
  }

  /** The requests per window each key may send. */
  get rateLimit(): { limit: number; windowMs: number } {
    return { ...this.#rateLimit };
  }

  /** True when a read/write key is configured. Without one, writes fail at once (`readOnly`). */
  get canWrite(): boolean {
    return this.#writeKey() !== undefined;
  }

  /** True when there is no read-only key, so that every read spends a turn a change could have had. */
  get readsShareWriteKey(): boolean {
    return this.#readKey() === this.#writeKey();
  }

  /** How many reads could be sent at once now, within the read key's rate limit. */
  freeReads(): number {
    const key = this.#readKey();
    return key === undefined ? 0 : this.#limiterFor(key).free();
  }

  #writeKey(): string | undefined {
    return this.#remember(this.#keys.current().apiKey);
  }

  #readKey(): string | undefined {
    const keys = this.#keys.current();
    return this.#remember(keys.readOnlyKey || keys.apiKey);
  }

  /** An empty key is no key; every key used is added to what redaction hides. */
  #remember(key: string | undefined): string | undefined {
    if (!key) return undefined;
    if (!this.#seenKeys.has(key)) {
      this.#seenKeys.add(key);
      this.#secretForms = secretForms([...this.#seenKeys]);
    }
    return key;
  }

  /** Forgets the cached instance and tags (e.g. after an admin changed them). */
  invalidateCache(): void {
    this.#instanceCache.clear();
    this.#tagsCache.clear();
  }

  /** The call's timezone, else the default; checked. */
  #timezone(call: CallOptions, operation: string): number {
    return checkTimezone(call.timezone ?? this.#timezoneDefault, operation);
  }

  #assertCanWrite(operation: string): void {
    if (!this.canWrite) throw readOnlyError(operation);
  }

  /** The ticket an answer holds; a write answered without one is `unconfirmed`, a read `badResponse`. */
  #ticketOf(answer: Answer, operation: string, isWrite: boolean): Ticket {
    const ticket = readTicket(envelopeItem(answer.body));
    if (ticket === undefined) throw isWrite ? unconfirmedError(operation, answer.status) : badResponseError(operation, false, answer.status);
    return ticket;
  }

  /** Custom values against the instance's fields (one cached read), before a write sends them. */
  async #checkCustomValues(values: Record<string, CustomFieldValue> | undefined, opts: CallOptions, operation: string): Promise<void> {
    if (values === undefined || Object.keys(values).length === 0) return;
    const { timezone: _zone, ...call } = opts;
    const instance = await this.getInstance(call);
    checkCustomValues(values, instanceFields(instance), instanceAgents(instance), operation);
  }

  #limiterFor(key: string): Limiter {
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = this.#makeLimiter(key, this.#rateLimit);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  #logAttempt(spec: RequestSpec, attempt: number, started: number, outcome: string): void {
    this.#writeLog(`${spec.method} /${spec.path} ${outcome} ${Date.now() - started}ms${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
  }

  #writeLog(line: string): void {
    if (!this.#log) return;
    try {
      this.#log(redact(line, this.#secretForms));
    } catch {
      // A failing logger must not fail the call.
    }
  }

  async #request(spec: RequestSpec): Promise<Answer> {
    const { operation, method, call } = spec;
    const isWrite = method !== 'GET';
    let key = isWrite ? this.#writeKey() : this.#readKey();
    if (key === undefined) throw readOnlyError(operation);
    const query = new URLSearchParams();
    if (spec.timezone !== undefined) query.set('timezone', String(spec.timezone));
    for (const [name, value] of spec.params ?? []) query.append(name, value);
    // The query goes in the URL, not in ky's searchParams: for those ky builds the request three times.
    const targetFor = (k: string) => `${spec.path}?${new URLSearchParams([['key', k], ...query])}`;
    let target = targetFor(key);
    const { deadline, signal } = call;
    if (deadline !== undefined && !Number.isFinite(deadline)) throw invalidInput('deadline must be a time in epoch ms.', operation);
    if (deadline !== undefined && Date.now() >= deadline) throw timeoutError(operation, false);
    let limiter = this.#limiterFor(key);
    let refreshed = false;

    for (let attempts = 1; ; attempts++) {
      const permit = await limiter.acquire({ operation, ...(deadline === undefined ? {} : { deadline }), ...(signal ? { signal } : {}) });
      let result: AttemptResult;
      try {
        result = await this.#attempt(spec, target, attempts);
      } finally {
        permit.release();
      }
      if (result.ok) return result.answer;

      const { failed } = result;
      if ('status' in failed && failed.status === 401 && !refreshed && this.#keys.refresh) {
        // The key may have been rotated: read it again, and if it changed, send once more with it.
        refreshed = true;
        await this.#keys.refresh().catch(() => undefined);
        const newKey = isWrite ? this.#writeKey() : this.#readKey();
        if (newKey !== undefined && newKey !== key) {
          key = newKey;
          target = targetFor(key);
          limiter = this.#limiterFor(key);
          continue;
        }
      }
      if ('status' in failed && failed.status === 429 && failed.retryAfterMs !== undefined) {
        limiter.blockUntil(Date.now() + failed.retryAfterMs);
      }
      const decision = decideRetry({ method, attempts, failed, options: this.#retry, now: Date.now(), ...(deadline === undefined ? {} : { deadline }) });
      if (!decision.retry) throw this.#errorFor(failed, result.code, operation, isWrite);
      await sleep(decision.delayMs, signal);
    }
  }

  #errorFor(failed: AttemptFailure, code: string | undefined, operation: string, isWrite: boolean): TicketingError {
    if ('failure' in failed) return failed.failure === 'timeout' ? timeoutError(operation, isWrite) : networkError(operation, isWrite);
    const { status } = failed;
    if (status === 429) return rateLimitedError(failed.retryAfterMs ?? this.#rateLimit.windowMs, operation, status, code);
    if (status === 403 && isWrite) return readOnlyError(operation, status, code);
    return httpError(status, operation, code);
  }

  /**
   * One HTTP exchange, aborted at `requestTimeoutMs` or the deadline, whichever comes first, so a
   * request given up on holds no connection. Only the caller's own signal rethrows its reason.
   */
  async #attempt(spec: RequestSpec, target: string, attempt: number): Promise<AttemptResult> {
    const { call, method } = spec;
    const started = Date.now();
    const budget = Math.max(0, Math.min(this.#requestTimeoutMs, (call.deadline ?? Infinity) - started));
    const timeout = AbortSignal.timeout(budget);
    try {
      const response = await this.#http(target, {
        method,
        signal: call.signal ? AbortSignal.any([call.signal, timeout]) : timeout,
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.json === undefined ? {} : { json: spec.json }),
      });
      const text = await readText(response, this.#maxAnswerBytes);
      this.#logAttempt(spec, attempt, started, String(response.status));
      if (response.status < 500) this.#lastAnsweredAt = Date.now();
      if (!response.ok) {
        // A wait longer than the rate window is not the API's to impose on every person: cap it.
        const asked = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        const retryAfterMs = asked === undefined ? undefined : Math.min(asked, this.#rateLimit.windowMs);
        const code = errorCode(text);
        return {
          ok: false,
          failed: { status: response.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
          ...(code === undefined ? {} : { code: redact(code, this.#secretForms) }),
        };
      }
      let body: unknown;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw badResponseError(spec.operation, method !== 'GET', response.status);
        }
      }
      return { ok: true, answer: { status: response.status, body, headers: response.headers } };
    } catch (error) {
      if (error instanceof TicketingError) throw error;
      if (call.signal?.aborted) {
        this.#logAttempt(spec, attempt, started, 'aborted');
        throw call.signal.reason;
      }
      if (error instanceof AnswerTooLarge) {
        this.#logAttempt(spec, attempt, started, 'answer too large');
        throw badResponseError(spec.operation, method !== 'GET');
      }
      if (timeout.aborted) {
        this.#logAttempt(spec, attempt, started, 'timeout');
        return { ok: false, failed: { failure: 'timeout' } };
      }
      this.#logAttempt(spec, attempt, started, 'network error');
      return { ok: false, failed: { failure: 'network' } };
    }
  }
}
