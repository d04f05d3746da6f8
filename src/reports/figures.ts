/**
 * A report's figures, as pure functions of the tickets read, the period and the clock: no I/O,
 * so that tests compute them on tickets whose answers are known by hand. The README defines each.
 */
import type { Ticket, User } from '../ticketing/types.js';
import type { PeriodTickets } from './readPeriod.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Count {
  label: string;
  count: number;
}

/** Median and 90th percentile of some durations, in ms; undefined when there are none. */
export interface Spread {
  count: number;
  median?: number;
  p90?: number;
}

export interface FlowBucket {
  /** The bucket's first day, local, YYYY-MM-DD. */
  start: string;
  created: number;
  resolved: number;
}

export interface AgentFigures {
  name: string;
  /** Open tickets assigned to them now. */
  assigned: number;
  /** Tickets assigned to them first resolved in the period. */
  resolved: number;
  /** Median time from creation to first resolution of those, in ms. */
  medianResolution?: number;
}

export interface ReportFigures {
  backlog: {
    total: number;
    byState: Count[];
    byPriority: Count[];
    /** Age of the oldest open ticket, in ms. */
    oldestAge?: number;
    oldestNumber?: number;
    medianAge?: number;
  };
  flow: FlowBucket[];
  created: number;
  resolved: number;
  firstResponse: Spread;
  resolution: Spread;
  /** Among tickets created in the period. */
  escalation: { of: number; frt: number; rt: number };
  /** Open tickets whose expected date is before today. */
  overdue: number;
  agents: AgentFigures[];
}

const PRIORITY_ORDER = ['Urgent', 'Important', 'Medium', 'Low'];

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile: the smallest value with at least `p`% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function spread(durations: number[]): Spread {
  return { count: durations.length, median: median(durations), p90: percentile(durations, 90) };
}

function time(iso: string | undefined): number | undefined {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** Epoch ms → local date `YYYY-MM-DD` at `utcOffset` hours from UTC. */
export function localDate(at: number, utcOffset: number): string {
  return new Date(at + utcOffset * HOUR_MS).toISOString().slice(0, 10);
}

function counts(labels: string[], order: readonly string[] = []): Count[] {
  const byLabel = new Map<string, number>();
  for (const label of labels) byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
  const rank = (label: string) => (order.includes(label) ? order.indexOf(label) : order.length);
  return [...byLabel].map(([label, count]) => ({ label, count }))
    .sort((a, b) => rank(a.label) - rank(b.label) || b.count - a.count || a.label.localeCompare(b.label));
}

/** Durations from creation to `field`, for tickets whose `field` falls at or after `since`. */
function durationsSince(tickets: readonly Ticket[], field: 'firstResponseOn' | 'firstResolutionOn', since: number): number[] {
  const out: number[] = [];
  for (const t of tickets) {
    const created = time(t.createdOn);
    const at = time(t[field]);
    if (created !== undefined && at !== undefined && at >= since) out.push(Math.max(0, at - created));
  }
  return out;
}

function flow(tickets: readonly Ticket[], start: number, now: number, bucket: 'day' | 'week', utcOffset: number): FlowBucket[] {
  const step = bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  const buckets: FlowBucket[] = [];
  for (let at = start; at <= now; at += step) buckets.push({ start: localDate(at, utcOffset), created: 0, resolved: 0 });
  const indexOf = (at: number | undefined) => (at === undefined || at < start ? -1 : Math.min(buckets.length - 1, Math.floor((at - start) / step)));
  for (const t of tickets) {
    const created = indexOf(time(t.createdOn));
    if (created >= 0) buckets[created]!.created++;
    const resolved = indexOf(time(t.firstResolutionOn));
    if (resolved >= 0) buckets[resolved]!.resolved++;
  }
  return buckets;
}

function agentKey(user: User): string {
  return (user.id || user.email || user.name).toLowerCase();
}

function agents(data: PeriodTickets, start: number): AgentFigures[] {
  const byAgent = new Map<string, { name: string; assigned: number; resolutions: number[] }>();
  const entry = (user: User) => {
    const key = agentKey(user);
    let found = byAgent.get(key);
    if (!found) byAgent.set(key, (found = { name: user.name || user.email, assigned: 0, resolutions: [] }));
    return found;
  };
  for (const t of data.open) if (t.assignee) entry(t.assignee).assigned++;
  for (const t of data.changed) {
    const created = time(t.createdOn);
    const resolved = time(t.firstResolutionOn);
    if (t.assignee && created !== undefined && resolved !== undefined && resolved >= start) entry(t.assignee).resolutions.push(Math.max(0, resolved - created));
  }
  return [...byAgent.values()]
    .map((a) => ({ name: a.name, assigned: a.assigned, resolved: a.resolutions.length, medianResolution: median(a.resolutions) }))
    .sort((a, b) => b.assigned + b.resolved - (a.assigned + a.resolved) || a.name.localeCompare(b.name));
}

/**
 * Every figure of a report. `start`: the period's first instant; `now`: when the tickets were read;
 * `utcOffset`: the reader's hours from UTC, for days and "overdue".
 */
export function computeFigures(data: PeriodTickets, period: { start: number; bucket: 'day' | 'week' }, utcOffset: number): ReportFigures {
  const now = data.readAt;
  const ages = data.open.map((t) => time(t.createdOn)).filter((t) => t !== undefined).map((t) => Math.max(0, now - t));
  const oldest = data.open.reduce<Ticket | undefined>((best, t) => ((time(t.createdOn) ?? Infinity) < (time(best?.createdOn) ?? Infinity) ? t : best), undefined);
  const createdInPeriod = data.changed.filter((t) => (time(t.createdOn) ?? -Infinity) >= period.start);
  const today = localDate(now, utcOffset);
  const buckets = flow(data.changed, period.start, now, period.bucket, utcOffset);
  return {
    backlog: {
      total: data.open.length,
      byState: counts(data.open.map((t) => t.status ?? 'Unknown')),
      byPriority: counts(data.open.map((t) => t.priority ?? 'Unknown'), PRIORITY_ORDER),
      oldestAge: ages.length > 0 ? Math.max(...ages) : undefined,
      oldestNumber: oldest?.number,
      medianAge: median(ages),
    },
    flow: buckets,
    created: buckets.reduce((sum, b) => sum + b.created, 0),
    resolved: buckets.reduce((sum, b) => sum + b.resolved, 0),
    firstResponse: spread(durationsSince(data.changed, 'firstResponseOn', period.start)),
    resolution: spread(durationsSince(data.changed, 'firstResolutionOn', period.start)),
    escalation: {
      of: createdInPeriod.length,
      frt: createdInPeriod.filter((t) => t.isFrtEscalated === true).length,
      rt: createdInPeriod.filter((t) => t.isRtEscalated === true).length,
    },
    overdue: data.open.filter((t) => t.expectedDate !== undefined && t.expectedDate.slice(0, 10) < today).length,
    agents: agents(data, period.start),
  };
}

/** Only the tickets assigned to the agent `matches` picks (`assigned to <agent>`). */
export function assignedOnly(data: PeriodTickets, matches: (assignee: User) => boolean): PeriodTickets {
  const keep = (t: Ticket) => t.assignee !== undefined && matches(t.assignee);
  return { ...data, changed: data.changed.filter(keep), open: data.open.filter(keep) };
}
