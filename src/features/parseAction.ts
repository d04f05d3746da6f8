import { PRIORITIES, RESOLUTIONS, STATUSES, type Priority, type Resolution } from '../ticketing/types.js';
import { MAX_COMMENT_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_TAG_LENGTH, MAX_TITLE_LENGTH } from '../ticketing/limits.js';
import type { ListFilters } from './parseCommand.js';
import { DEFAULT_PERIOD, type ReportRequest } from '../reports/reportRequest.js';
import { tokenize } from './parseCommand.js';
import { isReportProblem, parseReportArgs } from './parseReport.js';
import { editInputs, shownFingerprints } from './editInputs.js';
import { stringValues } from './formValues.js';
import type { FormValues } from '../cards/formInputs.js';
import { isRecord, isUuid } from '../ticketing/validate.js';
import { SentenceError } from '../i18n/sentence.js';
import { inEnglish, type Translate } from '../i18n/translate.js';

/** Every card verb. Templates in cards/ use these strings; a test keeps both sides in step. */
export const VERBS = {
  refresh: 'refresh',
  show: 'show',
  open: 'open',
  start: 'start',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  move: 'move',
  comment: 'comment',
  priority: 'priority',
  assignMe: 'assignMe',
  history: 'history',
  listPage: 'listPage',
  create: 'create',
  help: 'help',
  report: 'report',
  exportReport: 'exportReport',
  edit: 'edit',
  editForm: 'editForm',
  createFromForm: 'createFromForm',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** A card action, checked: the verb is known and its data has the right shape. */
export type CardAction =
  | { verb: 'refresh' | 'show' | 'open' | 'start' | 'assignMe' | 'history'; ticketId: string }
  /** Opens a ticket's Edit form, a card of its own (its Save is `edit`). */
  | { verb: 'editForm'; ticketId: string }
  /** `reason`: the optional "why" typed in the Close or Reopen form, sent as the change's comment. */
  | { verb: 'close' | 'reopen'; ticketId: string; reason?: string }
  | { verb: 'resolve'; ticketId: string; resolution: Resolution; comment?: string }
  | { verb: 'comment'; ticketId: string; comment: string; isPrivate?: boolean }
  /** `state`: the chosen state's id (the card's "Move to" choice). */
  | { verb: 'move'; ticketId: string; state: string }
  | { verb: 'priority'; ticketId: string; priority: Priority }
  | { verb: 'listPage'; filters: ListFilters; token?: string; skip?: number; page?: number }
  | { verb: 'create'; title: string; description?: string }
  /** The create form posted in a chat: its inputs' text values, checked by the feature against the helpdesk's lists. */
  | { verb: 'createFromForm'; values: FormValues }
  | { verb: 'help' }
  | { verb: 'report' | 'exportReport'; request: ReportRequest }

  /**
   * The Edit form: the title, description and expected date (YYYY-MM-DD) it carried (a blank title
   * is left as it is); `inputs`, its other inputs as sent; `was`, what each input showed (fingerprints).
   */
  | { verb: 'edit'; ticketId: string; title?: string; description?: string; expectedDate?: string; inputs: FormValues; was: FormValues };

/** What a field is called in the sentences below (`fields.*`). */
type Field = 'reason' | 'status' | 'priority' | 'tag' | 'searchText' | 'comment' | 'stateToMoveTo' | 'resolution' | 'title' | 'description' | 'expectedDate';

/** A button's data that cannot be used, said in the clicker's language; `field` names the input it concerns. */
export class BadActionError extends SentenceError {
  override name = 'BadActionError';
  constructor(key: string, private readonly field?: Field, vars: Record<string, string | number> = {}) {
    super({ key, vars: field === undefined ? vars : { ...vars, what: inEnglish(`fields.${field}`) } });
  }

  override sayIn(t: Translate): string {
    return t(this.sentence!.key, this.field === undefined ? this.sentence!.vars : { ...this.sentence!.vars, what: t(`fields.${this.field}`) });
  }
}

const MAX_TOKEN_LENGTH = 4096;


function ticketId(data: Record<string, unknown>): string {
  const id = data.ticketId;
  if (typeof id !== 'string' || !isUuid(id)) throw new BadActionError('action.noTicket');
  return id.toLowerCase();
}

/** Optional text: absent or blank → undefined; too long → refused. */
function optionalText(value: unknown, max: number, what: Field): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadActionError('action.notText', what);
  const text = value.trim();
  if (text.length > max) throw new BadActionError('action.tooLong', what, { length: text.length, max });
  return text === '' ? undefined : text;
}

function requiredText(value: unknown, max: number, what: Field): string {
  const text = optionalText(value, max, what);
  if (text === undefined) throw new BadActionError('action.required', what);
  return text;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: Field): T {
  const match = allowed.find((a) => a === value);
  if (!match) throw new BadActionError('action.oneOf', what, { allowed: allowed.join(', ') });
  return match;
}

function filters(value: unknown): ListFilters {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new BadActionError('action.listDamaged');
  const out: ListFilters = {};
  if (value.status !== undefined) out.status = oneOf(value.status, STATUSES, 'status');
  if (value.priority !== undefined) out.priority = oneOf(value.priority, PRIORITIES, 'priority');
  if (value.mine === true) out.mine = true;
  if (value.assignedToMe === true) out.assignedToMe = true;
  if (value.unassigned === true) out.unassigned = true;
  if (value.overdue === true) out.overdue = true;
  if (value.all === true) out.all = true;
  const tag = optionalText(value.tag, MAX_TAG_LENGTH, 'tag');
  if (tag !== undefined) out.tag = tag;
  const search = optionalText(value.search, MAX_TITLE_LENGTH, 'searchText');
  if (search !== undefined) out.search = search;
  return out;
}

/** A report button carries its report as the command that asks for it (`report 7d tag:vpn`); none: the default report. */
function reportRequest(value: unknown): ReportRequest {
  if (value === undefined) return { period: DEFAULT_PERIOD };
  const tokens = typeof value === 'string' && value.length <= MAX_TITLE_LENGTH * 2 ? tokenize(value) : [];
  const request = tokens[0]?.toLowerCase() === 'report' ? parseReportArgs(tokens.slice(1)) : undefined;
  if (request === undefined || isReportProblem(request)) throw new BadActionError('action.reportDamaged');
  return request;
}

export function isVerb(value: unknown): value is Verb {
  return Object.values(VERBS).some((v) => v === value);
}

/**
 * Checks a card action's verb and data (from `Action.Execute` or an `Action.Submit` value).
 * Anything forged, stale or malformed throws BadActionError with a sentence for the person.
 */
export function parseAction(verb: unknown, data: unknown): CardAction {
  const known = isVerb(verb) ? verb : undefined;
  if (!known) throw new BadActionError('action.unknownVerb');
  const d = isRecord(data) ? data : {};
  switch (known) {
    case 'refresh':
    case 'show':
    case 'open':
    case 'start':
    case 'assignMe':
    case 'history':
    case 'editForm':
      return { verb: known, ticketId: ticketId(d) };
    case 'close':
    case 'reopen':
      // Each form's input has its own id, as the resolve form's does.
      return { verb: known, ticketId: ticketId(d), reason: optionalText(d[`${known}Reason`], MAX_COMMENT_LENGTH, 'reason') };
    case 'resolve':
      return {
        verb: known,
        ticketId: ticketId(d),
        resolution: d.resolution === undefined ? 'fixed' : oneOf(d.resolution, RESOLUTIONS, 'resolution'),
        // The resolve form's input has its own id: input ids are unique across a card.
        comment: optionalText(d.resolutionComment, MAX_COMMENT_LENGTH, 'comment'),
      };
    case 'comment':
      return {
        verb: known, ticketId: ticketId(d), comment: requiredText(d.comment, MAX_COMMENT_LENGTH, 'comment'),
        // Input.Toggle sends its value as text.
        ...(d.isPrivate === 'true' || d.isPrivate === true ? { isPrivate: true } : {}),
      };
    case 'move':
      // The choice's input has its own id, as the resolve form's does.
      return { verb: known, ticketId: ticketId(d), state: requiredText(d.moveTo, MAX_TITLE_LENGTH, 'stateToMoveTo') };
    case 'priority':
      return { verb: known, ticketId: ticketId(d), priority: oneOf(d.priority, PRIORITIES, 'priority') };
    case 'listPage': {
      const token = d.token === undefined ? undefined : d.token;
      if (token !== undefined && (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH)) {
        throw new BadActionError('action.listDamaged');
      }
      const skip = d.skip;
      if (skip !== undefined && (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0 || skip > 1000)) {
        throw new BadActionError('action.listDamaged');
      }
      const page = d.page;
      if (page !== undefined && (typeof page !== 'number' || !Number.isInteger(page) || page < 1 || page > 10_000)) {
        throw new BadActionError('action.listDamaged');
      }
      return { verb: known, filters: filters(d.filters), token, skip, page };
    }
    case 'create':
      return {
        verb: known,
        title: requiredText(d.title, MAX_TITLE_LENGTH, 'title'),
        description: optionalText(d.description, MAX_DESCRIPTION_LENGTH, 'description'),
      };
    case 'help':
      return { verb: known };
    case 'createFromForm':
      return { verb: known, values: stringValues(d) };
    case 'report':
    case 'exportReport':
      return { verb: known, request: reportRequest(d.report) };
    case 'edit': {
      // The form's inputs have ids of their own, unique in the card.
      const expectedDate = optionalText(d.editExpectedDate, 10, 'expectedDate');
      if (expectedDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expectedDate)) throw new BadActionError('action.badDate');
      const description = d.editDescription === undefined ? undefined : (optionalText(d.editDescription, MAX_DESCRIPTION_LENGTH, 'description') ?? '');
      const title = optionalText(d.editTitle, MAX_TITLE_LENGTH, 'title');
      return {
        verb: known, ticketId: ticketId(d), ...(title === undefined ? {} : { title }),
        ...(description === undefined ? {} : { description }), ...(expectedDate === undefined ? {} : { expectedDate }),
        inputs: editInputs(d), was: shownFingerprints(d.was),
      };
    }
  }
}
