/** What a person asks a report for, and the period it covers. */
import type { Translate } from '../i18n/translate.js';

/** The last `days` days (today included), or the calendar month so far. */
export type PeriodSpec = { kind: 'days'; days: number } | { kind: 'month' };

/** A report's question, parsed: the period, and optionally one tag and one assignee. */
export interface ReportRequest {
  period: PeriodSpec;
  tag?: string;
  /** `me`, or an agent's email or name as typed (matched without regard to case). */
  assignee?: string;
}

export const DEFAULT_PERIOD: PeriodSpec = { kind: 'days', days: 7 };
/** The longest `Nd` period: a quarter. Longer ones belong in Power BI, from the export. */
export const MAX_DAYS = 92;

/** Periods beyond this many days are charted by week rather than by day. */
const DAILY_UP_TO = 31;
const DAY_MS = 86_400_000;

/** A period placed on the calendar, in the reader's offset from UTC. */
export interface Period {
  /** Epoch ms of the first day's start (local midnight), inclusive. */
  start: number;
  /** How the created/resolved chart groups days. */
  bucket: 'day' | 'week';
  /** The command that shows this period, e.g. `report 7d`. */
  command: string;
}

/** `7d`, `30d` (1..MAX_DAYS); undefined for anything else. */
export function parseDays(word: string): number | undefined {
  const m = /^(\d{1,3})d$/i.exec(word);
  const days = m ? Number(m[1]) : NaN;
  return days >= 1 && days <= MAX_DAYS ? days : undefined;
}

export function periodCommand(spec: PeriodSpec): string {
  return spec.kind === 'month' ? 'report this month' : `report ${spec.days}d`;
}

/** The period for people, in the words of `t`: "last 7 days", "today", "this month". */
export function periodLabel(spec: PeriodSpec, t: Translate): string {
  if (spec.kind === 'month') return t('report.periods.thisMonth');
  return spec.days === 1 ? t('report.periods.today') : t('report.periods.lastDays', { days: spec.days });
}

/** Local midnight (at `utcOffset` hours from UTC) of the day holding `at`, as epoch ms. */
function localMidnight(at: number, utcOffset: number): number {
  const shift = utcOffset * 3_600_000;
  return Math.floor((at + shift) / DAY_MS) * DAY_MS - shift;
}

/**
 * Where the period falls for someone `utcOffset` hours from UTC, at `now` (epoch ms). A period
 * starts at a local midnight, so that everyone asking the same day shares one reading of it.
 */
export function placePeriod(spec: PeriodSpec, now: number, utcOffset: number): Period {
  const today = localMidnight(now, utcOffset);
  if (spec.kind === 'month') {
    const local = new Date(today + utcOffset * 3_600_000);
    const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - utcOffset * 3_600_000;
    return { start, bucket: 'day', command: periodCommand(spec) };
  }
  return {
    start: today - (spec.days - 1) * DAY_MS,
    bucket: spec.days > DAILY_UP_TO ? 'week' : 'day',
    command: periodCommand(spec),
  };
}

/** A shorter period to offer when a report is too large for the API budget left; none below one day. */
export function shorterPeriod(spec: PeriodSpec): PeriodSpec | undefined {
  if (spec.kind === 'month') return { kind: 'days', days: 7 };
  if (spec.days > 7) return { kind: 'days', days: 7 };
  if (spec.days > 1) return { kind: 'days', days: 1 };
  return undefined;
}
