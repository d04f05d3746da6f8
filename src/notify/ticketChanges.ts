import type { Ticket, User } from '../ticketing/types.js';

/** What the poller last knew of a ticket: only what a notification is about. */
export interface TicketSnapshot {
  status?: string;
  assigneeId?: string;
  priority?: string;
  frt: boolean;
  rt: boolean;
  lastUpdatedOn?: string;
}

/** One thing that happened to a ticket between two reads. */
export type TicketChange =
  | { kind: 'created' }
  | { kind: 'status'; from?: string; to?: string }
  | { kind: 'assigned'; to?: User }
  | { kind: 'priority'; from?: string; to?: string }
  | { kind: 'escalated'; which: 'firstResponse' | 'resolution' };

const idOf = (user: User | undefined) => user?.id?.toLowerCase() || undefined;

export function snapshotOf(ticket: Ticket): TicketSnapshot {
  return {
    ...(ticket.status === undefined ? {} : { status: ticket.status }),
    ...(idOf(ticket.assignee) === undefined ? {} : { assigneeId: idOf(ticket.assignee) }),
    ...(ticket.priority === undefined ? {} : { priority: ticket.priority }),
    frt: ticket.isFrtEscalated === true,
    rt: ticket.isRtEscalated === true,
    ...(ticket.lastUpdatedOn === undefined ? {} : { lastUpdatedOn: ticket.lastUpdatedOn }),
  };
}

/** True when the ticket reads as it did: nothing to report (the same change read again). */
export function unchanged(before: TicketSnapshot, ticket: Ticket): boolean {
  return JSON.stringify(before) === JSON.stringify(snapshotOf(ticket));
}

/**
 * What changed from `before` to the ticket as read now; `before` undefined: the ticket is new to
 * the poller, created since it started. An escalation counts when its flag turns on, not off.
 */
export function detectChanges(before: TicketSnapshot | undefined, ticket: Ticket): TicketChange[] {
  if (before === undefined) {
    return [{ kind: 'created' }, ...(idOf(ticket.assignee) ? [{ kind: 'assigned' as const, to: ticket.assignee }] : [])];
  }
  const now = snapshotOf(ticket);
  const changes: TicketChange[] = [];
  if (now.status !== before.status) changes.push({ kind: 'status', from: before.status, to: now.status });
  if (now.assigneeId !== before.assigneeId) changes.push({ kind: 'assigned', to: ticket.assignee });
  if (now.priority !== before.priority) changes.push({ kind: 'priority', from: before.priority, to: now.priority });
  if (now.frt && !before.frt) changes.push({ kind: 'escalated', which: 'firstResponse' });
  if (now.rt && !before.rt) changes.push({ kind: 'escalated', which: 'resolution' });
  return changes;
}
