/**
 * Checks shared by the query builder and the write bodies: every one throws a TicketingError of
 * kind `invalidInput` naming the field, before any request is made. Messages name fields and
 * allowed values, never echo the value given (it may be anything).
 */
import { invalidInput } from './errors.js';
import type { TicketTag, User } from './types.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UUID_TEXT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID = new RegExp(`^${UUID_TEXT}$`, 'i');
/** The first UUID anywhere in a text (e.g. the path of a ticket's link). */
export const UUID_IN_TEXT = new RegExp(UUID_TEXT, 'i');

/** A UUID (GUID) in its usual text form, any case: ticket ids, AAD object ids, tenant ids. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A ticket id as used in paths: the ticket's UUID (not its #number). */
export function ticketIdSegment(id: unknown, operation: string): string {
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw invalidInput('The ticket id must be a UUID (the ticket\'s id, not its number).', operation);
  }
  return encodeURIComponent(id);
}

export const TIMEZONE_MIN = -12;
export const TIMEZONE_MAX = 14;

/** The `timezone` parameter: whole hours from UTC, -12..14. */
export function checkTimezone(timezone: unknown, operation: string): number {
  if (typeof timezone !== 'number' || !Number.isInteger(timezone) || timezone < TIMEZONE_MIN || timezone > TIMEZONE_MAX) {
    throw invalidInput(`timezone must be a whole number of hours from ${TIMEZONE_MIN} to ${TIMEZONE_MAX}.`, operation);
  }
  return timezone;
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, operation: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidInput(`${field} must be one of ${allowed.join(', ')}.`, operation);
  }
  return value as T;
}

export function checkNonEmptyString(value: unknown, field: string, operation: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidInput(`${field} must be a non-empty text.`, operation);
  }
  return value;
}

/** IUser: id and name must be non-empty; email must be text (the API does not check it). */
export function checkUser(value: unknown, field: string, operation: string): User {
  if (!isRecord(value)) throw invalidInput(`${field} must be a user with id, name and email.`, operation);
  const id = checkNonEmptyString(value.id, `${field}.id`, operation);
  const name = checkNonEmptyString(value.name, `${field}.name`, operation);
  if (typeof value.email !== 'string') throw invalidInput(`${field}.email must be text.`, operation);
  return { id, name, email: value.email };
}

/**
 * Tags: a category id and a text each. Write bodies carry them as JSON objects, so any text goes;
 * the list filter (`use: 'filter'`) sends them as `tagCategoryId_text`, comma-joined, so there a
 * text may not hold a comma and a category id neither a comma nor `_`.
 */
export function checkTags(value: unknown, field: string, operation: string, use: 'body' | 'filter'): TicketTag[] {
  if (!Array.isArray(value)) throw invalidInput(`${field} must be a list of tags.`, operation);
  return value.map((tag: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(tag)) throw invalidInput(`${at} must be a tag with tagCategoryId and text.`, operation);
    const tagCategoryId = checkNonEmptyString(tag.tagCategoryId, `${at}.tagCategoryId`, operation);
    const text = checkNonEmptyString(tag.text, `${at}.text`, operation);
    if (use === 'filter' && /[,_]/.test(tagCategoryId)) throw invalidInput(`${at}.tagCategoryId may not contain "," or "_".`, operation);
    if (use === 'filter' && text.includes(',')) throw invalidInput(`${at}.text may not contain a comma.`, operation);
    return { tagCategoryId, text };
  });
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HOUR_MS = 3_600_000;

/**
 * A date for `expectedDate`: `YYYY-MM-DD` as is; a date-time without a zone, its date as written;
 * a date-time with a zone (`Z`, `+02:00`), the calendar day it falls on at `timezone` (hours from UTC).
 */
export function toDateOnly(value: unknown, field: string, operation: string, timezone: number): string {
  const bad = () => invalidInput(`${field} must be a date (YYYY-MM-DD).`, operation);
  if (typeof value !== 'string') throw bad();
  const m = DATE_ONLY.exec(value) ?? DATE_TIME.exec(value);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw bad();
  if (m[7] === undefined) return `${m[1]}-${m[2]}-${m[3]}`;
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) throw bad();
  return new Date(instant + timezone * HOUR_MS).toISOString().slice(0, 10);
}

const QUERY_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;

/** A list date filter: `YYYY-MM-DDTHH:mm:ss` as the live service takes it; `YYYY-MM-DD` means midnight. */
export function toQueryDateTime(value: unknown, field: string, operation: string): string {
  const bad = () => invalidInput(`${field} must be a date-time written YYYY-MM-DDTHH:mm:ss.`, operation);
  if (typeof value !== 'string') throw bad();
  const m = QUERY_DATE_TIME.exec(value);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw bad();
  const [hh, mm, ss] = [m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'];
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) throw bad();
  return `${m[1]}-${m[2]}-${m[3]}T${hh}:${mm}:${ss}`;
}
