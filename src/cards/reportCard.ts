import type { Report } from '../reports/reports.js';
import type { Count, Spread } from '../reports/figures.js';
import { copyAge, dateTime, plain, type Clock } from './format.js';
import { render, type AdaptiveCard } from './render.js';

/** The agents a card lists; the export has every one. */
const MAX_AGENTS = 8;

export interface ReportCardOptions {
  /** The command that asks for this report again: the Download CSV button carries it. */
  command: string;
  /** The reader's language and time zone, for the date of the figures. */
  clock: Clock;
  /** For the person who asked only: their download link, and for how long it works. */
  link?: { url: string; minutes: number };
  now?: number;
}

/** A duration for people: "45 min", "5.5 h", "3.2 d"; a dash for none. */
export function durationText(ms: number | undefined): string {
  if (ms === undefined) return '–';
  const minutes = ms / 60_000;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${Number(hours.toFixed(1))} h` : `${Number((hours / 24).toFixed(1))} d`;
}

function spreadText(spread: Spread): string {
  if (spread.count === 0) return 'none in the period';
  return `median ${durationText(spread.median)} · 90th percentile ${durationText(spread.p90)} (${spread.count} ticket${spread.count === 1 ? '' : 's'})`;
}

function rate(part: number, of: number): string {
  return of === 0 ? 'no tickets created' : `${Math.round((100 * part) / of)}% (${part} of ${of})`;
}

const countsText = (counts: Count[]) => counts.map((c) => `${plain(c.label)} ${c.count}`).join(' · ');

/** The report card: figures as facts, charts with a text fallback for clients that draw no charts. */
export function reportCard(report: Report, options: ReportCardOptions): AdaptiveCard {
  const { figures: f, request, period } = report;
  const now = options.now ?? Date.now();
  const shortDay = (day: string) => day.slice(5);
  const filters = [
    ...(request.tag === undefined ? [] : [`tagged "${plain(request.tag)}"`]),
    ...(request.assignee === undefined ? [] : [request.assignee === 'me' ? 'assigned to you' : `assigned to ${plain(request.assignee)}`]),
  ];
  const oldest = f.backlog.oldestAge === undefined ? '–' : `${durationText(f.backlog.oldestAge)}${f.backlog.oldestNumber === undefined ? '' : ` (#${f.backlog.oldestNumber})`}`;
  const agents = f.agents.slice(0, MAX_AGENTS);
  return render('report', {
    title: `Helpdesk report · ${period.label}`,
    subtitle: filters.length > 0 ? `Tickets ${filters.join(', ')}` : undefined,
    freshness: `Figures as of ${dateTime(new Date(report.readAt).toISOString(), options.clock)} (${copyAge(report.readAt, now)} ago); kept a few minutes.`,
    link: options.link === undefined ? undefined : {
      url: options.link.url,
      note: `Your CSV of the period's tickets, for you alone: the link works for ${options.link.minutes} minutes.`,
    },
    backlogFacts: [
      { title: 'Open tickets', value: String(f.backlog.total) },
      { title: 'Oldest', value: oldest },
      { title: 'Median age', value: durationText(f.backlog.medianAge) },
      { title: 'Overdue', value: String(f.overdue) },
    ],
    // Chart labels are drawn as text, not Markdown: no escaping.
    stateChart: f.backlog.byState.map((c) => ({ legend: c.label, value: c.count })),
    stateText: countsText(f.backlog.byState),
    priorityChart: f.backlog.byPriority.map((c) => ({ x: c.label, y: c.count })),
    priorityText: countsText(f.backlog.byPriority),
    flowHeading: `${f.created} created, ${f.resolved} resolved, by ${period.bucket}`,
    flowSeries: [
      { legend: 'Created', points: f.flow.map((b) => ({ x: shortDay(b.start), y: b.created })) },
      { legend: 'Resolved', points: f.flow.map((b) => ({ x: shortDay(b.start), y: b.resolved })) },
    ],
    flowFacts: f.flow.map((b) => ({ title: shortDay(b.start), value: `${b.created} created, ${b.resolved} resolved` })),
    timeFacts: [
      { title: 'First response', value: spreadText(f.firstResponse) },
      { title: 'Resolution', value: spreadText(f.resolution) },
      { title: 'Response escalated', value: rate(f.escalation.frt, f.escalation.of) },
      { title: 'Resolution escalated', value: rate(f.escalation.rt, f.escalation.of) },
    ],
    agentFacts: agents.map((a) => ({
      title: plain(a.name),
      value: `${a.assigned} open · ${a.resolved} resolved${a.medianResolution === undefined ? '' : ` · median ${durationText(a.medianResolution)}`}`,
    })),
    agentsNote: f.agents.length > MAX_AGENTS ? `${f.agents.length - MAX_AGENTS} more agents are in the CSV.` : undefined,
    command: options.command,
  });
}
