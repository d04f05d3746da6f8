import { numberLabel } from '../cards/format.js';
import type { Answer, FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';
import { callOptions, ticketAnswer } from './ticketRef.js';

/** Creates a ticket with the acting user as requestor (and creator): one API call. */
export async function createTicket(ctx: FeatureContext, title: string, description: string | undefined): Promise<Answer> {
  const actor = await ctx.actor();
  const ticket = await ctx.client.createTicket({ title, description, requestor: actor }, actor, callOptions(ctx));
  if (!ticket) {
    // The seed documents no response body for a create; a service that sends none still created it.
    throw new FeatureError(`Ticket "${title}" was created. Type "list mine" to see it.`);
  }
  ctx.tickets.remember(ticket);
  const answer = await ticketAnswer(ctx, ticket, { note: `${actor.name} created this ticket.` });
  return { ...answer, summary: `Created ${numberLabel(ticket.number)}: ${title}` };
}
