import { dateTime, numberLabel } from '../cards/format.js';
import { describeActivity } from '../cards/historyCard.js';
import { statusWord } from '../i18n/apiWords.js';
import { isConflict } from '../ticketing/errors.js';
import type { Resolution, Status, Ticket, User, WorkflowState } from '../ticketing/types.js';
import type { Answer, FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';
import { callOptions, catalogOptions, loadTicket, ticketId, type TicketRef } from './ticketRef.js';
import { ticketAnswer } from './ticketAnswer.js';
import { beforeWrite, CLOCK_SKEW_MS, writeOrFind, writeOptions } from './unknownOutcome.js';
import { isInState, stateFor, stateNamed, statesOf, statusValue, takesResolution } from './workflowStatus.js';

/** What a person asks for: an intent (the page's status names), a resolution and a comment. */
export interface StatusRequest {
  status: Status;
  resolution?: Resolution;
  comment?: string;
}


/** The answer is the ticket as it was: already in that state, last updated before the change was sent. */
function unchanged(ticket: Ticket, state: WorkflowState, sentAt: number): boolean {
  const updated = Date.parse(ticket.lastUpdatedOn ?? '');
  return isInState(ticket, state) && Number.isFinite(updated) && updated < sentAt - CLOCK_SKEW_MS;
}

/**
 * The ticket as last read, for its workflow: a workflow does not change, so any copy will do.
 * Live, a ticket not seen yet (a card clicked after a restart) is read first when it may be in a
 * custom workflow, whose states the default's names would miss: unless the instance (cached)
 * lists its workflows and none is custom. Documented, the page's one workflow stands in.
 */
async function workflowCarrier(ctx: FeatureContext, id: string): Promise<Ticket | undefined> {
  const copy = (await ctx.tickets.copy(id))?.value;
  if (copy?.workflow || ctx.client.dialect !== 'live') return copy;
  const instance = await ctx.client.getInstance(catalogOptions(ctx)).catch(() => undefined);
  const onlyDefault = instance?.workflows !== undefined && instance.workflows.every((w) => w.isDefault === true);
  return onlyDefault ? copy : loadTicket(ctx, { id });
}

/** Typed commands answer with the compact event card; buttons redraw the whole ticket in place. */
export type Origin = 'command' | 'button';

/**
 * Start, resolve, close or reopen, with the optional comment in the same call (the status endpoint
 * takes it): one API call when the ticket is known. The label sent is the state the intent means
 * in the ticket's own workflow (Start is `In Progress` in the live default workflow). When the
 * ticket is already in that status (someone was quicker), the answer is the ticket as it is now,
 * with a note, not an error.
 */
export async function changeStatus(ctx: FeatureContext, ref: TicketRef, request: StatusRequest, origin: Origin): Promise<Answer> {
  const actor = await ctx.actor();
  const reads = beforeWrite(ctx);
  const id = await ticketId(reads, ref);
  const carrier = await workflowCarrier(reads, id);
  const target = stateFor(request.status, carrier, ctx.client.dialect);
  return moveTo(ctx, actor, id, target, { resolution: request.resolution, comment: request.comment }, origin, carrier);
}

/**
 * Moves a ticket to a state of its workflow that a person named (by label or id, as `move 12
 * Waiting for vendor` or the card's "Move to" choice). The ticket's workflow comes from the copy
 * read lately, else from one read. A name that is no state of it is answered with the states it
 * has, and nothing is written.
 */
export async function moveTicket(ctx: FeatureContext, ref: TicketRef, stateName: string, origin: Origin): Promise<Answer> {
  const actor = await ctx.actor();
  const reads = beforeWrite(ctx);
  const id = await ticketId(reads, ref);
  const copy = (await ctx.tickets.copy(id))?.value;
  const ticket = copy?.workflow ? copy : await loadTicket(reads, { id });
  const dialect = ctx.client.dialect;
  const target = stateNamed(ticket, stateName, dialect);
  if (!target) {
    const states = statesOf(ticket, dialect).map((s) => s.label).join(', ');
    throw new FeatureError({ key: 'errors.noSuchState', vars: { ticket: numberLabel(ticket.number), state: stateName.slice(0, 60), states } }, ticket.id);
  }
  return moveTo(ctx, actor, id, target, {}, origin, ticket);
}

/**
 * The status change itself: one API call; what it sends is the state's id live, its label
 * documented. `carrier`: the ticket as known before, whose workflow tells how to name the state.
 */
async function moveTo(
  ctx: FeatureContext, actor: User, id: string, target: WorkflowState, extra: Omit<StatusRequest, 'status'>, origin: Origin, carrier?: Ticket,
): Promise<Answer> {
  const dialect = ctx.client.dialect;
  // A resolution chosen on the Resolve form goes only where the workflow records one (a custom
  // workflow may name its resolved state otherwise); the state change itself is what was asked.
  const { resolution, ...rest } = extra;
  const change = { ...rest, status: statusValue(target, dialect), ...(resolution && takesResolution(target, carrier, dialect) ? { resolution } : {}) };
  const already = async (current: Ticket): Promise<Answer> => {
    const said = { ticket: numberLabel(current.number), status: statusWord(current.status ?? target.label, current) };
    const by = current.lastUpdatedBy?.name;
    return ticketAnswer(ctx, current, { note: by ? ctx.locale.t('status.alreadyBy', { ...said, name: by }) : ctx.locale.t('status.already', said) });
  };
  const sentAt = Date.now();
  let ticket;
  try {
    ticket = await writeOrFind(
      () => ctx.client.changeStatus(id, change, actor, writeOptions(ctx)),
      async () => {
        const now = await ctx.client.getTicket(id, callOptions(ctx));
        return isInState(now, target) ? now : undefined;
      },
      { key: 'status.notSaved', vars: { status: statusWord(target.label, carrier) } },
    );
  } catch (error) {
    // The documented service refuses the status a ticket already has (409).
    if (!isConflict(error)) throw error;
    return already(await loadTicket(ctx, { id }));
  }
  await ctx.tickets.remember(ticket);
  // The live service answers it 200 with the ticket as it was.
  if (unchanged(ticket, target, sentAt)) return already(ticket);
  const answer = await ticketAnswer(ctx, ticket, origin === 'command'
    ? {
        event: {
          headline: describeActivity({ type: 'status', status: ticket.status ?? target.label, resolution: change.resolution, createdBy: actor }, ctx.locale.t, ticket),
          when: dateTime(new Date().toISOString(), ctx.locale) ?? '',
          text: change.comment,
        },
      }
    : {});
  return { ...answer, summary: ctx.locale.t('status.summary', { ticket: numberLabel(ticket.number), status: statusWord(ticket.status ?? target.label, ticket) }), changed: true };
}
