/**
 * The JSON bodies of the writes, checked before any request: POST /tickets `{ticket, user}`,
 * PUT /tickets/{id} `{ticket, user}` (live) or `{updates, user}` (documented),
 * PUT /tickets/{id}/status `{status, resolution?, comment?, user}`, and a comment
 * `{comment, user}` (to /activities live, /comments documented).
 */
import { invalidInput } from './errors.js';
import {
  PRIORITIES, RESOLUTIONS,
  type CustomField, type CustomFieldValue, type Dialect, type NewTicket, type StatusChange, type TicketUpdates, type User,
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

/** The update body: the fields under `ticket` (live) or `updates` (documented). */
export function updateTicketBody(
  updates: TicketUpdates, user: User, timezone: number, dialect: Dialect, operation = 'updateTicket',
): { ticket?: TicketUpdates; updates?: TicketUpdates; user: User } {
  if (!isRecord(updates)) throw invalidInput('The updates must be an object.', operation);
  const fields = ticketFields(updates, operation, timezone);
  if (Object.keys(fields).length === 0) throw invalidInput('The updates must change at least one field.', operation);
  const checkedUser = checkUser(user, 'user', operation);
  return dialect === 'live' ? { ticket: fields, user: checkedUser } : { updates: fields, user: checkedUser };
}

const MAX_STATUS_LABEL = 100;

/**
 * `status` is a state of the ticket's workflow, sent as given, and so is a resolution: the
 * workflow, not this client, knows its states and which of them records a resolution.
 */
export function statusChangeBody(change: StatusChange, user: User, operation = 'changeStatus'): StatusChange & { user: User } {
  if (!isRecord(change)) throw invalidInput('The status change must be an object.', operation);
  const status = checkNonEmptyString(change.status, 'status', operation).trim();
  if (status.length > MAX_STATUS_LABEL) throw invalidInput(`status must be at most ${MAX_STATUS_LABEL} characters.`, operation);
  const body: StatusChange & { user: User } = { status, user: checkUser(user, 'user', operation) };
  if (change.resolution !== undefined) {
    body.resolution = checkOneOf(change.resolution, RESOLUTIONS, 'resolution', operation);
  }
  if (change.comment !== undefined) {
    if (typeof change.comment !== 'string') throw invalidInput('comment must be text.', operation);
    if (change.comment.trim() !== '') body.comment = change.comment;
  }
  return body;
}

/** `isPrivate`: an agents-only note (live: `{comment, isPrivate, user}`); sent only when true. */
export function commentBody(comment: string, user: User, operation = 'addComment', isPrivate = false): { comment: string; isPrivate?: true; user: User } {
  return { comment: checkNonEmptyString(comment, 'comment', operation), ...(isPrivate ? { isPrivate: true as const } : {}), user: checkUser(user, 'user', operation) };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a custom value must be for its field's kind: the live service drops a ticket whose values
 * do not fit (a toggle sent as "true", a list value not among its options), answering 200 with
 * no ticket, so they are refused here before anything is sent. The message names the field.
 */
function customValueProblem(field: CustomField, value: CustomFieldValue, people: readonly User[]): string | undefined {
  const name = field.label || 'A custom field';
  switch (field.type) {
    case 'toggle':
      return typeof value === 'boolean' ? undefined : `${name} is on or off (true or false).`;
    case 'datepicker':
      return typeof value === 'string' && DATE_ONLY.test(value) ? undefined : `${name} must be a date written YYYY-MM-DD.`;
    case 'text':
    case 'textarea':
      return typeof value === 'string' ? undefined : `${name} must be text.`;
    case 'itempicker': {
      const keys = new Set((field.options ?? []).map((o) => o.id));
      if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string' && keys.has(v))) {
        return `${name} takes only its own options.`;
      }
      return !field.multiple && value.length > 1 ? `${name} takes one option.` : undefined;
    }
    case 'peoplepicker': {
      const ids = new Set(people.map((p) => p.id));
      const ok = Array.isArray(value) && value.every((v) => isRecord(v) && typeof v.id === 'string' && ids.has(v.id));
      return ok ? undefined : `${name} takes only people of this helpdesk.`;
    }
    default:
      return `${name} cannot be set by this bot.`;
  }
}

/**
 * Checks custom values against the instance's fields (kinds, options, people) before a write.
 * An id that names no field of the instance is refused too: the service would drop it.
 */
export function checkCustomValues(
  values: Record<string, CustomFieldValue>, fields: readonly CustomField[], people: readonly User[], operation: string,
): void {
  for (const [id, value] of Object.entries(values)) {
    const field = fields.find((f) => f.id === id);
    if (!field) throw invalidInput('A custom field named is not one of this helpdesk\'s fields.', operation);
    const problem = customValueProblem(field, value, people);
    if (problem !== undefined) throw invalidInput(problem, operation);
  }
}
