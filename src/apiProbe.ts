import type { Logger } from './log.js';
import { isTicketingError } from './ticketing/errors.js';
import type { TicketingClient } from './ticketing/client.js';

/** How long start-up waits for the API's first answer before saying it cannot reach it. */
const PROBE_TIMEOUT_MS = 10_000;

/** The API's address for a log line: scheme, host and path only (never a key, user or query). */
export function apiAddress(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/$/, '');
  } catch {
    return '(an address that is not a URL)';
  }
}

/** Why the API did not answer, in a few plain words. */
function whyNot(error: unknown): string {
  if (!isTicketingError(error)) return 'no answer';
  if (error.kind === 'network') return 'no connection';
  if (error.kind === 'timeout') return `no answer within ${PROBE_TIMEOUT_MS / 1000} s`;
  if (error.kind === 'rateLimited') return 'its rate limit is spent for now';
  if (error.status === 401) return 'it refused the API key';
  if (error.status === 403) return 'the key may not read the instance';
  return error.status ? `it answered HTTP ${error.status}` : error.kind;
}

/**
 * Says at start-up which Ticketing API the bot uses and whether it answers, so that an unreachable
 * API is seen in the terminal, not only in the first person's "cannot be reached". Never throws:
 * the bot runs on, and answers once the API does.
 */
export async function reportApi(client: TicketingClient, baseUrl: string, log: Logger): Promise<void> {
  const address = apiAddress(baseUrl);
  log.info(`Ticketing API: ${address}`);
  try {
    await client.getInstance({ deadline: Date.now() + PROBE_TIMEOUT_MS });
    log.info(`Ticketing API at ${address} answers`);
  } catch (error) {
    log.warn(`Cannot reach the Ticketing API at ${address} (${whyNot(error)}). The bot runs on and tells people the helpdesk cannot be reached until it answers.`);
  }
}
