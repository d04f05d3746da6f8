import { errorCard } from '../cards/errorCard.js';
import { IdentityError } from '../identity.js';
import { isNotFound, isRouteMissing, isTicketingError, type TicketingError } from '../ticketing/errors.js';
import type { Answer } from './context.js';
import { FeatureError } from './featureError.js';
import { BadActionError } from './parseAction.js';

function fromTicketing(e: TicketingError): { headline: string; detail?: string } {
  switch (e.kind) {
    case 'rateLimited':
      return { headline: `The helpdesk is busy; try again in ${e.retryAfterS ?? 30} s.`, detail: 'Nothing was changed.' };
    case 'readOnly':
      return { headline: 'This bot can only read tickets.', detail: 'Its API key does not allow changes. Whoever installed the bot can give it the read/write key.' };
    case 'network':
    case 'timeout':
      return { headline: 'The helpdesk cannot be reached right now.', detail: e.message };
    case 'badResponse':
      return { headline: 'The helpdesk sent an answer I could not read.', detail: e.message };
    case 'invalidInput':
      return { headline: e.message };
    case 'unconfirmed':
      return e.operation === 'createTicket'
        ? { headline: 'The ticket may not have been saved.', detail: 'The helpdesk did not send it back. Type "list mine" to check before trying again.' }
        : { headline: 'That change may not have been saved.', detail: 'The helpdesk did not confirm it. Refresh the ticket to check before trying again.' };
    case 'http':
      if (e.status === 401) return { headline: "The helpdesk did not accept the bot's API key.", detail: 'Whoever installed the bot needs to check its key. Nothing was changed.' };
      if (e.status === 403) return { headline: 'This bot can only read tickets.', detail: 'Its API key does not allow changes.' };
      if (isRouteMissing(e)) return { headline: 'The helpdesk does not offer that here.', detail: e.message };
      if (e.status === 404) return { headline: 'That ticket does not exist (any more).' };
      if (e.status !== undefined && e.status >= 500) return { headline: 'The helpdesk has a problem right now; try again in a minute.' };
      return { headline: 'The helpdesk refused that.', detail: e.message };
  }
}

/**
 * The one place an error becomes what a person reads: a short card saying what happened and what
 * to do. Errors we do not know say only that something went wrong (the turn handler logs them).
 * `ticketId`: the ticket a button was on. Its card is replaced by this one for the person who
 * clicked, so this one offers the way back (and to try again), unless the ticket is gone.
 */
export function errorAnswer(error: unknown, ticketId?: string): Answer & { known: boolean } {
  let view: { headline: string; detail?: string; ticketId?: string };
  let known = true;
  if (error instanceof FeatureError) view = { headline: error.message, ticketId: error.ticketId };
  else if (error instanceof BadActionError) view = { headline: 'That button cannot be used.', detail: error.message };
  else if (error instanceof IdentityError) view = { headline: error.message };
  else if (isTicketingError(error)) view = fromTicketing(error);
  else {
    known = false;
    view = { headline: 'Something went wrong on my side.', detail: 'Please try again; if it keeps happening, tell whoever runs this bot.' };
  }
  const gone = isNotFound(error);
  if (view.ticketId === undefined && ticketId !== undefined && !gone) view.ticketId = ticketId;
  return { card: errorCard(view), summary: view.headline, known };
}
