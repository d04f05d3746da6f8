/**
 * The one error type the client throws. Its `message` is a sentence a person may read: it never
 * holds a URL, an API key or a raw response body, and no `cause` is attached (an HTTP library's
 * error or request object would carry the URL, and with it the key).
 */

export const ERROR_KINDS = [
  'http', 'network', 'timeout', 'rateLimited', 'readOnly', 'invalidInput', 'badResponse', 'unconfirmed',
] as const;

/**
 * - `http`: the service answered with an error status (see `status`, and `code` when it gave one).
 * - `network`: no answer (connection refused or dropped). A write may or may not have been applied.
 * - `timeout`: no answer in time (`requestTimeoutMs`, or the caller's deadline).
 * - `rateLimited`: too many requests for this key; `retryAfterS` says when to try again.
 * - `readOnly`: a write with no read/write key configured, or a 403 on a write.
 * - `invalidInput`: refused before any request (bad id, filter or field).
 * - `badResponse`: a success status whose body is not the JSON expected.
 * - `unconfirmed`: a write answered with success but without the object it made or changed (the
 *   live service does this when it drops a create): it may not have been saved.
 */
export type TicketingErrorKind = (typeof ERROR_KINDS)[number];

export interface TicketingErrorDetails {
  status?: number;
  code?: string;
  retryAfterS?: number;
  /** The client method that failed, e.g. `getTicket`. */
  operation?: string;
  /** The call was a write, so a failure without an answer may have saved it. */
  isWrite?: boolean;
}

export class TicketingError extends Error {
  override readonly name = 'TicketingError';
  readonly kind: TicketingErrorKind;
  /** The HTTP status, when the service answered. */
  readonly status?: number;
  /** The API's own error code (`{"error":{"code"}}` or `{"code"}`), e.g. `TicketNotFound`. */
  readonly code?: string;
  /** Whole seconds (at least 1) to wait before trying again; set on `rateLimited`. */
  readonly retryAfterS?: number;
  readonly operation?: string;
  readonly isWrite?: boolean;

  constructor(kind: TicketingErrorKind, message: string, details: TicketingErrorDetails = {}) {
    super(message);
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.retryAfterS !== undefined) this.retryAfterS = details.retryAfterS;
    if (details.operation !== undefined) this.operation = details.operation;
    if (details.isWrite !== undefined) this.isWrite = details.isWrite;
  }
}

export function isTicketingError(e: unknown): e is TicketingError {
  return e instanceof TicketingError;
}

export function isRateLimited(e: unknown): e is TicketingError & { retryAfterS: number } {
  return isTicketingError(e) && e.kind === 'rateLimited';
}

/**
 * The code given to a 404 from the live gateway itself (`{"statusCode":404,"message":"Resource
 * not found"}`): the route does not exist, which says nothing about the ticket.
 */
export const ROUTE_NOT_FOUND = 'RouteNotFound';

/** The ticket (or whatever was asked for) does not exist; never true for a missing route. */
export function isNotFound(e: unknown): e is TicketingError {
  return isTicketingError(e) && e.kind === 'http' && e.status === 404 && e.code !== ROUTE_NOT_FOUND;
}

/** The service has no such route (the gateway's own 404): nothing was done. */
export function isRouteMissing(e: unknown): boolean {
  return isTicketingError(e) && e.kind === 'http' && e.status === 404 && e.code === ROUTE_NOT_FOUND;
}

export function isReadOnly(e: unknown): e is TicketingError {
  return isTicketingError(e) && e.kind === 'readOnly';
}

export function isInvalidInput(e: unknown): e is TicketingError {
  return isTicketingError(e) && e.kind === 'invalidInput';
}

export function isUnauthorized(e: unknown): e is TicketingError {
  return isTicketingError(e) && e.kind === 'http' && e.status === 401;
}

/** The status change asked for is not allowed from the ticket's current status (409). */
export function isConflict(e: unknown): e is TicketingError {
  return isTicketingError(e) && e.kind === 'http' && e.status === 409;
}

/**
 * True for errors after which a write may or may not have been applied by the service. A 5xx to a
 * write counts: a gateway's 502 or 504 can come after the service acted.
 */
export function isOutcomeUnknown(e: unknown): e is TicketingError {
  return isTicketingError(e) && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'badResponse' || e.kind === 'unconfirmed'
    || (e.kind === 'http' && e.isWrite === true && (e.status ?? 0) >= 500));
}

export function invalidInput(message: string, operation?: string): TicketingError {
  return new TicketingError('invalidInput', message, operation === undefined ? {} : { operation });
}

const MAYBE_APPLIED = ' The change may or may not have been saved: check before trying again.';

/** Whole seconds, at least 1, from a wait in milliseconds. */
export function toRetryAfterS(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export function rateLimitedError(retryAfterMs: number, operation: string, status?: number, code?: string): TicketingError {
  const retryAfterS = toRetryAfterS(retryAfterMs);
  return new TicketingError(
    'rateLimited',
    `The helpdesk is busy; try again in ${retryAfterS} s.`,
    { retryAfterS, operation, ...(status === undefined ? {} : { status }), ...(code === undefined ? {} : { code }) },
  );
}

export function networkError(operation: string, isWrite: boolean): TicketingError {
  return new TicketingError(
    'network',
    'The helpdesk could not be reached.' + (isWrite ? MAYBE_APPLIED : ''),
    { operation, isWrite },
  );
}

export function timeoutError(operation: string, isWrite: boolean): TicketingError {
  return new TicketingError(
    'timeout',
    'The helpdesk did not answer in time.' + (isWrite ? MAYBE_APPLIED : ''),
    { operation, isWrite },
  );
}

export function badResponseError(operation: string, isWrite: boolean, status?: number): TicketingError {
  return new TicketingError(
    'badResponse',
    'The helpdesk sent an answer that could not be read.' + (isWrite ? ' The change may have been saved.' : ''),
    { operation, isWrite, ...(status === undefined ? {} : { status }) },
  );
}

/** A write the service answered without the object it made or changed: never reported as done. */
export function unconfirmedError(operation: string, status?: number): TicketingError {
  const what = operation === 'createTicket' ? 'the new ticket: it may not have been created'
    : 'the ticket: the change may not have been saved';
  return new TicketingError(
    'unconfirmed',
    `The helpdesk answered without ${what}. Check before trying again.`,
    { operation, ...(status === undefined ? {} : { status }) },
  );
}

export function readOnlyError(operation: string, status?: number, code?: string): TicketingError {
  return new TicketingError(
    'readOnly',
    'This bot can only read tickets: its API key does not allow changes.',
    { operation, ...(status === undefined ? {} : { status }), ...(code === undefined ? {} : { code }) },
  );
}

/** A sentence for an HTTP error status; `code` refines it where the API gives one. */
function httpMessage(status: number, code: string | undefined, isWrite: boolean): string {
  if (status === 400) return 'The helpdesk refused the request as invalid.';
  if (status === 401) return "The helpdesk did not accept the bot's API key.";
  if (status === 403) return "The bot's API key is not allowed to do this.";
  if (status === 404) {
    if (code === ROUTE_NOT_FOUND) return 'The helpdesk does not offer this at its address: the bot may be set for the wrong version of the API (TICKETING_DIALECT). Nothing was changed.';
    return code === 'TicketNotFound' || code === undefined ? 'No such ticket.' : 'The helpdesk could not find what was asked for.';
  }
  if (status === 409) return 'The ticket is already in that state, or cannot move to it from its current one.';
  if (status >= 500) return isWrite ? `The helpdesk had a problem (status ${status}).${MAYBE_APPLIED}` : `The helpdesk had a problem (status ${status}); try again later.`;
  return `The helpdesk refused the request (status ${status}).`;
}

/** `isWrite`: a 5xx to a write may come after the service acted (see isOutcomeUnknown). */
export function httpError(status: number, operation: string, code?: string, isWrite = false): TicketingError {
  return new TicketingError('http', httpMessage(status, code, isWrite), {
    status, operation, ...(code === undefined ? {} : { code }), ...(isWrite ? { isWrite } : {}),
  });
}
