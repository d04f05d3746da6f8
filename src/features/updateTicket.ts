import { numberLabel } from '../cards/format.js';
import type { Priority, User } from '../ticketing/types.js';
import { priorityWord } from '../i18n/apiWords.js';
import { commandIn } from './commandInFrench.js';
import { instanceAgents } from '../ticketing/instance.js';
import type { Answer, FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';
import { callOptions, catalogOptions, ticketId, type TicketRef } from './ticketRef.js';
import { ticketAnswer } from './ticketAnswer.js';
import { beforeWrite, writeOrFind, writeOptions } from './unknownOutcome.js';

async function update(ctx: FeatureContext, ref: TicketRef, updates: { priority?: Priority; assignee?: User }, note: (actor: User, number: string) => string): Promise<Answer> {
  const actor = await ctx.actor();
  const id = await ticketId(beforeWrite(ctx), ref);
  const ticket = await writeOrFind(
    () => ctx.client.updateTicket(id, updates, actor, writeOptions(ctx)),
    async () => {
      const now = await ctx.client.getTicket(id, callOptions(ctx));
      const saved = (updates.priority === undefined || now.priority === updates.priority)
        && (updates.assignee === undefined || now.assignee?.id.toLowerCase() === updates.assignee.id.toLowerCase());
      return saved ? now : undefined;
    },
    { key: 'change.notSaved' },
  );
  await ctx.tickets.remember(ticket);
  const said = note(actor, numberLabel(ticket.number));
  const answer = await ticketAnswer(ctx, ticket, { note: said, noteStyle: 'good' });
  return { ...answer, summary: said, changed: true };
}

/** The note of an assignment, in the reader's words. */
function assigned(ctx: FeatureContext, actor: User, ticket: string, assignee: User): string {
  return ctx.locale.t('change.assigned', { name: actor.name, ticket, assignee: assignee.name });
}

export function setPriority(ctx: FeatureContext, ref: TicketRef, priority: Priority): Promise<Answer> {
  return update(ctx, ref, { priority }, (actor, number) => ctx.locale.t('change.priority', { name: actor.name, ticket: number, priority: priorityWord(priority) }));
}

export async function assignToMe(ctx: FeatureContext, ref: TicketRef): Promise<Answer> {
  const actor = await ctx.actor();
  return update(ctx, ref, { assignee: actor }, (_, number) => assigned(ctx, actor, number, actor));
}

/**
 * Assigns to a person by email. The API does not check users, so the person must be one of the
 * helpdesk's agents (the instance's assignees, from the client's cache): a typo must not create
 * a phantom assignee.
 */
export async function assignToEmail(ctx: FeatureContext, ref: TicketRef, email: string): Promise<Answer> {
  await ctx.actor();
  const instance = await ctx.client.getInstance(catalogOptions(ctx));
  const assignee = instanceAgents(instance).find((p) => p.email.toLowerCase() === email);
  if (!assignee) {
    // Teams drops text in angle brackets, so the hint names the ticket itself.
    const example = commandIn(ctx.locale.language, `assign ${'number' in ref ? ref.number : 123} me`);
    throw new FeatureError({ key: 'errors.notAnAgent', vars: { email, example } });
  }
  return update(ctx, ref, { assignee }, (actor, number) => assigned(ctx, actor, number, assignee));
}

/**
 * Assigns to one of the helpdesk's agents by name, as typed or @mentioned: the whole name, or the
 * first word(s) of exactly one agent's name ("Lee" for Lee Gu). Several or none: say who there is.
 */
export async function assignToName(ctx: FeatureContext, ref: TicketRef, name: string): Promise<Answer> {
  await ctx.actor();
  const agents = instanceAgents(await ctx.client.getInstance(catalogOptions(ctx)));
  const wanted = name.toLowerCase().replace(/\s+/g, ' ');
  const exact = agents.filter((a) => a.name.toLowerCase() === wanted);
  const found = exact.length > 0 ? exact : agents.filter((a) => `${a.name.toLowerCase()} `.startsWith(`${wanted} `));
  if (found.length > 1) {
    throw new FeatureError({ key: 'change.ambiguous', vars: { name, names: found.map((a) => a.name).join(ctx.locale.t('change.or')) } });
  }
  const assignee = found[0];
  if (!assignee) {
    throw new FeatureError({ key: 'change.notAgent', vars: { name, agents: agents.map((a) => a.name).join(', ') } });
  }
  return update(ctx, ref, { assignee }, (actor, number) => assigned(ctx, actor, number, assignee));
}
