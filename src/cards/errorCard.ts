import type { Translate } from '../i18n/translate.js';
import { plain } from './format.js';
import { render, type AdaptiveCard } from './render.js';

export interface ErrorView {
  headline: string;
  detail?: string;
  /** When the error concerns a ticket, a button shows it. */
  ticketId?: string;
}

/** Error sentences quote what people typed (a tag, a title): it shows as typed. Buttons in the language of `t`. */
export function errorCard(view: ErrorView, t: Translate): AdaptiveCard {
  return render('error', {
    ...view,
    headline: plain(view.headline),
    detail: view.detail === undefined ? undefined : plain(view.detail),
  }, t);
}
