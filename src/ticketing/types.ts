/**
 * The Ticketing as a Service API's data, as the seed describes it, read tolerantly
 * (see the live-service notes in the README). Wire shapes only: no Teams, no bot.
 */

/**
 * Which forms the client sends: `live`, the service as it runs today (the default), or
 * `documented`, the vendor's page. Reads accept both everywhere.
 */
export const DIALECTS = ['live', 'documented'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** The page's status names (the documented dialect's whole workflow). */
export const STATUSES = ['Open', 'Reopened', 'Started', 'Resolved', 'Closed'] as const;
export type Status = (typeof STATUSES)[number];

/** The live default workflow's labels: the page's `Started` is `In Progress` there. */
export const LIVE_STATUSES = ['Open', 'Reopened', 'In Progress', 'Resolved', 'Closed'] as const;

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

/** A tag as a write sends it. */
export interface TicketTag {
  tagCategoryId: string;
  text: string;
}

/** A tag as a ticket read carries it: the page's `{tagCategoryId, text}`, or the live plain text. */
export interface ReadTag {
  text: string;
  tagCategoryId?: string;
}

/**
 * A state of a ticket's workflow (live): its id (what `statusId` filters by, and what a status
 * change names in a custom workflow) and its label (what a ticket's `status` reads).
 */
export interface WorkflowState {
  id: string;
  label: string;
  /** Ids of the states it may move to, when the service says. */
  next?: string[];
  /** Live: the state where the service records a resolution (`recordResolutionSLA`), when it says. */
  recordsResolution?: boolean;
}

/** A workflow of the instance (live `GET /instance` `workflows`): the default one, or a custom one. */
export interface Workflow {
  id: string;
  name: string;
  isDefault?: boolean;
  states: WorkflowState[];
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
  tags?: ReadTag[];
  /** Live: the states of the ticket's workflow, in order; absent in the documented dialect. */
  workflow?: WorkflowState[];
  /** Live: true when that workflow is a custom one, not the default. */
  isCustomWorkflow?: boolean;
  /** Live: the ids of the workflow's states that count as resolved. */
  resolvedStatus?: string[];
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

/** PUT /tickets/{id} `ticket` (live) or `updates` (documented): only the fields given change. */
export type TicketUpdates = Partial<NewTicket>;

export interface StatusChange {
  /** A label of the ticket's workflow (e.g. `In Progress` live, `Started` documented). */
  status: string;
  resolution?: Resolution;
  comment?: string;
}

/** IActivity: a status change or a comment on a ticket. */
export interface Activity {
  id: string;
  ticketId: string;
  /** 'comment' or 'status'; live activities carry no type: a `changes` entry for the status makes it 'status'. */
  type: 'comment' | 'status';
  comment?: string;
  isPrivate?: boolean;
  createdDateTime?: string;
  createdBy?: User;
  /** For a status change: the new status, the previous one, and the resolution given. */
  status?: string;
  previousStatus?: string;
  resolution?: string;
  /**
   * Live: the activity's other `changes` (an assignee, a priority…), as readable text. The page
   * lists only status changes and comments, and no live answer seen so far carries others; they
   * are read when they come.
   */
  changes?: FieldChange[];
}

/** One field an activity changed: its name as the API gives it, and its values as text. */
export interface FieldChange {
  name: string;
  from?: string;
  to?: string;
}

/** IComment (documented POST /comments), or the live POST /activities item (`activityId`, `user`). */
export interface Comment {
  id: string;
  ticketId: string;
  comment: string;
  isPrivate?: boolean;
  createdDateTime?: string;
  createdBy?: User;
}

/** The page's kinds; the live keys `date` and `list` are read as `datepicker` and `itempicker`. */
export const CUSTOM_FIELD_TYPES = [
  'text', 'textarea', 'toggle', 'datepicker', 'peoplepicker', 'itempicker',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldOption {
  id: string;
  text: string;
}

/**
 * A custom field, from the page's `{id, type, label}` or the live `{id, title, type: {key},
 * isMandatory, isMultiple, options: [{key, text}]}`. `type` is one of CUSTOM_FIELD_TYPES when known.
 */
export interface CustomField {
  id: string;
  type: string;
  label: string;
  required?: boolean;
  /** Item pickers only. */
  multiple?: boolean;
  options?: CustomFieldOption[];
}

/** A person of the instance: the page's IPersonaProps; the live `{id, name, email}` is read into it. */
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
  /** Live: the instance's workflows, the default one among them. */
  workflows?: Workflow[];
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
  /** Documented: one of STATUSES. Live: `resolved` or `unresolved` only (use `statusId` for a state). */
  status?: string;
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
