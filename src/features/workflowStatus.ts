/**
 * Statuses come from the ticket's workflow, not from a constant. The bot's commands, buttons and
 * list filters speak of intents (the page's five names: Open, Reopened, Started, Resolved,
 * Closed); this file finds the state of the ticket's workflow each intent means. Live, a ticket
 * read carries its workflow; when it does not (the documented dialect, or a ticket not read yet),
 * the dialect's default workflow stands in.
 */
import {
  LIVE_STATUSES, STATUSES, type Dialect, type Instance, type Status, type Ticket, type WorkflowState,
} from '../ticketing/types.js';

/** The dialect's default workflow: live names `Started` `In Progress`; ids are the labels (live) or lowercase (documented). */
function defaultStates(dialect: Dialect): WorkflowState[] {
  return STATUSES.map((intent, i) => (dialect === 'live'
    ? { id: LIVE_STATUSES[i]!, label: LIVE_STATUSES[i]! }
    : { id: intent.toLowerCase(), label: intent }));
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const named = (states: WorkflowState[], ...names: string[]) =>
  states.find((s) => names.some((n) => same(s.id, n) || same(s.label, n)));

/** The ticket's workflow when it carries one, else the dialect's default. */
export function statesOf(ticket: Ticket | undefined, dialect: Dialect): WorkflowState[] {
  return ticket?.workflow && ticket.workflow.length > 0 ? ticket.workflow : defaultStates(dialect);
}

/**
 * The ids of the states that count as resolved: the ticket's `resolvedStatus`, which names them
 * by label (S2, verified live) or by id, else those named Resolved or Closed.
 */
function resolvedIds(states: WorkflowState[], ticket: Ticket | undefined): Set<string> {
  const given = ticket?.resolvedStatus;
  const resolved = given && given.length > 0
    ? states.filter((s) => given.some((g) => same(g, s.id) || same(g, s.label)))
    : states.filter((s) => named([s], 'Resolved', 'Closed'));
  return new Set(resolved.map((s) => s.id.toLowerCase()));
}

/**
 * The state an intent moves a ticket to in its workflow. Start: the state named In Progress or
 * Started, else the first that is neither the first state, nor Reopened, nor resolved: whatever
 * its label. Resolve: Resolved, else the first resolved state; Close: Closed, else the last
 * resolved state; Reopen: Reopened, else the first state; Open: the first state.
 */
export function stateFor(intent: Status, ticket: Ticket | undefined, dialect: Dialect): WorkflowState {
  const states = statesOf(ticket, dialect);
  const first = states[0]!;
  const resolved = resolvedIds(states, ticket);
  const resolvedStates = states.filter((s) => resolved.has(s.id.toLowerCase()));
  switch (intent) {
    case 'Open': return named(states, 'Open') ?? first;
    case 'Reopened': return named(states, 'Reopened') ?? first;
    case 'Resolved': return named(states, 'Resolved') ?? resolvedStates[0] ?? first;
    case 'Closed': return named(states, 'Closed') ?? resolvedStates[resolvedStates.length - 1] ?? first;
    case 'Started':
      return named(states, 'In Progress', 'Started')
        ?? states.find((s) => s !== first && !named([s], 'Reopened') && !resolved.has(s.id.toLowerCase()))
        ?? first;
  }
}

/** The label a status change sends for an intent. */
export function statusLabelFor(intent: Status, ticket: Ticket | undefined, dialect: Dialect): string {
  return stateFor(intent, ticket, dialect).label;
}

/**
 * What a status change sends to move to `state`: live, its id (S3: the default workflow's ids
 * are its labels; a custom workflow's state goes by id); documented, the page's label.
 */
export function statusValue(state: WorkflowState, dialect: Dialect): string {
  return dialect === 'live' ? state.id : state.label;
}

/**
 * Whether a status change to `state` may carry a resolution: the states the workflow marks as
 * recording one, when it marks any; else the state Resolve moves to (the default's Resolved).
 */
export function takesResolution(state: WorkflowState, ticket: Ticket | undefined, dialect: Dialect): boolean {
  const states = statesOf(ticket, dialect);
  if (states.some((s) => s.recordsResolution !== undefined)) return state.recordsResolution === true;
  return same(stateFor('Resolved', ticket, dialect).id, state.id);
}

/** True when the ticket's status is `state`: the service may say its label or its id. */
export function isInState(ticket: Ticket, state: WorkflowState): boolean {
  const status = ticket.status ?? '';
  return same(status, state.label) || same(status, state.id);
}

/** The state of the ticket's workflow a person named, by label or id, whatever the case. */
export function stateNamed(ticket: Ticket | undefined, name: string, dialect: Dialect): WorkflowState | undefined {
  return named(statesOf(ticket, dialect), name);
}

/** The state a person named, in any of the instance's workflows (lists span workflows); live only. */
export function instanceStateNamed(instance: Instance | undefined, name: string): WorkflowState | undefined {
  for (const workflow of instance?.workflows ?? []) {
    const found = named(workflow.states, name);
    if (found) return found;
  }
  return undefined;
}

/** The `statusId` filter for an intent, in the dialect's default workflow (lists span workflows). */
export function statusIdFor(intent: Status, dialect: Dialect): string {
  return stateFor(intent, undefined, dialect).id;
}
