/**
 * GET /tickets query parameters, parsed into a typed query; a bad value is refused with 400
 * naming the parameter. Unknown parameters are refused too, so a misspelt filter cannot
 * silently return everything.
 */
import {
  ORDER_BY_FIELDS, ORDERS, PRIORITIES, SELECT_FIELDS, STATUSES,
  type Order, type OrderBy, type Priority, type SelectField, type Status, type TicketTag,
} from '../ticketing/types.js';
import { invalidParameter } from './errors.js';
import { parseInstant } from './dates.js';
import type { Dialect } from './dialect.js';
import { liveStatusIds, statusForStatusId } from './workflows.js';

/** The sandbox's status ids (the live `statusId` filter): the seed's status names, lowercased. */
export const STATUS_IDS: ReadonlyMap<string, Status> = new Map(STATUSES.map((s) => [s.toLowerCase(), s]));

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;

const DATE_FILTERS = [
  'createdAfter', 'createdBefore', 'expectedDateAfter', 'expectedDateBefore', 'lastUpdateAfter', 'lastUpdateBefore',
] as const;
type DateFilter = (typeof DATE_FILTERS)[number];

/** Every parameter GET /tickets accepts besides `key`. */
export const LIST_PARAMETERS: readonly string[] = [
  'timezone', 'search', 'title', 'status', 'priority', 'tags', 'orderBy', 'order', 'select', 'offset',
  'limit', 'statusId', 'isResolved', ...DATE_FILTERS,
];

/** What selects tickets; date bounds are epoch ms, `…After` inclusive and `…Before` exclusive. */
export interface TicketFilters extends Partial<Record<DateFilter, number>> {
  search?: string;
  title?: string;
  status?: Status;
  priority?: Priority;
  tags?: TicketTag[];
  /** The stored status asked for, and its workflow (absent: the default one). */
  statusId?: { workflowId?: string; status: string };
  isResolved?: boolean;
}

export interface ListQuery {
  filters: TicketFilters;
  orderBy?: OrderBy;
  /** ASC when `orderBy` is given, DESC (newest first) when it is not, unless `order` says otherwise. */
  order: Order;
  select?: SelectField[];
  offset: number;
  limit: number;
  timezone: number;
  /** How the page's tickets are written. */
  dialect: Dialect;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw invalidParameter(`The parameter "${name}" must be one of ${allowed.join(', ')}.`);
  }
  return found;
}

function integer(value: string, name: string, min: number, max: number): number {
  const parsed = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw invalidParameter(`The parameter "${name}" must be a whole number ${range}.`);
  }
  return parsed;
}

function parseTags(value: string): TicketTag[] {
  return value.split(',').map((entry) => {
    const text = entry.trim();
    const cut = text.indexOf('_');
    if (cut <= 0 || cut === text.length - 1) {
      throw invalidParameter('The parameter "tags" must be comma-separated tagCategoryId_text entries.');
    }
    return { tagCategoryId: text.slice(0, cut), text: text.slice(cut + 1) };
  });
}

function parseSelect(value: string): SelectField[] {
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !SELECT_FIELDS.some((field) => field === name));
  if (unknown !== undefined) {
    throw invalidParameter(`The parameter "select" names an unknown field "${unknown.slice(0, 64)}"; fields: ${SELECT_FIELDS.join(', ')}.`);
  }
  return [...new Set(names)].map((name) => oneOf(name, SELECT_FIELDS, 'select'));
}

/**
 * `status` and `statusId` by dialect. Documented: `status` is one of the page's five labels and
 * `statusId` their lowercase ids. Live: `status` is `resolved` or `unresolved` only, and `statusId`
 * a state id of the workflow (the default workflow's ids are its labels, `In Progress` among them).
 */
function parseStatusFilters(params: ReadonlyMap<string, string>, dialect: Dialect, filters: TicketFilters): void {
  const status = params.get('status');
  const statusId = params.get('statusId');
  if (dialect === 'documented') {
    if (status !== undefined) filters.status = oneOf(status, STATUSES, 'status');
    if (statusId !== undefined) {
      const found = STATUS_IDS.get(statusId);
      if (!found) throw invalidParameter(`The parameter "statusId" must be one of ${[...STATUS_IDS.keys()].join(', ')}.`);
      filters.statusId = { status: found };
    }
    return;
  }
  if (status !== undefined) filters.isResolved = oneOf(status, ['resolved', 'unresolved'], 'status') === 'resolved';
  if (statusId !== undefined) {
    const found = statusForStatusId(statusId);
    if (!found) throw invalidParameter(`The parameter "statusId" must be a state id of a workflow: ${liveStatusIds().join(', ')}.`);
    filters.statusId = found;
  }
}

/** Parses GET /tickets' parameters (all but `key`), already known to be given at most once each. */
export function parseListQuery(params: ReadonlyMap<string, string>, timezone: number, dialect: Dialect = 'documented'): ListQuery {
  for (const name of params.keys()) {
    if (!LIST_PARAMETERS.includes(name)) {
      throw invalidParameter(`The parameter "${name.slice(0, 64)}" is not supported by GET /tickets.`);
    }
  }
  const filters: TicketFilters = {};
  const search = params.get('search');
  if (search) filters.search = search;
  const title = params.get('title');
  if (title) filters.title = title;
  parseStatusFilters(params, dialect, filters);
  const priority = params.get('priority');
  if (priority !== undefined) filters.priority = oneOf(priority, PRIORITIES, 'priority');
  const tags = params.get('tags');
  if (tags !== undefined) filters.tags = parseTags(tags);
  const isResolved = params.get('isResolved');
  if (isResolved !== undefined) filters.isResolved = oneOf(isResolved, ['true', 'false'], 'isResolved') === 'true';
  for (const name of DATE_FILTERS) {
    const value = params.get(name);
    if (value !== undefined) filters[name] = parseInstant(value, timezone, name);
  }

  const orderByText = params.get('orderBy');
  const orderBy = orderByText === undefined ? undefined : oneOf(orderByText, ORDER_BY_FIELDS, 'orderBy');
  const orderText = params.get('order');
  const order = orderText === undefined ? (orderBy ? 'ASC' : 'DESC') : oneOf(orderText, ORDERS, 'order');
  const selectText = params.get('select');
  const offsetText = params.get('offset');
  const limitText = params.get('limit');
  return {
    filters,
    ...(orderBy ? { orderBy } : {}),
    order,
    ...(selectText !== undefined ? { select: parseSelect(selectText) } : {}),
    offset: offsetText === undefined ? 0 : integer(offsetText, 'offset', 0, Number.MAX_SAFE_INTEGER),
    limit: limitText === undefined ? DEFAULT_LIMIT : integer(limitText, 'limit', 1, MAX_LIMIT),
    timezone,
    dialect,
  };
}
