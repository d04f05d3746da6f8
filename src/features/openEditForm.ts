import { editFormCard } from '../cards/editFormCard.js';
import { numberLabel } from '../cards/format.js';
import type { Answer, FeatureContext } from './context.js';
import { cardExtras, lastReadTicket } from './ticketRef.js';

/**
 * The ticket card's Edit button: the Edit form, a card of its own, for the person who clicked only
 * (not `changed`: nobody else's card changes). The ticket as the bot last read it will do, at no
 * API call: Save writes only what the person changed, by the fingerprints of what the form showed,
 * so a change made meanwhile elsewhere is not undone. A ticket never read is read once. Agents only
 * (the permission rule: an unnamed verb is agents' work).
 */
export async function openEditForm(ctx: FeatureContext, id: string): Promise<Answer> {
  const ticket = await lastReadTicket(ctx, id);
  const { instance, tagCategories } = await cardExtras(ctx);
  const { t } = ctx.locale;
  return { card: editFormCard(ticket, instance, tagCategories, t), summary: t('card.editFormOf', { ticket: numberLabel(ticket.number) }) };
}
