/**
 * The endpoints, one function each: typed input in, a reply out. Transport concerns (keys, rate
 * limit, faults, bodies, recording) stay in app.ts.
 */
import { liveDropsCreate, parseCommentBody, parseCreateBody, parseStatusBody, parseUpdateBody } from './bodies.js';
import type { Dialect } from './dialect.js';
import { ticketNotFound } from './errors.js';
import { parseListQuery } from './query.js';
import type { SandboxStore } from './store.js';
import { listTickets } from './ticketList.js';
import { commentAnswer, dialectTicket, wireActivity, wireInstance } from './wire.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ReadInput {
  /** The `:id` path segment, when the route has one. */
  id: string;
  /** Query parameters but `key`. */
  params: ReadonlyMap<string, string>;
  timezone: number;
  /** Which dialect to read and answer in. */
  dialect: Dialect;
  /** The `continuationToken` request header, when sent and not empty. */
  continuationToken?: string;
}

export interface WriteInput extends ReadInput {
  body: Record<string, unknown>;
}

export type ReadHandler = (store: SandboxStore, input: ReadInput) => Reply;
export type WriteHandler = (store: SandboxStore, input: WriteInput) => Reply;

const ok = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({
  status, body, ...(headers ? { headers } : {}),
});

export const getTickets: ReadHandler = (store, input) => {
  const query = parseListQuery(input.params, input.timezone, input.dialect);
  const page = listTickets(store.all(), query, input.continuationToken);
  return ok(page, 200, page.continuationToken ? { continuationToken: page.continuationToken } : undefined);
};

/**
 * Documented: 201 with the ticket. Live: 200 with the ticket, the priority asked for ignored
 * (it stays Medium until an update sets it), and 200 with no ticket for the bodies it drops.
 */
export const postTicket: WriteHandler = (store, input) => {
  if (input.dialect === 'live' && liveDropsCreate(input.body, store.catalog())) return ok({ error: false });
  const { ticket, user } = parseCreateBody(input.body, store.catalog(), input.timezone);
  if (input.dialect === 'documented') return ok({ item: dialectTicket(store.create(ticket, user), 'documented') }, 201);
  const { priority: _ignored, ...kept } = ticket;
  return ok({ item: dialectTicket(store.create(kept, user), 'live') });
};

export const getTicket: ReadHandler = (store, input) => {
  const ticket = store.find(input.id);
  if (!ticket) throw ticketNotFound(input.id);
  return ok({ item: dialectTicket(ticket, input.dialect) });
};

export const putTicket: WriteHandler = (store, input) => {
  if (!store.find(input.id)) throw ticketNotFound(input.id);
  const { changes, user } = parseUpdateBody(input.body, store.catalog(), input.timezone, input.dialect);
  return ok({ item: dialectTicket(store.update(input.id, changes, user), input.dialect) });
};

/** Live answers the status a ticket already has with 200 and no change (S3); documented with 409. */
export const changeStatus: WriteHandler = (store, input) => {
  const current = store.find(input.id);
  if (!current) throw ticketNotFound(input.id);
  const { change, user } = parseStatusBody(input.body, input.dialect, current.workflowId);
  if (input.dialect === 'live' && current.status === change.status) return ok({ item: dialectTicket(current, 'live') });
  return ok({ item: dialectTicket(store.changeStatus(input.id, change, user), input.dialect) });
};

export const getActivities: ReadHandler = (store, input) => {
  const ticket = store.find(input.id);
  if (!ticket) throw ticketNotFound(input.id);
  return ok({ items: store.activitiesOf(input.id).map((a) => wireActivity(a, input.dialect, ticket.workflowId)) });
};

export const postComment: WriteHandler = (store, input) => {
  const ticket = store.find(input.id);
  if (!ticket) throw ticketNotFound(input.id);
  const { input: comment, user } = parseCommentBody(input.body);
  return ok(commentAnswer(store.addComment(input.id, comment, user), ticket.number, input.dialect), 201);
};

export const getInstance: ReadHandler = (store, input) => ok({ item: wireInstance(store.instance(), input.dialect) });

export const getTags: ReadHandler = (store) => ok({ items: store.tagCategories() });
