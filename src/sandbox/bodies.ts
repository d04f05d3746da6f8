/**
 * Request bodies, parsed once at the edge into typed input: anything the contract does not allow
 * is refused here with a 400 naming the field, so the store only ever sees valid values.
 */
import {
  PRIORITIES, RESOLUTIONS,
  type CustomField, type CustomFieldValue, type Instance, type NewTicket, type Priority, type Resolution,
  type TagCategory, type TicketTag, type User,
} from '../ticketing/types.js';
import { invalidParameter, missingField } from './errors.js';
import { isDateOrDateTime, toCalendarDay } from './dates.js';
import type { Dialect } from './dialect.js';
import { MAX_COMMENT_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_TAG_LENGTH, MAX_TEXT_FIELD_LENGTH, MAX_TITLE_LENGTH } from '../ticketing/limits.js';
import { isRecord } from '../ticketing/validate.js';
import { changeTargets, isResolutionStatus, statusForChange } from './workflows.js';

const MAX_USER_PART = 320;
const MAX_LIST = 100;

/** The seed's new ticket, as the client sends it: one shape on both sides of the wire. */
export type NewTicketInput = NewTicket;

/** PUT /tickets/{id}: only the fields given change; null clears an optional one. */
export interface TicketChanges {
  title?: string;
  requestor?: User;
  description?: string | null;
  priority?: Priority;
  assignee?: User | null;
  expectedDate?: string | null;
  tags?: TicketTag[];
  customFields?: Record<string, CustomFieldValue | null>;
}

export interface StatusChangeInput {
  /** The stored status (see StoredTicket.status). */
  status: string;
  resolution?: Resolution;
  comment?: string;
}

export interface CommentInput {
  comment: string;
  isPrivate: boolean;
}

/** What a body is checked against: the instance's custom fields and the tag categories. */
export interface Catalog {
  instance: Instance;
  categories: readonly TagCategory[];
}

type Json = Record<string, unknown>;

const list = (values: readonly string[]): string => values.join(', ');

function refuseUnknown(object: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const where = path ? `${path}.${key.slice(0, 64)}` : key.slice(0, 64);
      throw invalidParameter(`The field "${where}" is not accepted here; accepted fields: ${list(allowed)}.`);
    }
  }
}

/** A required, non-blank string: undefined, null or blank → MissingField; another type → InvalidParameter. */
function requiredString(value: unknown, path: string, max: number): string {
  if (value === undefined || value === null) throw missingField(path);
  if (typeof value !== 'string') throw invalidParameter(`The field "${path}" must be a string.`);
  if (value.trim() === '') throw missingField(path);
  if (value.length > max) throw invalidParameter(`The field "${path}" must be at most ${max} characters long.`);
  return value;
}

function optionalString(value: unknown, path: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`The field "${path}" must be a string.`);
  if (value.length > max) throw invalidParameter(`The field "${path}" must be at most ${max} characters long.`);
  return value;
}

/** IUser: an object with non-blank string id, name and email (the API does not check they agree). */
export function parseUser(value: unknown, path: string): User {
  if (value === undefined || value === null) throw missingField(path);
  if (!isRecord(value)) throw invalidParameter(`The field "${path}" must be an object with id, name and email.`);
  refuseUnknown(value, ['id', 'name', 'email'], path);
  return {
    id: requiredString(value.id, `${path}.id`, MAX_USER_PART),
    name: requiredString(value.name, `${path}.name`, MAX_USER_PART),
    email: requiredString(value.email, `${path}.email`, MAX_USER_PART),
  };
}

function parseEnum<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw invalidParameter(`The field "${path}" must be one of ${list(allowed)}.`);
  return found;
}

function parseExpectedDate(value: unknown, path: string, timezone: number): string {
  const day = typeof value === 'string' ? toCalendarDay(value, timezone) : undefined;
  if (day === undefined) throw invalidParameter(`The field "${path}" must be a date (YYYY-MM-DD) or an ISO date-time.`);
  return day;
}

function parseTags(value: unknown, path: string, categories: readonly TagCategory[]): TicketTag[] {
  if (!Array.isArray(value)) throw invalidParameter(`The field "${path}" must be an array of {tagCategoryId, text}.`);
  if (value.length > MAX_LIST) throw invalidParameter(`The field "${path}" may hold at most ${MAX_LIST} tags.`);
  const tags: TicketTag[] = [];
  value.forEach((item: unknown, index) => {
    const where = `${path}[${index}]`;
    if (!isRecord(item)) throw invalidParameter(`The field "${where}" must be an object {tagCategoryId, text}.`);
    refuseUnknown(item, ['tagCategoryId', 'text'], where);
    const tagCategoryId = requiredString(item.tagCategoryId, `${where}.tagCategoryId`, MAX_TAG_LENGTH);
    const text = requiredString(item.text, `${where}.text`, MAX_TAG_LENGTH).trim();
    const category = categories.find((c) => c.id === tagCategoryId);
    if (!category || category.deleted) {
      throw invalidParameter(`The field "${where}.tagCategoryId" names no tag category of this instance (see GET /tags).`);
    }
    const duplicate = tags.some((t) => t.tagCategoryId === tagCategoryId && t.text.toLowerCase() === text.toLowerCase());
    if (!duplicate) tags.push({ tagCategoryId, text });
  });
  return tags;
}

function parseCustomFieldValue(field: CustomField, value: unknown, path: string): CustomFieldValue {
  switch (field.type) {
    case 'peoplepicker': {
      if (!Array.isArray(value)) throw invalidParameter(`The field "${path}" (${field.label}) must be an array of users.`);
      if (value.length > MAX_LIST) throw invalidParameter(`The field "${path}" may hold at most ${MAX_LIST} users.`);
      return value.map((item: unknown, index) => parseUser(item, `${path}[${index}]`));
    }
    case 'itempicker': {
      const options = field.options ?? [];
      if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
        throw invalidParameter(`The field "${path}" (${field.label}) must be an array of option ids.`);
      }
      const ids = [...new Set(value)];
      const unknown = ids.find((id) => !options.some((option) => option.id === id));
      if (unknown !== undefined) throw invalidParameter(`The field "${path}" (${field.label}) has no option "${unknown.slice(0, 64)}".`);
      if (!field.multiple && ids.length > 1) throw invalidParameter(`The field "${path}" (${field.label}) takes at most one option.`);
      return ids;
    }
    case 'text':
    case 'textarea': {
      const max = field.type === 'text' ? MAX_TEXT_FIELD_LENGTH : MAX_DESCRIPTION_LENGTH;
      if (typeof value !== 'string') throw invalidParameter(`The field "${path}" (${field.label}) must be a string.`);
      if (value.length > max) throw invalidParameter(`The field "${path}" (${field.label}) must be at most ${max} characters long.`);
      return value;
    }
    case 'toggle':
      if (typeof value !== 'boolean') throw invalidParameter(`The field "${path}" (${field.label}) must be true or false.`);
      return value;
    case 'datepicker':
      if (typeof value !== 'string' || !isDateOrDateTime(value)) {
        throw invalidParameter(`The field "${path}" (${field.label}) must be a date (YYYY-MM-DD) or an ISO date-time.`);
      }
      return value;
    default:
      throw invalidParameter(`The field "${path}" (${field.label}) cannot be set through the API.`);
  }
}

function parseCustomFields(value: unknown, path: string, instance: Instance): Record<string, CustomFieldValue | null> {
  if (!isRecord(value)) throw invalidParameter(`The field "${path}" must be an object keyed by custom field id.`);
  const result: Record<string, CustomFieldValue | null> = {};
  for (const [id, fieldValue] of Object.entries(value)) {
    const where = `${path}.${id.slice(0, 64)}`;
    const field = (instance.customFields ?? []).find((f) => f.id === id);
    if (!field) throw invalidParameter(`The field "${where}" names no custom field of this instance (see GET /instance).`);
    result[id] = fieldValue === null ? null : parseCustomFieldValue(field, fieldValue, where);
  }
  return result;
}

const TICKET_FIELDS = ['title', 'requestor', 'description', 'priority', 'assignee', 'expectedDate', 'tags', 'customFields'] as const;
const READ_ONLY_FIELDS = [
  'id', 'ticketId', 'ticketNo', 'number', 'resolution', 'firstResponseOn', 'firstResolutionOn',
  'lastResolutionOn', 'createdOn', 'lastUpdatedOn', 'isFrtEscalated', 'isRtEscalated', 'createdBy',
  'lastUpdatedBy', 'lastResolutionComment',
];

function refuseStatusAndReadOnly(object: Json, path: string, creating: boolean): void {
  if ('status' in object) {
    throw invalidParameter(creating
      ? `The field "${path}.status" is not accepted: a new ticket is Open; change it with PUT /tickets/{id}/status.`
      : `The field "${path}.status" cannot be changed here; use PUT /tickets/{id}/status.`);
  }
  const readOnly = Object.keys(object).find((key) => READ_ONLY_FIELDS.includes(key));
  if (readOnly) throw invalidParameter(`The field "${path}.${readOnly}" is set by the service and cannot be written.`);
  refuseUnknown(object, TICKET_FIELDS, path);
}

/** The fields of a ticket body both create and update accept, each checked; absent stays absent. */
function parseTicketFields(object: Json, path: string, catalog: Catalog, timezone: number): TicketChanges {
  const changes: TicketChanges = {};
  if ('title' in object) changes.title = requiredString(object.title, `${path}.title`, MAX_TITLE_LENGTH);
  if ('requestor' in object) changes.requestor = parseUser(object.requestor, `${path}.requestor`);
  if ('description' in object) changes.description = optionalString(object.description, `${path}.description`, MAX_DESCRIPTION_LENGTH) ?? null;
  if ('priority' in object) changes.priority = parseEnum(object.priority, PRIORITIES, `${path}.priority`);
  if ('assignee' in object) changes.assignee = object.assignee === null ? null : parseUser(object.assignee, `${path}.assignee`);
  if ('expectedDate' in object) {
    changes.expectedDate = object.expectedDate === null ? null : parseExpectedDate(object.expectedDate, `${path}.expectedDate`, timezone);
  }
  if ('tags' in object) changes.tags = object.tags === null ? [] : parseTags(object.tags, `${path}.tags`, catalog.categories);
  if ('customFields' in object && object.customFields !== null) {
    changes.customFields = parseCustomFields(object.customFields, `${path}.customFields`, catalog.instance);
  }
  return changes;
}

function withoutNulls(fields: Record<string, CustomFieldValue | null>): Record<string, CustomFieldValue> {
  const result: Record<string, CustomFieldValue> = {};
  for (const [id, value] of Object.entries(fields)) if (value !== null) result[id] = value;
  return result;
}

/** POST /tickets: `{ ticket: {title, requestor, ...}, user }`. */
export function parseCreateBody(body: Json, catalog: Catalog, timezone: number): { ticket: NewTicketInput; user: User } {
  refuseUnknown(body, ['ticket', 'user'], '');
  if (body.ticket === undefined || body.ticket === null) throw missingField('ticket');
  if (!isRecord(body.ticket)) throw invalidParameter('The field "ticket" must be an object.');
  const object = body.ticket;
  refuseStatusAndReadOnly(object, 'ticket', true);
  if (!('title' in object)) throw missingField('ticket.title');
  if (!('requestor' in object)) throw missingField('ticket.requestor');
  const fields = parseTicketFields(object, 'ticket', catalog, timezone);
  const user = parseUser(body.user, 'user');
  const { title, requestor } = fields;
  if (title === undefined) throw missingField('ticket.title');
  if (requestor === undefined) throw missingField('ticket.requestor');
  return {
    ticket: {
      title,
      requestor,
      ...(fields.description ? { description: fields.description } : {}),
      ...(fields.priority ? { priority: fields.priority } : {}),
      ...(fields.assignee ? { assignee: fields.assignee } : {}),
      ...(fields.expectedDate ? { expectedDate: fields.expectedDate } : {}),
      ...(fields.tags ? { tags: fields.tags } : {}),
      ...(fields.customFields ? { customFields: withoutNulls(fields.customFields) } : {}),
    },
    user,
  };
}

/** PUT /tickets/{id}: `{ updates: {...}, user }` (documented) or `{ ticket: {...}, user }` (live), each refusing the other. */
export function parseUpdateBody(body: Json, catalog: Catalog, timezone: number, dialect: Dialect): { changes: TicketChanges; user: User } {
  const key = dialect === 'live' ? 'ticket' : 'updates';
  refuseUnknown(body, [key, 'user'], '');
  const object = body[key];
  if (object === undefined || object === null) throw missingField(key);
  if (!isRecord(object)) throw invalidParameter(`The field "${key}" must be an object.`);
  refuseStatusAndReadOnly(object, key, false);
  if (Object.keys(object).length === 0) throw invalidParameter(`The field "${key}" names no field to change.`);
  const changes = parseTicketFields(object, key, catalog, timezone);
  return { changes, user: parseUser(body.user, 'user') };
}

/**
 * PUT /tickets/{id}/status: `{ status, resolution?, comment?, user }`, the status named as the
 * dialect names it in the ticket's workflow (a custom workflow's state by its id).
 */
export function parseStatusBody(body: Json, dialect: Dialect, workflowId?: string): { change: StatusChangeInput; user: User } {
  refuseUnknown(body, ['status', 'resolution', 'comment', 'user'], '');
  if (body.status === undefined || body.status === null) throw missingField('status');
  const status = typeof body.status === 'string' ? statusForChange(workflowId, body.status, dialect) : undefined;
  if (status === undefined) throw invalidParameter(`The field "status" must be one of ${list(changeTargets(workflowId, dialect))}.`);
  let resolution: Resolution | undefined;
  if (body.resolution !== undefined && body.resolution !== null) {
    if (!isResolutionStatus(workflowId, status)) throw invalidParameter('The field "resolution" is only accepted with the status Resolved.');
    resolution = parseEnum(body.resolution, RESOLUTIONS, 'resolution');
  }
  const comment = optionalString(body.comment, 'comment', MAX_COMMENT_LENGTH);
  const user = parseUser(body.user, 'user');
  return {
    change: { status, ...(resolution ? { resolution } : {}), ...(comment ? { comment } : {}) },
    user,
  };
}

/** POST /tickets/{id}/comments (or /activities): `{ comment, isPrivate?, user }`. */
export function parseCommentBody(body: Json): { input: CommentInput; user: User } {
  refuseUnknown(body, ['comment', 'isPrivate', 'user'], '');
  const comment = requiredString(body.comment, 'comment', MAX_COMMENT_LENGTH);
  let isPrivate = false;
  if (body.isPrivate !== undefined && body.isPrivate !== null) {
    if (typeof body.isPrivate !== 'boolean') throw invalidParameter('The field "isPrivate" must be true or false.');
    isPrivate = body.isPrivate;
  }
  return { input: { comment, isPrivate }, user: parseUser(body.user, 'user') };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The live service's silent failures on create (notes: S2, S3): a body with custom values of the
 * wrong kind or outside their options, or a date-time `expectedDate` together with custom fields,
 * is answered 200 with no ticket, and nothing is created. True when `body` is such a body.
 */
export function liveDropsCreate(body: Json, catalog: Catalog): boolean {
  const ticket = body.ticket;
  if (!isRecord(ticket) || !isRecord(ticket.customFields)) return false;
  if (typeof ticket.expectedDate === 'string' && !DATE_ONLY.test(ticket.expectedDate)) return true;
  try {
    parseCustomFields(ticket.customFields, 'ticket.customFields', catalog.instance);
    return false;
  } catch {
    return true;
  }
}
