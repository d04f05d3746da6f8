/**
 * The JSON the sandbox answers with. A ticket goes out with every field of ITicket, its number
 * named `ticketId` as in the seed; `select` narrows it to the fields named, plus `id`.
 */
import type { CustomFieldValue, SelectField, TicketTag, User } from '../ticketing/types.js';
import type { StoredActivity, StoredTicket } from './model.js';

/** A stored ticket as the seed names it on the wire: the number is `ticketId`. */
export type WireTicket = Omit<StoredTicket, 'number'> & { ticketId: number };

/** A ticket as the API returns it; absent optional fields are left out, not null. */
export function wireTicket(ticket: StoredTicket): WireTicket {
  const { id, number, ...rest } = structuredClone(ticket);
  return { id, ticketId: number, ...rest };
}

type SelectedValue = string | number | boolean | User | TicketTag[] | Record<string, CustomFieldValue> | undefined;

function selected(ticket: WireTicket, field: SelectField): SelectedValue {
  switch (field) {
    case 'requestorName': return ticket.requestor.name;
    case 'requestorEmail': return ticket.requestor.email;
    case 'assigneeName': return ticket.assignee?.name;
    case 'assigneeEmail': return ticket.assignee?.email;
    default: return ticket[field];
  }
}

/** Only the fields named, plus `id`; requestorName & co. as flat strings. */
export function selectFields(ticket: StoredTicket, fields: readonly SelectField[]): Record<string, unknown> {
  const full = wireTicket(ticket);
  const result: Record<string, unknown> = { id: full.id };
  for (const field of fields) {
    const value = selected(full, field);
    if (value !== undefined) result[field] = value;
  }
  return result;
}

/** IActivity: a status change or a comment; `ticketId` is the ticket's UUID. */
export function wireActivity(activity: StoredActivity): StoredActivity {
  return structuredClone(activity);
}

/** IComment: what adding a comment answers. */
export function wireComment(activity: StoredActivity): {
  id: string; ticketId: string; comment: string; isPrivate: boolean; createdDateTime: string; createdBy: User;
} {
  return {
    id: activity.id,
    ticketId: activity.ticketId,
    comment: activity.comment ?? '',
    isPrivate: activity.isPrivate,
    createdDateTime: activity.createdDateTime,
    createdBy: structuredClone(activity.createdBy),
  };
}
