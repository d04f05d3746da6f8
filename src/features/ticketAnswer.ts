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
 * sees (`shared`) shows the requester's buttons (an agent's when roles are off), and names the
 * agents present for Teams to refresh to their own view; the asker's own view answers a click.
 * Choosing costs no API call: the instance comes from the client's cache, the roster from Teams.
 */
export async function ticketAnswer(
  ctx: FeatureContext,
  ticket: Ticket,
  options: Omit<TicketCardOptions, 'clock' | 'instance' | 'tagCategories' | 'view' | 'viewerId' | 'refreshUserIds'> = {},
): Promise<Answer> {
  const base: TicketCardOptions = { clock: ctx.locale, ...(await cardExtras(ctx)), ...options };
  const summary = `${numberLabel(ticket.number)} ${ticket.title ?? ''}`.trim();
  const viewerId = ctx.speaker.aadObjectId;
  const own: TicketCardOptions = { ...base, view: (await isAgent(ctx)) ? 'agent' : 'requester', ...(viewerId ? { viewerId } : {}) };
  if (!ctx.mustMention) return { card: ticketCard(ticket, own), summary };
  const refreshUsers = await refreshUserIds(ctx, ticket);
  return {
    card: ticketCard(ticket, { ...own, refreshUserIds: refreshUsers }),
    shared: ticketCard(ticket, { ...base, view: ctx.roles.enforced ? 'requester' : 'agent', refreshUserIds: refreshUsers }),
    summary,
  };
}
