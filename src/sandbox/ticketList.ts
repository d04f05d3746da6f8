/**
 * GET /tickets once its query is parsed: filter, order, then one page, with a continuation token
 * while more tickets remain.
 */
import { PRIORITIES, type OrderBy } from '../ticketing/types.js';
import { decodeToken, encodeToken, fingerprint, type Cursor, type SortValue } from './continuationToken.js';
import { dayStart } from './dates.js';
import type { StoredTicket } from './model.js';
import type { ListQuery, TicketFilters } from './query.js';
import { dialectTicket, selectFields } from './wire.js';
import { isResolvedStatus, statusOrder } from './workflows.js';

export interface TicketPage {
  items: Record<string, unknown>[];
  continuationToken?: string;
}

const contains = (text: string | undefined, needle: string): boolean =>
  text !== undefined && text.toLowerCase().includes(needle);

function within(value: number | undefined, after: number | undefined, before: number | undefined): boolean {
  if (after === undefined && before === undefined) return true;
  if (value === undefined) return false;
  return (after === undefined || value >= after) && (before === undefined || value < before);
}

/** True when the ticket passes every filter given. */
function matches(ticket: StoredTicket, filters: TicketFilters, timezone: number): boolean {
  if (filters.search !== undefined) {
    const needle = filters.search.trim().toLowerCase();
    const number = /^#?(\d+)$/.exec(needle);
    const byNumber = number !== null && Number(number[1]) === ticket.number;
    if (!byNumber && !contains(ticket.title, needle) && !contains(ticket.description, needle)) return false;
  }
  if (filters.title !== undefined && !contains(ticket.title, filters.title.trim().toLowerCase())) return false;
  if (filters.status !== undefined && ticket.status !== filters.status) return false;
  if (filters.statusId !== undefined
    && (ticket.status !== filters.statusId.status || ticket.workflowId !== filters.statusId.workflowId)) return false;
  if (filters.priority !== undefined && ticket.priority !== filters.priority) return false;
  if (filters.isResolved !== undefined) {
    const resolved = isResolvedStatus(ticket.workflowId, ticket.status);
    if (resolved !== filters.isResolved) return false;
  }
  if (filters.tags) {
    const carriesAll = filters.tags.every((wanted) => ticket.tags.some(
      (tag) => tag.tagCategoryId === wanted.tagCategoryId && tag.text.toLowerCase() === wanted.text.toLowerCase(),
    ));
    if (!carriesAll) return false;
  }
  const expected = ticket.expectedDate === undefined ? undefined : dayStart(ticket.expectedDate, timezone);
  return within(Date.parse(ticket.createdOn), filters.createdAfter, filters.createdBefore)
    && within(expected, filters.expectedDateAfter, filters.expectedDateBefore)
    && within(Date.parse(ticket.lastUpdatedOn), filters.lastUpdateAfter, filters.lastUpdateBefore);
}

/** What a ticket is ordered by; with no `orderBy`, its creation time. Text compares case-insensitively. */
function sortKey(ticket: StoredTicket, orderBy: OrderBy | undefined): SortValue {
  switch (orderBy) {
    case 'status': return statusOrder(ticket.workflowId, ticket.status);
    case 'priority': return PRIORITIES.indexOf(ticket.priority);
    case 'ticketId': return ticket.number;
    case 'title': return ticket.title.toLowerCase();
    case 'requestorName': return ticket.requestor.name.toLowerCase();
    case 'requestorEmail': return ticket.requestor.email.toLowerCase();
    case 'assigneeName': return ticket.assignee?.name.toLowerCase() ?? null;
    case 'assigneeEmail': return ticket.assignee?.email.toLowerCase() ?? null;
    case 'expectedDate': return ticket.expectedDate ?? null;
    case 'lastInteraction': return Date.parse(ticket.lastUpdatedOn);
    case 'createdDateTime':
    case undefined: return Date.parse(ticket.createdOn);
  }
}

/** Ascending: missing values first, then numbers or text; ties broken by ticket number. */
function compareAscending(a: Cursor, b: Cursor): number {
  if (a.key !== b.key) {
    if (a.key === null) return -1;
    if (b.key === null) return 1;
    if (typeof a.key !== typeof b.key) return typeof a.key === 'number' ? -1 : 1;
    return a.key < b.key ? -1 : 1;
  }
  return a.number - b.number;
}

export function listTickets(tickets: readonly StoredTicket[], query: ListQuery, token: string | undefined): TicketPage {
  const queryFingerprint = fingerprint({ filters: query.filters, orderBy: query.orderBy ?? null, order: query.order });
  const direction = query.order === 'ASC' ? 1 : -1;
  const ordered = tickets
    .filter((ticket) => matches(ticket, query.filters, query.timezone))
    .map((ticket) => ({ ticket, cursor: { key: sortKey(ticket, query.orderBy), number: ticket.number } }))
    .sort((a, b) => direction * compareAscending(a.cursor, b.cursor));

  let start = query.offset;
  if (token !== undefined) {
    const after = decodeToken(token, queryFingerprint);
    const index = ordered.findIndex((entry) => direction * compareAscending(entry.cursor, after) > 0);
    start = index === -1 ? ordered.length : index;
  }
  const page = ordered.slice(start, start + query.limit);
  const last = page[page.length - 1];
  const more = last !== undefined && start + page.length < ordered.length;
  const select = query.select;
  return {
    items: page.map(({ ticket }) => (select ? selectFields(ticket, select, query.dialect) : dialectTicket(ticket, query.dialect))),
    ...(more ? { continuationToken: encodeToken(last.cursor, queryFingerprint) } : {}),
  };
}
