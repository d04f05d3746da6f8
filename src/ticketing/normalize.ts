/**
 * Tolerant reading of the service's JSON (typed `unknown`) into the shared types, for the seed's
 * shapes and the live service's. Missing optional fields are left out; an optional field of the
 * wrong type is dropped rather than failing the whole read; a list item that lacks its `id` is
 * dropped. Only an envelope that holds no list / no object at all is an error (the caller turns
 * `undefined` into a `badResponse`).
 */
import type {
  Activity, Comment, CustomField, FieldChange, CustomFieldOption, CustomFieldValue, Instance, Persona, ReadTag, Tag,
  TagCategory, Ticket, User, Workflow, WorkflowState,
} from './types.js';
import { isRecord } from './validate.js';

type Json = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function finiteNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A ticket number from a number or a numeric string (`"1234"`), else undefined. */
function ticketNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/** Copies `fields` of `from` that pass `read` onto `to`. */
function copy<T extends object, K extends keyof T & string>(
  to: T, from: Json, fields: readonly K[], read: (v: unknown) => T[K] | undefined,
): void {
  for (const field of fields) {
    const value = read(from[field]);
    if (value !== undefined) to[field] = value;
  }
}

function list<T>(v: unknown, read: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const item of v) {
    const value = read(item);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/**
 * A user; a missing name or email becomes `''` (the live service may leave the email out).
 * Undefined when it has none of id, name, email.
 */
export function readUser(v: unknown): User | undefined {
  if (!isRecord(v)) return undefined;
  const id = str(v.id);
  const email = str(v.email);
  const name = str(v.name) ?? str(v.displayName);
  if (id === undefined && name === undefined && email === undefined) return undefined;
  return { id: id ?? '', name: name ?? email ?? '', email: email ?? '' };
}

/** A ticket's tag: the live plain text, or the page's `{tagCategoryId, text}`. */
function readTicketTag(v: unknown): ReadTag | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : { text: v };
  if (!isRecord(v)) return undefined;
  const text = nonEmpty(v.text);
  if (text === undefined) return undefined;
  const tagCategoryId = nonEmpty(v.tagCategoryId);
  return tagCategoryId === undefined ? { text } : { tagCategoryId, text };
}

function trimmed(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * A workflow state `{id, label, recordResolutionSLA, nextSteps: [{targetId}]}` (S3); `name` or
 * `text` stand in for the label, which falls back to the id, and the id to the label.
 */
function readWorkflowState(v: unknown): WorkflowState | undefined {
  if (!isRecord(v)) return undefined;
  const label = trimmed(v.label) ?? trimmed(v.name) ?? trimmed(v.text);
  const id = trimmed(v.id) ?? label;
  if (id === undefined) return undefined;
  const state: WorkflowState = { id, label: label ?? id };
  const next = list(v.nextSteps, (step) => (isRecord(step) ? trimmed(step.targetId) : undefined));
  if (next !== undefined) state.next = next;
  const recordsResolution = bool(v.recordResolutionSLA);
  if (recordsResolution !== undefined) state.recordsResolution = recordsResolution;
  return state;
}

function readCustomFieldValue(v: unknown): CustomFieldValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (!Array.isArray(v)) return undefined;
  if (v.every((x) => typeof x === 'string')) return v as string[];
  const users = list(v, readUser);
  return users !== undefined && users.length === v.length ? users : undefined;
}

function readCustomFields(v: unknown): Record<string, CustomFieldValue> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, CustomFieldValue> = {};
  for (const [id, value] of Object.entries(v)) {
    const read = readCustomFieldValue(value);
    if (read !== undefined) out[id] = read;
  }
  return out;
}

function setUser(t: Ticket, field: 'requestor' | 'assignee', name: unknown, email: unknown): void {
  const user = readUser({ name, email });
  if (user) t[field] = user;
}

/**
 * A ticket; undefined when it has no `id` string. The number comes from `ticketNo` (live) or
 * `ticketId` (seed), as a number or numeric string. Labels (status, priority) are trimmed and
 * kept as given, even outside the seed's lists.
 */
export function readTicket(v: unknown): Ticket | undefined {
  if (!isRecord(v)) return undefined;
  const id = nonEmpty(v.id);
  if (id === undefined) return undefined;
  const t: Ticket = { id };
  const number = ticketNumber(v.ticketNo) ?? ticketNumber(v.ticketId);
  if (number !== undefined) t.number = number;
  copy(t, v, ['title', 'description', 'expectedDate', 'resolution', 'firstResponseOn', 'firstResolutionOn',
    'lastResolutionOn', 'createdOn', 'lastUpdatedOn', 'lastResolutionComment'], str);
  copy(t, v, ['status', 'priority'], (x) => (typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined));
  copy(t, v, ['requestor', 'assignee', 'createdBy', 'lastUpdatedBy'], readUser);
  // A `select` of the flattened forms (`requestorName`, `assigneeEmail`…) answers with those alone.
  if (t.requestor === undefined) setUser(t, 'requestor', v.requestorName, v.requestorEmail);
  if (t.assignee === undefined) setUser(t, 'assignee', v.assigneeName, v.assigneeEmail);
  copy(t, v, ['isFrtEscalated', 'isRtEscalated'], bool);
  const customFields = readCustomFields(v.customFields);
  if (customFields !== undefined) t.customFields = customFields;
  const tags = list(v.tags, readTicketTag);
  if (tags !== undefined) t.tags = tags;
  const workflow = list(v.workflow, readWorkflowState);
  if (workflow !== undefined && workflow.length > 0) t.workflow = workflow;
  const resolvedStatus = list(v.resolvedStatus, trimmed);
  if (resolvedStatus !== undefined) t.resolvedStatus = resolvedStatus;
  copy(t, v, ['isCustomWorkflow'], bool);
  return t;
}

/**
 * One of the instance's workflows: `{id, name, isDefault, states}`; the states may come as
 * `states`, `workflow` or `steps` (the sources show the ticket's `workflow` list only), the name
 * as `name`, `title` or `label`. Undefined without an id or without a state.
 */
function readWorkflow(v: unknown): Workflow | undefined {
  if (!isRecord(v)) return undefined;
  const id = trimmed(v.id);
  const states = list(v.states ?? v.workflow ?? v.steps, readWorkflowState);
  if (id === undefined || states === undefined || states.length === 0) return undefined;
  const w: Workflow = { id, name: trimmed(v.name) ?? trimmed(v.title) ?? trimmed(v.label) ?? id, states };
  const isDefault = bool(v.isDefault);
  if (isDefault !== undefined) w.isDefault = isDefault;
  return w;
}

/** The status change in a live activity's `changes`: `{name: 'status', oldValue, newValue}`. */
function statusChangeOf(changes: unknown): { status?: string; previousStatus?: string; resolution?: string } | undefined {
  if (!Array.isArray(changes)) return undefined;
  const named = (name: string) => changes.find((c): c is Json => isRecord(c) && typeof c.name === 'string' && c.name.toLowerCase() === name);
  const status = named('status');
  if (!status) return undefined;
  const resolution = named('resolution');
  const out: { status?: string; previousStatus?: string; resolution?: string } = {};
  const to = trimmed(status.newValue);
  const from = trimmed(status.oldValue);
  const why = resolution ? trimmed(resolution.newValue) : undefined;
  if (to !== undefined) out.status = to;
  if (from !== undefined) out.previousStatus = from;
  if (why !== undefined) out.resolution = why;
  return out;
}

/** A changed value as text: a person by their name, a list joined, a text as given. */
function changeText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const parts = value.map(changeText).filter((p) => p !== undefined);
    return parts.length === 0 ? undefined : parts.join(', ');
  }
  if (isRecord(value)) return trimmed(value.name) ?? trimmed(value.text) ?? trimmed(value.email);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return trimmed(value);
}

/** A live activity's `changes` other than the status and resolution (read by statusChangeOf). */
function otherChangesOf(changes: unknown): FieldChange[] {
  if (!Array.isArray(changes)) return [];
  const out: FieldChange[] = [];
  for (const c of changes) {
    if (!isRecord(c)) continue;
    const name = trimmed(c.name);
    if (name === undefined || ['status', 'resolution'].includes(name.toLowerCase())) continue;
    const change: FieldChange = { name };
    const from = changeText(c.oldValue);
    const to = changeText(c.newValue);
    if (from !== undefined) change.from = from;
    if (to !== undefined) change.to = to;
    out.push(change);
  }
  return out;
}

/**
 * An activity; undefined without an `id` (or the live `activityId`). `ticketId` falls back to the
 * ticket asked about. The page's activities say their `type` and `status`; live ones carry
 * `changes` instead, and one for `status` makes a status change. Anything else is a comment.
 */
export function readActivity(v: unknown, ticketId: string): Activity | undefined {
  if (!isRecord(v)) return undefined;
  const id = nonEmpty(v.id) ?? nonEmpty(v.activityId);
  if (id === undefined) return undefined;
  const change = statusChangeOf(v.changes);
  const status = trimmed(v.status) ?? change?.status;
  const typeText = typeof v.type === 'string' ? v.type.toLowerCase() : '';
  const type: Activity['type'] = typeText.includes('status') ? 'status'
    : typeText.includes('comment') ? 'comment'
      : status !== undefined || change !== undefined ? 'status' : 'comment';
  const a: Activity = { id, ticketId: nonEmpty(v.ticketId) ?? ticketId, type };
  if (status !== undefined) a.status = status;
  copy(a, v, ['comment', 'createdDateTime', 'resolution'], str);
  copy(a, v, ['previousStatus'], trimmed);
  if (a.previousStatus === undefined && change?.previousStatus !== undefined) a.previousStatus = change.previousStatus;
  if (a.resolution === undefined && change?.resolution !== undefined) a.resolution = change.resolution;
  copy(a, v, ['isPrivate'], bool);
  copy(a, v, ['createdBy'], readUser);
  const others = otherChangesOf(v.changes);
  if (others.length > 0) a.changes = others;
  return a;
}

/**
 * A comment; undefined without an `id` or the live `activityId`. A missing text becomes `''`;
 * the author is `createdBy`, or the live item's `user`.
 */
export function readComment(v: unknown, ticketId: string): Comment | undefined {
  if (!isRecord(v)) return undefined;
  const id = nonEmpty(v.id) ?? nonEmpty(v.activityId);
  if (id === undefined) return undefined;
  const c: Comment = { id, ticketId: nonEmpty(v.ticketId) ?? ticketId, comment: str(v.comment) ?? '' };
  copy(c, v, ['createdDateTime'], str);
  copy(c, v, ['isPrivate'], bool);
  copy(c, v, ['createdBy'], readUser);
  if (c.createdBy === undefined) {
    const user = readUser(v.user);
    if (user) c.createdBy = user;
  }
  return c;
}

function readOption(v: unknown): CustomFieldOption | undefined {
  if (!isRecord(v)) return undefined;
  const id = nonEmpty(v.id) ?? nonEmpty(v.key);
  const text = str(v.text) ?? str(v.label) ?? str(v.name);
  return id !== undefined ? { id, text: text ?? id } : undefined;
}

/** The live kind keys that name the page's kinds differently. */
const KIND_ALIASES: Readonly<Record<string, string>> = { date: 'datepicker', list: 'itempicker' };

/**
 * A custom field definition; undefined without an `id`. The page's `{type, label, required,
 * multiple}` or the live `{type: {key}, title, isMandatory, isMultiple}`; kinds as CUSTOM_FIELD_TYPES.
 */
export function readCustomField(v: unknown): CustomField | undefined {
  if (!isRecord(v)) return undefined;
  const id = nonEmpty(v.id);
  if (id === undefined) return undefined;
  const kind = (str(v.type) ?? (isRecord(v.type) ? str(v.type.key) : undefined) ?? '').trim().toLowerCase();
  const label = str(v.label) ?? str(v.title) ?? str(v.name) ?? str(v.text) ?? '';
  const f: CustomField = { id, type: KIND_ALIASES[kind] ?? kind, label };
  const required = bool(v.required) ?? bool(v.isMandatory);
  const multiple = bool(v.multiple) ?? bool(v.isMultiple);
  if (required !== undefined) f.required = required;
  if (multiple !== undefined) f.multiple = multiple;
  const options = list(v.options, readOption);
  if (options !== undefined) f.options = options;
  return f;
}

/** A person: the page's persona `{id, text, secondaryText}`, or the live `{id, name, email}`. */
function readPersona(v: unknown): Persona | undefined {
  if (!isRecord(v)) return undefined;
  const p: Persona = {};
  const id = str(v.id);
  const text = str(v.text) ?? str(v.name);
  const secondaryText = str(v.secondaryText) ?? str(v.email);
  if (id !== undefined) p.id = id;
  if (text !== undefined) p.text = text;
  if (secondaryText !== undefined) p.secondaryText = secondaryText;
  return Object.keys(p).length > 0 ? p : undefined;
}

export function readInstance(v: unknown): Instance | undefined {
  if (!isRecord(v)) return undefined;
  const i: Instance = {};
  copy(i, v, ['id', 'groupId', 'name', 'tenantId', 'teamId', 'channelId', 'subscriptionId', 'mailAddress'], str);
  copy(i, v, ['enabled', 'isAutomaticAssignTickets', 'isAutoAssignIdleTickets', 'isNotifyIdleTicket'], bool);
  copy(i, v, ['dayBeforeTicketsIdle'], finiteNumber);
  copy(i, v, ['customFields', 'customFieldsLeft', 'customFieldsRight', 'optionalFieldsLeft', 'optionalFieldsRight'],
    (x) => list(x, readCustomField));
  const workflows = list(envelopeItems(v.workflows), readWorkflow);
  if (workflows !== undefined) i.workflows = workflows;
  if (isRecord(v.assignees) && (v.assignees.type === 'teamsOwner' || v.assignees.type === 'customAssignee')) {
    const peoples = list(v.assignees.peoples, readPersona);
    i.assignees = { type: v.assignees.type, ...(peoples === undefined ? {} : { peoples }) };
  }
  return i;
}

function readTag(v: unknown): Tag | undefined {
  if (!isRecord(v)) return undefined;
  const text = str(v.text);
  return text !== undefined ? { text, deleted: bool(v.deleted) ?? false } : undefined;
}

/** A tag category; undefined without a `text`. Missing instanceId/color become `''`, tags `[]`. */
export function readTagCategory(v: unknown): TagCategory | undefined {
  if (!isRecord(v)) return undefined;
  const text = str(v.text);
  if (text === undefined) return undefined;
  const c: TagCategory = {
    instanceId: str(v.instanceId) ?? '',
    text,
    color: str(v.color) ?? '',
    tags: list(v.tags, readTag) ?? [],
    deleted: bool(v.deleted) ?? false,
  };
  const id = str(v.id);
  if (id !== undefined) c.id = id;
  return c;
}

/** The `items` array of a list envelope (or a bare array); undefined when there is none. */
export function envelopeItems(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (isRecord(body) && Array.isArray(body.items)) return body.items;
  return undefined;
}

/** The `item` of a single-object envelope, or the body itself when it is the object. */
export function envelopeItem(body: unknown): unknown {
  if (isRecord(body) && isRecord(body.item)) return body.item;
  return body;
}

/** The continuation token from the body field, else from the response header; '' counts as none. */
export function continuationTokenOf(body: unknown, header: string | null): string | undefined {
  const fromBody = isRecord(body) ? nonEmpty(body.continuationToken) : undefined;
  return fromBody ?? (header !== null && header.trim() !== '' ? header.trim() : undefined);
}
