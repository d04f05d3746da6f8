import type { Choice } from '../cards/createFormCard.js';
import type { Instance, User } from '../ticketing/types.js';
import { instanceAgents } from '../ticketing/instance.js';
import type { FeatureContext } from './context.js';
import { peopleOf } from '../conversationMembers.js';
import { isAgent } from './permissions.js';

/** Who wrote the message a form was opened from (createForm.ts's MessageSource), as Teams said. */
interface Author {
  authorId?: string;
  authorName?: string;
}

/** The requestor input's values besides a person's id: the speaker, and the author of the message the form came from. */
const ME = 'me';
const AUTHOR = 'author';

const sameId = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Whom the create form offers as the requestor. A requester: themselves only. An agent, who logs
 * tickets for others: also the message's author, the people of this conversation and the
 * helpdesk's agents, as static choices. Not Teams' people picker (`choices.data` of type
 * graph.microsoft.com/users): the Agents Playground has no directory to search, and a person
 * picked from the whole directory could not be checked here (Teams describes only members of
 * this conversation to the bot, and the API takes any user it is sent).
 */
export async function requestorChoices(ctx: FeatureContext, instance: Instance, source?: Author): Promise<Choice[]> {
  const { t } = ctx.locale;
  const choices: Choice[] = [{ title: ctx.speaker.name ? t('form.meNamed', { name: ctx.speaker.name }) : t('form.me'), value: ME }];
  if (!(await isAgent(ctx))) return choices;
  const author = source?.authorId;
  if (author && !sameId(author, ctx.speaker.aadObjectId)) {
    choices.push({ title: t('form.author', { name: source?.authorName ?? t('form.theAuthor') }), value: AUTHOR });
  }
  const seen = new Set([ctx.speaker.aadObjectId?.toLowerCase(), author?.toLowerCase()]);
  for (const person of [...peopleOf(await ctx.members()), ...instanceAgents(instance)]) {
    if (seen.has(person.id.toLowerCase())) continue;
    seen.add(person.id.toLowerCase());
    choices.push({ title: person.name, value: person.id });
  }
  return choices;
}

/**
 * The person a requestor choice names: undefined for the speaker; else looked up as Teams or the
 * helpdesk knows them, never taken from the form (the sender's to forge). Only agents log tickets
 * for others. `error`: the sentence to show beside the input.
 */
export async function chosenRequestor(ctx: FeatureContext, instance: Instance, value: string, source?: Author): Promise<{ requestor?: User; error?: string }> {
  const { t } = ctx.locale;
  if (value === '' || value === ME) return {};
  if (!(await isAgent(ctx))) return { error: t('form.requestorOwn') };
  if (value === AUTHOR) {
    return source?.authorId ? { requestor: await ctx.person(source.authorId, source.authorName) } : { error: t('form.requestor') };
  }
  const agent = instanceAgents(instance).find((a) => sameId(a.id, value));
  if (agent) return { requestor: agent };
  try {
    // A member of this conversation: Teams says who they are (and refuses anyone else).
    return { requestor: await ctx.person(value) };
  } catch {
    return { error: t('form.requestor') };
  }
}
