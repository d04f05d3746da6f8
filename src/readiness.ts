/**
 * GET /readyz: whether this instance can serve turns now. App Service's health check and a load
 * balancer take an instance out while it answers 503.
 */
import pTimeout from 'p-timeout';
import { isRateLimited, isTicketingError } from './ticketing/errors.js';
import type { StateMode } from './store/redisConnection.js';
import type { TicketingClient } from './ticketing/client.js';

export interface ReadinessCheck {
  name: string;
  /** Reported, but a failure leaves the instance ready ("degraded"): it can still serve turns. */
  advisory?: boolean;
  /** Resolves when the part answers; rejects, by `deadline` (epoch ms) at the latest, when it does not. */
  run(deadline: number): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  /** Ready, with an advisory check failing. */
  degraded: boolean;
  /** Each check's name → `ok`, or in a few words why not (never a key, URL or body). */
  checks: Record<string, string>;
}

const CHECK_TIMEOUT_MS = 5000;
/** How recent an answer of the API's counts as "answered lately". */
const ANSWERED_LATELY_MS = 5 * 60_000;
/** At most one request of the API's budget per this long for probes, whoever asks /readyz and how often. */
const PROBE_EVERY_MS = 10_000;

/**
 * The Ticketing API answered lately or answers now: the instance record is kept for minutes after
 * the API last gave it, so a probe every few seconds costs one API request per cache period.
 */
export function ticketingApiCheck(client: TicketingClient): ReadinessCheck {
  let probe: { at: number; answer: Promise<void> } | undefined;
  return {
    name: 'ticketingApi',
    run: async (deadline) => {
      // An API that answered in the last minutes needs no request of the budget's to prove it, and
      // while the budget is spent (by this replica or the others) a probe would only queue behind people.
      if (Date.now() - client.lastAnsweredAt < ANSWERED_LATELY_MS || client.freeReads() === 0) return;
      // Anyone may ask /readyz: while the API fails, probes share one request, not one each.
      if (!probe || Date.now() - probe.at >= PROBE_EVERY_MS) {
        // A spent rate limit is an API that answers: taking the instance out would not give it more budget.
        probe = { at: Date.now(), answer: client.getInstance({ deadline }).then(() => undefined, (error: unknown) => {
          if (!isRateLimited(error)) throw error;
        }) };
      }
      await probe.answer;
    },
  };
}

/** A check's own words for what is wrong. */
class CheckFailed extends Error {}

/**
 * Redis, when REDIS_URL is set. Away, each replica serves on its local share of the API budget,
 * so it is reported but does not take the instance out: that would only cut capacity.
 */
export function sharedStateCheck(mode: () => StateMode): ReadinessCheck {
  return {
    name: 'sharedState',
    advisory: true,
    run: async () => {
      if (mode() === 'fallback') throw new CheckFailed('fallback: Redis unreachable, a local share of the budget');
    },
  };
}

function reason(error: unknown): string {
  if (error instanceof CheckFailed) return error.message;
  if (isTicketingError(error)) return error.status ? `${error.kind} ${error.status}` : error.kind;
  return 'no answer';
}

/** One check's status: `ok`, `timeout`, or why it failed. */
function statusOf(check: ReadinessCheck, deadline: number): Promise<string> {
  return pTimeout(check.run(deadline).then(() => 'ok', reason), { milliseconds: Math.max(1, deadline - Date.now()), fallback: () => 'timeout' });
}

/** Runs every check at once, each within 5 s. The configuration was read and checked before the server started. */
export async function readiness(checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const deadline = Date.now() + CHECK_TIMEOUT_MS;
  const statuses = await Promise.all(checks.map(async (check) => ({ check, status: await statusOf(check, deadline) })));
  const failing = statuses.filter(({ status }) => status !== 'ok');
  const entries = [['configuration', 'ok'], ...statuses.map(({ check, status }) => [check.name, status])];
  return {
    ready: failing.every(({ check }) => check.advisory),
    degraded: failing.length > 0 && failing.every(({ check }) => check.advisory),
    checks: Object.fromEntries(entries),
  };
}
