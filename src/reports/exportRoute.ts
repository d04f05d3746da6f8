/**
 * GET /exports/<token>: a report's CSV, for whoever holds a valid, unexpired link. Anything else
 * is a 404 with one short sentence, in the language the link was signed for (a forged one:
 * English); the token is a credential, so no log line holds it.
 */
import type { Request, Response } from 'restify';
import { errorFields } from '../errorKind.js';
import type { Logger } from '../log.js';
import { isRateLimited, isTicketingError } from '../ticketing/errors.js';
import { ReportTooLarge } from './readPeriod.js';
import type { Reports } from './reports.js';
import { translatorFor } from '../i18n/translate.js';

/** How long the download waits for the API when the period's reading is no longer kept. */
const EXPORT_READ_MS = 10_000;

function refuse(res: Response, status: number, message: string, headers: Record<string, string> = {}): void {
  res.sendRaw(status, JSON.stringify({ error: message }), { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
}

export function exportHandler(reports: Reports, log: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    // A wildcard, not a `:token` parameter: the router refuses parameters over 100 characters.
    const token = (req.params as Record<string, unknown> | undefined)?.['*'];
    const grant = reports.grantOf(token);
    const t = translatorFor(grant?.language ?? reports.linkLanguage(token) ?? 'en');
    if (!grant) {
      log.warn('export refused: not a valid link');
      refuse(res, 404, t('exportRoute.noSuchExport'));
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
      log.info({ bytes: csv.bytes.length }, 'export ok');
    } catch (error) {
      log.warn(errorFields(error), 'export failed');
      if (isRateLimited(error)) refuse(res, 503, t('errors.busy', { seconds: error.retryAfterS }), { 'retry-after': String(error.retryAfterS) });
      else if (error instanceof ReportTooLarge) refuse(res, 503, t('exportRoute.tooLarge'));
      else if (isTicketingError(error)) refuse(res, 502, t('exportRoute.unreadable'));
      else refuse(res, 500, t('exportRoute.failed'));
    }
  };
}
