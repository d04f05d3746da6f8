import type { Translate } from '../i18n/translate.js';
import { render, type AdaptiveCard } from './render.js';

export interface HelpOptions {
  /** Each command with an example and what it does. */
  commands: Array<{ example: string; meaning: string }>;
  /** In a channel or a group chat Teams delivers only messages that @mention the bot. */
  mustMention: boolean;
}

/** The help card in the reader's language (`t`). */
export function helpCard(options: HelpOptions, t: Translate): AdaptiveCard {
  return render('help', {
    intro: options.mustMention ? t('help.introChannel') : t('help.introPersonal'),
    commands: options.commands,
    // The create form checks a title in the same words.
    titleRequired: t('help.titleRequired'),
  }, t);
}
