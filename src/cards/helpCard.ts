import { render, type AdaptiveCard } from './render.js';

export interface HelpOptions {
  /** Each command with an example and what it does. */
  commands: Array<{ example: string; meaning: string }>;
  /** In a channel or a group chat Teams delivers only messages that @mention the bot. */
  mustMention: boolean;
}

export function helpCard(options: HelpOptions): AdaptiveCard {
  return render('help', {
    intro: options.mustMention
      ? 'Mention me before a command, e.g. @Tickets list urgent. Ticket numbers work with or without #.'
      : 'Type a command. Ticket numbers work with or without #.',
    commands: options.commands,
  });
}
