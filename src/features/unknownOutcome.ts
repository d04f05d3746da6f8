import { isOutcomeUnknown } from '../ticketing/errors.js';
import { MIN_SEND_MS, type CallOptions } from '../ticketing/client.js';
import type { FeatureContext } from './context.js';
import type { Sentence } from '../i18n/sentence.js';
import { FeatureError } from './featureError.js';
import { callOptions } from './ticketRef.js';

/** The part of a turn's time kept back from a write, to look for it if its outcome is unknown. */
const LOOK_RESERVE_MS = 1200;

/** How far the service's clock may be behind ours when telling a new record from an old one. */
export const CLOCK_SKEW_MS = 60_000;

/** Call options for a write: it ends early enough to leave time to look for it, and says where it was made. */
export function writeOptions(ctx: FeatureContext): CallOptions {
  return { ...callOptions(ctx), deadline: ctx.deadline - LOOK_RESERVE_MS, origin: ctx.conversationKey };
}

/**
 * The turn for the reads a write needs first (the ticket's workflow, its id from its number): they
 * end in time for the write to be sent, so that a spent budget answers "busy" at once, not after a
 * read the write cannot follow.
 */
export function beforeWrite(ctx: FeatureContext): FeatureContext {
  return { ...ctx, deadline: ctx.deadline - LOOK_RESERVE_MS - MIN_SEND_MS };
}

/** Whether `when` (an API date) is no older than the write sent at `sentAt`, allowing for clock skew. */
export function since(when: string | undefined, sentAt: number): boolean {
  const at = Date.parse(when ?? '');
  return Number.isFinite(at) && at >= sentAt - CLOCK_SKEW_MS;
}

/**
 * Runs a write. When its outcome is unknown (no answer in time, a dropped connection, an answer
 * without what it made), it may have been saved, and a person told to try again would make a
 * duplicate: so it is looked for once. Found, it is the write's result; not found, the person is
 * told it is not there; when even the look fails, the write's own error ("may have been saved").
 * `notFound`: the sentence for a write the look did not find.
 */
export async function writeOrFind<T>(write: () => Promise<T>, find: () => Promise<T | undefined>, notFound: Sentence): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    let found: T | undefined;
    try {
      found = await find();
    } catch {
      throw error;
    }
    if (found === undefined) throw new FeatureError(notFound);
    return found;
  }
}
