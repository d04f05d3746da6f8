/**
 * Dates at the edge. The API stores instants as ISO UTC strings; `timezone` (the caller's hour
 * offset) says how to read a date or a date-time written without a zone, and which calendar day
 * a date-time falls on when only a day is kept (expectedDate).
 */
import { invalidParameter } from './errors.js';

const HOUR = 3_600_000;
const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

interface ParsedDate {
  /** The written wall-clock time, as if it were UTC, in ms. */
  wall: number;
  /** Minutes east of UTC when the text names a zone. */
  offsetMinutes?: number;
  dateOnly: boolean;
}

function parse(text: string): ParsedDate | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const ms = Number((fraction ?? '0').slice(0, 3).padEnd(3, '0'));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
    || hour > 23 || minute > 59 || second > 59
  ) {
    return undefined;
  }
  let offsetMinutes: number | undefined;
  if (zone === 'Z') offsetMinutes = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return { wall, ...(offsetMinutes !== undefined ? { offsetMinutes } : {}), dateOnly: h === undefined };
}

/** The `timezone` parameter: an integer from -12 to 14. */
export function parseTimezone(text: string): number {
  if (!/^[+-]?\d{1,2}$/.test(text)) {
    throw invalidParameter('The parameter "timezone" must be a whole number of hours from -12 to 14.');
  }
  const value = Number(text);
  if (value < -12 || value > 14) {
    throw invalidParameter('The parameter "timezone" must be a whole number of hours from -12 to 14.');
  }
  return value === 0 ? 0 : value;
}

/**
 * A date filter (`createdAfter=2026-10-01T08:00:00`): a date, or a date-time with or without a zone.
 * Without a zone it is read in the caller's `timezone`. Returns epoch ms.
 */
export function parseInstant(text: string, timezone: number, name: string): number {
  const parsed = parse(text);
  if (!parsed) {
    throw invalidParameter(`The parameter "${name}" must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:mm:ss, optionally ending in Z).`);
  }
  return parsed.wall - (parsed.offsetMinutes !== undefined ? parsed.offsetMinutes * 60_000 : timezone * HOUR);
}

/**
 * An expectedDate as stored: YYYY-MM-DD. A date-time with a zone becomes the caller's calendar
 * day at that instant; one without a zone keeps its written day. Undefined when not a date.
 */
export function toCalendarDay(text: string, timezone: number): string | undefined {
  const parsed = parse(text);
  if (!parsed) return undefined;
  if (parsed.offsetMinutes === undefined) return new Date(parsed.wall).toISOString().slice(0, 10);
  const instant = parsed.wall - parsed.offsetMinutes * 60_000;
  return new Date(instant + timezone * HOUR).toISOString().slice(0, 10);
}

/** A calendar day (YYYY-MM-DD) as the instant its midnight is in the caller's timezone. */
export function dayStart(day: string, timezone: number): number {
  return Date.parse(`${day}T00:00:00Z`) - timezone * HOUR;
}

/** True for a date or an ISO date-time: what a date-picker custom field may hold. */
export function isDateOrDateTime(text: string): boolean {
  return parse(text) !== undefined;
}
