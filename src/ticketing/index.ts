/** The Ticketing as a Service API client: what the rest of the app (or another app) may use. */
export {
  TicketingClient, DEFAULT_CACHE_TTL_MS, DEFAULT_RATE_LIMIT, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY,
  type CallOptions, type RetryOptions, type TicketingClientOptions,
} from './client.js';
export {
  ERROR_KINDS, TicketingError, isConflict, isInvalidInput, isNotFound, isOutcomeUnknown, isRateLimited,
  isReadOnly, isTicketingError, isUnauthorized, type TicketingErrorKind,
} from './errors.js';
export { fixedKeys, type ApiKeys, type KeySource } from './keys.js';
export { LIMIT_MAX, ticketQueryParams } from './query.js';
export { TIMEZONE_MAX, TIMEZONE_MIN } from './validate.js';
export * from './types.js';
export type { SharedLayer } from './cache.js';
export type { SharedCache } from './sharedCache.js';
