/**
 * The JSON the sandbox answers with, in either dialect. Documented: every field of ITicket, the
 * number named `ticketId`, tags as objects. Live: the number is `ticketNo`, tags are plain texts,
 * the status is the workflow's label and the ticket carries its workflow; activities carry
 * `changes` and no `type`; custom fields and people have the live shapes.
 */
import type { CustomField, CustomFieldValue, Instance, SelectField, TicketTag, User } from '../ticketing/types.js';
import type { Dialect } from './dialect.js';
import type { StoredActivity, StoredTicket } from './model.js';
import { instanceWorkflows, statusText, ticketWorkflow } from './workflows.js';

/** A stored ticket as the page names it on the wire: the number is `ticketId`. */
export type WireTicket = Omit<StoredTicket, 'number'> & { ticketId: number };

/** A ticket as the API returns it; absent optional fields are left out, not null. */
export function wireTicket(ticket: StoredTicket): WireTicket {
  const { id, number, workflowId: _workflow, ...rest } = structuredClone(ticket);
  return { id, ticketId: number, ...rest };
}

/** A ticket as the dialect returns it. */
export function dialectTicket(ticket: StoredTicket, dialect: Dialect): Record<string, unknown> {
  const documented = wireTicket(ticket);
  if (dialect === 'documented') return documented;
  const { ticketId, tags, status, ...rest } = documented;
  return {
    ...rest,
    ticketNo: ticketId,
    status: statusText(ticket.workflowId, status, 'live'),
    tags: tags.map((t) => t.text),
    ...ticketWorkflow(ticket.workflowId),
  };
}

type SelectedValue = string | number | boolean | User | TicketTag[] | string[] | Record<string, CustomFieldValue> | undefined;

function selected(ticket: WireTicket, field: SelectField, dialect: Dialect, workflowId: string | undefined): SelectedValue {
  switch (field) {
    case 'requestorName': return ticket.requestor.name;
    case 'requestorEmail': return ticket.requestor.email;
    case 'assigneeName': return ticket.assignee?.name;
    case 'assigneeEmail': return ticket.assignee?.email;
    case 'status': return statusText(workflowId, ticket.status, dialect);
    case 'tags': return dialect === 'live' ? ticket.tags.map((t) => t.text) : ticket.tags;
    default: return ticket[field];
  }
}

/** Only the fields named, plus `id`; requestorName & co. as flat strings; live names the number `ticketNo`. */
export function selectFields(ticket: StoredTicket, fields: readonly SelectField[], dialect: Dialect): Record<string, unknown> {
  const full = wireTicket(ticket);
  const result: Record<string, unknown> = { id: full.id };
  for (const field of fields) {
    const value = selected(full, field, dialect, ticket.workflowId);
    if (value === undefined) continue;
    if (dialect === 'live' && field === 'ticketId') result.ticketNo = value;
    else result[field] = value;
  }
  return result;
}

/** IActivity: documented with `type`, `status`, `previousStatus`; live with `changes` instead. */
export function wireActivity(activity: StoredActivity, dialect: Dialect, workflowId?: string): Record<string, unknown> {
  if (dialect === 'documented') return { ...structuredClone(activity) };
  const changes: { name: string; oldValue: string | null; newValue: string | null }[] = [];
  if (activity.type === 'status' && activity.status !== undefined) {
    changes.push({
      name: 'status',
      oldValue: activity.previousStatus === undefined ? null : statusText(workflowId, activity.previousStatus, 'live'),
      newValue: statusText(workflowId, activity.status, 'live'),
    });
    if (activity.resolution !== undefined) changes.push({ name: 'resolution', oldValue: null, newValue: activity.resolution });
  }
  return {
    id: activity.id,
    ticketId: activity.ticketId,
    ...(activity.comment !== undefined ? { comment: activity.comment } : {}),
    isPrivate: activity.isPrivate,
    createdDateTime: activity.createdDateTime,
    createdBy: structuredClone(activity.createdBy),
    attachments: [],
    changes,
  };
}

/** What adding a comment answers: IComment (documented), or the live `{item: {activityId, …}, message, error}`. */
export function commentAnswer(activity: StoredActivity, ticketNo: number, dialect: Dialect): Record<string, unknown> {
  if (dialect === 'documented') {
    return {
      item: {
        id: activity.id,
        ticketId: activity.ticketId,
        comment: activity.comment ?? '',
        isPrivate: activity.isPrivate,
        createdDateTime: activity.createdDateTime,
        createdBy: structuredClone(activity.createdBy),
      },
    };
  }
  return {
    item: {
      activityId: activity.id,
      ticketId: activity.ticketId,
      ticketNo,
      comment: activity.comment ?? '',
      attachments: [],
      user: structuredClone(activity.createdBy),
    },
    message: 'Comment added',
    error: false,
  };
}

/** The live service's kind keys for the page's custom field types. */
const LIVE_KIND: Readonly<Record<string, string>> = {
  text: 'text', textarea: 'textarea', toggle: 'toggle', datepicker: 'date', peoplepicker: 'peoplepicker', itempicker: 'list',
};

const KIND_TEXT: Readonly<Record<string, string>> = {
  text: 'Text field', textarea: 'Text area', toggle: 'Toggle', date: 'Date picker', peoplepicker: 'People picker', list: 'Items picker',
};

function liveField(field: CustomField): Record<string, unknown> {
  const key = LIVE_KIND[field.type] ?? field.type;
  return {
    id: field.id,
    title: field.label,
    type: { key, text: KIND_TEXT[key] ?? key, data: null },
    isMandatory: field.required === true,
    isMultiple: field.multiple === true || field.type === 'peoplepicker',
    status: 'active',
    ...(field.options ? { options: field.options.map((o) => ({ key: o.id, text: o.text })) } : {}),
  };
}

/** GET /instance's item: the page's shapes, or live custom fields and `{id, name, email}` people. */
export function wireInstance(instance: Instance, dialect: Dialect): Record<string, unknown> {
  if (dialect === 'documented') return { ...instance };
  const lists = ['customFields', 'customFieldsLeft', 'customFieldsRight', 'optionalFieldsLeft', 'optionalFieldsRight'] as const;
  const out: Record<string, unknown> = { ...instance };
  for (const list of lists) {
    const fields = instance[list];
    if (fields) out[list] = fields.map(liveField);
  }
  if (instance.assignees) {
    out.assignees = {
      type: instance.assignees.type,
      peoples: (instance.assignees.peoples ?? []).map((p) => ({ id: p.id, name: p.text, email: p.secondaryText })),
    };
  }
  out.workflows = instanceWorkflows();
  return out;
}
