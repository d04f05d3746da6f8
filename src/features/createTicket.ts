import { numberLabel } from '../cards/format.js';
import type { NewTicket, User } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';
import { callOptions, ticketAnswer } from './ticketRef.js';

/** Creates a ticket as the acting user, who is also the requestor unless another is given: one API call. */
export async function createTicket(ctx: FeatureContext, draft: Omit<NewTicket, 'requestor'>, requestor?: User): Promise<Answer> {
  const actor = await ctx.actor();
  const ticket = await ctx.client.createTicket({ ...draft, requestor: requestor ?? actor }, actor, callOptions(ctx));
  if (!ticket) {
    // The seed documents no response body for a create; a service that sends none still created it.
    throw new FeatureError(`Ticket "${draft.title}" was created. Type "list mine" to see it.`);
  }
  ctx.tickets.remember(ticket);
  const answer = await ticketAnswer(ctx, ticket, { note: `${actor.name} created this ticket.` });
  return { card: answer.card, summary: `Created ${numberLabel(ticket.number)}: ${draft.title}` };
}
