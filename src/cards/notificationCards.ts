import type { Ticket } from '../ticketing/types.js';
import { dateTime, plain, type Clock } from './format.js';
import { render, type AdaptiveCard } from './render.js';
import { ticketCard } from './ticketCard.js';

/**
 * A notification: what happened in one line above the ticket, with its buttons. Notifications are
 * said in English at the helpdesk's default offset for now: the reader's locale is not known here.
 */
export function notificationCard(ticket: Ticket, headline: string, utcOffset: number, text?: string): AdaptiveCard {
  const clock: Clock = { language: 'en', zone: { fixedHours: utcOffset } };
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

export function notifySettingsCard(view: NotifySettingsView): AdaptiveCard {
  return render('notifySettings', { ...view, setting: plain(view.setting), personal: view.personal === undefined ? undefined : plain(view.personal) });
}
