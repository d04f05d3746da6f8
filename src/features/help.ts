import { helpCard, type HelpOptions } from '../cards/helpCard.js';
import { intakeCard } from '../cards/intakeCard.js';
import { mistakeCard } from '../cards/mistakeCard.js';
import type { Translate } from '../i18n/translate.js';
import { titleFromMessage } from './createForm.js';
import { tagsCard } from '../cards/tagsCard.js';
import type { Answer, FeatureContext } from './context.js';
import { COMMAND_EXAMPLES, type NotUnderstood } from './parseCommand.js';
import { catalogOptions } from './ticketRef.js';
import { commandIn } from './commandInFrench.js';

/** Each command with its example and meaning in the reader's language (the English examples are COMMAND_EXAMPLES). */
function commandsIn(t: Translate): HelpOptions['commands'] {
  return Object.keys(COMMAND_EXAMPLES).map((name) => ({ example: t(`help.examples.${name}`), meaning: t(`help.meanings.${name}`) }));
}

export function help(ctx: FeatureContext, notUnderstood?: NotUnderstood): Answer {
  const { t } = ctx.locale;
  if (!notUnderstood) return { card: helpCard({ commands: commandsIn(t), mustMention: ctx.mustMention }, t), summary: t('help.summary') };
  // In a personal chat, a message that is no command is most likely a problem to log.
  if (notUnderstood.sentence !== undefined && !ctx.mustMention) {
    const title = titleFromMessage(notUnderstood.sentence);
    const description = notUnderstood.sentence.trim() === title ? undefined : notUnderstood.sentence;
    return { card: intakeCard({ title, ...(description === undefined ? {} : { description }) }, t), summary: t('help.intakeSummary') };
  }
  const problem = notUnderstood.said === undefined ? notUnderstood.problem : t(notUnderstood.said.key, notUnderstood.said.vars);
  // The suggestion in the words the reader types: the help's own example, or their command put right.
  const suggestion = notUnderstood.example !== undefined ? t(`help.examples.${notUnderstood.example}`)
    : notUnderstood.suggestion === undefined ? undefined : commandIn(ctx.locale.language, notUnderstood.suggestion);
  return { card: mistakeCard({ problem, suggestion }, t), summary: problem };
}

export async function showTags(ctx: FeatureContext): Promise<Answer> {
  return { card: tagsCard(await ctx.client.getTags(catalogOptions(ctx)), ctx.locale.t), summary: ctx.locale.t('help.tagsSummary') };
}
