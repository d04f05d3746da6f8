import type { Translate } from '../i18n/translate.js';
import { plain } from './format.js';
import { render, type AdaptiveCard } from './render.js';

export interface HelpOptions {
  /** Each command with an example and what it does. */
  commands: Array<{ example: string; meaning: string }>;
  problem?: string;
  suggestion?: string;
  /** In a channel people @mention the bot before each command. */
  inChannel: boolean;
}

/** The help card in the reader's language (`t`). */
export function helpCard(options: HelpOptions, t: Translate): AdaptiveCard {
  return render('help', {
    problem: options.problem === undefined ? undefined : plain(options.problem),
    didYouMean: options.suggestion === undefined ? undefined : t('help.didYouMean', { suggestion: options.suggestion }),
    intro: options.inChannel ? t('help.introChannel') : t('help.introPersonal'),
    commands: options.commands,
    labels: {
      title: t('help.title'),
      myTickets: t('help.myTickets'),
      urgent: t('help.urgent'),
      report: t('help.report'),
      newTicket: t('help.newTicket'),
      titleLabel: t('help.titleLabel'),
      titleRequired: t('help.titleRequired'),
      descriptionLabel: t('help.descriptionLabel'),
      create: t('help.create'),
    },
  });
}
