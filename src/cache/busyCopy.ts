import type { TicketingClient } from '../ticketing/client.js';
import { isTicketingError } from '../ticketing/errors.js';
import { MAX_COPY_AGE_MS, type Copy } from './recentCache.js';

/** How long a read may wait for the API when the bot holds a recent copy to show instead. */
export const FRESH_WAIT_MS = 2000;
/**
 * When reads and writes share the API key, a read that has a copy leaves this share of the rate
 * limit's window to changes: someone resolving a ticket matters more than a refresh.
 */
export const WRITE_SHARE = 0.2;

/** What a read needs of a turn: the API client and the turn's deadline (epoch ms). */
export interface ReadContext {
  readonly client: TicketingClient;
  readonly deadline: number;
}

export interface Read<T> {
  value: T;
  /** Set when the value is a copy, shown because the API could not answer in time: when it was read. */
  copiedAt?: number;
}

/**
 * A read for a person who asked to see something. Without a recent copy it is an ordinary call.
 * With one, the call gets FRESH_WAIT_MS at most; if the rate limit or a slow API keeps it from
 * answering by then, the person sees the copy, with when it was read, rather than "busy". The
 * copy is shown at once when only the share of the window kept for changes is left.
 */
export async function freshOrCopy<T, C extends ReadContext>(
  ctx: C,
  copy: Copy<T> | undefined,
  read: (ctx: C) => Promise<T>,
  now: () => number = Date.now,
): Promise<Read<T>> {
  const started = now();
  if (!copy || started - copy.at > MAX_COPY_AGE_MS) return { value: await read(ctx) };
  const { client } = ctx;
  if (client.readsShareWriteKey && client.freeReads() <= client.rateLimit.limit * WRITE_SHARE) return { value: copy.value, copiedAt: copy.at };
  try {
    return { value: await read({ ...ctx, deadline: Math.min(ctx.deadline, started + FRESH_WAIT_MS) }) };
  } catch (error) {
    if (isTicketingError(error) && (error.kind === 'rateLimited' || error.kind === 'timeout')) return { value: copy.value, copiedAt: copy.at };
    throw error;
  }
}
