import { helpCard } from '../cards/helpCard.js';
import { intakeCard } from '../cards/intakeCard.js';
import { mistakeCard } from '../cards/mistakeCard.js';
import { titleFromMessage } from './createForm.js';
import { tagsCard } from '../cards/tagsCard.js';
import type { Answer, FeatureContext } from './context.js';
import { COMMAND_EXAMPLES, type NotUnderstood } from './parseCommand.js';
import { catalogOptions } from './ticketRef.js';

const MEANINGS: Record<string, string> = {
  help: 'this card',
  list: 'open tickets, newest first; add a status (or all), a priority, mine, assigned to me, unassigned, overdue, a tag (tag:vpn, or tag:"Seattle HQ" for one of several words) or words to search',
  show: 'one ticket (or just type #123)',
  create: 'a new ticket with you as requestor; text after | is the description',
  start: 'start work on a ticket',
  resolve: 'resolve, with an optional comment; resolution:cancelled or resolution:cannotResolve says so',
  close: 'close a ticket',
  reopen: 'reopen a resolved or closed ticket, with an optional comment',
  move: "move a ticket to a state of its workflow by name, e.g. a custom workflow's",
  comment: 'add a comment',
  note: 'an internal note, shown to the helpdesk\'s agents only',
  assign: 'assign to me, or to an agent by name (assign 123 Lee), @mention or email',
  priority: 'set the priority: low, medium, important or urgent',
  history: 'status changes and comments',
  tags: "the helpdesk's tags",
};

const COMMANDS = Object.entries(COMMAND_EXAMPLES).map(([name, example]) => ({ example, meaning: MEANINGS[name] ?? '' }));

export function help(ctx: FeatureContext, notUnderstood?: NotUnderstood): Answer {
  if (!notUnderstood) return { card: helpCard({ commands: COMMANDS, mustMention: ctx.mustMention }), summary: 'What I can do' };
  // In a personal chat, a message that is no command is most likely a problem to log.
  if (notUnderstood.sentence !== undefined && !ctx.mustMention) {
    const title = titleFromMessage(notUnderstood.sentence);
    const description = notUnderstood.sentence.trim() === title ? undefined : notUnderstood.sentence;
    return { card: intakeCard({ title, ...(description === undefined ? {} : { description }) }), summary: 'Shall I log this as a ticket?' };
  }
  return { card: mistakeCard(notUnderstood), summary: notUnderstood.problem };
}

export async function showTags(ctx: FeatureContext): Promise<Answer> {
  return { card: tagsCard(await ctx.client.getTags(catalogOptions(ctx))), summary: 'Tags' };
}
