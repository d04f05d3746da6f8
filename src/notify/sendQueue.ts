/**
 * Proactive messages, queued per conversation within Teams' limits for a bot posting to one
 * conversation: 7 a second, 60 in 30 seconds, 1,800 an hour. A 429 from the connector is tried
 * again after its Retry-After; a 403 (the bot was removed or blocked) drops what is queued there
 * and tells the owner, which turns that subscription off.
 */
import { errorFields, statusOf } from '../errorKind.js';
import type { Logger } from '../log.js';

/** Teams' per-conversation limits for proactive messages. */
export const TEAMS_LIMITS: ReadonlyArray<{ count: number; windowMs: number }> = [
  { count: 7, windowMs: 1000 },
  { count: 60, windowMs: 30_000 },
  { count: 1800, windowMs: 3_600_000 },
];

/** After this many 429s in a row, a message is given up (and logged). */
const MAX_ATTEMPTS = 5;
/** When a 429 names no Retry-After. */
const DEFAULT_RETRY_MS = 1000;
/** A Retry-After longer than this is read as this: a queue must not stall for hours. */
const MAX_RETRY_MS = 60_000;

export interface QueueOptions {
  /** The bot may no longer post there (403). */
  onForbidden(conversationKey: string): Promise<void> | void;
  log: Logger;
  now?: () => number;
}

interface Pending {
  job: () => Promise<void>;
  attempts: number;
}

interface Lane {
  pending: Pending[];
  /** When each message of the last hour was sent, oldest first. */
  sent: number[];
  /** No send before this (a 429's Retry-After). */
  notBefore: number;
  running: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** The Retry-After of the connector's answer in ms, if it gave one in seconds. */
export function retryAfterMsOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } } | undefined)?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  const seconds = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export class SendQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly now: () => number;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: QueueOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Queues a message for a conversation; `job` makes the connector call and rejects with the SDK's error (its `statusCode`, its Retry-After). */
  enqueue(conversationKey: string, job: () => Promise<void>): void {
    let lane = this.lanes.get(conversationKey);
    if (!lane) {
      lane = { pending: [], sent: [], notBefore: 0, running: false };
      this.lanes.set(conversationKey, lane);
    }
    lane.pending.push({ job, attempts: 0 });
    this.pump(conversationKey, lane);
  }

  /** Messages queued or being sent, in every conversation. */
  get size(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.pending.length;
    return n;
  }

  /** Resolves once nothing is queued or being sent. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what is queued (on stop). */
  clear(): void {
    for (const lane of this.lanes.values()) {
      lane.pending.length = 0;
      if (lane.timer) clearTimeout(lane.timer);
    }
    this.lanes.clear();
    this.settle();
  }

  /** When the next message may go out: now, or when the fullest window frees a place. */
  private nextSlot(lane: Lane, now: number): number {
    lane.sent = lane.sent.filter((t) => t > now - 3_600_000);
    let at = Math.max(now, lane.notBefore);
    for (const { count, windowMs } of TEAMS_LIMITS) {
      const inWindow = lane.sent.filter((t) => t > now - windowMs);
      if (inWindow.length >= count) at = Math.max(at, inWindow[inWindow.length - count]! + windowMs);
    }
    return at;
  }

  private pump(key: string, lane: Lane): void {
    if (lane.running || lane.timer || lane.pending.length === 0) return;
    const now = this.now();
    const at = this.nextSlot(lane, now);
    if (at > now) {
      lane.timer = setTimeout(() => {
        lane.timer = undefined;
        this.pump(key, lane);
      }, at - now);
      lane.timer.unref?.();
      return;
    }
    const head = lane.pending[0]!;
    lane.running = true;
    lane.sent.push(now);
    head.attempts++;
    head.job().then(
      () => lane.pending.shift(),
      async (error: unknown) => {
        const status = statusOf(error);
        if (status === 429 && head.attempts < MAX_ATTEMPTS) {
          lane.notBefore = this.now() + Math.min(retryAfterMsOf(error) ?? DEFAULT_RETRY_MS, MAX_RETRY_MS);
          this.options.log.warn({ status: 429, retryInMs: lane.notBefore - this.now() }, 'notify send throttled; trying again');
          return;
        }
        if (status === 403) {
          this.options.log.warn('notify send refused (403): the bot was removed or blocked there; its notifications are turned off');
          lane.pending.length = 0;
          await Promise.resolve(this.options.onForbidden(key)).catch((failure: unknown) => this.options.log.warn(errorFields(failure), 'notify could not turn the subscription off'));
          return;
        }
        this.options.log.warn(errorFields(error), 'notify send failed: message dropped');
        lane.pending.shift();
      },
    ).finally(() => {
      lane.running = false;
      this.settle();
      this.pump(key, lane);
    });
  }

  private settle(): void {
    if (this.size > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
