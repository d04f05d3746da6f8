import { offsetAt } from '../identity.js';
import type { Locale } from '../i18n/locale.js';
import { inEnglish, LANGUAGES, type Language, type Translate } from '../i18n/translate.js';
import type { User } from '../ticketing/types.js';

/** Cuts text to at most `max` characters, ending in "…" when cut. */
export function cut(text: string, max: number): { text: string; wasCut: boolean } {
  if (text.length <= max) return { text, wasCut: false };
  return { text: text.slice(0, max - 1).trimEnd() + '…', wasCut: true };
}

/**
 * Text people wrote, made to show as written in a TextBlock: Markdown's marks (`*`, `_`, `[`,
 * `]`, backslash, backtick, `#` and `>` at a line start, list marks) are escaped, so a title cannot
 * turn into a link or a heading, and `{{DATE(...)}}`-style functions are broken with a zero-width
 * joiner so the client does not expand them.
 */
export function plain(text: string): string {
  return text
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
    .replace(/\{\{/g, '{\u200d{');
}

/** The bytes a value takes in a card's JSON (a string with its quotes; what JSON drops counts as `null`). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null');
}

/**
 * At least the bytes a UTF-16 unit takes inside a JSON string: `"` and `\` are escaped (2), control
 * characters may be (6), UTF-8 takes 1 to 3, and a surrogate is counted as if alone (`\udxxx`, 6).
 */
function jsonUnitBytes(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2;
  if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff)) return 6;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
}

/**
 * Cuts text so that it takes at most `maxBytes` inside a card's JSON (as counted above), ending in
 * "…" when cut; `bytes` is what the text returned takes.
 */
export function cutToBytes(text: string, maxBytes: number): { text: string; wasCut: boolean; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = jsonUnitBytes(text.charCodeAt(i));
    if (bytes + unit <= maxBytes) {
      bytes += unit;
      continue;
    }
    // Over: keep what leaves room for the "…" (3 bytes), and never half a surrogate pair.
    let end = i;
    while (end > 0 && bytes + 3 > maxBytes) bytes -= jsonUnitBytes(text.charCodeAt(--end));
    const code = end > 0 ? text.charCodeAt(end - 1) : 0;
    if (code >= 0xd800 && code <= 0xdbff) bytes -= jsonUnitBytes(text.charCodeAt(--end));
    return { text: `${text.slice(0, end)}…`, wasCut: true, bytes: bytes + 3 };
  }
  return { text, wasCut: false, bytes };
}

/** A ticket's title as a card shows it: trimmed, cut to `max`, as written, or "(no title)" in the words of `t`. */
export function titleText(title: string | undefined, max: number, t: Translate = inEnglish): string {
  return plain(cut(title?.trim() || t('card.noTitle'), max).text);
}

export function numberLabel(number: number | undefined): string {
  return number === undefined ? 'Ticket' : `#${number}`;
}

export function personName(user: User | undefined): string | undefined {
  if (!user) return undefined;
  return user.name || user.email || undefined;
}

/** How a person reads a moment: in their language, at their zone's offset at that moment. */
export type Clock = Pick<Locale, 'language' | 'zone'>;

const INTL_LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr-FR' };

/**
 * Day, month and year of each language, read at UTC: a moment is first moved by its own offset, so
 * one formatter per language serves every zone. (en-GB would say "Sept"; en-US parts keep "Sep".)
 */
const DATE_TIME_FORMATS = new Map(LANGUAGES.map((language) => [language, new Intl.DateTimeFormat(INTL_LOCALES[language], {
  timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})]));

/** "d MMM yyyy, HH:mm" in the language's words: "5 Dec 2026, 14:30", "5 déc. 2026, 14:30". */
function dayAndTime(ms: number, language: Language, withTime: boolean): string {
  const parts = new Map(DATE_TIME_FORMATS.get(language)!.formatToParts(ms).map((p) => [p.type, p.value]));
  const date = `${parts.get('day')} ${parts.get('month')} ${parts.get('year')}`;
  return withTime ? `${date}, ${parts.get('hour')}:${parts.get('minute')}` : date;
}

/** "UTC", "UTC+1", "UTC−3:30", "UTC+5:45". */
function offsetLabel(utcOffset: number): string {
  if (utcOffset === 0) return 'UTC';
  const minutes = Math.round(Math.abs(utcOffset) * 60);
  const hours = Math.floor(minutes / 60);
  return `UTC${utcOffset > 0 ? '+' : '−'}${hours}${minutes % 60 === 0 ? '' : `:${String(minutes % 60).padStart(2, '0')}`}`;
}

/**
 * "28 Nov 2026, 14:05 UTC+1" (English), "28 nov. 2026, 14:05 UTC+1" (French): a moment at the
 * reader's offset at that moment, so a date before the end of summer time shows UTC+2 in Paris.
 */
export function dateTime(iso: string | undefined, clock: Clock): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const offset = offsetAt(clock.zone, new Date(ms));
  return `${dayAndTime(ms + Math.round(offset * 60) * 60_000, clock.language, true)} ${offsetLabel(offset)}`;
}

/** "26 Jul 2023", "26 juil. 2023": a calendar date, shown as the API gave it (no timezone shift for a date-only value). */
export function dateOnly(iso: string | undefined, language: Language): string | undefined {
  if (!iso) return undefined;
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return iso;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? iso : dayAndTime(ms, language, false);
}

/** Container styles, used as coloured badges. */
export type BadgeStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

// Maps, not object literals: the labels come from the API, and "constructor" must not find Object.
const STATUS_STYLE = new Map<string, BadgeStyle>(Object.entries({
  open: 'accent', reopened: 'attention', started: 'warning', 'in progress': 'warning', resolved: 'good', closed: 'emphasis',
}));
const PRIORITY_STYLE = new Map<string, BadgeStyle>(Object.entries({
  low: 'emphasis', medium: 'accent', important: 'warning', urgent: 'attention',
}));

/** Any label the service uses is shown; unknown ones get the neutral style. */
export function statusStyle(status: string | undefined): BadgeStyle {
  return STATUS_STYLE.get((status ?? '').toLowerCase()) ?? 'emphasis';
}
export function priorityStyle(priority: string | undefined): BadgeStyle {
  return PRIORITY_STYLE.get((priority ?? '').toLowerCase()) ?? 'emphasis';
}

const RESOLUTIONS = new Set(['fixed', 'cannotResolve', 'cancelled']);
/** The API's resolution in the words of `t`; one the bot does not know, as the API says it. */
export function resolutionLabel(resolution: string, t: Translate = inEnglish): string {
  return RESOLUTIONS.has(resolution) ? t(`card.${resolution}`) : resolution;
}

/** How old a copy is, for people: "40 s", "3 min". */
export function copyAge(copiedAt: number, now = Date.now()): string {
  const seconds = Math.max(1, Math.round((now - copiedAt) / 1000));
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** The line a card shows above a copy. */
export function copyNote(copiedAt: number, now = Date.now(), t: Translate = inEnglish): string {
  return t('card.copyNote', { age: copyAge(copiedAt, now) });
}
