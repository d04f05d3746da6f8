/**
 * The JSON bodies of the writes, in the seed's forms, checked before any request:
 * POST /tickets `{ticket, user}`, PUT /tickets/{id} `{updates, user}`,
 * PUT /tickets/{id}/status `{status, resolution?, comment?, user}`,
 * POST /tickets/{id}/comments `{comment, user}`.
 */
import { invalidInput } from './errors.js';
import {
  PRIORITIES, RESOLUTIONS, STATUSES,
  type CustomFieldValue, type NewTicket, type StatusChange, type TicketUpdates, type User,
} from './types.js';
import {
  checkNonEmptyString, checkOneOf, checkTags, checkUser, isRecord, toDateOnly,
} from './validate.js';

const TICKET_FIELDS: ReadonlySet<string> = new Set<keyof NewTicket>([
  'title', 'requestor', 'description', 'priority', 'assignee', 'expectedDate', 'tags', 'customFields',
]);

function isUserLike(v: unknown): boolean {
  return isRecord(v) && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.email === 'string';
}

function checkCustomFields(value: unknown, operation: string): Record<string, CustomFieldValue> {
  if (!isRecord(value)) throw invalidInput('customFields must map field ids to values.', operation);
  const out: Record<string, CustomFieldValue> = {};
  for (const [id, v] of Object.entries(value)) {
    const ok = typeof v === 'string' || typeof v === 'boolean'
      || (Array.isArray(v) && (v.every((x) => typeof x === 'string') || v.every(isUserLike)));
    if (id.trim() === '' || !ok) {
      throw invalidInput('Each custom field value must be a text, a toggle, a list of item ids or a list of users.', operation);
    }
    out[id] = v as CustomFieldValue;
  }
  return out;
}

/** The ticket fields present in `value`, checked; `expectedDate` becomes `YYYY-MM-DD` (see toDateOnly). */
function ticketFields(value: Record<string, unknown>, operation: string, timezone: number): Partial<NewTicket> {
  for (const [field, v] of Object.entries(value)) {
    if (v !== undefined && !TICKET_FIELDS.has(field)) {
      throw invalidInput(`Unknown ticket field "${field.slice(0, 40)}".`, operation);
    }
  }
  const out: Partial<NewTicket> = {};
  if (value.title !== undefined) out.title = checkNonEmptyString(value.title, 'title', operation);
  if (value.requestor !== undefined) out.requestor = checkUser(value.requestor, 'requestor', operation);
  if (value.description !== undefined) {
    if (typeof value.description !== 'string') throw invalidInput('description must be text.', operation);
    out.description = value.description;
  }
  if (value.priority !== undefined) out.priority = checkOneOf(value.priority, PRIORITIES, 'priority', operation);
  if (value.assignee !== undefined) out.assignee = checkUser(value.assignee, 'assignee', operation);
  if (value.expectedDate !== undefined) out.expectedDate = toDateOnly(value.expectedDate, 'expectedDate', operation, timezone);
  if (value.tags !== undefined) out.tags = checkTags(value.tags, 'tags', operation, 'body');
  if (value.customFields !== undefined) out.customFields = checkCustomFields(value.customFields, operation);
  return out;
}

/** @param timezone hours from UTC, to find the day of a zoned `expectedDate`. */
export function createTicketBody(ticket: NewTicket, user: User, timezone: number, operation = 'createTicket'): { ticket: NewTicket; user: User } {
  if (!isRecord(ticket)) throw invalidInput('The new ticket must be an object.', operation);
  const fields = ticketFields(ticket, operation, timezone);
  if (fields.title === undefined) throw invalidInput('title must be a non-empty text.', operation);
  if (fields.requestor === undefined) throw invalidInput('requestor must be a user with id, name and email.', operation);
  return { ticket: { ...fields, title: fields.title, requestor: fields.requestor }, user: checkUser(user, 'user', operation) };
}

export function updateTicketBody(updates: TicketUpdates, user: User, timezone: number, operation = 'updateTicket'): { updates: TicketUpdates; user: User } {
  if (!isRecord(updates)) throw invalidInput('The updates must be an object.', operation);
  const fields = ticketFields(updates, operation, timezone);
  if (Object.keys(fields).length === 0) throw invalidInput('The updates must change at least one field.', operation);
  return { updates: fields, user: checkUser(user, 'user', operation) };
}

/** A resolution is only taken with `Resolved` (as the sandbox, and the live enum, have it). */
export function statusChangeBody(change: StatusChange, user: User, operation = 'changeStatus'): StatusChange & { user: User } {
  if (!isRecord(change)) throw invalidInput('The status change must be an object.', operation);
  const status = checkOneOf(change.status, STATUSES, 'status', operation);
  const body: StatusChange & { user: User } = { status, user: checkUser(user, 'user', operation) };
  if (change.resolution !== undefined) {
    if (status !== 'Resolved') throw invalidInput('A resolution is only given when resolving.', operation);
    body.resolution = checkOneOf(change.resolution, RESOLUTIONS, 'resolution', operation);
  }
  if (change.comment !== undefined) {
    if (typeof change.comment !== 'string') throw invalidInput('comment must be text.', operation);
    if (change.comment.trim() !== '') body.comment = change.comment;
  }
  return body;
}

export function commentBody(comment: string, user: User, operation = 'addComment'): { comment: string; user: User } {
  return { comment: checkNonEmptyString(comment, 'comment', operation), user: checkUser(user, 'user', operation) };
}
