import { rateLimitedError } from '../ticketing/errors.js';
import type { Instance, Ticket } from '../ticketing/types.js';
import { instanceAgents } from '../ticketing/instance.js';
import type { FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';
import type { CardAction } from './parseAction.js';
import type { Command } from './parseCommand.js';
import { catalogOptions, loadTicket, recentTicket, type TicketRef } from './ticketRef.js';

/**
 * What a requester may do: `anyone` (help, tags, create), `own` (on a ticket they requested: see,
 * comment, close, reopen) or nothing else, which is `agent` work. A command or verb not named
 * here is agents' work: a new one is closed until someone says who may use it.
 */
type Need = 'anyone' | 'own' | 'agent';

const COMMAND_NEEDS = new Map<string, Need>(Object.entries({
  help: 'anyone', tags: 'anyone', create: 'anyone', list: 'anyone',
  show: 'own', history: 'own', comment: 'own',
}));
const VERB_NEEDS = new Map<string, Need>(Object.entries({
  help: 'anyone', create: 'anyone', createFromForm: 'anyone', listPage: 'anyone',
  refresh: 'own', show: 'own', open: 'own', history: 'own', comment: 'own', close: 'own', reopen: 'own',
}));

/** What a requester is told, by command or verb: the `refusal.*` sentence ("Only the helpdesk's agents can …"). */
type Work = 'start' | 'resolve' | 'move' | 'assign' | 'priority' | 'note' | 'notify' | 'report' | 'close' | 'reopen' | 'comment' | 'see' | 'other';
const AGENT_WORK = new Map<string, Work>(Object.entries({
  start: 'start', resolve: 'resolve', move: 'move', assign: 'assign', assignMe: 'assign', unassign: 'assign', priority: 'priority', note: 'note',
  notify: 'notify', report: 'report', exportReport: 'report',
}));

/** Anyone may see a conversation's notifications and turn their own on or off; a subscription shows every matching ticket, so it is agents' work. */
const notifyNeed = (command: Extract<Command, { name: 'notify' }>): Need =>
  (command.request.what === 'show' || command.request.what === 'me' ? 'anyone' : 'agent');

/** The longest a role check waits for the instance: the check must not hold a turn. */
const ROLE_CHECK_WAIT_MS = 2000;

/**
 * The instance, waited for briefly: a load another caller started (the start-up's, with no
 * deadline) may be queued behind a spent API budget, and this turn would share that wait.
 */
async function instanceInTime(ctx: FeatureContext): Promise<Instance> {
  const wait = new AbortController();
  // The limiter's wait is not known here: 30 s, as when the API gives no Retry-After.
  const busy = () => rateLimitedError(30_000, 'getInstance');
  const timer = setTimeout(() => wait.abort(busy()), Math.max(0, Math.min(ctx.deadline - Date.now(), ROLE_CHECK_WAIT_MS)));
  try {
    return await ctx.client.getInstance({ ...catalogOptions(ctx), signal: wait.signal });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A turn's speaker is asked about several times (the permission, the card's view, a form's
 * choices): the answer is worked out once a turn, and a slow instance waited for once.
 */
const speakerRoles = new WeakMap<FeatureContext, Promise<boolean>>();

/**
 * Whether the speaker is one of the helpdesk's agents: the instance's assignees (from the client's
 * cache, so no API call of its own) or HELPDESK_AGENTS, by Azure AD object id or email. With
 * HELPDESK_ROLES=off everyone is; with roles, someone Teams did not identify is not: less known
 * about a person never gives them more.
 */
export function isAgent(ctx: FeatureContext): Promise<boolean> {
  let answer = speakerRoles.get(ctx);
  if (answer === undefined) {
    answer = speakerIsAgent(ctx);
    speakerRoles.set(ctx, answer);
  }
  return answer;
}

/** Who is an agent, by lower-case Azure AD object id or email: HELPDESK_AGENTS and the instance's assignees. */
function agentNames(ctx: FeatureContext, instance: Instance | undefined): Set<string> {
  return new Set([...ctx.roles.agents, ...instanceAgents(instance).map((a) => a.id.toLowerCase())]);
}

async function speakerIsAgent(ctx: FeatureContext): Promise<boolean> {
  if (!ctx.roles.enforced) return true;
  const id = ctx.speaker.aadObjectId?.toLowerCase();
  if (!id) return false;
  // Named in the setting: no wait for the instance.
  if (ctx.roles.agents.includes(id)) return true;
  const names = agentNames(ctx, await instanceInTime(ctx));
  if (names.has(id)) return true;
  // An email in the setting needs the speaker's, which Teams gives only through a (cached) look-up.
  if (!ctx.roles.agents.some((a) => a.includes('@'))) return false;
  return names.has((await ctx.actor()).email.toLowerCase());
}

/** Someone as a conversation's roster lists them: enough to tell an agent without a look-up. */
export interface Someone {
  aadObjectId?: string;
  email?: string;
}

/**
 * isAgent for other people than the speaker (a conversation's members), by the same rules, at no
 * API call: the instance comes from the client's cache. When it cannot be had in time, only
 * HELPDESK_AGENTS count.
 */
export async function agentTest(ctx: FeatureContext): Promise<(person: Someone) => boolean> {
  if (!ctx.roles.enforced) return () => true;
  const names = agentNames(ctx, await instanceInTime(ctx).catch(() => undefined));
  return (person) => names.has(person.aadObjectId?.toLowerCase() ?? '') || names.has(person.email?.toLowerCase() ?? '');
}

/** The ticket was requested by the speaker. */
export function isOwnTicket(ctx: FeatureContext, ticket: Ticket): boolean {
  const id = ctx.speaker.aadObjectId?.toLowerCase();
  return id !== undefined && ticket.requestor?.id.toLowerCase() === id;
}

/** The refusal a requester reads; a change also says that nothing was changed. */
export function refused(work: Work): FeatureError {
  return new FeatureError({ key: `refusal.${work}` });
}

/**
 * A requester's ticket, or a refusal saying what only agents may do with it. `recent`: a copy read
 * a few seconds ago will do (a refresh, which then shows that copy: one read for every viewer).
 */
async function requireOwn(ctx: FeatureContext, ref: TicketRef, what: Work, recent = false): Promise<void> {
  const copy = recent && 'id' in ref ? await recentTicket(ctx, ref.id) : undefined;
  const ticket = copy ?? (await loadTicket(ctx, ref));
  if (!isOwnTicket(ctx, ticket)) throw refused(what);
}

function statusWork(status: string): Work {
  return status === 'Started' ? 'start' : status === 'Resolved' ? 'resolve' : status === 'Closed' ? 'close' : 'reopen';
}

/**
 * The command as the speaker may run it, or a FeatureError that says why not; nothing has been
 * written when it throws. A requester's lists are their own tickets. Agents pay no API call for
 * the check; a requester's action on a ticket reads it once (usually from the cache).
 */
export async function permitCommand(ctx: FeatureContext, command: Command): Promise<Command> {
  const need = command.name === 'notify' ? notifyNeed(command) : command.name === 'comment' && command.isPrivate ? 'agent' : command.name === 'status'
    ? (command.status === 'Closed' || command.status === 'Reopened' ? 'own' : 'agent')
    : COMMAND_NEEDS.get(command.name) ?? 'agent';
  if (need === 'anyone' && command.name !== 'list') return command;
  if (await isAgent(ctx)) return command;
  if (command.name === 'list') return { ...command, filters: { ...command.filters, mine: true, assignedToMe: undefined } };
  const what = command.name === 'status' ? statusWork(command.status)
    : AGENT_WORK.get(command.name === 'comment' && command.isPrivate ? 'note' : command.name) ?? 'other';
  if (need === 'agent' || !('number' in command)) throw refused(what);
  const whose = command.name === 'status' ? what : command.name === 'comment' ? 'comment' : 'see';
  await requireOwn(ctx, { number: command.number }, whose);
  return command;
}

/** The same for a card's button, checked again at every click: a card may be old, or forwarded. */
export async function permitAction(ctx: FeatureContext, action: CardAction): Promise<CardAction> {
  const need = action.verb === 'comment' && action.isPrivate ? 'agent' : VERB_NEEDS.get(action.verb) ?? 'agent';
  if (need === 'anyone' && action.verb !== 'listPage') return action;
  if (await isAgent(ctx)) return action;
  if (action.verb === 'listPage') return { ...action, filters: { ...action.filters, mine: true, assignedToMe: undefined } };
  if (need === 'agent' || !('ticketId' in action)) throw refused(AGENT_WORK.get(action.verb === 'comment' ? 'note' : action.verb) ?? 'other');
  const what: Work = action.verb === 'close' || action.verb === 'reopen' ? action.verb : action.verb === 'comment' ? 'comment' : 'see';
  await requireOwn(ctx, { id: action.ticketId }, what, action.verb === 'refresh');
  return action;
}
