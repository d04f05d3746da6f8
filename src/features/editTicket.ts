import { numberLabel } from '../cards/format.js';
import type { TicketUpdates } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { callOptions } from './ticketRef.js';
import { ticketAnswer } from './ticketAnswer.js';
import { writeOrFind, writeOptions } from './unknownOutcome.js';

/** What the Edit form changes: the title, and the description and expected date when it had them. */
export interface TicketEdits {
  /** Absent: the title stays as it is (a blank one is never sent). */
  title?: string;
  /** Absent: the form had no description input (a description too long to carry); '' clears it. */
  description?: string;
  /** `YYYY-MM-DD`, as the live service takes it. */
  expectedDate?: string;
}

/**
 * Edit after creation, from the card's Edit form: one update with the fields the form carried
 * (live `{ticket, user}`, documented `{updates, user}`), as the acting user. Agents only (the
 * permission rule: an unnamed verb is agents' work).
 */
export async function editTicket(ctx: FeatureContext, id: string, edits: TicketEdits): Promise<Answer> {
  const actor = await ctx.actor();
  const updates: TicketUpdates = {};
  if (edits.title !== undefined) updates.title = edits.title;
  if (edits.description !== undefined) updates.description = edits.description;
  if (edits.expectedDate !== undefined) updates.expectedDate = edits.expectedDate;
  const ticket = await writeOrFind(
    () => ctx.client.updateTicket(id, updates, actor, writeOptions(ctx)),
    async () => {
      const now = await ctx.client.getTicket(id, callOptions(ctx));
      const saved = (edits.title === undefined || now.title === edits.title)
        && (edits.expectedDate === undefined || now.expectedDate?.startsWith(edits.expectedDate) === true);
      return saved ? now : undefined;
    },
    { key: 'change.notSaved' },
  );
  ctx.tickets.remember(ticket);
  const said = ctx.locale.t('change.edited', { name: actor.name, ticket: numberLabel(ticket.number) });
  const answer = await ticketAnswer(ctx, ticket, { note: said, noteStyle: 'good' });
  return { card: answer.card, shared: answer.shared, summary: said, changed: true };
}
