import { numberLabel } from '../cards/format.js';
import type { NewTicket, User } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { callOptions } from './ticketRef.js';
import { ticketAnswer } from './ticketAnswer.js';
import { since, writeOrFind, writeOptions } from './unknownOutcome.js';

/** Creates a ticket as the acting user, who is also the requestor unless another is given: one API call. */
export async function createTicket(ctx: FeatureContext, draft: Omit<NewTicket, 'requestor'>, requestor?: User): Promise<Answer> {
  const actor = await ctx.actor();
  const sentAt = Date.now();
  // An answer without the new ticket is an error from the client ("may not have been saved"), never a
  // success: then the newest tickets are looked at for it, so that a retry makes no duplicate.
  const ticket = await writeOrFind(
    () => ctx.client.createTicket({ ...draft, requestor: requestor ?? actor }, actor, writeOptions(ctx)),
    async () => (await ctx.client.listTickets({ search: draft.title, orderBy: 'createdDateTime', order: 'DESC', limit: 10 }, callOptions(ctx))).items
      .find((t) => t.title === draft.title && t.createdBy?.id.toLowerCase() === actor.id.toLowerCase() && since(t.createdOn, sentAt)),
    { key: 'create.notSaved', vars: { title: draft.title } },
  );
  await ctx.tickets.remember(ticket);
  const answer = await ticketAnswer(ctx, ticket, { note: ctx.locale.t('create.note', { name: actor.name }), noteStyle: 'good' });
  return { ...answer, summary: ctx.locale.t('create.summary', { ticket: numberLabel(ticket.number), title: draft.title }) };
}
