/**
 * A sliding-window rate limiter for one API key: never more than `limit` requests in any
 * `windowMs`. Callers wait their turn first come, first served. A request holds its slot from the
 * moment it is granted until `windowMs` after it is released (when its answer arrived), so the
 * server, which counts arrivals, sees the same spacing or more. A server 429 can block the key
 * (`blockUntil`) for its `Retry-After`.
 */
import { rateLimitedError } from './errors.js';

/** `Retry-After` as ms from `now`: whole seconds, or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Time source and timers; the default reads the globals at call time (sinon fake timers work). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A granted turn. Call `release()` once the request is over (answered or failed). */
export interface Permit {
  release(): void;
}

export interface AcquireOptions {
  /** Epoch ms. When the turn cannot come by then, reject at once with a `rateLimited` error. */
  deadline?: number;
  /** Aborting removes the caller from the queue; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Named in the error. */
  operation?: string;
}

/** What the client waits on for a turn: this in-process limiter, or one shared by several replicas. */
export interface Limiter {
  /** How many callers arriving now would get a turn at once. */
  free(): number;
  /** Waits for a turn; rejects at once (`rateLimited`) when it cannot come by `deadline`. */
  acquire(options?: AcquireOptions): Promise<Permit>;
  /** No request is granted before `epochMs` (a server's `Retry-After`); never shortens a block. */
  blockUntil(epochMs: number): void;
}

interface Waiter {
  resolve(permit: Permit): void;
  reject(error: unknown): void;
  deadline?: number;
  operation: string;
  detach(): void;
}

export class RateLimiter implements Limiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #clock: Clock;
  /** Release times of finished requests still in the window, oldest first. */
  readonly #released: number[] = [];
  #inFlight = 0;
  #blockedUntil = 0;
  readonly #queue: Waiter[] = [];
  #timer: unknown;

  constructor(limit: number, windowMs: number, clock: Clock = systemClock) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a whole number, 1 or more');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be more than 0');
    this.limit = limit;
    this.windowMs = windowMs;
    this.#clock = clock;
  }

  /** Callers waiting for their turn. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** How many callers arriving now would get a turn at once: none while others wait or a block holds. */
  free(): number {
    const now = this.#clock.now();
    if (this.#queue.length > 0 || this.#blockedUntil > now) return 0;
    this.#prune(now);
    return Math.max(0, this.limit - this.#inFlight - this.#released.length);
  }

  /** Waits for a turn (first come, first served). */
  acquire(options: AcquireOptions = {}): Promise<Permit> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at >= 0) this.#queue.splice(at, 1);
        reject(signal?.reason);
        this.#pump();
      };
      const waiter: Waiter = {
        resolve, reject,
        operation: options.operation ?? 'request',
        detach: () => signal?.removeEventListener('abort', onAbort),
        ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /** No request is granted before `epochMs` (a server's `Retry-After`); never shortens a block. */
  blockUntil(epochMs: number): void {
    if (epochMs <= this.#blockedUntil) return;
    this.#blockedUntil = epochMs;
    this.#pump();
  }

  #grant(waiter: Waiter): void {
    waiter.detach();
    this.#inFlight++;
    let released = false;
    waiter.resolve({
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight--;
        this.#released.push(this.#clock.now());
        this.#pump();
      },
    });
  }

  /** Drops the release times that have left the window, all at once (one copy, however high the limit). */
  #prune(now: number): void {
    const kept = this.#released.findIndex((t) => t + this.windowMs > now);
    const gone = kept === -1 ? this.#released.length : kept;
    if (gone > 0) this.#released.splice(0, gone);
  }

  /** Grants what can be granted now, turns away waiters whose deadline cannot be met, re-arms the timer. */
  #pump(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const now = this.#clock.now();
    this.#prune(now);
    while (this.#queue.length > 0 && this.#blockedUntil <= now && this.#inFlight + this.#released.length < this.limit) {
      this.#grant(this.#queue.shift() as Waiter);
    }
    this.#rejectUnreachable(now);
    this.#arm(now);
  }

  /**
   * Plays the queue forward, assuming requests in flight end now and granted ones end at once
   * (the earliest each turn can come), and rejects every waiter whose turn falls after its deadline.
   */
  #rejectUnreachable(now: number): void {
    if (!this.#queue.some((w) => w.deadline !== undefined)) return;
    const frees = [
      ...this.#released.map((t) => t + this.windowMs),
      ...Array.from({ length: this.#inFlight }, () => now + this.windowMs),
    ];
    let time = Math.max(now, this.#blockedUntil);
    let freed = 0;
    for (const waiter of [...this.#queue]) {
      while (freed < frees.length && (frees[freed] ?? 0) <= time) freed++;
      const busy = frees.length - freed;
      const turn = busy < this.limit ? time : (frees[frees.length - this.limit] ?? time);
      if (waiter.deadline !== undefined && turn > waiter.deadline) {
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        waiter.detach();
        waiter.reject(rateLimitedError(turn - now, waiter.operation));
        continue;
      }
      time = turn;
      frees.push(turn + this.windowMs);
    }
  }

  #arm(now: number): void {
    if (this.#queue.length === 0) return;
    let wake = Infinity;
    if (this.#blockedUntil > now) wake = this.#blockedUntil;
    else {
      const mustFree = this.#inFlight + this.#released.length - this.limit + 1;
      const at = this.#released[mustFree - 1];
      // When only requests in flight hold the slots, their release pumps.
      if (mustFree >= 1 && at !== undefined) wake = at + this.windowMs;
    }
    for (const w of this.#queue) if (w.deadline !== undefined) wake = Math.min(wake, w.deadline + 1);
    if (wake === Infinity) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, Math.max(0, wake - now));
  }
}
