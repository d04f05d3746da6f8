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

export function helpCard(options: HelpOptions): AdaptiveCard {
  return render('help', {
    problem: options.problem === undefined ? undefined : plain(options.problem),
    suggestion: options.suggestion,
    intro: options.inChannel
      ? 'Mention me before a command, e.g. @Tickets list urgent. Ticket numbers work with or without #.'
      : 'Type a command. Ticket numbers work with or without #.',
    commands: options.commands,
  });
}
