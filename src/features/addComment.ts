import { dateTime, numberLabel } from '../cards/format.js';
import type { Answer, FeatureContext } from './context.js';
import type { Origin } from './changeStatus.js';
import { callOptions, loadTicket, ticketAnswer, ticketId, type TicketRef } from './ticketRef.js';

/** How old a remembered ticket may be to redraw its card after a comment (a comment changes no field shown). */
const CARD_REUSE_MS = 10 * 60 * 1000;

/** One API call to comment; the card is redrawn from the ticket the bot last read when it can be. */
export async function addComment(ctx: FeatureContext, ref: TicketRef, text: string, origin: Origin): Promise<Answer> {
  const actor = await ctx.actor();
  const id = await ticketId(ctx, ref);
  const comment = await ctx.client.addComment(id, text, actor, callOptions(ctx));
  const ticket = ctx.tickets.fresh(id, CARD_REUSE_MS) ?? (await loadTicket(ctx, { id }));
  const event = {
    headline: `${actor.name} commented`,
    when: dateTime(comment.createdDateTime ?? new Date().toISOString(), ctx.timezone) ?? '',
    text,
  };
  const answer = await ticketAnswer(ctx, ticket, origin === 'command' ? { event } : { note: `${actor.name} added a comment.` });
  return { ...answer, summary: `Comment added to ${numberLabel(ticket.number)}.`, changed: true };
}
