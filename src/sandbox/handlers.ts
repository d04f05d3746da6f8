/**
 * The endpoints, one function each: typed input in, a reply out. Transport concerns (keys, rate
 * limit, faults, bodies, recording) stay in app.ts.
 */
import { parseCommentBody, parseCreateBody, parseStatusBody, parseUpdateBody } from './bodies.js';
import { ticketNotFound } from './errors.js';
import { parseListQuery } from './query.js';
import type { SandboxStore } from './store.js';
import { listTickets } from './ticketList.js';
import { wireActivity, wireComment, wireTicket } from './wire.js';

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
  const query = parseListQuery(input.params, input.timezone);
  const page = listTickets(store.all(), query, input.continuationToken);
  return ok(page, 200, page.continuationToken ? { continuationToken: page.continuationToken } : undefined);
};

export const postTicket: WriteHandler = (store, input) => {
  const { ticket, user } = parseCreateBody(input.body, store.catalog(), input.timezone);
  return ok({ item: wireTicket(store.create(ticket, user)) }, 201);
};

export const getTicket: ReadHandler = (store, input) => {
  const ticket = store.find(input.id);
  if (!ticket) throw ticketNotFound(input.id);
  return ok({ item: wireTicket(ticket) });
};

export const putTicket: WriteHandler = (store, input) => {
  if (!store.find(input.id)) throw ticketNotFound(input.id);
  const { changes, user } = parseUpdateBody(input.body, store.catalog(), input.timezone);
  return ok({ item: wireTicket(store.update(input.id, changes, user)) });
};

export const changeStatus: WriteHandler = (store, input) => {
  if (!store.find(input.id)) throw ticketNotFound(input.id);
  const { change, user } = parseStatusBody(input.body);
  return ok({ item: wireTicket(store.changeStatus(input.id, change, user)) });
};

export const getActivities: ReadHandler = (store, input) => {
  if (!store.find(input.id)) throw ticketNotFound(input.id);
  return ok({ items: store.activitiesOf(input.id).map(wireActivity) });
};

export const postComment: WriteHandler = (store, input) => {
  if (!store.find(input.id)) throw ticketNotFound(input.id);
  const { input: comment, user } = parseCommentBody(input.body);
  return ok({ item: wireComment(store.addComment(input.id, comment, user)) }, 201);
};

export const getInstance: ReadHandler = (store) => ok({ item: store.instance() });

export const getTags: ReadHandler = (store) => ok({ items: store.tagCategories() });
