import { CardFactory, type Attachment } from 'botbuilder';

/**
 * What a pasted link that shows no ticket unfurls into: one small hero card saying why. An empty
 * result list is not read the same way by every client (the Agents Playground's page fails on it),
 * while a hero card is what every Teams client renders in a link preview; the person can remove it.
 */
export function linkWithoutTicket(why: string): Attachment {
  return CardFactory.heroCard('No ticket to show', why);
}

/** Why a link on the helpdesk's domains, or any other, names no ticket. */
export const NO_TICKET_IN_LINK = 'This link does not name a ticket of this helpdesk.';
