import { dateTime, numberLabel } from '../cards/format.js';
import { describeActivity } from '../cards/historyCard.js';
import { isConflict } from '../ticketing/errors.js';
import type { Resolution, Status, Ticket } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { callOptions, loadTicket, ticketAnswer, ticketId, type TicketRef } from './ticketRef.js';
import { writeOrFind, writeOptions } from './unknownOutcome.js';
import { statusLabelFor } from './workflowStatus.js';

/** What a person asks for: an intent (the page's status names), a resolution and a comment. */
export interface StatusRequest {
  status: Status;
  resolution?: Resolution;
  comment?: string;
}

/** How far the service's clock may be behind ours before an old `lastUpdatedOn` stops meaning "not changed now". */
const CLOCK_SKEW_MS = 60_000;

/** The answer is the ticket as it was: already in that status, last updated before the change was sent. */
function unchanged(ticket: Ticket, status: string, sentAt: number): boolean {
  const updated = Date.parse(ticket.lastUpdatedOn ?? '');
  return ticket.status === status && Number.isFinite(updated) && updated < sentAt - CLOCK_SKEW_MS;
}

/** Typed commands answer with the compact event card; buttons redraw the whole ticket in place. */
export type Origin = 'command' | 'button';

/**
 * Start, resolve, close or reopen, with the optional comment in the same call (the status endpoint
 * takes it): one API call when the ticket is known. The label sent is the state the intent means
 * in the ticket's own workflow (Start is `In Progress` in the live default workflow). When the
 * ticket is already in that status (someone was quicker), the answer is the ticket as it is now,
 * with a note, not an error.
 */
export async function changeStatus(ctx: FeatureContext, ref: TicketRef, request: StatusRequest, origin: Origin): Promise<Answer> {
  const actor = await ctx.actor();
  const id = await ticketId(ctx, ref);
  const status = statusLabelFor(request.status, ctx.tickets.copy(id)?.value, ctx.client.dialect);
  const change = { ...request, status };
  const already = async (current: Ticket): Promise<Answer> => {
    const by = current.lastUpdatedBy?.name ? ` (last changed by ${current.lastUpdatedBy.name})` : '';
    return ticketAnswer(ctx, current, { note: `${numberLabel(current.number)} is already ${current.status ?? change.status}${by}; nothing was changed.` });
  };
  const sentAt = Date.now();
  let ticket;
  try {
    ticket = await writeOrFind(
      () => ctx.client.changeStatus(id, change, actor, writeOptions(ctx)),
      async () => {
        const now = await ctx.client.getTicket(id, callOptions(ctx));
        return now.status === status ? now : undefined;
      },
      `The helpdesk did not confirm the change, and the ticket is not ${status}: it was most likely not saved. Try again.`,
    );
  } catch (error) {
    // The documented service refuses the status a ticket already has (409).
    if (!isConflict(error)) throw error;
    return already(await loadTicket(ctx, { id }));
  }
  ctx.tickets.remember(ticket);
  // The live service answers it 200 with the ticket as it was.
  if (unchanged(ticket, status, sentAt)) return already(ticket);
  const answer = await ticketAnswer(ctx, ticket, origin === 'command'
    ? {
        event: {
          headline: describeActivity({ type: 'status', status: ticket.status ?? change.status, resolution: change.resolution, createdBy: actor }),
          when: dateTime(new Date().toISOString(), ctx.utcOffset) ?? '',
          text: change.comment,
        },
      }
    : {});
  return { card: answer.card, summary: `${numberLabel(ticket.number)} is now ${ticket.status ?? change.status}.`, changed: true };
}
