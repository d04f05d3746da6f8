import { reportCard } from '../cards/reportCard.js';
import { ReportTooLarge } from '../reports/readPeriod.js';
import { periodCommand, periodLabel, shorterPeriod, type ReportRequest } from '../reports/reportRequest.js';
import type { Reader, Report } from '../reports/reports.js';
import type { Answer, FeatureContext, FileOffer } from './context.js';
import { FeatureError } from './featureError.js';
import type { Translate } from '../i18n/translate.js';
import { reportCommand } from './parseReport.js';
import { commandIn } from './commandInFrench.js';

function readerOf(ctx: FeatureContext): Reader {
  return { utcOffset: ctx.utcOffset, aadObjectId: ctx.speaker.aadObjectId, deadline: ctx.deadline, language: ctx.locale.language };
}

/** The report, or a sentence offering a shorter period when the API budget left cannot cover this one. */
async function readReport(ctx: FeatureContext, request: ReportRequest): Promise<Report> {
  try {
    return await ctx.reports.report(request, readerOf(ctx));
  } catch (error) {
    if (!(error instanceof ReportTooLarge)) throw error;
    const shorter = shorterPeriod(request.period);
    const why = ctx.locale.t(error.reason === 'budget' ? 'report.tooLargeBudget' : 'report.tooLarge', { count: error.ticketsRead });
    throw new FeatureError(shorter
      ? { key: 'report.tryShorter', vars: { why, command: commandIn(ctx.locale.language, reportCommand({ ...request, period: shorter })) } }
      : { key: 'report.tryLater', vars: { why } });
  }
}

function summaryOf(report: Report, t: Translate): string {
  const f = report.figures;
  return t('report.summary', { period: periodLabel(report.request.period, t), open: f.backlog.total, created: f.created, resolved: f.resolved });
}

/** `report …`: the helpdesk's figures for a period, from a reading kept a few minutes and shared. */
export async function showReport(ctx: FeatureContext, request: ReportRequest): Promise<Answer> {
  const report = await readReport(ctx, request);
  return { card: reportCard(report, { command: reportCommand(request), clock: ctx.locale }), summary: summaryOf(report, ctx.locale.t) };
}

/**
 * Download CSV: the report again, with a signed link to its CSV for the person who clicked (the
 * invoke answer is theirs alone; the shared card never holds a link). In a personal chat, the
 * file itself is offered too, through Teams' file consent card.
 */
export async function exportReport(ctx: FeatureContext, request: ReportRequest): Promise<Answer> {
  const report = await readReport(ctx, request);
  const reader = readerOf(ctx);
  const url = ctx.reports.exportLink(report, reader);
  const minutes = Math.max(1, Math.round(ctx.reports.exportTtlMs / 60_000));
  const card = reportCard(report, { command: reportCommand(request), clock: ctx.locale, link: { url, minutes } });
  let file: FileOffer | undefined;
  if (ctx.inPersonalChat) {
    const token = url.slice(url.lastIndexOf('/') + 1);
    const csv = await ctx.reports.csv(ctx.reports.grantOf(token)!, ctx.deadline);
    file = { name: csv.name, bytes: csv.bytes.length, token, description: ctx.locale.t('report.fileDescription') };
  }
  return { card, summary: ctx.locale.t('report.csvSummary', { summary: summaryOf(report, ctx.locale.t), period: commandIn(ctx.locale.language, periodCommand(request.period)) }), ...(file ? { file } : {}) };
}
