import { dateTime, numberLabel } from '../cards/format.js';
import { describeActivity } from '../cards/historyCard.js';
import { isConflict } from '../ticketing/errors.js';
import type { StatusChange } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { callOptions, loadTicket, ticketAnswer, ticketId, type TicketRef } from './ticketRef.js';

/** Typed commands answer with the compact event card; buttons redraw the whole ticket in place. */
export type Origin = 'command' | 'button';

/**
 * Start, resolve, close or reopen, with the optional comment in the same call (the status endpoint
 * takes it): one API call when the ticket is known. When the ticket is already in that status
 * (someone was quicker), the answer is the ticket as it is now, with a note, not an error.
 */
export async function changeStatus(ctx: FeatureContext, ref: TicketRef, change: StatusChange, origin: Origin): Promise<Answer> {
  const actor = await ctx.actor();
  const id = await ticketId(ctx, ref);
  let ticket;
  try {
    ticket = await ctx.client.changeStatus(id, change, actor, callOptions(ctx));
  } catch (error) {
    if (!isConflict(error)) throw error;
    const current = await loadTicket(ctx, { id });
    const by = current.lastUpdatedBy?.name ? ` (last changed by ${current.lastUpdatedBy.name})` : '';
    return ticketAnswer(ctx, current, { note: `${numberLabel(current.number)} is already ${current.status ?? change.status}${by}; nothing was changed.` });
  }
  ctx.tickets.remember(ticket);
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
