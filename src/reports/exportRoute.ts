/**
 * GET /exports/<token>: a report's CSV, for whoever holds a valid, unexpired link. Anything else
 * is a 404 with one short sentence; the token is a credential, so no log line holds it.
 */
import type { Request, Response } from 'restify';
import { isRateLimited, isTicketingError } from '../ticketing/errors.js';
import { ReportTooLarge } from './readPeriod.js';
import type { Reports } from './reports.js';

/** How long the download waits for the API when the period's reading is no longer kept. */
const EXPORT_READ_MS = 10_000;

function refuse(res: Response, status: number, message: string, headers: Record<string, string> = {}): void {
  res.sendRaw(status, JSON.stringify({ error: message }), { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
}

export function exportHandler(reports: Reports, log: (line: string) => void) {
  return async (req: Request, res: Response): Promise<void> => {
    // A wildcard, not a `:token` parameter: the router refuses parameters over 100 characters.
    const grant = reports.grantOf((req.params as Record<string, unknown> | undefined)?.['*']);
    if (!grant) {
      log('export refused: not a valid link');
      refuse(res, 404, 'No such export, or its link has expired. Click Download CSV on the report again.');
      return;
    }
    try {
      const csv = await reports.csv(grant, Date.now() + EXPORT_READ_MS);
      res.sendRaw(200, csv.bytes, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${csv.name}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      log(`export ok ${csv.bytes.length} bytes`);
    } catch (error) {
      log(`export failed ${error instanceof Error ? error.name : typeof error}`);
      if (isRateLimited(error)) refuse(res, 503, `The helpdesk is busy; try again in ${error.retryAfterS} s.`, { 'retry-after': String(error.retryAfterS) });
      else if (error instanceof ReportTooLarge) refuse(res, 503, 'The helpdesk is busy; try again in a minute, or export a shorter period.');
      else if (isTicketingError(error)) refuse(res, 502, 'The helpdesk could not be read; try again in a minute.');
      else refuse(res, 500, 'The export could not be made; try again in a minute.');
    }
  };
}
