/**
 * A small helpdesk whose report answers are known by hand, built through the sandbox's own API
 * with its clock moved to each event's time. Only the escalation flags, which the API never sets,
 * are set on the sandbox's records directly (its seed helpers do the same).
 *
 * Requestor: Megan (not an agent). Agents: Adele (A1) and Alex (A2). Times are UTC.
 *   T1  created 10-20 09:00 (before the period), Urgent, A1, never answered, open, expected 11-01 (overdue)
 *   T2  created 11-05 08:00, Medium, A1; A1 comments 10:00 (first response 2 h); A1 resolves 14:00 (6 h); response escalated
 *   T3  created 11-06 09:00, Important, A2; A2 starts it 09:30 (first response 30 min), in progress; resolution escalated
 *   T4  created 11-08 10:00, Low, unassigned, open, expected 11-20 (not overdue)
 *   T5  created 11-01 10:00 (before the period), Medium, A2; A2 resolves 11-09 10:00 (first response and resolution 8 d = 192 h)
 * The report is read at NOW, 11-10 12:00; `report 7d` at UTC+0 starts 11-04 00:00.
 */
import { AGENTS, PEOPLE, type Sandbox } from '../../src/sandbox/index.js';
import type { TicketingClient } from '../../src/ticketing/client.js';
import type { Priority, User } from '../../src/ticketing/types.js';

export const NOW = Date.parse('2026-11-10T12:00:00Z');
export const A1: User = AGENTS[0]!;
export const A2: User = AGENTS[1]!;
export const REQUESTOR: User = PEOPLE.find((p) => !AGENTS.some((a) => a.id === p.id))!;

/** The sandbox's clock: tests set `clock.at` before each event. */
export const clock = { at: NOW };

export interface SeededTickets {
  t1: number; t2: number; t3: number; t4: number; t5: number;
}

async function create(client: TicketingClient, at: string, title: string, priority: Priority, assignee?: User, expectedDate?: string): Promise<{ id: string; number: number }> {
  clock.at = Date.parse(at);
  const ticket = await client.createTicket({ title, requestor: REQUESTOR }, REQUESTOR);
  // The live service ignores a priority on create; the requestor's own edit is no response.
  await client.updateTicket(ticket.id, { priority, ...(assignee ? { assignee } : {}), ...(expectedDate ? { expectedDate } : {}) }, REQUESTOR);
  return { id: ticket.id, number: ticket.number! };
}

export async function seedReport(sandbox: Sandbox, client: TicketingClient, resolvedLabel = 'Resolved', startedLabel = 'In Progress'): Promise<SeededTickets> {
  const t1 = await create(client, '2026-10-20T09:00:00Z', 'VPN drops every hour', 'Urgent', A1, '2026-11-01');
  const t5 = await create(client, '2026-11-01T10:00:00Z', 'Laptop fan is loud', 'Medium', A2);
  const t2 = await create(client, '2026-11-05T08:00:00Z', 'Printer, 2nd floor: "jammed"', 'Medium', A1);
  clock.at = Date.parse('2026-11-05T10:00:00Z');
  await client.addComment(t2.id, 'On my way', A1);
  clock.at = Date.parse('2026-11-05T14:00:00Z');
  await client.changeStatus(t2.id, { status: resolvedLabel, resolution: 'fixed' }, A1);
  const t3 = await create(client, '2026-11-06T09:00:00Z', 'Café Wi-Fi asks for a password', 'Important', A2);
  clock.at = Date.parse('2026-11-06T09:30:00Z');
  await client.changeStatus(t3.id, { status: startedLabel }, A2);
  const t4 = await create(client, '2026-11-08T10:00:00Z', 'New starter needs a badge', 'Low', undefined, '2026-11-20');
  clock.at = Date.parse('2026-11-09T10:00:00Z');
  await client.changeStatus(t5.id, { status: resolvedLabel, resolution: 'fixed' }, A2);
  sandbox.store.find(t2.id)!.isFrtEscalated = true;
  sandbox.store.find(t3.id)!.isRtEscalated = true;
  clock.at = NOW;
  return { t1: t1.number, t2: t2.number, t3: t3.number, t4: t4.number, t5: t5.number };
}
