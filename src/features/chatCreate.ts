import type { FormValues } from '../cards/formInputs.js';
import { instanceFields } from '../ticketing/instance.js';
import type { NewTicket } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { openCreateForm, submitCreateForm } from './createForm.js';
import { createTicket } from './createTicket.js';
import { catalogOptions } from './ticketRef.js';

/**
 * `create …` in a chat, and New ticket on the help and intake cards: the ticket at once (one API
 * call), or, when the helpdesk requires fields a title cannot give, the full create form with
 * what was typed (no API call: the instance comes from the client's cache). A required toggle
 * needs no form: it is always on or off.
 */
export async function createOrOpenForm(ctx: FeatureContext, draft: Omit<NewTicket, 'requestor'> & { title: string }): Promise<Answer> {
  const instance = await ctx.client.getInstance(catalogOptions(ctx));
  if (!instanceFields(instance).some((f) => f.required === true && f.type !== 'toggle')) return createTicket(ctx, draft);
  const said = ctx.locale.t('create.formSummary', { title: draft.title });
  const card = await openCreateForm(ctx, undefined, { draft: { title: draft.title, description: draft.description }, inChat: true, lead: said });
  return { card, summary: said };
}

/**
 * The form posted in a chat, sent: the new ticket's card takes the form's place for everyone
 * (one API call); with a problem, the form comes back to the sender alone, values kept.
 */
export async function submitChatForm(ctx: FeatureContext, values: FormValues): Promise<Answer> {
  const outcome = await submitCreateForm(ctx, values, undefined, true);
  if ('form' in outcome) return { card: outcome.form, summary: ctx.locale.t('form.fix') };
  return { ...outcome.created, changed: true };
}
