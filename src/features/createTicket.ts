import { numberLabel } from '../cards/format.js';
import type { NewTicket, User } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { callOptions, ticketAnswer } from './ticketRef.js';

/** Creates a ticket as the acting user, who is also the requestor unless another is given: one API call. */
export async function createTicket(ctx: FeatureContext, draft: Omit<NewTicket, 'requestor'>, requestor?: User): Promise<Answer> {
  const actor = await ctx.actor();
  // An answer without the new ticket is an error from the client ("may not have been saved"), never a success.
  const ticket = await ctx.client.createTicket({ ...draft, requestor: requestor ?? actor }, actor, callOptions(ctx));
  ctx.tickets.remember(ticket);
  const answer = await ticketAnswer(ctx, ticket, { note: `${actor.name} created this ticket.` });
  return { card: answer.card, summary: `Created ${numberLabel(ticket.number)}: ${draft.title}` };
}
