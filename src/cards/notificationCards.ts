import type { Ticket } from '../ticketing/types.js';
import { dateTime, plain, type Clock } from './format.js';
import { inEnglish, type Translate } from '../i18n/translate.js';
import { render, type AdaptiveCard } from './render.js';
import { ticketCard } from './ticketCard.js';

/**
 * A notification: what happened in one line above the ticket, with its buttons, in the language
 * of `clock` (the conversation's, as saved with it) at its zone (the helpdesk's default offset:
 * a proactive message knows no reader's zone).
 */
export function notificationCard(ticket: Ticket, headline: string, clock: Clock, text?: string): AdaptiveCard {
  const when = dateTime(ticket.lastUpdatedOn, clock) ?? '';
  return ticketCard(ticket, { clock, event: { headline, when, ...(text === undefined ? {} : { text }) } });
}

export interface NotifySettingsView {
  /** This conversation's subscription, as a sentence. */
  setting: string;
  /** The speaker's own notifications, as a sentence, when the answer is about them. */
  personal?: string;
  usage: string;
}

export function notifySettingsCard(view: NotifySettingsView, t: Translate = inEnglish): AdaptiveCard {
  return render('notifySettings', {
    ...view, setting: plain(view.setting), personal: view.personal === undefined ? undefined : plain(view.personal),
  }, t);
}
