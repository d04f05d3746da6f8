/**
 * The export a Power BI model reads: one row per ticket, UTF-8 with a byte-order mark (so that
 * Excel and Power BI read accents right), CRLF lines, RFC 4180 quoting, ISO 8601 dates in UTC.
 */
import { stringify } from 'csv-stringify/sync';
import type { CustomField, CustomFieldValue, Ticket, User } from '../ticketing/types.js';
import { inEnglish, type Translate } from '../i18n/translate.js';

/** The columns, by their key under `csv.` in the strings files. */
const BASE_COLUMNS = ['number', 'title', 'state', 'priority', 'requestor', 'requestorEmail', 'assignee', 'assigneeEmail', 'tags'];
const DATE_COLUMNS = ['created', 'firstResponse', 'firstResolution', 'lastResolution', 'lastUpdated', 'expectedDate'];
const LAST_COLUMNS = ['resolution', 'firstResponseEscalated', 'resolutionEscalated'];

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
 * headed by its label. Returned as bytes, the byte-order mark first. The bot's own column headers
 * are in the words of `t` (the asker's language); the values stay as the API gives them, for the
 * models that read them.
 */
export function ticketsCsv(tickets: readonly Ticket[], fields: readonly CustomField[], t: Translate = inEnglish): Buffer {
  const column = (key: string) => t(`csv.${key}`);
  const header = [...BASE_COLUMNS.map(column), ...fields.map((f) => f.label), ...DATE_COLUMNS.map(column), ...LAST_COLUMNS.map(column)];
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

/** The file's name: the period's first and last day (`YYYY-MM-DD`), in the words of `t`. */
export function csvFileName(firstDay: string, lastDay: string, t: Translate = inEnglish): string {
  return t('csv.fileName', { first: firstDay, last: lastDay });
}
