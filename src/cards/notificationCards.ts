import type { Ticket } from '../ticketing/types.js';
import { dateTime, plain } from './format.js';
import { render, type AdaptiveCard } from './render.js';
import { ticketCard } from './ticketCard.js';

/** A notification: what happened in one line above the ticket, with its buttons. */
export function notificationCard(ticket: Ticket, headline: string, utcOffset: number, text?: string): AdaptiveCard {
  const when = dateTime(ticket.lastUpdatedOn, utcOffset) ?? '';
  return ticketCard(ticket, { utcOffset, event: { headline, when, ...(text === undefined ? {} : { text }) } });
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
