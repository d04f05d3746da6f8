import type { Ticket, User } from '../ticketing/types.js';
import type { TicketChange } from './ticketChanges.js';

/** `#1021`, or "a ticket" when the API left the number out. */
const numberOf = (ticket: Ticket) => (ticket.number === undefined ? 'a ticket' : `#${ticket.number}`);

/** Who made the change, as the API says; "Someone" when it does not. */
export const actorName = (ticket: Ticket) => ticket.lastUpdatedBy?.name?.trim() || 'Someone';

const personName = (user: User | undefined) => user?.name?.trim() || user?.email || 'someone';

/** One line for a channel or chat: what happened to the ticket, e.g. "Lee Gu moved #1021 to Resolved". */
export function channelHeadline(ticket: Ticket, change: TicketChange): string {
  const who = actorName(ticket);
  const n = numberOf(ticket);
  switch (change.kind) {
    case 'created': return `${ticket.createdBy?.name?.trim() || who} created ${n}`;
    case 'status': return `${who} moved ${n} to ${change.to ?? 'another state'}`;
    case 'assigned': return change.to ? `${who} assigned ${n} to ${personName(change.to)}` : `${who} unassigned ${n}`;
    case 'priority': return `${who} set the priority of ${n} to ${change.to ?? 'none'}`;
    case 'escalated': return `${n} is overdue for ${change.which === 'firstResponse' ? 'a first response' : 'resolution'}`;
  }
}

/** One line for a person, about their ticket or one assigned to them: "Lee Gu assigned #1021 to you". */
export function personalHeadline(ticket: Ticket, change: TicketChange | { kind: 'comment'; author?: User }): string {
  const who = actorName(ticket);
  const n = numberOf(ticket);
  switch (change.kind) {
    case 'assigned': return `${who} assigned ${n} to you`;
    case 'status': return `${who} moved your ticket ${n} to ${change.to ?? 'another state'}`;
    case 'comment': return `${personName(change.author)} commented on your ticket ${n}`;
    default: return channelHeadline(ticket, change);
  }
}
