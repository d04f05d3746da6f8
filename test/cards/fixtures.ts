/**
 * Realistic view data for every card template, built through the bot's own view-model functions
 * (ticketCard, listCard, historyCard, help, errorAnswer, tagsCard) from the embedded sandbox's
 * seeded tickets, read through the client's normalizer exactly as the bot reads the API.
 *
 * Every file in cards/ must have at least one fixture here: cards.test.ts fails, naming the
 * template, when one has none. A new template therefore needs a new entry in FIXTURES.
 */
import { describeActivity, historyCard } from '../../src/cards/historyCard.js';
import { copyNote, dateTime, numberLabel, type Clock } from '../../src/cards/format.js';
import { listCard } from '../../src/cards/listCard.js';
import { notificationCard, notifySettingsCard } from '../../src/cards/notificationCards.js';
import type { AdaptiveCard } from '../../src/cards/render.js';
import { tagsCard } from '../../src/cards/tagsCard.js';
import { ticketCard, type TicketCardOptions } from '../../src/cards/ticketCard.js';
import { editFormCard } from '../../src/cards/editFormCard.js';
import type { FeatureContext } from '../../src/features/context.js';
import { openCreateForm, submitCreateForm } from '../../src/features/createForm.js';
import { errorAnswer } from '../../src/features/errorAnswer.js';
import { FeatureError } from '../../src/features/featureError.js';
import { help } from '../../src/features/help.js';
import { localeOf } from '../../src/i18n/locale.js';
import { translatorFor } from '../../src/i18n/translate.js';
import { parseCommand } from '../../src/features/parseCommand.js';
import { AGENTS, CATEGORY, FIELD, PEOPLE, SYSTEM } from '../../src/sandbox/seedInstance.js';
import { SEED_NOW } from '../../src/sandbox/seedTickets.js';
import { HARDWARE_STATE, HARDWARE_WORKFLOW, isResolvedStatus } from '../../src/sandbox/workflows.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { rateLimitedError } from '../../src/ticketing/errors.js';
import { reportCard } from '../../src/cards/reportCard.js';
import { computeFigures } from '../../src/reports/figures.js';
import { placePeriod, type ReportRequest } from '../../src/reports/reportRequest.js';
import type { Report } from '../../src/reports/reports.js';
import { readActivity, readInstance, readTagCategory, readTicket } from '../../src/ticketing/normalize.js';
import type { Activity, CustomFieldValue, Instance, TagCategory, Ticket, User } from '../../src/ticketing/types.js';
import { NARROW_CARD_WIDTH } from './teamsHostConfig.js';

export interface CardFixture {
  /** The template the card comes from: a file name in cards/ without `.json`. */
  template: string;
  /** The case, unique within its template; `<template>-<name>` names the screenshot. */
  name: string;
  /** What the case covers, for the gallery. */
  about: string;
  /** Builds the card through the view-model function (lazily, so one failing builder fails one test). */
  build: () => AdaptiveCard | Promise<AdaptiveCard>;
  /**
   * Texts the rendered card must show. For text under `maxLines`, a prefix is enough (the renderer
   * may clip the rest).
   */
  shows: string[];
  /** Texts that must not appear anywhere in the card JSON. */
  hides?: string[];
  /**
   * User text that looks like a template expression on purpose (`${...}`): allowed in the bound
   * card, because render() must show user text as typed.
   */
  literals?: string[];
  /** Render width in CSS pixels; default TEAMS_CARD_WIDTH. */
  width?: number;
  /** The title of an Action.ShowCard to open in the browser before checking `shows` (a form). */
  expand?: string;
}

// ---------------------------------------------------------------------------------------------
// Data: the sandbox's seeded helpdesk, read through the client's normalizer.

const TIMEZONE = 1;
/** English, at UTC+1 all year: what the card fixtures are read in, unless they say otherwise. */
const CLOCK: Clock = { language: 'en', zone: { fixedHours: TIMEZONE } };
const store = new SandboxStore(true, () => SEED_NOW);
/** Wire JSON → the bot's types, as TicketingClient does it (the number arrives as `ticketId`). */
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;
const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`fixture data: no ${what}`);
  return value;
};

const TICKETS: Ticket[] = store.allTickets().map((t) => must(readTicket(wire(t)), `ticket ${t.ticketId}`));
const INSTANCE: Instance = must(readInstance(wire(store.instance())), 'instance');
const TAG_CATEGORIES: TagCategory[] = store.tagCategories().map((c) => must(readTagCategory(wire(c)), 'tag category'));
const activitiesOf = (ticket: Ticket): Activity[] =>
  store.activities(ticket.id).map((a) => must(readActivity(wire(a), ticket.id), 'activity'));

const options = (extra: Partial<TicketCardOptions> = {}): TicketCardOptions => ({
  clock: CLOCK, instance: INSTANCE, tagCategories: TAG_CATEGORIES, ...extra,
});

/** The first seeded ticket that matches, copied (fixtures change their copies). */
function seeded(what: string, match: (t: Ticket) => boolean): Ticket {
  return structuredClone(must(TICKETS.find(match), `seeded ticket: ${what}`));
}
const withStatus = (status: string) => (t: Ticket) => t.status === status;

const person = (name: string): User => must(PEOPLE.find((p) => p.name === name), `person ${name}`);
const agent = (name: string): User => must(AGENTS.find((p) => p.name === name), `agent ${name}`);

/** Repeats realistic sentences up to exactly `length` characters. */
function longText(length: number, sentences: string[]): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += (text ? ' ' : '') + sentences[i % sentences.length];
  return text.slice(0, length);
}

const DESCRIPTION_SENTENCES = [
  'Since the update on Monday the laptop drops off the VPN every few minutes while on the office Wi-Fi.',
  'It reconnects by itself after about thirty seconds, but Teams calls and SAP sessions are cut each time.',
  'I have restarted, re-entered my password and forgotten the network; it still happens.',
  'Colleagues at the next desk on the same access point do not have the problem.',
  'Event log shows "IKE negotiation timed out" right before each drop.\n',
];
const COMMENT_SENTENCES = [
  'Replaced the VPN client with version 5.4.2 and reset the network stack.',
  'The access point on floor 3 had an outdated firmware; it was updated during the maintenance window.',
  'Monitored the connection for two days without a single drop.',
  'If it happens again, please attach the output of "vpncli diag" to this ticket.',
];

/** 255 characters, the service's maximum title length. */
const LONGEST_TITLE = longText(255,
  ['VPN disconnects every few minutes on the office Wi-Fi after the Monday update, cutting Teams calls and SAP sessions for the whole finance team on floor 3 of the Seattle HQ building, also reported by two colleagues in Redmond and one working remotely from home']);

/** Every custom field kind of the seeded instance, with a value each. */
const ALL_CUSTOM_FIELDS: Record<string, CustomFieldValue> = {
  [FIELD.category]: [CATEGORY.Network.id], // single item picker
  [FIELD.affectedUser]: [person('Megan Bowen'), person('Miriam Graham')], // people picker
  [FIELD.affectedSystems]: [SYSTEM.vpn.id, SYSTEM.teams.id, SYSTEM.sap.id], // multiple item picker
  [FIELD.assetTag]: 'CON-LT-04812', // text
  [FIELD.vip]: true, // toggle
  [FIELD.neededBy]: '2026-11-20', // date picker
  [FIELD.stepsToReproduce]: '1. Connect to "Contoso-Corp" Wi-Fi on floor 3\n2. Start the VPN client\n3. Wait 3–5 minutes: the tunnel drops', // text area
};

const allLiveTags = (): Ticket['tags'] => TAG_CATEGORIES.filter((c) => !c.deleted)
  .flatMap((c) => c.tags.filter((t) => !t.deleted).map((t) => ({ tagCategoryId: c.id ?? '', text: t.text })));

const prefix = (text: string, length = 40): string => text.slice(0, length);

// ---------------------------------------------------------------------------------------------
// ticket.json

/** Teams user ids are about 90 characters: 60 of them is what a shared card's refresh may name. */
const SIXTY_TEAMS_IDS = Array.from({ length: 60 }, (_, i) => `29:1${String(i).padStart(2, '0')}SnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQ`);

function ticketCase(
  name: string, about: string, ticket: Ticket, extra: Partial<TicketCardOptions>, shows: string[],
  more: Partial<CardFixture> = {},
): CardFixture {
  return { template: 'ticket', name, about, build: () => ticketCard(ticket, options(extra)), shows, ...more };
}

const fullTicket = (() => {
  const t = seeded('resolved, fixed, with a comment and tags', (x) =>
    x.status === 'Resolved' && x.resolution === 'fixed' && !!x.lastResolutionComment && (x.tags?.length ?? 0) >= 2);
  t.customFields = ALL_CUSTOM_FIELDS;
  t.expectedDate = '2026-11-21';
  t.priority = 'Important';
  return t;
})();

const statusCases: Array<{ status: string; priority?: string; about: string; change?: (t: Ticket) => void }> = [
  { status: 'Open', priority: 'Urgent', about: 'Open, Urgent: Start, Resolve, Assign to me' },
  { status: 'Reopened', priority: 'Important', about: 'Reopened, Important' },
  {
    status: 'Started', priority: 'Medium', about: 'Started, Medium, resolution overdue only',
    change: (t) => { t.isFrtEscalated = false; t.isRtEscalated = true; },
  },
  {
    status: 'Resolved', priority: 'Low', about: 'Resolved as "cannot resolve", with comment: Reopen instead of Start',
    change: (t) => { t.resolution = 'cannotResolve'; t.lastResolutionComment = 'The vendor no longer supports this scanner model; a replacement is on order (PO 44821).'; },
  },
  {
    status: 'Closed', priority: 'Medium', about: 'Closed as cancelled: no Close or Assign to me',
    change: (t) => { t.resolution = 'cancelled'; t.lastResolutionComment = 'Duplicate of #212.'; },
  },
];

const statusFixtures: CardFixture[] = statusCases.map(({ status, priority, about, change }) => {
  const t = seeded(status, withStatus(status));
  if (priority) t.priority = priority;
  t.isFrtEscalated = false;
  t.isRtEscalated = false;
  change?.(t);
  return ticketCase(`status-${status.toLowerCase()}`, about, t, {}, [t.title ?? '', status, priority ?? '']);
});

const statusOpenTicket = () => seeded('open, for the Resolve form', withStatus('Open'));

const inProgress = (() => {
  // The second Started ticket, so that it is not the same ticket as status-started in a list.
  const started = TICKETS.filter(withStatus('Started'))[1];
  const t = seeded('a second started ticket, for a live label', (x) => x.id === started?.id);
  t.status = 'In Progress'; // a live workflow label the seed does not have
  delete t.priority; // and no priority at all
  return t;
})();

/** A hardware request as live reads it: its custom workflow's label, the workflow, the resolved labels. */
const customWorkflow = (() => {
  const t = seeded('waiting for the vendor (custom workflow)', withStatus(HARDWARE_STATE.waiting));
  t.status = 'Waiting for vendor';
  t.isCustomWorkflow = true;
  t.workflow = HARDWARE_WORKFLOW.states.map((s) => ({ id: s.id, label: s.label }));
  t.resolvedStatus = ['Delivered', 'Closed'];
  return t;
})();

const escalated = (() => {
  const t = seeded('open, both escalations', withStatus('Open'));
  t.priority = 'Urgent';
  t.isFrtEscalated = true;
  t.isRtEscalated = true;
  delete t.assignee;
  return t;
})();

const noteTicket = seeded('closed, for a conflict note', withStatus('Closed'));
const noteText = `${numberLabel(noteTicket.number)} is already Closed (last changed by ${noteTicket.lastUpdatedBy?.name ?? 'someone'}); nothing was changed.`;

const eventTicket = seeded('resolved, for a typed resolve', withStatus('Resolved'));
const resolveEvent = {
  headline: describeActivity({ type: 'status', status: 'Resolved', resolution: 'fixed', createdBy: agent('Adele Vance') }),
  when: dateTime(SEED_NOW.toISOString(), CLOCK) ?? '',
  text: 'Re-imaged the laptop and restored the user profile from OneDrive. Please sign in again and check that your files are there.',
};
const commentTicket = seeded('started, for a typed comment', withStatus('Started'));
const commentEvent = {
  headline: `${agent('Lee Gu').name} commented`,
  when: dateTime(SEED_NOW.toISOString(), CLOCK) ?? '',
  text: longText(4000, COMMENT_SENTENCES),
};

const longest = (() => {
  const t = seeded('longest: a resolved ticket', withStatus('Resolved'));
  t.title = LONGEST_TITLE;
  t.description = longText(10_000, DESCRIPTION_SENTENCES);
  t.lastResolutionComment = longText(4000, COMMENT_SENTENCES);
  t.customFields = { ...ALL_CUSTOM_FIELDS, [FIELD.stepsToReproduce]: longText(10_000, DESCRIPTION_SENTENCES) };
  t.tags = allLiveTags();
  t.requestor = { id: '00000000-0000-0000-0000-0000000000f1', name: 'Maximiliane Alexandra von Hohenstein-Wittelsbach', email: 'maximiliane.vonhohenstein-wittelsbach@contoso.com' };
  t.isFrtEscalated = true;
  t.isRtEscalated = true;
  return t;
})();

const minimal: Ticket = { id: '3f2b7c1e-8d4a-4b6f-9e21-5a7c0d9e4b13' };
const bare: Ticket = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', number: 301, title: 'New starter needs a laptop', status: 'Open', priority: 'Medium',
  requestor: person('Lynne Robbins'), createdOn: '2026-10-30T08:12:00Z', lastUpdatedOn: '2026-10-30T08:12:00Z',
  customFields: {}, tags: [],
};

const userText: Ticket = {
  ...structuredClone(bare),
  id: '9b2d4f60-1c3e-4a8b-b7d9-0e6f2a4c8b15',
  number: 302,
  title: 'Invoice template shows ${price} and {{DATE(2026-11-01T00:00:00Z)}} instead of values',
  description: 'Our Word template has the placeholders ${price} and ${customer.name}; since the update they are printed as-is.',
};

/** An instance may define any number of fields: 25 filled with Windows paths (a backslash is escaped twice). */
const manyFields = (() => {
  const t = structuredClone(fullTicket);
  const paths = 'C:\\Users\\adele\\My Documents\\Q4 report.xlsx; '.repeat(8).slice(0, 300);
  t.customFields = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`field-${i}`, paths]));
  return t;
})();

const ticketFixtures: CardFixture[] = [
  ticketCase('many-fields', '25 custom fields of 300 characters of Windows paths: those past the card\'s room are counted, not shown',
    manyFields, {}, [manyFields.title ?? '', 'more fields are in the helpdesk.', 'Other field']),
  ticketCase('many-fields-shared', 'The same, as a channel shares it: the requester\'s buttons, and 60 agents\' Teams ids (as long as Teams\' own) to refresh',
    manyFields, { view: 'requester', refreshUserIds: SIXTY_TEAMS_IDS }, [manyFields.title ?? '', 'more fields are in the helpdesk.'], { hides: ['Assign to me', '"verb":"resolve"'] }),
  ticketCase('all-fields', 'Every custom field kind (people picker, single and multiple item pickers, text, text area, toggle, date), tags, expected date, resolution and comment',
    fullTicket, {}, [fullTicket.title ?? '', 'Resolved', 'Important', 'Megan Bowen, Miriam Graham', 'Network', 'VPN gateway, Microsoft Teams, SAP ERP', 'CON-LT-04812', 'Yes', '20 Nov 2026', 'Resolution: Fixed', 'Department: ']),
  ...statusFixtures,
  ticketCase('resolve-form', 'The Resolve form opened (an open ticket)', statusOpenTicket(), {}, ['Resolution', 'Fixed', 'Comment (optional)'], { expand: 'Resolve' }),
  ticketCase('status-in-progress', 'An unknown live status label ("In Progress") and no priority', inProgress, {}, [inProgress.title ?? '', 'In Progress', 'No priority']),
  ticketCase('custom-workflow', 'A custom workflow\'s state ("Waiting for vendor"), with Move to its other states',
    customWorkflow, {}, [customWorkflow.title ?? '', 'Waiting for vendor']),
  ticketCase('escalated', 'Both escalation flags, unassigned', escalated, {}, [escalated.title ?? '', 'First response overdue', 'Resolution overdue', 'Unassigned']),
  ticketCase('note', 'A note above the card (someone was quicker)', noteTicket, { note: noteText }, [noteText, noteTicket.title ?? '']),
  ticketCase('event-resolved', 'Compact card after a typed "resolve": the event, no facts', eventTicket, { event: resolveEvent }, [resolveEvent.headline, prefix(resolveEvent.text), eventTicket.title ?? ''],
    { hides: ['Requestor'] }),
  ticketCase('event-comment', 'Compact card after a typed "comment" of 4,000 characters', commentTicket, { event: commentEvent }, [commentEvent.headline, prefix(commentEvent.text)]),
  ticketCase('longest', 'Longest texts: 255-character title, 10,000-character description, 4,000-character resolution comment, 10,000-character text area, every tag, long requestor name, both escalations (not shown: it is resolved)',
    longest, {}, [prefix(LONGEST_TITLE), 'Description shortened', 'Maximiliane'], { hides: ['Resolution overdue', 'First response overdue'] }),
  ticketCase('longest-narrow', 'The longest ticket on a phone-sized width', longest, {}, [prefix(LONGEST_TITLE)], { width: NARROW_CARD_WIDTH }),
  ticketCase('bare', 'No custom fields, no tags, no description, no assignee', bare, {}, [bare.title ?? '', 'Unassigned']),
  ticketCase('minimal', 'Only an id: no number, title, status or priority', minimal, { instance: undefined, tagCategories: undefined }, ['(no title)', 'Unknown', 'No priority']),
  ticketCase('no-instance', 'Custom fields and tags when the instance and tags could not be read', fullTicket, { instance: undefined, tagCategories: undefined }, [fullTicket.title ?? '', 'Other field']),
  ticketCase('user-text', 'User text that looks like template syntax is shown as typed', userText, {}, ['${price}', '${customer.name}'],
    { literals: ['${price}', '${customer.name}'] }),
];

// ---------------------------------------------------------------------------------------------
// list.json

const LIST_TITLES = [
  'Outlook keeps asking for the password on every start since the MFA change, even after clearing the credential manager and re-adding the account; the same happens in the Teams desktop client and OneDrive sync client, which stops syncing the shared finance libraries',
  'Printer on floor 2 (HP LaserJet M507, asset CON-PR-0213) jams on every second page and shows error 13.B2.D2; we have replaced the paper and cleaned the rollers, but the problem continues and the quarterly reports are due on Friday for the whole department',
  'SAP ERP transaction ME21N times out after 60 seconds when creating purchase orders with more than 50 lines; smaller orders work, and the problem started after the weekend maintenance window according to three people in procurement who rely on it',
];

/** The ten newest tickets, as "list" shows them, with the longest titles. */
const pageOfTen = TICKETS.slice(-10).reverse().map((t, i) => ({ ...structuredClone(t), title: longText(255, [LIST_TITLES[i % LIST_TITLES.length] ?? '']) }));

const mixedRows: Ticket[] = [
  seeded('list open', withStatus('Open')),
  seeded('list reopened', withStatus('Reopened')),
  seeded('list started', withStatus('Started')),
  seeded('list resolved', withStatus('Resolved')),
  seeded('list closed', withStatus('Closed')),
  { ...structuredClone(inProgress) },
  { id: 'c56a4180-65aa-42ec-a945-5fd21dec0538', number: 999 },
];

const listFixtures: CardFixture[] = [
  {
    template: 'list', name: 'page-of-10', about: 'A full page of 10 rows with 255-character titles and a Next page button, shown as a copy while the API is busy',
    build: () => listCard(pageOfTen, {
      heading: 'Tickets', subheading: 'Page 1 · newest first', empty: 'No tickets match.',
      next: { filters: {}, token: 'eyJvZmZzZXQiOjEwfQ', page: 2 },
      note: copyNote(0, 40_000),
    }),
    shows: ['Tickets', 'Next page', 'The helpdesk is busy, so this is how it looked 40 s ago.', ...pageOfTen.map((t) => numberLabel(t.number)), prefix(pageOfTen[0]?.title ?? '')],
  },
  {
    template: 'list', name: 'every-status', about: 'Last page: every status, the live "In Progress" label, a row with no title, people or priority',
    build: () => listCard(mixedRows, { heading: 'Tickets matching "vpn"', subheading: 'Page 3 · newest first', empty: 'No more tickets.' }),
    shows: ['Open', 'Reopened', 'Started', 'Resolved', 'Closed', 'In Progress', '(no title)', 'Unknown requestor → unassigned'],
    hides: ['Next page', 'The helpdesk is busy'],
  },
  {
    template: 'list', name: 'empty', about: 'No tickets',
    build: () => listCard([], { heading: 'Urgent tickets assigned to you', subheading: 'Page 1 · newest first · from the latest 1,000 tickets', empty: 'No tickets match.' }),
    shows: ['Urgent tickets assigned to you', 'No tickets match.'],
  },
];

// ---------------------------------------------------------------------------------------------
// history.json

const busiest = structuredClone(must([...TICKETS].sort((a, b) => activitiesOf(b).length - activitiesOf(a).length)[0], 'busiest ticket'));
const busiestActivities = activitiesOf(busiest);

const manyActivities = (ticket: Ticket): Activity[] => {
  const statuses = ['Started', 'Resolved', 'Reopened'];
  return Array.from({ length: 30 }, (_, i): Activity => {
    const by = AGENTS[i % AGENTS.length];
    const when = new Date(SEED_NOW.getTime() - i * 3_600_000).toISOString();
    return i % 3 === 0
      ? { id: `a-${i}`, ticketId: ticket.id, type: 'status', status: statuses[i % statuses.length], resolution: i % 9 === 3 ? 'fixed' : undefined, comment: longText(4000, COMMENT_SENTENCES), createdBy: by, createdDateTime: when }
      : { id: `a-${i}`, ticketId: ticket.id, type: 'comment', comment: longText(4000, COMMENT_SENTENCES), createdBy: by, createdDateTime: when };
  });
};
const longHistoryTicket = { ...structuredClone(busiest), title: LONGEST_TITLE };
/** Comments at the 500-character cut that weigh the most as JSON: CJK (3 bytes each) and backslashes (escaped twice). */
const HEAVY_COMMENTS = ['\u8acb\u6c42\u66f8'.repeat(200), '\\'.repeat(600)];
const heavyHistoryTicket = { ...structuredClone(busiest), title: '\u7d4c\u8cbb\u7cbe\u7b97'.repeat(80) };
const heavyActivities = (ticket: Ticket): Activity[] => Array.from({ length: 15 }, (_, i): Activity => ({
  id: `h-${i}`, ticketId: ticket.id, type: 'comment', comment: HEAVY_COMMENTS[i % 2], createdBy: AGENTS[i % AGENTS.length],
  createdDateTime: new Date(SEED_NOW.getTime() - i * 3_600_000).toISOString(),
}));

const historyFixtures: CardFixture[] = [
  {
    template: 'history', name: 'seeded', about: `The seeded ticket with the most activities (${busiestActivities.length}, one of them a private comment)`,
    build: () => historyCard(busiest, busiestActivities, CLOCK),
    shows: [busiest.title ?? '', `${numberLabel(busiest.number)} · History`, 'Back to ticket'],
  },
  {
    template: 'history', name: 'longest', about: '30 activities with 4,000-character comments and a 255-character title: 25 shown',
    build: () => historyCard(longHistoryTicket, manyActivities(longHistoryTicket), CLOCK),
    shows: [prefix(LONGEST_TITLE), '5 older entries are not shown.', prefix(COMMENT_SENTENCES[0] ?? '')],
  },
  {
    template: 'history', name: 'heaviest', about: '15 comments of 500 CJK characters or backslashes and a CJK title: older entries give way to fit',
    build: () => historyCard(heavyHistoryTicket, heavyActivities(heavyHistoryTicket), CLOCK),
    shows: ['older entries are not shown.', prefix(HEAVY_COMMENTS[0] ?? '')],
  },
  {
    template: 'history', name: 'empty', about: 'No activities yet',
    build: () => historyCard(bare, [], CLOCK),
    shows: [bare.title ?? '', 'Nothing has happened on this ticket yet.'],
    hides: ['older entries'],
  },
];

// ---------------------------------------------------------------------------------------------
// help.json, error.json, tags.json

const helpContext = (mustMention: boolean, locale = 'en-US') => ({ mustMention, locale: localeOf({ locale }, TIMEZONE) }) as unknown as FeatureContext;
const typo = parseCommand('resolv 12 replaced the toner');
if (typo.name !== 'notUnderstood' || !typo.suggestion) throw new Error('fixture data: "resolv" is expected to be not understood, with a suggestion');

const helpFixtures: CardFixture[] = [
  {
    template: 'mistake', name: 'problem-suggestion', about: 'A typed command not understood, with the person\'s command corrected, in a channel',
    build: () => help(helpContext(true), typo).card,
    shows: [typo.problem, 'resolve 12 replaced the toner', 'Help'],
    hides: ['What I can do', 'list urgent open mine'],
  },
  {
    template: 'intake', name: 'plain-message', about: 'A personal-chat message that is no command, offered as a ticket',
    build: () => help(helpContext(false), { name: 'notUnderstood', problem: 'x', sentence: 'My laptop will not connect to the VPN\nSince this morning, at home.' }).card,
    shows: ['Shall I log this as a ticket?', 'Title', 'Description', 'Create ticket'],
  },
  {
    template: 'help', name: 'channel', about: 'Plain help in a channel',
    build: () => help(helpContext(true)).card,
    shows: ['Mention me before a command', 'list urgent open mine', 'New ticket'],
  },
  {
    template: 'help', name: 'new-ticket-form', about: 'The New ticket form opened',
    build: () => help(helpContext(false)).card,
    shows: ['Title', 'Description', 'Create'],
    expand: 'New ticket',
  },
  {
    template: 'help', name: 'personal', about: 'Plain help in a personal chat',
    build: () => help(helpContext(false)).card,
    shows: ['What I can do', 'Type a command.', 'show 123'],
    hides: ['Did you mean'],
  },
  {
    template: 'help', name: 'french-channel', about: 'The help of a person whose Teams is in French, in a channel',
    build: () => help(helpContext(true, 'fr-FR')).card,
    shows: ['Ce que je sais faire', 'Mentionnez-moi avant une commande', 'liste urgent ouvert moi', 'résoudre 123 Toner remplacé', 'Nouveau ticket'],
    hides: ['What I can do', 'Did you mean'],
  },
  {
    template: 'help', name: 'french-new-ticket-form', about: 'The New ticket form opened, in French',
    build: () => help(helpContext(false, 'fr-CA')).card,
    shows: ['Titre', 'Description', 'Créer'],
    expand: 'Nouveau ticket',
  },
];

const errorFixtures: CardFixture[] = [
  {
    template: 'error', name: 'with-ticket', about: 'A feature error about a ticket: Show the ticket button',
    build: () => errorAnswer(new FeatureError(`megan.bowen@contoso.com is not one of this helpdesk's agents. Use "assign 12 me", or ask an owner to add them.`, TICKETS[0]?.id)).card,
    shows: ["megan.bowen@contoso.com is not one of this helpdesk's agents.", 'Show the ticket', 'Help'],
  },
  {
    template: 'error', name: 'longest', about: 'The longest headline: a created ticket with a 255-character title that could not be shown',
    build: () => errorAnswer(new FeatureError(`Ticket "${LONGEST_TITLE}" was created. Type "list mine" to see it.`)).card,
    shows: [prefix(LONGEST_TITLE), 'list mine'],
  },
  {
    template: 'error', name: 'rate-limited', about: 'The API is rate limiting: headline and detail',
    build: () => errorAnswer(rateLimitedError(12_000, 'listTickets', 429)).card,
    shows: ['The helpdesk is busy; try again in 12 s.', 'Nothing was changed.'],
    hides: ['Show the ticket'],
  },
  {
    template: 'error', name: 'unknown', about: 'An error the bot does not know',
    build: () => errorAnswer(new Error('socket hang up')).card,
    shows: ['Something went wrong on my side.'],
    hides: ['socket hang up'],
  },
];

const manyCategories: TagCategory[] = Array.from({ length: 34 }, (_, c) => ({
  id: `cat-${c}`, instanceId: 'i', text: `Category ${c + 1} with a rather long name`, color: '#0078D4', deleted: c === 33,
  tags: Array.from({ length: 60 }, (_, t) => ({ text: `Tag ${c + 1}.${t + 1} ${['Engineering', 'Seattle HQ', 'Microsoft 365'][t % 3]}`, deleted: t % 10 === 9 })),
}));

const tagsFixtures: CardFixture[] = [
  {
    template: 'tags', name: 'seeded', about: 'The seeded categories (a deleted category and deleted tags are left out)',
    build: () => tagsCard(TAG_CATEGORIES),
    shows: ['Department', 'Engineering', 'Product', 'Location', 'list tag:vpn'],
    hides: ['Legacy queue', 'Facilities', 'Lotus Notes'],
  },
  {
    template: 'tags', name: 'many', about: '34 categories of 60 tags each: 30 shown, each list cut at 600 characters',
    build: () => tagsCard(manyCategories),
    shows: ['Category 1 with a rather long name', 'Category 30 with a rather long name'],
    hides: ['Category 31 with'],
  },
  {
    template: 'tags', name: 'empty', about: 'No tag categories',
    build: () => tagsCard([]),
    shows: ['This helpdesk has no tags yet.'],
  },
];

// ---------------------------------------------------------------------------------------------
// createForm.json: built by the feature itself (openCreateForm / submitCreateForm), which reads the
// instance and tags through the client: a stand-in client answers with the seeded ones.

const formContext = (locale?: string): FeatureContext => {
  const fail = () => { throw new Error('fixture: the form must not call this'); };
  return {
    client: { getInstance: async () => structuredClone(INSTANCE), getTags: async () => structuredClone(TAG_CATEGORIES) },
    speaker: { aadObjectId: agent('Adele Vance').id, name: 'Adele Vance' },
    utcOffset: TIMEZONE, locale: localeOf({ ...(locale === undefined ? {} : { locale }) }, TIMEZONE), deadline: Date.now() + 60_000, inChannel: false,
    actor: fail, person: fail,
    // Adele is one of the seeded helpdesk's agents: the form offers her the people she may log a ticket for.
    roles: { enforced: true, agents: [] }, members: async () => [],
  } as unknown as FeatureContext;
};
const MESSAGE = [
  'Hi team, since this morning nobody on floor 3 can print to the big HP in the copy room: jobs sit in the queue and then disappear.',
  '', 'We tried turning it off and on. The display says "Ready". Other printers work.', '', 'Thanks, Megan',
].join('\n');
const formSubmission = (): Record<string, unknown> => ({
  title: '', description: longText(10_000, DESCRIPTION_SENTENCES) + 'x', priority: 'Urgent', expectedDate: 'next Friday',
  requestor: 'me', [`tag_${TAG_CATEGORIES[0]?.id ?? ''}`]: 'Not%20a%20tag', [`cf_${FIELD.neededBy}`]: '31/11/2026',
});

const createFormFixtures: CardFixture[] = [
  {
    template: 'createForm', name: 'blank', about: 'The empty form: every custom field kind and every tag category as inputs',
    build: () => openCreateForm(formContext()),
    shows: ['Title', 'Description', 'Priority', 'Expected by', 'Assignee', 'Department', 'Category *', 'Affected user', 'VIP', 'Steps to reproduce', 'Create ticket'],
    hides: ['From a message'],
  },
  {
    template: 'createForm', name: 'from-message', about: 'Prefilled from a message by someone else: the author offered as requestor',
    build: () => openCreateForm(formContext(), { text: MESSAGE, authorId: person('Megan Bowen').id, authorName: 'Megan Bowen' }),
    shows: ['From a message by Megan Bowen', 'Requestor'],
  },
  {
    template: 'createForm', name: 'errors', about: 'Sent back with errors beside each wrong input, the values kept',
    build: async () => {
      const outcome = await submitCreateForm(formContext(), formSubmission());
      if (!('form' in outcome)) throw new Error('fixture: the submission was expected to come back as a form');
      return outcome.form;
    },
    shows: ['Please fix the fields marked below.', 'A ticket needs a title.', 'The description is 10001 characters long', 'Choose a date (YYYY-MM-DD).', 'Choose tags from the Department list.', 'Please fill in Category.'],
  },
];

// ---------------------------------------------------------------------------------------------
// Notifications: the ticket card with what happened in one line, and the `notify` command's answer.

const notifyFixtures: CardFixture[] = [
  {
    template: 'ticket', name: 'notification-assigned', about: 'A personal notification: "Lee Gu assigned #N to you" above the ticket',
    build: () => notificationCard(eventTicket, `Lee Gu assigned ${numberLabel(eventTicket.number)} to you`, CLOCK),
    shows: [`Lee Gu assigned ${numberLabel(eventTicket.number)} to you`, eventTicket.title ?? ''],
  },
  {
    template: 'notifySettings', name: 'channel', about: '"notify" in a channel: its subscription and the speaker\'s own setting',
    build: () => notifySettingsCard({
      setting: 'I post urgent tickets to this channel.',
      personal: 'Your own notifications are off (notify me on turns them back on).',
      usage: 'Change it with notify new, notify urgent, notify tag:VPN, notify all, notify off, or notify me off.',
    }),
    shows: ['Notifications', 'I post urgent tickets to this channel.', 'Your own notifications are off'],
  },
  {
    template: 'notifySettings', name: 'tag', about: 'A tag subscription whose tag looks like Markdown: shown as typed',
    build: () => notifySettingsCard({ setting: 'I will post tickets tagged *VPN_2* to this chat.', usage: 'Change it with notify off.' }),
    shows: ['I will post tickets tagged *VPN_2* to this chat.'],
  },
];

/** Every fixture; `<template>-<name>` is unique. */
/** The seeded tickets their workflow counts as resolved, as the sandbox answers `isResolved`. */
const RESOLVED_IDS = new Set(store.all().filter((t) => isResolvedStatus(t.workflowId, t.status)).map((t) => t.id));

/** A report on the seeded helpdesk as the bot computes it, read at the seed's "now". */
function seededReport(request: ReportRequest): Report {
  const period = placePeriod(request.period, SEED_NOW.getTime(), TIMEZONE);
  const readAt = SEED_NOW.getTime();
  const changed = TICKETS.filter((t) => Date.parse(t.lastUpdatedOn ?? '') >= period.start);
  const open = TICKETS.filter((t) => !RESOLVED_IDS.has(t.id));
  return { request, period, readAt, figures: computeFigures({ changed, open, readAt, requests: 2 }, period, TIMEZONE) };
}

const reportFixtures: CardFixture[] = [
  {
    template: 'report', name: 'last-30-days', about: 'report 30d on the seeded helpdesk: the charts fall back to text where they are not drawn',
    build: () => reportCard(seededReport({ period: { kind: 'days', days: 30 } }), { command: 'report 30d', clock: CLOCK, now: SEED_NOW.getTime() + 90_000 }),
    shows: ['Helpdesk report · last 30 days', 'Open backlog', 'By state:', 'By priority:', 'First response', 'Agents'],
  },
  {
    template: 'report', name: 'with-link', about: 'Download CSV: the same report, with the link for the person who clicked',
    build: () => reportCard(seededReport({ period: { kind: 'days', days: 7 } }), {
      command: 'report 7d', clock: CLOCK, now: SEED_NOW.getTime(), link: { url: 'https://tickets-bot.example/exports/eyJ4IjoxfQ.c2lnbmF0dXJl', minutes: 5 },
    }),
    shows: ['Helpdesk report · last 7 days', 'Your CSV of the period', 'Open the CSV'],
  },
];

// ---------------------------------------------------------------------------------------------
// editForm.json: the ticket card's Edit button opens it, a card of its own.

const editFormFixtures: CardFixture[] = [
  {
    template: 'editForm', name: 'all-fields', about: 'The Edit form of a ticket with every custom field kind, tags and an assignee: every input holds its value',
    build: () => editFormCard(fullTicket, INSTANCE, TAG_CATEGORIES),
    shows: [numberLabel(fullTicket.number), fullTicket.title ?? '', 'Title', 'Description', 'Expected by', 'Priority', 'Assignee', 'Save', 'Cancel'],
  },
  {
    template: 'editForm', name: 'longest', about: 'The longest ticket: its 10,000-character description is edited in the helpdesk, not carried',
    build: () => editFormCard(longest, INSTANCE, TAG_CATEGORIES),
    shows: [prefix(LONGEST_TITLE), 'Title', 'Save', 'Cancel'],
    hides: ['"editDescription"'],
  },
];

// ---------------------------------------------------------------------------------------------
// Each kind of card again, for a person whose Teams is in French.

/** French, at UTC+1 all year. */
const FRENCH: Clock = { language: 'fr', zone: { fixedHours: TIMEZONE } };
const fr = translatorFor('fr');

const frenchFixtures: CardFixture[] = [
  {
    template: 'ticket', name: 'french-full', about: 'The resolved ticket with every field, in French',
    build: () => ticketCard(fullTicket, options({ clock: FRENCH })),
    shows: ['Demandeur', 'Agent assigné', 'Créé', 'Étiquettes', 'Résolution : Corrigé', 'Historique ›', 'Rouvrir', 'Commentaire'],
    // The status badge says the default workflow's state in French.
    hides: ['Requestor', 'Reopen', '"Resolved"'],
  },
  {
    template: 'editForm', name: 'french-full', about: 'The Edit form of the ticket with every field, in French',
    build: () => editFormCard(fullTicket, INSTANCE, TAG_CATEGORIES, fr),
    shows: ['Titre', 'Attendu pour le', 'Priorité', 'Agent assigné', 'Enregistrer', 'Annuler'],
    hides: ['"Save"', '"Cancel"', 'Expected by'],
  },
  {
    template: 'ticket', name: 'french-notification', about: 'A personal notification in French',
    build: () => notificationCard(eventTicket, `Lee Gu vous a assigné ${numberLabel(eventTicket.number)}`, FRENCH),
    shows: [`Lee Gu vous a assigné ${numberLabel(eventTicket.number)}`, eventTicket.title ?? ''],
  },
  {
    template: 'list', name: 'french-every-status', about: 'A list page in French: a row with no title, people or priority',
    build: () => listCard(mixedRows, { heading: 'Tickets contenant « vpn »', subheading: 'Page 3 · plus récents d\'abord', empty: 'Plus aucun ticket.' }, fr),
    shows: ['Tickets contenant « vpn »', '(sans titre)', 'Demandeur inconnu → non assigné'],
    hides: ['Unknown requestor'],
  },
  {
    template: 'history', name: 'french-seeded', about: 'The seeded ticket with the most activities, in French',
    build: () => historyCard(busiest, busiestActivities, FRENCH),
    shows: [`${numberLabel(busiest.number)} · Historique`, 'Retour au ticket'],
    hides: ['Back to ticket'],
  },
  {
    template: 'tags', name: 'french-seeded', about: 'The seeded tags, in French',
    build: () => tagsCard(TAG_CATEGORIES, fr),
    shows: ['Étiquettes', 'liste étiquette:vpn', 'Department'],
  },
  {
    template: 'mistake', name: 'french-problem-suggestion', about: 'A command not understood, in French',
    build: () => help(helpContext(true, 'fr-FR'), typo).card,
    shows: ['Je n\'ai pas compris « resolv ».', 'Vouliez-vous dire', 'résoudre 12 replaced the toner', 'Aide'],
    hides: ['resolve 12'],
  },
  {
    template: 'intake', name: 'french-plain-message', about: 'A message that is no command, offered as a ticket, in French',
    build: () => help(helpContext(false, 'fr-FR'), { name: 'notUnderstood', problem: 'x', sentence: 'Mon portable ne se connecte pas au VPN' }).card,
    shows: ['Dois-je en faire un ticket ?', 'Titre', 'Créer le ticket'],
  },
  {
    template: 'createForm', name: 'french-errors', about: 'The Create ticket form sent back with errors, in French',
    build: async () => {
      const outcome = await submitCreateForm(formContext('fr-FR'), formSubmission());
      if (!('form' in outcome)) throw new Error('fixture: the submission was expected to come back as a form');
      return outcome.form;
    },
    shows: ['Veuillez corriger les champs signalés ci-dessous.', 'Un ticket doit avoir un titre.', 'Choisissez une date (AAAA-MM-JJ).', 'Titre', 'Priorité', 'Créer le ticket'],
    hides: ['Please fix'],
  },
  {
    template: 'report', name: 'french-last-30-days', about: 'report 30d in French',
    build: () => reportCard(seededReport({ period: { kind: 'days', days: 30 } }), { command: 'report 30d', clock: FRENCH, now: SEED_NOW.getTime() + 90_000 }),
    shows: ['Rapport du service d\'assistance · 30 derniers jours', 'Tickets ouverts', 'Par état :', 'Première réponse', 'Télécharger le CSV', 'par jour'],
    hides: ['Open backlog', 'last 30 days', 'by day'],
  },
  {
    template: 'notifySettings', name: 'french-channel', about: '"notify" in a channel, in French',
    build: () => notifySettingsCard({ setting: 'Je publie les tickets urgents dans ce canal.', usage: 'Modifiez-le avec notify off.' }, fr),
    shows: ['Notifications', 'Je publie les tickets urgents dans ce canal.'],
  },
  {
    template: 'error', name: 'french-no-ticket', about: 'A ticket that does not exist, in French',
    build: () => errorAnswer(new FeatureError({ key: 'errors.noTicket', vars: { number: 12 } }), undefined, fr).card,
    shows: ['Il n\'y a pas de ticket n° 12.', 'Aide'],
  },
];

export const FIXTURES: readonly CardFixture[] = [
  ...ticketFixtures, ...listFixtures, ...historyFixtures, ...helpFixtures, ...errorFixtures, ...tagsFixtures, ...createFormFixtures,
  ...editFormFixtures,
  ...reportFixtures,
  ...notifyFixtures,
  ...frenchFixtures,
];

export const fixtureId = (f: Pick<CardFixture, 'template' | 'name'>): string => `${f.template}-${f.name}`;
