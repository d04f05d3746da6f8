import { CardFactory, type Attachment } from 'botbuilder';
import type { Translate } from '../i18n/translate.js';

/**
 * What a pasted link that shows no ticket unfurls into: one small hero card saying why. An empty
 * result list is not read the same way by every client (the Agents Playground's page fails on it),
 * while a hero card is what every Teams client renders in a link preview; the person can remove it.
 */
export function linkWithoutTicket(why: string, t: Translate): Attachment {
  return CardFactory.heroCard(t('link.noTicket'), why);
}
