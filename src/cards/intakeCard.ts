import { inEnglish, type Translate } from '../i18n/translate.js';
import { render, type AdaptiveCard } from './render.js';

export interface IntakeView {
  /** The message's first line, as the title (the person can edit it before creating). */
  title: string;
  /** The whole message, when it says more than its title. */
  description?: string;
}

/** A message that is no command, offered as a ticket: a short form, prefilled, to confirm. */
export function intakeCard(view: IntakeView, t: Translate = inEnglish): AdaptiveCard {
  // Inputs show their value as typed: no Markdown escaping here.
  return render('intake', { title: view.title, description: view.description ?? '' }, t);
}
