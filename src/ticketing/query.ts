/**
 * TicketQuery → the query string of GET /tickets, checked before any request. `key` and
 * `timezone` are added by the client, not here.
 */
import { invalidInput } from './errors.js';
import {
  ORDER_BY_FIELDS, ORDERS, PRIORITIES, SELECT_FIELDS, STATUSES, type Dialect, type TicketQuery,
} from './types.js';
import {
  checkNonEmptyString, checkOneOf, checkTags, isRecord, toQueryDateTime,
} from './validate.js';

export const LIMIT_MAX = 1000;

const LIVE_STATUS_FILTERS = ['resolved', 'unresolved'] as const;

const DATE_FILTERS = [
  'createdAfter', 'createdBefore', 'expectedDateAfter', 'expectedDateBefore',
  'lastUpdateAfter', 'lastUpdateBefore',
] as const satisfies readonly (keyof TicketQuery)[];

const KNOWN_FIELDS: ReadonlySet<string> = new Set<keyof TicketQuery>([
  'search', 'title', 'status', 'priority', 'tags', 'orderBy', 'order', 'select', 'offset', 'limit',
  'statusId', 'isResolved', ...DATE_FILTERS,
]);

/**
 * The query string for `query`. Fields left `undefined` are not sent, nor are empty `search`,
 * `title` or `tags`. Anything else out of shape (an unknown field or enum value, `limit` outside
 * 1..1000, a negative or fractional `offset`, a date not `YYYY-MM-DD[THH:mm:ss]`, a tag text with a
 * comma, an empty `select`) throws a TicketingError of kind `invalidInput`.
 */
export function ticketQueryParams(query: TicketQuery = {}, operation = 'listTickets', dialect: Dialect = 'live'): URLSearchParams {
  if (!isRecord(query)) throw invalidInput('The ticket query must be an object.', operation);
  for (const [field, value] of Object.entries(query)) {
    if (value !== undefined && !KNOWN_FIELDS.has(field)) {
      throw invalidInput(`Unknown ticket filter "${field.slice(0, 40)}".`, operation);
    }
  }
  const params = new URLSearchParams();
  const q: TicketQuery = query;

  for (const field of ['search', 'title'] as const) {
    const value = q[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw invalidInput(`${field} must be text.`, operation);
    if (value.trim() !== '') params.set(field, value);
  }
  // Live, `status` is resolved/unresolved only; an exact state goes by `statusId`.
  if (q.status !== undefined) params.set('status', checkOneOf(q.status, dialect === 'live' ? LIVE_STATUS_FILTERS : STATUSES, 'status', operation));
  if (q.priority !== undefined) params.set('priority', checkOneOf(q.priority, PRIORITIES, 'priority', operation));
  if (q.tags !== undefined) {
    const tags = checkTags(q.tags, 'tags', operation, 'filter');
    if (tags.length > 0) params.set('tags', tags.map((t) => `${t.tagCategoryId}_${t.text}`).join(','));
  }
  if (q.orderBy !== undefined) params.set('orderBy', checkOneOf(q.orderBy, ORDER_BY_FIELDS, 'orderBy', operation));
  if (q.order !== undefined) params.set('order', checkOneOf(q.order, ORDERS, 'order', operation));
  if (q.select !== undefined) {
    if (!Array.isArray(q.select) || q.select.length === 0) {
      throw invalidInput('select must name at least one field.', operation);
    }
    const fields = q.select.map((f: unknown) => checkOneOf(f, SELECT_FIELDS, 'select', operation));
    params.set('select', [...new Set(fields)].join(','));
  }
  if (q.offset !== undefined) {
    if (!Number.isSafeInteger(q.offset) || q.offset < 0) {
      throw invalidInput('offset must be a whole number, 0 or more.', operation);
    }
    params.set('offset', String(q.offset));
  }
  if (q.limit !== undefined) {
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > LIMIT_MAX) {
      throw invalidInput(`limit must be a whole number from 1 to ${LIMIT_MAX}.`, operation);
    }
    params.set('limit', String(q.limit));
  }
  if (q.statusId !== undefined) params.set('statusId', checkNonEmptyString(q.statusId, 'statusId', operation));
  if (q.isResolved !== undefined) {
    if (typeof q.isResolved !== 'boolean') throw invalidInput('isResolved must be true or false.', operation);
    params.set('isResolved', String(q.isResolved));
  }
  for (const field of DATE_FILTERS) {
    const value = q[field];
    if (value !== undefined) params.set(field, toQueryDateTime(value, field, operation));
  }
  return params;
}

/** A continuation token is sent as a request header: it must be a non-empty, header-safe value. */
export function checkContinuationToken(token: unknown, operation: string): string {
  if (typeof token !== 'string' || token === '' || !/^[\x21-\x7e]+$/.test(token)) {
    throw invalidInput('The continuation token is not valid.', operation);
  }
  return token;
}
