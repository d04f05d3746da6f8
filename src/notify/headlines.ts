import type { Translate } from '../i18n/translate.js';
import { priorityWord, statusWord } from '../i18n/apiWords.js';
import type { Ticket, User } from '../ticketing/types.js';
import type { TicketChange } from './ticketChanges.js';

/** `#1021`, or "a ticket" when the API left the number out. */
const numberOf = (ticket: Ticket, t: Translate) => (ticket.number === undefined ? t('notify.aTicket') : `#${ticket.number}`);

/** Who made the change, as the API says; "Someone" when it does not. */
const actorName = (ticket: Ticket, t: Translate) => ticket.lastUpdatedBy?.name?.trim() || t('notify.someone');

const personName = (user: User | undefined, t: Translate) => user?.name?.trim() || user?.email || t('notify.someoneLower');

/**
 * One line for a channel or chat, in the words of `t`: what happened to the ticket, e.g. "Lee Gu
 * moved #1021 to Resolved".
 */
export function channelHeadline(ticket: Ticket, change: TicketChange, t: Translate): string {
  const who = actorName(ticket, t);
  const n = numberOf(ticket, t);
  switch (change.kind) {
    case 'created': return t('notify.created', { who: ticket.createdBy?.name?.trim() || who, ticket: n });
    case 'status': return t('notify.moved', { who, ticket: n, state: change.to === undefined ? t('notify.anotherState') : statusWord(change.to, ticket) });
    case 'assigned': return change.to ? t('notify.assigned', { who, ticket: n, person: personName(change.to, t) }) : t('notify.unassigned', { who, ticket: n });
    case 'priority': return t('notify.priority', { who, ticket: n, priority: change.to === undefined ? t('notify.none') : priorityWord(change.to) });
    case 'escalated': return t(change.which === 'firstResponse' ? 'notify.overdueFirstResponse' : 'notify.overdueResolution', { ticket: n });
  }
}

/** One line for a person, about their ticket or one assigned to them: "Lee Gu assigned #1021 to you". */
export function personalHeadline(ticket: Ticket, change: TicketChange | { kind: 'comment'; author?: User }, t: Translate): string {
  const who = actorName(ticket, t);
  const n = numberOf(ticket, t);
  switch (change.kind) {
    case 'assigned': return t('notify.assignedToYou', { who, ticket: n });
    case 'status': return t('notify.movedYours', { who, ticket: n, state: change.to === undefined ? t('notify.anotherState') : statusWord(change.to, ticket) });
    case 'comment': return t('notify.commentedYours', { who: personName(change.author, t), ticket: n });
    default: return channelHeadline(ticket, change, t);
  }
}
