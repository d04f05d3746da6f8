/**
 * GET /readyz: whether this instance can serve turns now. App Service's health check and a load
 * balancer take an instance out while it answers 503.
 */
import { isTicketingError } from './ticketing/errors.js';
import type { TicketingClient } from './ticketing/client.js';

export interface ReadinessCheck {
  name: string;
  /** Resolves when the part answers; rejects, by `deadline` (epoch ms) at the latest, when it does not. */
  run(deadline: number): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  /** Each check's name → `ok`, or in a few words why not (never a key, URL or body). */
  checks: Record<string, string>;
}

const CHECK_TIMEOUT_MS = 5000;

/**
 * The Ticketing API answered lately or answers now: the instance record is kept for minutes after
 * the API last gave it, so a probe every few seconds costs one API request per cache period.
 */
export function ticketingApiCheck(client: TicketingClient): ReadinessCheck {
  return { name: 'ticketingApi', run: (deadline) => client.getInstance({ deadline }).then(() => undefined) };
}

function reason(error: unknown): string {
  if (isTicketingError(error)) return error.status ? `${error.kind} ${error.status}` : error.kind;
  return 'no answer';
}

/** One check's status: `ok`, `timeout`, or why it failed. */
async function statusOf(check: ReadinessCheck, deadline: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(resolve, deadline - Date.now(), 'timeout');
  });
  try {
    return await Promise.race([check.run(deadline).then(() => 'ok', reason), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once, each within 5 s. The configuration was read and checked before the server started. */
export async function readiness(checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const deadline = Date.now() + CHECK_TIMEOUT_MS;
  const statuses = await Promise.all(checks.map(async (check) => [check.name, await statusOf(check, deadline)] as const));
  const entries: Array<readonly [string, string]> = [['configuration', 'ok'], ...statuses];
  return { ready: entries.every(([, status]) => status === 'ok'), checks: Object.fromEntries(entries) };
}
