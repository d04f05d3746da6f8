import { freshOrCopy } from '../cache/busyCopy.js';
import { copyNote } from '../cards/format.js';
import { listCard } from '../cards/listCard.js';
import type { Translate } from '../i18n/translate.js';
import type { Dialect, Ticket, TicketQuery, WorkflowState } from '../ticketing/types.js';
import type { Answer, FeatureContext, ListPage } from './context.js';
import { FeatureError } from './featureError.js';
import type { ListFilters } from './parseCommand.js';
import { callOptions, catalogOptions } from './ticketRef.js';
import { instanceStateNamed, statusIdFor, statusLabelFor } from './workflowStatus.js';
import { defaultStateKey } from '../i18n/apiWords.js';

export const PAGE_SIZE = 10;
/**
 * The API has no requestor, assignee or overdue filter: "mine", "assigned to me", "unassigned"
 * and "overdue" read this many of the newest tickets that match the other filters (one call, the
 * API's maximum) and page through them here; they know their total.
 */
export const PERSONAL_SCAN = 1000;

/** Where a page starts: the API's continuation token, or an offset into a personal list. */
export interface PageCursor {
  token?: string;
  skip?: number;
  page?: number;
}

/** A default state's label in the heading's words of `t` (`listWords.*`, lower case in English); any other label as the service says it. */
function defaultStateWord(label: string, t: Translate): string {
  const key = defaultStateKey(label);
  return key === undefined ? label.toLowerCase() : t(`listWords.${key}`);
}

/** The heading, with the status as the dialect's default workflow names it ("in progress tickets" live). */
function describe(filters: ListFilters, dialect: Dialect, state: WorkflowState | undefined, t: Translate): string {
  const asked = listStatus(filters, state);
  const status = state?.label ?? (asked === undefined ? undefined : defaultStateWord(statusLabelFor(asked, undefined, dialect), t));
  const priority = filters.priority === undefined ? undefined : t(`listWords.${filters.priority.toLowerCase()}`);
  const words = [priority, status].filter((w) => w !== undefined);
  if (filters.overdue) words.unshift(t('list.overdue'));
  if (filters.unassigned) words.push(t('list.unassigned'));
  let heading = words.length > 0 ? t('list.qualified', { words: words.join(' ') }) : t('list.tickets');
  heading = heading[0]!.toUpperCase() + heading.slice(1);
  if (filters.mine) heading = t(filters.assignedToMe ? 'list.mineAssigned' : 'list.mine', { heading });
  else if (filters.assignedToMe) heading = t('list.assignedToMe', { heading });
  if (filters.tag) heading = t('list.tagged', { heading, tag: filters.tag });
  if (filters.search && !state) heading = t('list.matching', { heading, search: filters.search });
  if (filters.all && asked === undefined && !state) heading = t('list.all', { heading: heading[0]!.toLowerCase() + heading.slice(1) });
  return heading;
}

/**
 * The state of one of the instance's workflows that the words of a list name, when they name
 * nothing but that (`list waiting for vendor`): the parser does not know the helpdesk's
 * workflows, and a custom state is no status word. Live only; the instance comes from the cache.
 */
async function namedState(ctx: FeatureContext, filters: ListFilters): Promise<WorkflowState | undefined> {
  if (ctx.client.dialect !== 'live' || filters.status !== undefined || !filters.search) return undefined;
  const instance = await ctx.client.getInstance(catalogOptions(ctx)).catch(() => undefined);
  return instanceStateNamed(instance, filters.search);
}

/** The status a list asks for: the one named, else open work unless `all` (or a workflow's state) says otherwise. */
function listStatus(filters: ListFilters, state: WorkflowState | undefined): ListFilters['status'] {
  return filters.status ?? (filters.all || state ? undefined : 'Open');
}

async function toQuery(ctx: FeatureContext, filters: ListFilters, state: WorkflowState | undefined): Promise<TicketQuery> {
  const query: TicketQuery = {
    priority: filters.priority, search: state ? undefined : filters.search, limit: isPersonal(filters) ? PERSONAL_SCAN : PAGE_SIZE,
  };
  if (state) query.statusId = state.id;
  // "open" is what a person means by it, work not yet resolved; any other status is one exact state.
  const status = listStatus(filters, state);
  if (status === 'Open') query.isResolved = false;
  else if (status !== undefined) query.statusId = statusIdFor(status, ctx.client.dialect);
  if (filters.tag) {
    const wanted = filters.tag.toLowerCase();
    const categories = await ctx.client.getTags(catalogOptions(ctx));
    const tags = categories.filter((c) => !c.deleted).flatMap((c) =>
      c.tags.filter((t) => !t.deleted && t.text.toLowerCase() === wanted).map((t) => ({ tagCategoryId: c.id ?? '', text: t.text })));
    if (tags.length === 0) throw new FeatureError({ key: 'errors.noTag', vars: { tag: filters.tag } });
    // A tag text can exist in several categories; the API ANDs tags, so ask for the first.
    query.tags = [tags[0]!];
  }
  return query;
}

/** Lists the API cannot filter, read whole and filtered here. */
function isPersonal(filters: ListFilters): boolean {
  return filters.mine === true || filters.assignedToMe === true || filters.unassigned === true || filters.overdue === true;
}

/** Escalated (first response or resolution), or past its expected date (`today`: YYYY-MM-DD). */
function isOverdue(ticket: Ticket, today: string): boolean {
  return ticket.isFrtEscalated === true || ticket.isRtEscalated === true || (ticket.expectedDate !== undefined && ticket.expectedDate.slice(0, 10) < today);
}

function belongsTo(ticket: Ticket, filters: ListFilters, who: string | undefined, today: string): boolean {
  return (!filters.mine || ticket.requestor?.id === who) && (!filters.assignedToMe || ticket.assignee?.id === who)
    && (!filters.unassigned || !ticket.assignee?.id) && (!filters.overdue || isOverdue(ticket, today));
}

async function readPage(ctx: FeatureContext, filters: ListFilters, query: TicketQuery, cursor: PageCursor, page: number): Promise<ListPage> {
  if (isPersonal(filters)) {
    const who = ctx.speaker.aadObjectId;
    if (!who && (filters.mine || filters.assignedToMe)) throw new FeatureError({ key: 'errors.whoAreYouForMine' });
    const scan = await ctx.client.listTickets(query, callOptions(ctx));
    const skip = cursor.skip ?? 0;
    // The speaker's own day: a ticket expected today is not late yet.
    const today = new Date(Date.now() + ctx.utcOffset * 3_600_000).toISOString().slice(0, 10);
    const yours = scan.items.filter((t) => belongsTo(t, filters, who, today));
    const more = yours.length > skip + PAGE_SIZE;
    return { tickets: yours.slice(skip, skip + PAGE_SIZE), total: yours.length, ...(more ? { next: { filters, skip: skip + PAGE_SIZE, page: page + 1 } } : {}) };
  }
  // Next pages follow the API's token; a Previous page (no token for it) goes by offset.
  const where = cursor.token === undefined && cursor.skip ? { ...query, offset: cursor.skip } : query;
  const result = await ctx.client.listTickets(where, { ...callOptions(ctx), continuationToken: cursor.token });
  return { tickets: result.items, ...(result.continuationToken ? { next: { filters, token: result.continuationToken, page: page + 1 } } : {}) };
}

/**
 * A page of tickets, newest first, PAGE_SIZE to a page: one API call per page. The Next page button
 * carries the filters and the API's continuation token (or, for personal lists, an offset). When
 * the API is too busy to answer soon, the same page as read in the last minutes is shown, saying so.
 */
export async function listTickets(ctx: FeatureContext, filters: ListFilters, cursor: PageCursor = {}): Promise<Answer> {
  const state = await namedState(ctx, filters);
  const query = await toQuery(ctx, filters, state);
  const page = cursor.page ?? 1;
  // Personal pages differ per person; dates on the page per offset.
  const key = JSON.stringify([filters, cursor, ctx.utcOffset, isPersonal(filters) ? ctx.speaker.aadObjectId : null]);
  const read = await freshOrCopy(ctx, await ctx.pages.get(key), (c) => ctx.pages.load(key, () => readPage(c, filters, query, cursor, page)));
  const { tickets, next, total } = read.value;
  // Only what was just read: a copy remembered again would pass for a fresh read.
  if (read.copiedAt === undefined) await Promise.all(tickets.map((t) => ctx.tickets.remember(t)));
  const { t } = ctx.locale;
  const heading = describe(filters, ctx.client.dialect, state, t);
  const subheading = [
    t('list.page', { page }),
    ...(total === undefined ? [] : [t('list.count', { count: total })]),
    t('list.newestFirst'),
    ...(isPersonal(filters) ? [t('list.scan', { count: PERSONAL_SCAN })] : []),
  ].join(' · ');
  const previous = page > 1 ? { filters, skip: (page - 2) * PAGE_SIZE, page: page - 1 } : undefined;
  return {
    card: listCard(tickets, {
      heading,
      subheading,
      empty: t(page === 1 ? 'list.empty' : 'list.noMore'),
      ...(filters.search && !state ? { searchNote: t('list.searchNote', { filters: t('list.filterWords') }) } : {}),
      ...(next || tickets.length === 0 ? {} : { end: total === undefined ? t('list.end') : t('list.endCount', { count: total }) }),
      ...(next ? { next } : {}),
      ...(previous ? { previous } : {}),
      ...(read.copiedAt === undefined ? {} : { note: copyNote(read.copiedAt, Date.now(), t) }),
    }, t),
    summary: t('list.summary', { heading, count: tickets.length, page }),
  };
}
