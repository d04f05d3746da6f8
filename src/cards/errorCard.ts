import { plain } from './format.js';
import { render, type AdaptiveCard } from './render.js';

export interface ErrorView {
  headline: string;
  detail?: string;
  /** When the error concerns a ticket, a button shows it. */
  ticketId?: string;
}

/** Error sentences quote what people typed (a tag, a title): it shows as typed. */
export function errorCard(view: ErrorView): AdaptiveCard {
  return render('error', { ...view, headline: plain(view.headline), detail: view.detail === undefined ? undefined : plain(view.detail) });
}
