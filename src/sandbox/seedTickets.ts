/**
 * Generates the seeded tickets and their activities from a fixed PRNG and a fixed clock, so every
 * run produces the same instance. Activities are consistent with each ticket's status, and the
 * SLA flags with its response and resolution times.
 */
import type { CustomFieldValue, Priority, Resolution, Status, TicketTag, User } from '../ticketing/types.js';
import type { StoredActivity, StoredTicket } from './model.js';
import { Prng } from './prng.js';
import {
  AGENT_FIRST_REPLIES, DEFAULT_PRIORITIES, EXTRA_LINES, PRIVATE_NOTES, REOPEN_COMMENTS,
  REQUESTOR_REPLIES, SCENARIOS, SLOTS, type Scenario,
} from './seedScenarios.js';
import { CATEGORY, FIELD, SEED_PEOPLE, SYSTEM, TAG_CATEGORY, type SeedPerson } from './seedInstance.js';
import { HARDWARE_STATE_FOR, HARDWARE_WORKFLOW } from './workflows.js';

/** The seeded instance's "now": every seeded date is before it. */
export const SEED_NOW = new Date('2026-11-01T09:00:00Z');
export const SEED_TICKET_COUNT = 284;
const SPAN_DAYS = 120;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** First-response and resolution targets, in hours, by priority: they set the SLA flags. */
const FRT_HOURS: Record<Priority, number> = { Urgent: 1, Important: 4, Medium: 8, Low: 24 };
const RT_HOURS: Record<Priority, number> = { Urgent: 8, Important: 24, Medium: 72, Low: 120 };

const REQUESTORS = SEED_PEOPLE.filter((p) => p.requestor);
const AGENT_PEOPLE = SEED_PEOPLE.filter((p) => p.agent);

interface TimelineEvent {
  at: number;
  by: User;
  kind: 'comment' | 'status';
  comment?: string;
  isPrivate?: boolean;
  status?: Status;
  resolution?: Resolution;
}

export interface SeedTickets {
  tickets: StoredTicket[];
  /** By ticket id, oldest first. */
  activities: Map<string, StoredActivity[]>;
}

const user = ({ id, name, email }: User): User => ({ id, name, email });
const iso = (ms: number): string => new Date(ms).toISOString();
const dateOnly = (ms: number): string => iso(ms).slice(0, 10);

/** Creation times: spread over the span, denser recently, on working days and hours. */
function creationTimes(rng: Prng, count: number): number[] {
  const now = SEED_NOW.getTime();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const ageDays = SPAN_DAYS * rng.next() ** 1.5;
    const day = new Date(now - ageDays * DAY);
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) day.setUTCDate(day.getUTCDate() - (weekday === 0 ? 2 : 1));
    day.setUTCHours(rng.int(7, 17), rng.int(0, 59), rng.int(0, 59), 0);
    let at = day.getTime();
    if (at > now - 20 * MINUTE) at = now - rng.int(20, 600) * MINUTE;
    times.push(at);
  }
  return times.sort((a, b) => a - b);
}

function finalStatus(rng: Prng, ageDays: number): Status {
  if (ageDays < 3) return rng.weighted<Status>([['Open', 55], ['Started', 35], ['Resolved', 7], ['Reopened', 3]]);
  if (ageDays < 14) return rng.weighted<Status>([['Open', 25], ['Started', 35], ['Resolved', 25], ['Closed', 5], ['Reopened', 10]]);
  if (ageDays < 45) return rng.weighted<Status>([['Open', 6], ['Started', 14], ['Resolved', 25], ['Closed', 50], ['Reopened', 5]]);
  return rng.weighted<Status>([['Open', 2], ['Started', 5], ['Reopened', 2], ['Resolved', 11], ['Closed', 80]]);
}

function fill(template: string, fills: Record<string, string>): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, slot: string) => fills[slot] ?? whole);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slotFills(rng: Prng, requestor: SeedPerson): Record<string, string> {
  const fills: Record<string, string> = { department: requestor.department };
  for (const [slot, values] of Object.entries(SLOTS)) {
    fills[slot] = rng.pick(slot === 'colleague' ? values.filter((name) => name !== requestor.name) : values);
  }
  fills.laptop = `my ${fills.laptopName ?? 'laptop'}`;
  return fills;
}

function description(rng: Prng, scenario: Scenario, index: number, fills: Record<string, string>, requestor: SeedPerson): string {
  const lines = [fill(scenario.details[index % scenario.details.length] ?? '', fills)];
  const extra = EXTRA_LINES[scenario.kind];
  if (rng.chance(0.35)) {
    lines.push('', ...rng.sample(extra, rng.int(1, 3)));
    lines.push('', `Thanks,\n${requestor.name.split(' ')[0] ?? requestor.name}`);
  } else if (rng.chance(0.4)) {
    lines.push(rng.pick(extra));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The ticket's history up to its final status, before scaling it into the time available. */
function timeline(rng: Prng, status: Status, priority: Priority, requestor: User, agent: User | undefined, scenario: Scenario): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const handler = agent ?? user(rng.pick(AGENT_PEOPLE));
  let t = FRT_HOURS[priority] * HOUR * (0.1 + rng.next() * 1.3);
  const comment = (by: User, text: string, isPrivate = false): void => {
    events.push({ at: t, by, kind: 'comment', comment: text, isPrivate });
    t += HOUR * (0.5 + rng.next() * 6);
  };
  const change = (by: User, next: Status, extra: Partial<TimelineEvent> = {}): void => {
    events.push({ at: t, by, kind: 'status', status: next, ...extra });
    t += HOUR * (1 + rng.next() * RT_HOURS[priority] * 0.8);
  };

  if (status === 'Open') {
    if (agent && rng.chance(0.5)) comment(agent, rng.pick(AGENT_FIRST_REPLIES));
    if (events.length > 0 && rng.chance(0.5)) comment(requestor, rng.pick(REQUESTOR_REPLIES));
    return events;
  }
  const directClose = status === 'Closed' && rng.chance(0.1);
  if (directClose) {
    change(handler, 'Closed', { comment: 'Closing as a duplicate of an earlier ticket.' });
    return events;
  }
  if (rng.chance(0.6)) comment(handler, rng.pick(AGENT_FIRST_REPLIES));
  if (rng.chance(0.85) || status === 'Started') change(handler, 'Started');
  if (rng.chance(0.4)) comment(requestor, rng.pick(REQUESTOR_REPLIES));
  if (rng.chance(0.15)) comment(handler, rng.pick(PRIVATE_NOTES), true);
  if (status === 'Started') return events;

  const resolve = (): void => {
    const resolution = rng.weighted<Resolution>([['fixed', 80], ['cannotResolve', 10], ['cancelled', 10]]);
    const text = resolution === 'fixed' ? rng.pick(scenario.fixes)
      : resolution === 'cancelled' ? 'Cancelled at the requestor\'s request.'
        : 'We could not reproduce this; please open a new ticket if it happens again.';
    change(handler, 'Resolved', { resolution, comment: text });
  };
  resolve();
  if (status === 'Reopened') {
    change(requestor, 'Reopened', { comment: rng.pick(REOPEN_COMMENTS) });
    return events;
  }
  if (status === 'Closed') change(rng.chance(0.5) ? requestor : handler, 'Closed');
  return events;
}

function customFields(rng: Prng, scenario: Scenario, requestor: SeedPerson, createdAt: number): Record<string, CustomFieldValue> {
  const fields: Record<string, CustomFieldValue> = {
    [FIELD.category]: [CATEGORY[scenario.category].id],
    [FIELD.vip]: requestor.vip,
  };
  if (scenario.systems.length > 0 && rng.chance(0.65)) {
    fields[FIELD.affectedSystems] = rng.sample(scenario.systems, rng.int(1, 2)).map((key) => SYSTEM[key].id);
  }
  if (scenario.asset && rng.chance(0.7)) fields[FIELD.assetTag] = `CT-${scenario.asset}-${rng.int(10000, 99999)}`;
  if (scenario.steps && rng.chance(0.5)) {
    fields[FIELD.stepsToReproduce] = scenario.steps.map((step, i) => `${i + 1}. ${step}`).join('\n');
  }
  if (rng.chance(0.2)) {
    const other = rng.pick(SEED_PEOPLE.filter((p) => p.id !== requestor.id));
    fields[FIELD.affectedUser] = [user(other)];
  }
  if (rng.chance(0.15)) fields[FIELD.neededBy] = dateOnly(createdAt + rng.int(3, 20) * DAY);
  return fields;
}

function tags(rng: Prng, scenario: Scenario, requestor: SeedPerson): TicketTag[] {
  const result: TicketTag[] = [];
  if (rng.chance(0.7)) result.push({ tagCategoryId: TAG_CATEGORY.department, text: requestor.department });
  if (scenario.product && rng.chance(0.6)) result.push({ tagCategoryId: TAG_CATEGORY.product, text: scenario.product });
  if (rng.chance(0.45)) result.push({ tagCategoryId: TAG_CATEGORY.location, text: requestor.location });
  return result;
}

/** Fits a timeline into the time between creation and the seed's now, keeping its proportions. */
function fitTimeline(events: TimelineEvent[], createdAt: number): void {
  const last = events[events.length - 1];
  if (!last) return;
  const available = SEED_NOW.getTime() - createdAt - 5 * MINUTE;
  const scale = last.at > available ? available / last.at : 1;
  for (const event of events) event.at = createdAt + Math.max(MINUTE, Math.round(event.at * scale));
}

/**
 * Hardware requests go through the custom "Hardware requests" workflow: their statuses, and those
 * of their history, become its states. Nothing is drawn from the PRNG, so every other ticket is the
 * same with or without it.
 */
function adoptHardwareWorkflow(ticket: StoredTicket, history: StoredActivity[]): void {
  const state = (status: string) => HARDWARE_STATE_FOR[status as Status];
  ticket.workflowId = HARDWARE_WORKFLOW.id;
  ticket.status = state(ticket.status);
  for (const activity of history) {
    if (activity.status !== undefined) activity.status = state(activity.status);
    if (activity.previousStatus !== undefined) activity.previousStatus = state(activity.previousStatus);
  }
}

/**
 * @param customWorkflows put the hardware requests in the custom workflow (the live seed); the
 * documented seed keeps every ticket in the page's five statuses.
 */
export function seedTickets(seed = 20261101, customWorkflows = false): SeedTickets {
  const rng = new Prng(seed);
  const now = SEED_NOW.getTime();
  const tickets: StoredTicket[] = [];
  const activities = new Map<string, StoredActivity[]>();

  creationTimes(rng, SEED_TICKET_COUNT).forEach((createdAt, index) => {
    const id = rng.uuid();
    const scenario = rng.pick(SCENARIOS);
    const requestor = rng.pick(REQUESTORS);
    const fills = slotFills(rng, requestor);
    const titleIndex = rng.int(0, scenario.titles.length - 1);
    const priority = rng.weighted(scenario.priorities ?? DEFAULT_PRIORITIES);
    const status = finalStatus(rng, (now - createdAt) / DAY);
    const candidates = AGENT_PEOPLE.filter((p) => p.id !== requestor.id);
    const assignee = status === 'Open' && rng.chance(0.5) ? undefined : user(rng.pick(candidates));
    const createdBy = rng.chance(0.15) ? user(rng.pick(candidates)) : user(requestor);

    const events = timeline(rng, status, priority, user(requestor), assignee, scenario);
    fitTimeline(events, createdAt);

    const ticket: StoredTicket = {
      id,
      number: index + 1,
      title: fill(scenario.titles[titleIndex] ?? '', fills),
      description: description(rng, scenario, titleIndex, fills, requestor),
      status,
      priority,
      requestor: user(requestor),
      ...(assignee ? { assignee } : {}),
      customFields: customFields(rng, scenario, requestor, createdAt),
      ...(rng.chance(0.4) ? { expectedDate: dateOnly(createdAt + rng.int(1, 14) * DAY) } : {}),
      createdOn: iso(createdAt),
      lastUpdatedOn: iso(createdAt),
      tags: tags(rng, scenario, requestor),
      isFrtEscalated: false,
      isRtEscalated: false,
      createdBy,
      lastUpdatedBy: createdBy,
    };

    const history: StoredActivity[] = [];
    let current: Status = 'Open';
    for (const event of events) {
      const at = iso(event.at);
      const base = { id: rng.uuid(), ticketId: id, createdDateTime: at, createdBy: event.by };
      if (event.kind === 'status' && event.status) {
        history.push({
          ...base, type: 'status', status: event.status, previousStatus: current, isPrivate: false,
          ...(event.resolution ? { resolution: event.resolution } : {}),
          ...(event.comment ? { comment: event.comment } : {}),
        });
        current = event.status;
        if (event.status === 'Resolved') {
          ticket.resolution = event.resolution;
          ticket.lastResolutionOn = at;
          ticket.firstResolutionOn ??= at;
          ticket.lastResolutionComment = event.comment;
        } else if (event.status !== 'Closed') {
          delete ticket.resolution;
        }
      } else {
        history.push({ ...base, type: 'comment', comment: event.comment ?? '', isPrivate: event.isPrivate ?? false });
      }
      if (event.by.id !== ticket.requestor.id) ticket.firstResponseOn ??= at;
      ticket.lastUpdatedOn = at;
      ticket.lastUpdatedBy = event.by;
    }

    const responded = ticket.firstResponseOn ? Date.parse(ticket.firstResponseOn) : now;
    const resolved = ticket.firstResolutionOn ? Date.parse(ticket.firstResolutionOn) : now;
    ticket.isFrtEscalated = responded - createdAt > FRT_HOURS[priority] * HOUR;
    ticket.isRtEscalated = resolved - createdAt > RT_HOURS[priority] * HOUR;

    if (customWorkflows && scenario.kind === 'request' && scenario.category === 'Hardware') adoptHardwareWorkflow(ticket, history);
    tickets.push(ticket);
    activities.set(id, history);
  });
  return { tickets, activities };
}
