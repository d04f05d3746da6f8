import { ticketCard, type TicketCardOptions } from '../cards/ticketCard.js';
import { numberLabel } from '../cards/format.js';
import type { Ticket } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { isAgent } from './permissions.js';
import { refreshUserIds } from './refreshUsers.js';
import { cardExtras } from './ticketRef.js';

/**
 * A ticket's card for the person who asked, with the buttons they may use (Teams' user-specific
 * views). In a personal chat that is the only card. In a channel or group chat the card everyone
 * sees shows the requester's buttons (an agent's when roles are off), and names the agents present
 * for Teams to refresh to their own view. A message posts that shared card alone; a click is
 * answered with the clicker's own view, and the shared card is drawn only if bot.ts redraws the
 * card for everyone. Choosing costs no API call: the instance comes from the client's cache, the
 * roster from Teams.
 */
export async function ticketAnswer(
  ctx: FeatureContext,
  ticket: Ticket,
  options: Omit<TicketCardOptions, 'clock' | 'instance' | 'tagCategories' | 'view' | 'viewerId' | 'refreshUserIds'> = {},
): Promise<Answer> {
  const base: TicketCardOptions = { clock: ctx.locale, ...(await cardExtras(ctx)), ...options };
  const summary = `${numberLabel(ticket.number)} ${ticket.title ?? ''}`.trim();
  const viewerId = ctx.speaker.aadObjectId;
  const own = async (): Promise<TicketCardOptions> => ({ ...base, view: (await isAgent(ctx)) ? 'agent' : 'requester', ...(viewerId ? { viewerId } : {}) });
  if (!ctx.mustMention) return { card: ticketCard(ticket, await own()), summary };
  const refreshUsers = await refreshUserIds(ctx, ticket);
  const shared = () => ticketCard(ticket, { ...base, view: ctx.roles.enforced ? 'requester' : 'agent', refreshUserIds: refreshUsers });
  if (!ctx.answerIsPrivate) return { card: shared(), summary };
  return { card: ticketCard(ticket, { ...(await own()), refreshUserIds: refreshUsers }), shared, summary };
}
