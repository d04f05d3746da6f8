import { PRIORITIES, type CustomField, type CustomFieldValue, type Instance, type TagCategory, type Ticket } from '../ticketing/types.js';
import { instanceFields } from '../ticketing/instance.js';
import { translatorFor, type Translate } from '../i18n/translate.js';
import { priorityWord, say, statusWord } from '../i18n/apiWords.js';
import { render, type AdaptiveCard } from './render.js';
import {
  cut, dateOnly, dateTime, jsonBytes, numberLabel, personName, plain, priorityStyle, resolutionLabel, statusStyle, titleText,
  type BadgeStyle, type Clock,
} from './format.js';

const MAX_DESCRIPTION = 1200;
const MAX_FIELD_VALUE = 300;
/**
 * What the custom fields may take of the card, as JSON. An instance may define any number of
 * them; past this the card says how many more there are (Teams refuses a card over about 28 KB).
 */
const CUSTOM_FIELDS_BYTES = 6 * 1024;

/** What happened, shown at the top of a compact ticket card (a change made by a typed command). */
export interface TicketEvent {
  headline: string;
  when: string;
  text?: string;
}

export interface TicketCardOptions {
  /** The reader's language and zone, for the words and the dates. */
  clock: Clock;
  instance?: Instance;
  tagCategories?: TagCategory[];
  /** A line above everything, e.g. why the card shows a state the person did not expect. */
  note?: string;
  /** `good`: the note confirms what the person just did (green); default `warning`. */
  noteStyle?: 'good' | 'warning';
  /** With an event: the compact card, the event under the ticket's number and title. */
  event?: TicketEvent;
  /** The one person who reads this card (a personal chat): Assign to me is left out once the ticket is theirs. */
  viewerId?: string;
  /**
   * Whose buttons the card shows: an agent's (every one; the default) or a requester's (History,
   * Comment, Close and Reopen: what they may do on their own ticket). The server checks every click anyway.
   */
  view?: CardView;
  /**
   * The Teams users (29:… ids) whose Teams refreshes the card on its own, each to their own view;
   * at most 60 (Teams' limit). Default none: anyone may still refresh it from the message's menu.
   */
  refreshUserIds?: readonly string[];
}

export type CardView = 'agent' | 'requester';

/** Teams refreshes a card on its own for at most this many people (its `refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;

/** A FactSet row; the view model holds them as the card does, so a FactSet binds its list in one expression. */
interface Fact {
  title: string;
  value: string;
}

export interface TicketView {
  id: string;
  numberLabel: string;
  title: string;
  status: string;
  statusStyle: BadgeStyle;
  priority: string;
  priorityStyle: BadgeStyle;
  /** The priority form's preselected choice: the ticket's when it is one of the four, else Medium. */
  priorityValue: string;
  facts: Fact[];
  customFields: Fact[];
  /** "3 more fields are in the helpdesk.", when the card has no room for them. */
  moreFields?: string;
  description?: string;
  descriptionCut: boolean;
  escalation?: string;
  resolution?: string;
  resolutionComment?: string;
  note?: string;
  noteStyle: 'good' | 'warning';
  event?: TicketEvent;
  compact: boolean;
  canStart: boolean;
  canResolve: boolean;
  canClose: boolean;
  canReopen: boolean;
  canAssignToMe: boolean;
  /** An agent's view: Edit, Priority and the internal note's switch. */
  canEdit: boolean;
  /** Who gets their own view by Teams' automatic refresh (see TicketCardOptions). */
  refreshUserIds: string[];
  /** A custom workflow's other states, by label, for the "Move to" choice (its value: the state's id). */
  moveChoices: Choice[];
  canMove: boolean;
}

interface Choice {
  title: string;
  value: string;
}

/**
 * The states a ticket of a custom workflow may be moved to: every other state of it, or those its
 * state's `nextSteps` allow when the service says. None for the default workflow: its buttons
 * cover it.
 */
function moveChoices(ticket: Ticket): Choice[] {
  const states = ticket.workflow ?? [];
  if (ticket.isCustomWorkflow !== true || states.length < 2) return [];
  const status = (ticket.status ?? '').trim().toLowerCase();
  const current = states.find((s) => s.id.toLowerCase() === status || s.label.toLowerCase() === status);
  return states
    .filter((s) => s !== current && (current?.next === undefined || current.next.includes(s.id)))
    .map((s) => ({ title: plain(s.label), value: s.id }));
}

/**
 * The labels of the states that count as resolved: the workflow's `resolvedStatus` (ids, shown by
 * their labels) when the ticket carries it, else Resolved and Closed. Lowercase.
 */
function resolvedLabels(ticket: Pick<Ticket, 'workflow' | 'resolvedStatus'>): Set<string> {
  const ids = ticket.resolvedStatus;
  if (!ids || ids.length === 0) return new Set(['resolved', 'closed']);
  const label = (id: string) => ticket.workflow?.find((s) => s.id === id)?.label ?? id;
  return new Set(ids.map((id) => label(id).trim().toLowerCase()));
}

/**
 * The transitions that make sense from the ticket's status, in its workflow when it carries one:
 * Start from the first state or Reopened, Reopen from a resolved state. Unknown labels allow all
 * but reopen.
 */
export function transitions(ticket: Pick<Ticket, 'status' | 'workflow' | 'resolvedStatus'>): Pick<TicketView, 'canStart' | 'canResolve' | 'canClose' | 'canReopen'> {
  const s = (ticket.status ?? '').trim().toLowerCase();
  const first = (ticket.workflow?.[0]?.label ?? 'open').trim().toLowerCase();
  const done = resolvedLabels(ticket).has(s);
  return {
    canStart: s === first || s === 'reopened',
    canResolve: !done,
    canClose: s !== 'closed',
    canReopen: done,
  };
}

/** A custom field's value as people expect to read it: names, option texts, Yes/No, a date. */
function showValue(field: CustomField | undefined, value: CustomFieldValue, clock: Clock, t: Translate): string | undefined {
  if (typeof value === 'boolean') return t(value ? 'card.yes' : 'card.no');
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    if (field?.type === 'datepicker') return /T/.test(value) ? dateTime(value, clock) : dateOnly(value, clock.language);
    return value;
  }
  const parts = value.map((item) => {
    if (typeof item === 'string') return field?.options?.find((o) => o.id === item)?.text ?? item;
    return personName(item) ?? '';
  }).filter((p) => p !== '');
  return parts.length === 0 ? undefined : parts.join(', ');
}

function tagText(ticket: Ticket, categories: TagCategory[] | undefined): string | undefined {
  if (!ticket.tags || ticket.tags.length === 0) return undefined;
  return ticket.tags.map((t) => {
    const category = t.tagCategoryId === undefined ? undefined : categories?.find((c) => c.id === t.tagCategoryId);
    return category ? `${category.text}: ${t.text}` : t.text;
  }).join(', ');
}

export function ticketView(ticket: Ticket, options: TicketCardOptions): TicketView {
  const { clock } = options;
  const t = translatorFor(clock.language);
  const facts: Fact[] = [];
  const add = (title: string, value: string | undefined) => {
    if (value) facts.push({ title, value: plain(cut(value, MAX_FIELD_VALUE).text) });
  };
  add(t('card.requestor'), personName(ticket.requestor));
  add(t('card.assignee'), personName(ticket.assignee) ?? t('card.unassigned'));
  add(t('card.created'), dateTime(ticket.createdOn, clock));
  add(t('card.updated'), dateTime(ticket.lastUpdatedOn, clock));
  add(t('card.expected'), ticket.expectedDate && (/T/.test(ticket.expectedDate) ? dateTime(ticket.expectedDate, clock) : dateOnly(ticket.expectedDate, clock.language)));
  add(t('card.tags'), tagText(ticket, options.tagCategories));

  const fields = instanceFields(options.instance);
  const customFields: TicketView['customFields'] = [];
  let room = CUSTOM_FIELDS_BYTES;
  let moreFields = 0;
  for (const [id, value] of Object.entries(ticket.customFields ?? {})) {
    const field = fields.find((f) => f.id === id);
    const shown = showValue(field, value, clock, t);
    if (shown === undefined) continue;
    const fact = { title: plain(field?.label ?? t('card.otherField')), value: plain(cut(shown, MAX_FIELD_VALUE).text) };
    room -= jsonBytes(fact.title) + jsonBytes(fact.value);
    if (room < 0) moreFields++;
    else customFields.push(fact);
  }

  const resolved = resolvedLabels(ticket).has((ticket.status ?? '').trim().toLowerCase());
  // An SLA flag stays set on a ticket once resolved; "overdue" is only news while it is open.
  const escalations = resolved ? [] : [
    ticket.isFrtEscalated ? t('card.frtOverdue') : undefined,
    ticket.isRtEscalated ? t('card.rtOverdue') : undefined,
  ].filter((e) => e !== undefined);
  const description = ticket.description?.trim() ? cut(ticket.description.trim(), MAX_DESCRIPTION) : undefined;
  const event = options.event && {
    headline: plain(options.event.headline),
    when: options.event.when,
    text: options.event.text === undefined ? undefined : plain(cut(options.event.text, MAX_DESCRIPTION).text),
  };

  const agent = (options.view ?? 'agent') === 'agent';
  const moves = agent ? moveChoices(ticket) : [];
  const may = transitions(ticket);
  const priorityValue = PRIORITIES.find((p) => p === ticket.priority) ?? 'Medium';
  return {
    id: ticket.id,
    numberLabel: numberLabel(ticket.number),
    title: titleText(ticket.title, 300, t),
    status: ticket.status === undefined ? t('card.unknownStatus') : say(statusWord(ticket.status, ticket), t),
    statusStyle: statusStyle(ticket.status),
    priority: ticket.priority === undefined ? t('card.noPriority') : say(priorityWord(ticket.priority), t),
    priorityStyle: priorityStyle(ticket.priority),
    priorityValue,
    facts,
    customFields,
    moreFields: moreFields === 0 ? undefined : t('card.moreFields', { count: moreFields }),
    description: description && plain(description.text),
    descriptionCut: description?.wasCut ?? false,
    escalation: escalations.length > 0 ? `⚠ ${escalations.join(' · ')}` : undefined,
    resolution: resolved && ticket.resolution ? t('card.resolution', { label: resolutionLabel(ticket.resolution, t) }) : undefined,
    resolutionComment: resolved && ticket.lastResolutionComment ? plain(cut(ticket.lastResolutionComment, MAX_FIELD_VALUE).text) : undefined,
    note: options.note,
    noteStyle: options.noteStyle ?? 'warning',
    event,
    compact: event !== undefined,
    ...may,
    canStart: agent && may.canStart,
    canResolve: agent && may.canResolve,
    canEdit: agent,
    refreshUserIds: (options.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS),
    canAssignToMe: agent && (ticket.status ?? '').toLowerCase() !== 'closed'
      && (options.viewerId === undefined || ticket.assignee?.id.toLowerCase() !== options.viewerId.toLowerCase()),
    moveChoices: moves,
    canMove: moves.length > 0,
  };
}

export function ticketCard(ticket: Ticket, options: TicketCardOptions): AdaptiveCard {
  return render('ticket', ticketView(ticket, options), translatorFor(options.clock.language));
}
