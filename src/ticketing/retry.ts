/**
 * When a failed attempt is tried again: a list of gates, each of which can say no. Only GET is
 * ever retried: a POST or PUT may have reached the service before the failure, and trying it
 * again could create a second ticket, comment or status change.
 */

export interface RetryOptions {
  /** Retries after the first attempt (so `limit + 1` attempts at most). */
  limit: number;
  /** Backoff cap for the first retry, doubled for each further one, in ms. */
  baseDelayMs: number;
  /** Longest wait before a retry, in ms; a `Retry-After` longer than this is not waited out. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = { limit: 2, baseDelayMs: 250, maxDelayMs: 4000 };

export const RETRY_METHODS: readonly string[] = ['GET'];
export const RETRY_STATUSES: readonly number[] = [429, 502, 503, 504];

/** How an attempt failed: an HTTP status (with the `Retry-After` wait if any), or no answer. */
export type AttemptFailure =
  | { status: number; retryAfterMs?: number }
  | { failure: 'network' | 'timeout' };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'method' | 'attempts' | 'status' | 'retryAfterTooLong' | 'deadline' };

export interface RetryContext {
  method: string;
  /** Attempts made so far, including the one that failed (1 after the first). */
  attempts: number;
  failed: AttemptFailure;
  options: RetryOptions;
  now: number;
  /** Epoch ms the whole call must end by. */
  deadline?: number;
  /** In [0, 1); for tests. */
  random?: () => number;
}

/** Full jitter: a random wait between 0 and min(maxDelayMs, baseDelayMs * 2^(retry - 1)). */
export function backoffMs(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}

/** `Retry-After` as ms from `now`: whole seconds, or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function decideRetry(ctx: RetryContext): RetryDecision {
  if (!RETRY_METHODS.includes(ctx.method.toUpperCase())) return { retry: false, reason: 'method' };
  if (ctx.attempts > ctx.options.limit) return { retry: false, reason: 'attempts' };
  let delayMs: number;
  if ('status' in ctx.failed) {
    if (!RETRY_STATUSES.includes(ctx.failed.status)) return { retry: false, reason: 'status' };
    if (ctx.failed.retryAfterMs !== undefined) {
      if (ctx.failed.retryAfterMs > ctx.options.maxDelayMs) return { retry: false, reason: 'retryAfterTooLong' };
      delayMs = ctx.failed.retryAfterMs;
    } else {
      delayMs = backoffMs(ctx.attempts, ctx.options, ctx.random);
    }
  } else {
    delayMs = backoffMs(ctx.attempts, ctx.options, ctx.random);
  }
  if (ctx.deadline !== undefined && ctx.now + delayMs >= ctx.deadline) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}
