import { plain } from './format.js';
import { inEnglish, type Translate } from '../i18n/translate.js';
import { render, type AdaptiveCard } from './render.js';

export interface MistakeView {
  /** What was wrong, as a sentence. */
  problem: string;
  /** The person's own command, corrected (or an example of the command). */
  suggestion?: string;
}

/** A mistake is answered in a line or two, with the command put right; Help brings the rest. */
export function mistakeCard(view: MistakeView, t: Translate = inEnglish): AdaptiveCard {
  return render('mistake', {
    problem: plain(view.problem),
    suggestion: view.suggestion === undefined ? undefined : plain(view.suggestion),
    didYouMean: view.suggestion === undefined ? undefined : t('help.didYouMean', { suggestion: plain(view.suggestion) }),
  }, t);
}
