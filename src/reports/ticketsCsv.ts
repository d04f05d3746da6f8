/**
 * The export a Power BI model reads: one row per ticket, UTF-8 with a byte-order mark (so that
 * Excel and Power BI read accents right), CRLF lines, RFC 4180 quoting, ISO 8601 dates in UTC.
 */
import { stringify } from 'csv-stringify/sync';
import type { CustomField, CustomFieldValue, Ticket, User } from '../ticketing/types.js';

const BASE_COLUMNS = ['Number', 'Title', 'State', 'Priority', 'Requestor', 'Requestor email', 'Assignee', 'Assignee email', 'Tags'];
const DATE_COLUMNS = ['Created', 'First response', 'First resolution', 'Last resolution', 'Last updated', 'Expected date'];
const LAST_COLUMNS = ['Resolution', 'First response escalated', 'Resolution escalated'];

/** `2026-11-01T09:00:00Z`; a value that is no date stays empty rather than wrong. */
function isoInstant(value: string | undefined): string {
  const at = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(at) ? '' : new Date(at).toISOString().replace('.000Z', 'Z');
}

/** The expected date is a day, not an instant: `YYYY-MM-DD`. */
function isoDay(value: string | undefined): string {
  return value !== undefined && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : '';
}

/**
 * A text people typed, made inert for spreadsheets: Excel runs a cell that starts with = + - @
 * (or a tab or carriage return before one) as a formula, so anyone who can title a ticket could
 * run one on the manager who opens the export. OWASP's advice: a leading apostrophe.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function isUsers(value: CustomFieldValue): value is User[] {
  return Array.isArray(value) && value.some((v) => typeof v === 'object');
}

/** A custom value as people read it: item ids as their option's text, people by name, several joined by "; ". */
function customText(field: CustomField, value: CustomFieldValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return field.options?.find((o) => o.id === value)?.text ?? value;
  if (isUsers(value)) return value.map((u) => u.name || u.email).join('; ');
  return (value as string[]).map((id) => field.options?.find((o) => o.id === id)?.text ?? id).join('; ');
}

/**
 * The CSV of `tickets` (ordered by number), with one column per custom field of the instance,
 * headed by its label. Returned as bytes, the byte-order mark first.
 */
export function ticketsCsv(tickets: readonly Ticket[], fields: readonly CustomField[]): Buffer {
  const header = [...BASE_COLUMNS, ...fields.map((f) => f.label), ...DATE_COLUMNS, ...LAST_COLUMNS];
  const rows = [...tickets].sort((a, b) => (a.number ?? 0) - (b.number ?? 0)).map((t) => [
    t.number === undefined ? '' : String(t.number),
    inert(t.title ?? ''), t.status ?? '', t.priority ?? '',
    inert(t.requestor?.name ?? ''), t.requestor?.email ?? '', inert(t.assignee?.name ?? ''), t.assignee?.email ?? '',
    inert((t.tags ?? []).map((tag) => tag.text).join('; ')),
    ...fields.map((f) => inert(customText(f, t.customFields?.[f.id]))),
    isoInstant(t.createdOn), isoInstant(t.firstResponseOn), isoInstant(t.firstResolutionOn), isoInstant(t.lastResolutionOn),
    isoInstant(t.lastUpdatedOn), isoDay(t.expectedDate),
    inert(t.resolution ?? ''), String(t.isFrtEscalated === true), String(t.isRtEscalated === true),
  ]);
  // csv-stringify quotes a field holding the delimiter or a quote; RFC 4180 also wants any line break quoted.
  const text = stringify([header, ...rows], { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  return Buffer.from(text, 'utf8');
}

/** The file's name: the period's first and last day. */
export function csvFileName(firstDay: string, lastDay: string): string {
  return `tickets-${firstDay}-to-${lastDay}.csv`;
}
