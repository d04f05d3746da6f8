/** `report [7d|30d|Nd|today|this month] [tag:<tag>] [assigned to me|<agent>]`, parsed into a ReportRequest, and back. */
import { DEFAULT_PERIOD, MAX_DAYS, parseDays, periodCommand, type PeriodSpec, type ReportRequest } from '../reports/reportRequest.js';
import type { Sentence } from '../i18n/sentence.js';

const MAX_WORD = 255;

function isPeriodWord(word: string, next: string | undefined): boolean {
  const lower = word.toLowerCase();
  return parseDays(lower) !== undefined || lower === 'today' || (lower === 'this' && next?.toLowerCase() === 'month');
}

/** A request, or the problem to tell the person (a sentence, said in their language). */
export function isReportProblem(parsed: ReportRequest | Sentence): parsed is Sentence {
  return 'key' in parsed;
}

/** The words after `report`, as tokens, read into a request or a problem (see `isReportProblem`). */
export function parseReportArgs(args: readonly string[]): ReportRequest | Sentence {
  let period: PeriodSpec | undefined;
  let tag: string | undefined;
  let assignee: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lower = word.toLowerCase();
    const days = parseDays(lower);
    if (period === undefined && days !== undefined) period = { kind: 'days', days };
    else if (period === undefined && lower === 'today') period = { kind: 'days', days: 1 };
    else if (period === undefined && lower === 'this' && args[i + 1]?.toLowerCase() === 'month') {
      period = { kind: 'month' };
      i++;
    } else if (tag === undefined && lower.startsWith('tag:') && word.length > 4) tag = word.slice(4);
    else if (assignee === undefined && lower === 'assigned' && args[i + 1]?.toLowerCase() === 'to' && args[i + 2] !== undefined) {
      // A name may be several words: up to the next period word or tag.
      const words: string[] = [];
      for (i += 2; i < args.length && !isPeriodWord(args[i]!, args[i + 1]) && !args[i]!.toLowerCase().startsWith('tag:'); i++) words.push(args[i]!);
      i--;
      assignee = words.join(' ');
      if (assignee.toLowerCase() === 'me') assignee = 'me';
    } else {
      const shown = word.length > 40 ? `${word.slice(0, 40)}…` : word;
      return /^\d+d$/i.test(word)
        ? { key: 'report.days', vars: { max: MAX_DAYS } }
        : { key: 'report.notUnderstood', vars: { text: shown, max: MAX_DAYS } };
    }
  }
  if ((tag?.length ?? 0) > MAX_WORD || (assignee?.length ?? 0) > MAX_WORD) return { key: 'report.tooLongWord', vars: { max: MAX_WORD } };
  return { period: period ?? DEFAULT_PERIOD, ...(tag === undefined ? {} : { tag }), ...(assignee === undefined ? {} : { assignee }) };
}

const quoted = (text: string) => (/[\s"“”]/.test(text) ? `"${text.replace(/["“”]/g, '')}"` : text);

/** The command that asks for `request` again: what the report card's buttons carry. */
export function reportCommand(request: ReportRequest): string {
  return [
    periodCommand(request.period),
    ...(request.tag === undefined ? [] : [`tag:${quoted(request.tag)}`]),
    ...(request.assignee === undefined ? [] : [`assigned to ${quoted(request.assignee)}`]),
  ].join(' ');
}
