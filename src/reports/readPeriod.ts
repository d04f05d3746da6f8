/**
 * Reading a report's tickets with the fewest requests the API allows: two filtered walks of
 * 1,000-ticket pages by continuation token, each asking only for the fields the report and its
 * export use, and stopping before the rate limit's share kept for changes is spent.
 */
import type { TicketingClient } from '../ticketing/client.js';
import { walkPages } from '../ticketing/paging.js';
import { LIMIT_MAX } from '../ticketing/query.js';
import type { SelectField, Ticket, TicketQuery, TicketTag } from '../ticketing/types.js';

/** Every field a report figure or a CSV column reads; `description` is left out, being the bulk of a ticket. */
export const PERIOD_FIELDS: readonly SelectField[] = [
  'id', 'ticketId', 'title', 'status', 'priority', 'requestor', 'assignee', 'customFields', 'tags',
  'expectedDate', 'resolution', 'createdOn', 'firstResponseOn', 'firstResolutionOn', 'lastResolutionOn',
  'lastUpdatedOn', 'isFrtEscalated', 'isRtEscalated',
];

/** What the open backlog's figures read. */
export const BACKLOG_FIELDS: readonly SelectField[] = ['id', 'ticketId', 'status', 'priority', 'assignee', 'createdOn', 'expectedDate'];

/** The tickets a report is computed from. */
export interface PeriodTickets {
  /** Tickets changed since the period began: created, answered, resolved or edited in it. */
  changed: Ticket[];
  /** Every ticket not resolved now, whenever it was created. */
  open: Ticket[];
  /** Epoch ms when the reading finished. */
  readAt: number;
  /** API requests the reading took. */
  requests: number;
}

/** Why a report was not read: the API budget left (or the configured ceiling) is too small for it. */
export class ReportTooLarge extends Error {
  override name = 'ReportTooLarge';
  constructor(readonly ticketsRead: number, readonly reason: 'budget' | 'ceiling') {
    super(`report too large (${reason})`);
  }
}

export interface ReadOptions {
  client: TicketingClient;
  /** Epoch ms of the period's first instant. */
  start: number;
  tags?: TicketTag[];
  /** The most tickets one walk may read (a multiple of 1,000 is a whole number of requests). */
  maxTickets: number;
  /** Requests of the read key's window to leave for others (changes, when reads and writes share a key). */
  reserve: number;
  deadline: number;
}

/** `YYYY-MM-DDTHH:mm:ss` in UTC: the live date filters' form, read at `timezone=0`. */
function utcFilterDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

/** `counter` counts the requests made, and the tickets read by earlier walks, which a refusal reports. */
async function walk(options: ReadOptions, query: TicketQuery, counter: { requests: number; tickets: number }): Promise<Ticket[]> {
  const { client } = options;
  const tickets: Ticket[] = [];
  const fetchPage = (continuationToken: string | undefined) => {
    if (tickets.length >= options.maxTickets) throw new ReportTooLarge(counter.tickets + tickets.length, 'ceiling');
    if (client.freeReads() <= options.reserve) throw new ReportTooLarge(counter.tickets + tickets.length, 'budget');
    counter.requests++;
    return client.listTickets(query, { timezone: 0, deadline: options.deadline, ...(continuationToken === undefined ? {} : { continuationToken }) });
  };
  for await (const ticket of walkPages(fetchPage, 'report')) tickets.push(ticket);
  counter.tickets += tickets.length;
  return tickets;
}

/**
 * The period's changed tickets (`lastUpdateAfter`) and today's open backlog (`isResolved=false`),
 * `limit` 1000 with `select`: for N changed and M open tickets, ⌈N/1000⌉ + ⌈M/1000⌉ requests
 * (at least one each). Throws ReportTooLarge before a request the budget cannot spare.
 */
export async function readPeriod(options: ReadOptions, now: () => number = Date.now): Promise<PeriodTickets> {
  const counter = { requests: 0, tickets: 0 };
  const common: TicketQuery = { limit: LIMIT_MAX, ...(options.tags ? { tags: options.tags } : {}) };
  const changed = await walk(options, { ...common, lastUpdateAfter: utcFilterDate(options.start), select: [...PERIOD_FIELDS] }, counter);
  const open = await walk(options, { ...common, isResolved: false, select: [...BACKLOG_FIELDS] }, counter);
  return { changed, open, readAt: now(), requests: counter.requests };
}
