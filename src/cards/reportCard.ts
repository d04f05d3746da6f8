import type { Report } from '../reports/reports.js';
import { periodLabel } from '../reports/reportRequest.js';
import type { Count, Spread } from '../reports/figures.js';
import { copyAge, dateTime, plain, type Clock } from './format.js';
import { translatorFor, type Translate } from '../i18n/translate.js';
import { priorityWord, say, statusWord, type Word } from '../i18n/apiWords.js';
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

/** A duration for people, in the words of `t`: "45 min", "5.5 h", "3.2 d" ("5,5 h", "3,2 j"); a dash for none. */
export function durationText(ms: number | undefined, t: Translate): string {
  if (ms === undefined) return '–';
  const minutes = ms / 60_000;
  if (minutes < 60) return t('reportCard.minutes', { amount: Math.round(minutes) });
  const hours = minutes / 60;
  return hours < 48 ? t('reportCard.hours', { amount: hours }) : t('reportCard.days', { amount: hours / 24 });
}

function spreadText(spread: Spread, t: Translate): string {
  if (spread.count === 0) return t('reportCard.noneInPeriod');
  return t('reportCard.spread', { median: durationText(spread.median, t), p90: durationText(spread.p90, t), count: spread.count });
}

function rate(part: number, of: number, t: Translate): string {
  return of === 0 ? t('reportCard.noTicketsCreated') : t('reportCard.rate', { percent: Math.round((100 * part) / of), part, of });
}

const countsText = (counts: Count[]) => counts.map((c) => `${plain(c.label)} ${c.count}`).join(' · ');

/**
 * Counts by state or priority with their labels in the reader's words. A report mixes workflows and
 * knows no ticket's, so a state is said as the default workflow's when it bears one of its names.
 */
const countsIn = (counts: Count[], word: (label: string) => Word, t: Translate): Count[] => counts.map((c) => ({ ...c, label: say(word(c.label), t) }));

/** The report card: figures as facts, charts with a text fallback for clients that draw no charts. */
export function reportCard(report: Report, options: ReportCardOptions): AdaptiveCard {
  const { figures: f, request, period } = report;
  const now = options.now ?? Date.now();
  const t = translatorFor(options.clock.language);
  // `YYYY-MM-DD` → "11-05" (month first) in English, "05/11" (day first) in French.
  const shortDay = (day: string) => t('reportCard.shortDay', { month: day.slice(5, 7), day: day.slice(8, 10) });
  const filters = [
    ...(request.tag === undefined ? [] : [t('reportCard.tagged', { tag: plain(request.tag) })]),
    ...(request.assignee === undefined ? [] : [request.assignee === 'me' ? t('reportCard.assignedToYou') : t('reportCard.assignedTo', { name: plain(request.assignee) })]),
  ];
  const oldest = f.backlog.oldestAge === undefined ? '–' : `${durationText(f.backlog.oldestAge, t)}${f.backlog.oldestNumber === undefined ? '' : ` (#${f.backlog.oldestNumber})`}`;
  const agents = f.agents.slice(0, MAX_AGENTS);
  const byState = countsIn(f.backlog.byState, (label) => statusWord(label), t);
  const byPriority = countsIn(f.backlog.byPriority, priorityWord, t);
  return render('report', {
    title: t('reportCard.title', { period: periodLabel(request.period, t) }),
    subtitle: filters.length > 0 ? t('reportCard.subtitle', { filters: filters.join(', ') }) : undefined,
    freshness: t('reportCard.freshness', { when: dateTime(new Date(report.readAt).toISOString(), options.clock) ?? '', age: copyAge(report.readAt, now) }),
    link: options.link === undefined ? undefined : {
      url: options.link.url,
      note: t('reportCard.linkNote', { minutes: options.link.minutes }),
    },
    backlogFacts: [
      { title: t('reportCard.openTickets'), value: String(f.backlog.total) },
      { title: t('reportCard.oldest'), value: oldest },
      { title: t('reportCard.medianAge'), value: durationText(f.backlog.medianAge, t) },
      { title: t('reportCard.overdue'), value: String(f.overdue) },
    ],
    // Chart labels are drawn as text, not Markdown: no escaping.
    stateChart: byState.map((c) => ({ legend: c.label, value: c.count })),
    stateText: countsText(byState),
    priorityChart: byPriority.map((c) => ({ x: c.label, y: c.count })),
    priorityText: countsText(byPriority),
    flowHeading: t('reportCard.flowHeading', { created: f.created, resolved: f.resolved, bucket: t(`reportCard.buckets.${period.bucket}`) }),
    flowSeries: [
      { legend: t('reportCard.created'), points: f.flow.map((b) => ({ x: shortDay(b.start), y: b.created })) },
      { legend: t('reportCard.resolved'), points: f.flow.map((b) => ({ x: shortDay(b.start), y: b.resolved })) },
    ],
    flowFacts: f.flow.map((b) => ({ title: shortDay(b.start), value: t('reportCard.flowFact', { created: b.created, resolved: b.resolved }) })),
    timeFacts: [
      { title: t('reportCard.firstResponse'), value: spreadText(f.firstResponse, t) },
      { title: t('reportCard.resolution'), value: spreadText(f.resolution, t) },
      { title: t('reportCard.responseEscalated'), value: rate(f.escalation.frt, f.escalation.of, t) },
      { title: t('reportCard.resolutionEscalated'), value: rate(f.escalation.rt, f.escalation.of, t) },
    ],
    agentFacts: agents.map((a) => ({
      title: plain(a.name),
      value: a.medianResolution === undefined
        ? t('reportCard.agent', { assigned: a.assigned, resolved: a.resolved })
        : t('reportCard.agentMedian', { assigned: a.assigned, resolved: a.resolved, duration: durationText(a.medianResolution, t) }),
    })),
    agentsNote: f.agents.length > MAX_AGENTS ? t('reportCard.moreAgents', { count: f.agents.length - MAX_AGENTS }) : undefined,
    command: options.command,
  }, t);
}
