import type { Answer, FeatureContext } from './context.js';
import type { CardAction } from './parseAction.js';
import type { Command } from './parseCommand.js';
import { addComment } from './addComment.js';
import { changeStatus, moveTicket } from './changeStatus.js';
import { createOrOpenForm, submitChatForm } from './chatCreate.js';
import { editTicket } from './editTicket.js';
import { openEditForm } from './openEditForm.js';
import { help, showTags } from './help.js';
import { listTickets } from './listTickets.js';
import { permitAction, permitCommand } from './permissions.js';
import { refreshTicket, showHistory, showTicket } from './showTicket.js';
import { exportReport, showReport } from './showReport.js';
import { assignToEmail, assignToMe, assignToName, setPriority } from './updateTicket.js';
import { notify } from '../notify/notifyCommand.js';
import { unassignTicket } from './unassignTicket.js';

/** The members of union U whose tag K can be N, with the tag narrowed to N. */
type Member<U, K extends keyof U, N> = U extends unknown ? (N extends U[K] ? Omit<U, K> & Record<K, N> : never) : never;

type Handlers<U extends Record<K, string>, K extends keyof U> = {
  [N in U[K]]: (ctx: FeatureContext, input: Member<U, K, N>) => Promise<Answer> | Answer;
};

/** The answer, to be posted as a new message rather than replace the card clicked. */
function asNewMessage(answer: Answer): Answer {
  return { ...answer, asNewMessage: true };
}

/** Chat command → feature. The type makes a missing command a compile error. */
export const commandRoutes: Handlers<Command, 'name'> = {
  help: (ctx) => help(ctx),
  tags: (ctx) => showTags(ctx),
  list: (ctx, c) => listTickets(ctx, c.filters),
  show: (ctx, c) => showTicket(ctx, { number: c.number }),
  history: (ctx, c) => showHistory(ctx, { number: c.number }),
  create: (ctx, c) => createOrOpenForm(ctx, { title: c.title, description: c.description }),
  status: (ctx, c) => changeStatus(ctx, { number: c.number }, { status: c.status, resolution: c.resolution, comment: c.comment }, 'command'),
  move: (ctx, c) => moveTicket(ctx, { number: c.number }, c.state, 'command'),
  comment: (ctx, c) => addComment(ctx, { number: c.number }, c.text, 'command', c.isPrivate),
  assign: (ctx, c) => (c.to === 'me' ? assignToMe(ctx, { number: c.number })
    : 'email' in c.to ? assignToEmail(ctx, { number: c.number }, c.to.email) : assignToName(ctx, { number: c.number }, c.to.name)),
  priority: (ctx, c) => setPriority(ctx, { number: c.number }, c.priority),
  unassign: (ctx, c) => unassignTicket(ctx, c.number),
  report: (ctx, c) => showReport(ctx, c.request),
  notify: (ctx, c) => notify(ctx, c.request),
};

/** Card verb → feature. Every verb in cards/*.json has a route here, and every route a verb (tested). */
export const verbRoutes: Handlers<CardAction, 'verb'> = {
  help: (ctx) => help(ctx),
  refresh: (ctx, a) => refreshTicket(ctx, a.ticketId),
  show: (ctx, a) => showTicket(ctx, { id: a.ticketId }),
  open: async (ctx, a) => asNewMessage(await showTicket(ctx, { id: a.ticketId })),
  history: (ctx, a) => showHistory(ctx, { id: a.ticketId }),
  start: (ctx, a) => changeStatus(ctx, { id: a.ticketId }, { status: 'Started' }, 'button'),
  close: (ctx, a) => changeStatus(ctx, { id: a.ticketId }, { status: 'Closed', comment: a.reason }, 'button'),
  reopen: (ctx, a) => changeStatus(ctx, { id: a.ticketId }, { status: 'Reopened', comment: a.reason }, 'button'),
  resolve: (ctx, a) => changeStatus(ctx, { id: a.ticketId }, { status: 'Resolved', resolution: a.resolution, comment: a.comment }, 'button'),
  move: (ctx, a) => moveTicket(ctx, { id: a.ticketId }, a.state, 'button'),
  comment: (ctx, a) => addComment(ctx, { id: a.ticketId }, a.comment, 'button', a.isPrivate),
  priority: (ctx, a) => setPriority(ctx, { id: a.ticketId }, a.priority),
  assignMe: (ctx, a) => assignToMe(ctx, { id: a.ticketId }),
  listPage: (ctx, a) => listTickets(ctx, a.filters, { token: a.token, skip: a.skip, page: a.page }),
  create: async (ctx, a) => asNewMessage(await createOrOpenForm(ctx, { title: a.title, description: a.description })),
  createFromForm: (ctx, a) => submitChatForm(ctx, a.values),
  report: async (ctx, a) => asNewMessage(await showReport(ctx, a.request)),
  exportReport: (ctx, a) => exportReport(ctx, a.request),
  editForm: (ctx, a) => openEditForm(ctx, a.ticketId),
  edit: (ctx, a) => editTicket(ctx, a.ticketId, { title: a.title, description: a.description, expectedDate: a.expectedDate, inputs: a.inputs, was: a.was }),
};

export async function routeCommand(ctx: FeatureContext, command: Command): Promise<Answer> {
  const handler = commandRoutes[command.name] as (ctx: FeatureContext, input: Command) => Promise<Answer> | Answer;
  return handler(ctx, await permitCommand(ctx, command));
}

export async function routeAction(ctx: FeatureContext, action: CardAction): Promise<Answer> {
  const handler = verbRoutes[action.verb] as (ctx: FeatureContext, input: CardAction) => Promise<Answer> | Answer;
  return handler(ctx, await permitAction(ctx, action));
}
