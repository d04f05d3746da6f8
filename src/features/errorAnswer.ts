import { errorCard } from '../cards/errorCard.js';
import { inEnglish, type Translate } from '../i18n/translate.js';
import { IdentityError } from '../identity.js';
import { isNotFound, isRouteMissing, isTicketingError, type TicketingError } from '../ticketing/errors.js';
import type { Answer } from './context.js';
import { FeatureError } from './featureError.js';
import { BadActionError } from './parseAction.js';

/**
 * What the client's error says, in the words of `t`: the same sentences as its English `message`,
 * chosen from what the error carries (kind, status, code, whether it was a write).
 */
export function ticketingDetail(e: TicketingError, t: Translate): string {
  switch (e.kind) {
    case 'network': return t(e.isWrite ? 'errors.notReachedWrite' : 'errors.notReached');
    case 'timeout': return t(e.isWrite ? 'errors.noAnswerWrite' : 'errors.noAnswer');
    case 'badResponse': return t(e.isWrite ? 'errors.unreadableWrite' : 'errors.unreadable');
    case 'invalidInput': return t('errors.invalidInput', { message: e.message });
    default:
      if (isRouteMissing(e)) return t('errors.wrongDialect');
      if (e.status === 400) return t('errors.invalidRequest');
      if (e.status === 404) return t('errors.notFoundThing');
      if (e.status === 409) return t('errors.conflict');
      return e.status === undefined ? e.message : t('errors.refusedStatus', { status: e.status });
  }
}

function fromTicketing(e: TicketingError, t: Translate): { headline: string; detail?: string } {
  switch (e.kind) {
    case 'rateLimited':
      return { headline: t('errors.busy', { seconds: e.retryAfterS ?? 30 }), detail: t('errors.nothingChanged') };
    case 'readOnly':
      return { headline: t('errors.readOnly'), detail: t('errors.readOnlyDetail') };
    case 'network':
    case 'timeout':
      return { headline: t('errors.unreachable'), detail: ticketingDetail(e, t) };
    case 'badResponse':
      return { headline: t('errors.badResponse'), detail: ticketingDetail(e, t) };
    case 'invalidInput':
      return { headline: ticketingDetail(e, t) };
    case 'unconfirmed':
      return e.operation === 'createTicket'
        ? { headline: t('errors.createUnconfirmed'), detail: t('errors.createUnconfirmedDetail') }
        : { headline: t('errors.changeUnconfirmed'), detail: t('errors.changeUnconfirmedDetail') };
    case 'http':
      if (e.status === 401) return { headline: t('errors.badKey'), detail: t('errors.badKeyDetail') };
      if (e.status === 403) return { headline: t('errors.readOnly'), detail: t('errors.forbiddenDetail') };
      if (isRouteMissing(e)) return { headline: t('errors.routeMissing'), detail: ticketingDetail(e, t) };
      if (e.status === 404) return { headline: t('errors.notFound') };
      if (e.status !== undefined && e.status >= 500) return e.isWrite ? { headline: t('errors.serverErrorWrite') } : { headline: t('errors.serverError') };
      return { headline: t('errors.refused'), detail: ticketingDetail(e, t) };
  }
}

/**
 * The one place an error becomes what a person reads: a short card saying what happened and what
 * to do, in the reader's language (`t`; English by default). Errors we do not know say only that
 * something went wrong (the turn handler logs them).
 * `ticketId`: the ticket a button was on. Its card is replaced by this one for the person who
 * clicked, so this one offers the way back (and to try again), unless the ticket is gone.
 */
export function errorAnswer(error: unknown, ticketId?: string, t: Translate = inEnglish): Answer & { known: boolean } {
  let view: { headline: string; detail?: string; ticketId?: string };
  let known = true;
  if (error instanceof FeatureError) view = { headline: error.sayIn(t), ticketId: error.ticketId };
  else if (error instanceof BadActionError) view = { headline: t('errors.badButton'), detail: error.sayIn(t) };
  else if (error instanceof IdentityError) view = { headline: error.sayIn(t) };
  else if (isTicketingError(error)) view = fromTicketing(error, t);
  else {
    known = false;
    view = { headline: t('errors.unknown'), detail: t('errors.unknownDetail') };
  }
  const gone = isNotFound(error);
  if (view.ticketId === undefined && ticketId !== undefined && !gone) view.ticketId = ticketId;
  return { card: errorCard(view, t), summary: view.headline, known };
}
