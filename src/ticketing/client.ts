/**
 * The typed client of the Ticketing as a Service API. It knows nothing of Teams or of the bot.
 *
 * Every request carries the key as the `key` query parameter (the live service refuses the
 * `Ocp-Apim-Subscription-Key` header), waits its turn in the key's rate limiter, and ends by the
 * caller's deadline. Only GETs are retried. Every failure is a TicketingError whose message is
 * safe to show a person.
 */
import ky, { isHTTPError, isTimeoutError, type KyInstance } from 'ky';
import { TtlCache, type SharedLayer } from './cache.js';
import {
  ROUTE_NOT_FOUND, TicketingError, badResponseError, httpError, invalidInput, isUnauthorized, networkError,
  rateLimitedError, readOnlyError, timeoutError, unconfirmedError,
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
import { RateLimiter, parseRetryAfter, type Limiter, type Permit } from './rateLimit.js';
import { redact, secretForms } from './redact.js';
import {
  DIALECTS,
  type Activity, type Comment, type CustomFieldValue, type Dialect, type Instance, type NewTicket, type Page,
  type StatusChange, type TagCategory, type Ticket, type TicketQuery, type TicketUpdates, type User,
} from './types.js';
import { checkTimezone, isRecord, ticketIdSegment } from './validate.js';

/** Where the client's records go: the app's pino logger fits; the client itself knows nothing of the bot's. */
export interface ClientLog {
  info(record: object, message: string): void;
  warn(record: object, message: string): void;
}

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
  /**
   * Where other replicas find the instance and tags this one read (and this one theirs), for the
   * same `cacheTtlMs`; `prefix` must tell this Ticketing instance from others on the same store.
   */
  sharedCache?: SharedLayer;
  /**
   * One record per HTTP request ('api call': method, path, status or failure, ms, attempt after
   * the first); a refusal or failure of the service at warn. Never the key.
   */
  log?: ClientLog;
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch;
  /**
   * Told of every write that succeeded: the ticket, the user it was made for, and when the API
   * says it happened (the ticket's new `lastUpdatedOn`, a comment's time) and where it was made from
   * (`CallOptions.origin`), for the notifier's "own action".
   */
  onWrite?: (ticketId: string, user: User, at: string | undefined, origin: string | undefined) => void;
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
  /** Where a write is made from (a conversation's key), handed to `onWrite`. */
  origin?: string;
  /** Where this call's records go (the turn's logger, so they say which turn), instead of the client's `log`. */
  log?: ClientLog;
}

/**
 * Retries of GETs (never of a POST or PUT: it may have reached the service before the failure,
 * and sending it again could make a second ticket, comment or status change).
 */
export interface RetryOptions {
  /** Retries after the first attempt (so `limit + 1` attempts at most). */
  limit: number;
  /** Backoff cap for the first retry, doubled for each further one, in ms; the wait is a random part of it (full jitter). */
  baseDelayMs: number;
  /** Longest wait before a retry, in ms; a `Retry-After` longer than this is not waited out. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = { limit: 2, baseDelayMs: 250, maxDelayMs: 4000 };
/** What is retried; `Retry-After` is honoured on each of these statuses. */
const RETRY_STATUSES = [429, 502, 503, 504];

export const DEFAULT_RATE_LIMIT = { limit: 100, windowMs: 60_000 } as const;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** A page of 1,000 tickets with long descriptions stays well under this; more is a broken or hostile answer. */
export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;
export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
/**
 * The least time before its deadline a request is sent with (the live API answers in a few hundred
 * ms): cut off on its way, it would still count against the key, and a write's outcome would be unknown.
 */
export const MIN_SEND_MS = 300;

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

/** The attempt under way in one call: its number, and the rate-limit turn taken for it until `#send` takes it over. */
interface Turn {
  attempt: number;
  permit?: Permit;
}

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

/** Node's timers hold at most this many ms; a deadline further off needs no timer. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * A signal that aborts at `deadline` (epoch ms), ending an attempt or a backoff then. Its timer is
 * cleared with `clear()` when the call is over, so a finished call leaves nothing behind until its
 * deadline (as `AbortSignal.timeout` would, with the request it was given to).
 */
function deadlineSignal(deadline: number | undefined): { signal: AbortSignal; clear(): void } | undefined {
  const wait = deadline === undefined ? Infinity : deadline - Date.now();
  if (wait > LONGEST_TIMER_MS) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), wait);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
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
  readonly #log: ClientLog | undefined;
  readonly #onWrite: TicketingClientOptions['onWrite'];
  /** Every key seen so far, as it could appear in a string: hidden in every log line and error code. */
  #secretForms: readonly string[] = [];
  readonly #seenKeys = new Set<string>();
  readonly #http: KyInstance;
  readonly #fetch: typeof fetch;
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
    const shared = (name: string) => (options.sharedCache ? { cache: options.sharedCache.cache, prefix: `${options.sharedCache.prefix}${name}:` } : undefined);
    this.#instanceCache = new TtlCache(ttl, undefined, undefined, shared('instance'));
    this.#tagsCache = new TtlCache(ttl, undefined, undefined, shared('tags'));
    this.#log = options.log;
    this.#onWrite = options.onWrite;
    this.#makeLimiter = options.limiterFor ?? ((_key, { limit, windowMs }) => new RateLimiter(limit, windowMs));
    // The global fetch is looked up at each request, called as the global's method (as ky itself does).
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#http = ky.create({
      prefixUrl: base.toString(),
      timeout: this.#requestTimeoutMs,
      // Our retry rules in ky's terms; each call adds its `shouldRetry`, which knows the call's deadline.
      retry: {
        limit: this.#retry.limit,
        methods: ['get'],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: RETRY_STATUSES,
        maxRetryAfter: this.#rateLimit.windowMs,
        retryOnTimeout: true,
        delay: (retry) => this.#retry.baseDelayMs * 2 ** (retry - 1),
        backoffLimit: this.#retry.maxDelayMs,
        jitter: true,
      },
      // A redirect would carry the key, in the URL, to wherever it points: answer it as an error instead.
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    // Each key's limiter from the start, not from its first request: a limiter shared by replicas
    // follows what the others send even while this one sends nothing (its instance came from their cache).
    for (const key of new Set([this.#readKey(), this.#writeKey()])) if (key !== undefined) this.#limiterFor(key);
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
    this.#onWrite?.(created.id, user, created.lastUpdatedOn, opts.origin);
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
    const updated = this.#ticketOf(await this.#request({ operation, method: 'PUT', path, call: opts, timezone, json }), operation, true);
    this.#onWrite?.(id, user, updated.lastUpdatedOn, opts.origin);
    return updated;
  }

  /** PUT /tickets/{id}/status with a label of the ticket's workflow; a `resolution` only with `Resolved`. Never retried. */
  async changeStatus(id: string, change: StatusChange, user: User, opts: CallOptions = {}): Promise<Ticket> {
    const operation = 'changeStatus';
    this.#assertCanWrite(operation);
    const path = `tickets/${ticketIdSegment(id, operation)}/status`;
    const timezone = this.#timezone(opts, operation);
    const json = statusChangeBody(change, user, operation);
    const changed = this.#ticketOf(await this.#request({ operation, method: 'PUT', path, call: opts, timezone, json }), operation, true);
    this.#onWrite?.(id, user, changed.lastUpdatedOn, opts.origin);
    return changed;
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
    this.#onWrite?.(id, user, read.createdDateTime, opts.origin);
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

  /** When the API last answered and took the key (any answer but a 5xx, 401 or 403), in epoch ms; 0 before it has. */
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

  /** The record of one attempt; the path is redacted too, as a second line of defence. */
  #logAttempt(spec: RequestSpec, attempt: number, started: number, outcome: { status: number } | { failure: string }): void {
    const log = spec.call.log ?? this.#log;
    if (!log) return;
    const failed = 'failure' in outcome ? outcome.failure !== 'aborted' : outcome.status === 429 || outcome.status >= 500;
    const record = { method: spec.method, path: redact(`/${spec.path}`, this.#secretForms), ...outcome, ms: Date.now() - started, ...(attempt > 1 ? { attempt } : {}) };
    try {
      if (failed) log.warn(record, 'api call');
      else log.info(record, 'api call');
    } catch {
      // A failing logger must not fail the call.
    }
  }

  /** The request with the key for its kind; on a 401, the keys are read again and, if the key changed, it is sent once more. */
  async #request(spec: RequestSpec): Promise<Answer> {
    const { operation, method, call } = spec;
    const isWrite = method !== 'GET';
    const keyFor = () => (isWrite ? this.#writeKey() : this.#readKey());
    const key = keyFor();
    if (key === undefined) throw readOnlyError(operation);
    if (call.deadline !== undefined && !Number.isFinite(call.deadline)) throw invalidInput('deadline must be a time in epoch ms.', operation);
    // Its time spent before it could be sent (the turn waited on other calls): busy, and nothing was sent.
    if (call.deadline !== undefined && call.deadline - Date.now() < MIN_SEND_MS) throw rateLimitedError(0, operation);
    try {
      return await this.#exchange(spec, key);
    } catch (error) {
      if (!(isUnauthorized(error) && this.#keys.refresh)) throw error;
      // The key may have been rotated: read it again, and if it changed, send once more with it.
      await this.#keys.refresh().catch(() => undefined);
      const newKey = keyFor();
      if (newKey === undefined || newKey === key) throw error;
      return this.#exchange(spec, newKey);
    }
  }

  /**
   * One call through ky, which retries GETs, times each attempt out and ends a backoff at the
   * caller's signal or deadline. Every attempt, retries included, first takes a turn of the key's
   * rate limiter (a `beforeRequest` hook, outside the attempt's timeout) and gives it back when its
   * answer has been read (`#send`). Every failure leaves as a TicketingError, or the caller's reason.
   */
  async #exchange(spec: RequestSpec, key: string): Promise<Answer> {
    const { operation, method, call } = spec;
    const { deadline } = call;
    const limiter = this.#limiterFor(key);
    const searchParams = new URLSearchParams({ key });
    if (spec.timezone !== undefined) searchParams.set('timezone', String(spec.timezone));
    for (const [name, value] of spec.params ?? []) searchParams.append(name, value);
    const ending = deadlineSignal(deadline);
    const signal = call.signal && ending ? AbortSignal.any([call.signal, ending.signal]) : call.signal ?? ending?.signal;
    const turn: Turn = { attempt: 0 };
    const beforeRequest = async (_request: Request, _options: unknown, { retryCount }: { retryCount: number }) => {
      turn.attempt = retryCount + 1;
      turn.permit = await limiter.acquire({ operation, ...(deadline === undefined ? {} : { deadline: deadline - MIN_SEND_MS }), ...(call.signal ? { signal: call.signal } : {}) });
    };
    try {
      const response = await this.#http(spec.path, {
        method,
        searchParams,
        ...(signal ? { signal } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.json === undefined ? {} : { json: spec.json }),
        retry: { shouldRetry: (state) => this.#mayRetry(state.error, state.retryCount, call) },
        hooks: { beforeRequest: [beforeRequest] },
        fetch: (request: Request | URL | string, init?: RequestInit) => this.#send(request, init, spec, limiter, turn),
      });
      const text = await response.text();
      let body: unknown;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw badResponseError(operation, method !== 'GET', response.status);
        }
      }
      return { status: response.status, body, headers: response.headers };
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      throw await this.#errorFor(error, spec);
    } finally {
      ending?.clear();
      // Only when ky failed between taking a turn and sending (ky's own error): give the turn back.
      turn.permit?.release();
    }
  }

  /**
   * One attempt: the request sent, its answer read within `maxAnswerBytes` and handed to ky as a
   * whole, so that ky's timeout (and the caller's deadline) also cut a slow body, and the turn is
   * given back only when the exchange is over. A 429's `Retry-After` blocks the key for everyone.
   */
  async #send(request: Request | URL | string, init: RequestInit | undefined, spec: RequestSpec, limiter: Limiter, turn: Turn): Promise<Response> {
    const { permit, attempt } = turn;
    delete turn.permit;
    const started = Date.now();
    // A retry after its backoff, or a turn granted late, with the deadline all but come: busy, and nothing sent.
    if (spec.call.deadline !== undefined && spec.call.deadline - started < MIN_SEND_MS) {
      permit?.release();
      throw rateLimitedError(0, spec.operation);
    }
    try {
      const response = await this.#fetch(request, init);
      const text = await readText(response, this.#maxAnswerBytes);
      this.#logAttempt(spec, attempt, started, { status: response.status });
      if (response.status < 500 && response.status !== 401 && response.status !== 403) this.#lastAnsweredAt = Date.now();
      const retryAfterMs = response.status === 429 ? this.#retryAfterMs(response.headers) : undefined;
      if (retryAfterMs !== undefined) limiter.blockUntil(Date.now() + retryAfterMs);
      const { status, statusText, headers } = response;
      return new Response(text === '' ? null : text, { status, statusText, headers });
    } catch (error) {
      const aborted = request instanceof Request && request.signal.aborted;
      const failure = error instanceof AnswerTooLarge ? 'answer too large' : spec.call.signal?.aborted ? 'aborted' : aborted ? 'timeout' : 'network error';
      this.#logAttempt(spec, attempt, started, { failure });
      throw error;
    } finally {
      permit?.release();
    }
  }

  /**
   * ky's `shouldRetry`: the gates that need the call. Retried: one of RETRY_STATUSES, a timeout,
   * a dropped connection (fetch's TypeError); never our own refusals (rate limiter, answer too
   * large) or an aborted call. `undefined` lets ky wait the `Retry-After` (capped at the window);
   * `true` has ky back off instead, also when a Retry-After cannot be read (ky would then wait a
   * whole window).
   */
  #mayRetry(error: unknown, retryCount: number, call: CallOptions): boolean | undefined {
    if (call.signal?.aborted) return false;
    if (!(isHTTPError(error) || isTimeoutError(error) || error instanceof TypeError)) return false;
    if (isHTTPError(error) && !RETRY_STATUSES.includes(error.response.status)) return false;
    const wait = isHTTPError(error) ? this.#retryAfterMs(error.response.headers) : undefined;
    // A Retry-After beyond maxDelayMs is not waited out: the person hears at once when to try again.
    if (wait !== undefined && wait > this.#retry.maxDelayMs) return false;
    // The longest the wait can be (jitter only shortens a backoff): a retry that could end past the deadline is not made.
    const longest = wait ?? Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (retryCount - 1));
    if (call.deadline !== undefined && Date.now() + longest >= call.deadline) return false;
    return wait === undefined ? true : undefined;
  }

  /** A `Retry-After` as a wait in ms, capped at the rate window: a longer one is not the API's to impose on every person. */
  #retryAfterMs(headers: Headers): number | undefined {
    const asked = parseRetryAfter(headers.get('retry-after'), Date.now());
    return asked === undefined ? undefined : Math.min(asked, this.#rateLimit.windowMs);
  }

  /** What a failed call tells its caller: always a TicketingError, never ky's error (its message holds the URL, and so the key). */
  async #errorFor(error: unknown, spec: RequestSpec): Promise<TicketingError> {
    const { operation, call } = spec;
    const isWrite = spec.method !== 'GET';
    if (error instanceof TicketingError) return error;
    if (error instanceof AnswerTooLarge) return badResponseError(operation, isWrite);
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      const found = errorCode(await error.response.text().catch(() => ''));
      const code = found === undefined ? undefined : redact(found, this.#secretForms);
      if (status === 429) return rateLimitedError(this.#retryAfterMs(headers) ?? this.#rateLimit.windowMs, operation, status, code);
      if (status === 403 && isWrite) return readOnlyError(operation, status, code);
      return httpError(status, operation, code, isWrite);
    }
    if (isTimeoutError(error) || (call.deadline !== undefined && Date.now() >= call.deadline)) return timeoutError(operation, isWrite);
    return networkError(operation, isWrite);
  }
}
