import { helpCard, type HelpOptions } from '../cards/helpCard.js';
import type { Translate } from '../i18n/translate.js';
import { tagsCard } from '../cards/tagsCard.js';
import type { Answer, FeatureContext } from './context.js';
import { COMMAND_EXAMPLES, type NotUnderstood } from './parseCommand.js';
import { catalogOptions } from './ticketRef.js';

/** Each command with its example and meaning in the reader's language (the English examples are COMMAND_EXAMPLES). */
function commandsIn(t: Translate): HelpOptions['commands'] {
  return Object.keys(COMMAND_EXAMPLES).map((name) => ({ example: t(`help.examples.${name}`), meaning: t(`help.meanings.${name}`) }));
}

/** The suggested command (an English example) as the reader's language writes it. */
function suggestionIn(t: Translate, suggestion: string | undefined): string | undefined {
  const name = Object.keys(COMMAND_EXAMPLES).find((n) => COMMAND_EXAMPLES[n] === suggestion);
  return name === undefined ? suggestion : t(`help.examples.${name}`);
}

export function help(ctx: FeatureContext, notUnderstood?: NotUnderstood): Answer {
  const { t } = ctx.locale;
  if (!notUnderstood) return { card: helpCard({ commands: commandsIn(t), inChannel: ctx.inChannel }, t), summary: t('help.summary') };
  return {
    card: helpCard({
      commands: commandsIn(t), problem: notUnderstood.problem, suggestion: suggestionIn(t, notUnderstood.suggestion), inChannel: ctx.inChannel,
    }, t),
    summary: notUnderstood.problem,
  };
}

export async function showTags(ctx: FeatureContext): Promise<Answer> {
  return { card: tagsCard(await ctx.client.getTags(catalogOptions(ctx))), summary: 'Tags' };
}
