import { render, type AdaptiveCard } from './render.js';

export interface ErrorView {
  headline: string;
  detail?: string;
  /** When the error concerns a ticket, a button shows it. */
  ticketId?: string;
}

export function errorCard(view: ErrorView): AdaptiveCard {
  return render('error', view);
}
