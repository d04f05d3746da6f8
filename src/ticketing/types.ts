/**
 * The Ticketing as a Service API's data, as the seed describes it, read tolerantly
 * (see the live-service notes in the README). Wire shapes only: no Teams, no bot.
 */

/** The seed's status names, used for every write and filter. Reads may carry other labels. */
export const STATUSES = ['Open', 'Reopened', 'Started', 'Resolved', 'Closed'] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ['Low', 'Medium', 'Important', 'Urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The live service's resolution enum; the seed's example `"fixed"` is one of them. */
export const RESOLUTIONS = ['fixed', 'cannotResolve', 'cancelled'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const ORDER_BY_FIELDS = [
  'status', 'ticketId', 'title', 'requestorName', 'requestorEmail', 'assigneeName',
  'assigneeEmail', 'expectedDate', 'priority', 'createdDateTime', 'lastInteraction',
] as const;
export type OrderBy = (typeof ORDER_BY_FIELDS)[number];

export const ORDERS = ['ASC', 'DESC'] as const;
export type Order = (typeof ORDERS)[number];

/** Fields `select` may name: the seed's list, and the flattened requestor/assignee forms its example uses. */
export const SELECT_FIELDS = [
  'id', 'ticketId', 'title', 'description', 'status', 'requestor', 'customFields', 'priority',
  'assignee', 'expectedDate', 'resolution', 'firstResponseOn', 'firstResolutionOn',
  'lastResolutionOn', 'createdOn', 'tags', 'lastUpdatedOn', 'isFrtEscalated', 'isRtEscalated',
  'createdBy', 'lastUpdatedBy', 'lastResolutionComment',
  'requestorName', 'requestorEmail', 'assigneeName', 'assigneeEmail',
] as const;
export type SelectField = (typeof SELECT_FIELDS)[number];

/** IUser: the seed's user. The API does not check that id, name and email agree. */
export interface User {
  id: string;
  name: string;
  email: string;
}

export interface TicketTag {
  tagCategoryId: string;
  text: string;
}

/**
 * A custom field's value, by kind: people picker → User[]; items pickers → item ids;
 * text field / text area → string; toggle → boolean; date picker → ISO date string.
 */
export type CustomFieldValue = User[] | string[] | string | boolean;

/** ITicket. Every field but `id` may be absent (e.g. left out by `select`). */
export interface Ticket {
  /** UUID; the one used in paths. */
  id: string;
  /** The human number (#1234): the seed calls it `ticketId`, the live service `ticketNo`. */
  number?: number;
  title?: string;
  description?: string;
  /** One of STATUSES for the seed; any label the live service's workflow uses, kept as given. */
  status?: string;
  requestor?: User;
  assignee?: User;
  priority?: string;
  customFields?: Record<string, CustomFieldValue>;
  /** ISO date (YYYY-MM-DD) or date-time, as the service returned it. */
  expectedDate?: string;
  resolution?: string;
  firstResponseOn?: string;
  firstResolutionOn?: string;
  lastResolutionOn?: string;
  createdOn?: string;
  lastUpdatedOn?: string;
  tags?: TicketTag[];
  isFrtEscalated?: boolean;
  isRtEscalated?: boolean;
  createdBy?: User;
  lastUpdatedBy?: User;
  lastResolutionComment?: string;
}

/** What a new ticket may carry (POST /tickets `ticket`). */
export interface NewTicket {
  title: string;
  requestor: User;
  description?: string;
  priority?: Priority;
  assignee?: User;
  /** YYYY-MM-DD: the live service silently drops a ticket with a date-time here. */
  expectedDate?: string;
  tags?: TicketTag[];
  customFields?: Record<string, CustomFieldValue>;
}

/** PUT /tickets/{id} `updates`: only the fields given change. */
export type TicketUpdates = Partial<NewTicket>;

export interface StatusChange {
  status: Status;
  resolution?: Resolution;
  comment?: string;
}

/** IActivity: a status change or a comment on a ticket. */
export interface Activity {
  id: string;
  ticketId: string;
  /** 'comment' or 'status'; the live service may not say, in which case it is inferred. */
  type: 'comment' | 'status';
  comment?: string;
  isPrivate?: boolean;
  createdDateTime?: string;
  createdBy?: User;
  /** For a status change: the new status, the previous one, and the resolution given. */
  status?: string;
  previousStatus?: string;
  resolution?: string;
}

/** IComment: what POST /tickets/{id}/comments returns. */
export interface Comment {
  id: string;
  ticketId: string;
  comment: string;
  isPrivate?: boolean;
  createdDateTime?: string;
  createdBy?: User;
}

export const CUSTOM_FIELD_TYPES = [
  'text', 'textarea', 'toggle', 'datepicker', 'peoplepicker', 'itempicker',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldOption {
  id: string;
  text: string;
}

/** ICustomField: `type` is one of CUSTOM_FIELD_TYPES; an item picker says single or multiple. */
export interface CustomField {
  id: string;
  type: string;
  label: string;
  required?: boolean;
  /** Item pickers only. */
  multiple?: boolean;
  options?: CustomFieldOption[];
}

/** IPersonaProps, as Fluent UI's people picker holds a person. */
export interface Persona {
  id?: string;
  text?: string;
  secondaryText?: string;
}

export interface Instance {
  id?: string;
  groupId?: string;
  name?: string;
  enabled?: boolean;
  tenantId?: string;
  teamId?: string;
  channelId?: string;
  subscriptionId?: string;
  mailAddress?: string;
  customFields?: CustomField[];
  customFieldsLeft?: CustomField[];
  customFieldsRight?: CustomField[];
  optionalFieldsLeft?: CustomField[];
  optionalFieldsRight?: CustomField[];
  assignees?: { type: 'teamsOwner' | 'customAssignee'; peoples?: Persona[] };
  isAutomaticAssignTickets?: boolean;
  isAutoAssignIdleTickets?: boolean;
  dayBeforeTicketsIdle?: number;
  isNotifyIdleTicket?: boolean;
}

export interface Tag {
  text: string;
  deleted: boolean;
}

export interface TagCategory {
  id?: string;
  instanceId: string;
  text: string;
  color: string;
  tags: Tag[];
  deleted: boolean;
}

/** GET /tickets: every filter of the seed, then the live service's extras. */
export interface TicketQuery {
  search?: string;
  title?: string;
  status?: Status;
  priority?: Priority;
  /** Sent as `tagCategoryId_text`, comma-joined. */
  tags?: TicketTag[];
  orderBy?: OrderBy;
  order?: Order;
  select?: SelectField[];
  offset?: number;
  /** 1..1000; the service's default is 10. */
  limit?: number;
  /** Live: exact status id (custom workflows). */
  statusId?: string;
  /** Live: resolved (true) or unresolved (false) tickets. */
  isResolved?: boolean;
  /** Live date filters, `YYYY-MM-DDTHH:mm:ss`. */
  createdAfter?: string;
  createdBefore?: string;
  expectedDateAfter?: string;
  expectedDateBefore?: string;
  lastUpdateAfter?: string;
  lastUpdateBefore?: string;
}

/** One page of a list: the items, and the token for the next page when there is one. */
export interface Page<T> {
  items: T[];
  continuationToken?: string;
}
