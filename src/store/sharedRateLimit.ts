import { randomUUID } from 'node:crypto';
import { rateLimitedError } from '../ticketing/errors.js';
import { RateLimiter, type AcquireOptions, type Limiter, type Permit } from '../ticketing/rateLimit.js';
import type { RedisConnection } from './redisConnection.js';

export interface SharedRateLimitOptions {
  connection: RedisConnection;
  /** Names the key's window in Redis: a digest of the API key, never the key. */
  keyId: string;
  limit: number;
  windowMs: number;
  /** Replicas that share the key: while Redis is away each takes `limit / replicas`, rounded down (1 at least). */
  replicas: number;
  /** How long a granted request holds its slot with no answer (its replica died), in ms; default one window. */
  leaseMs?: number;
}

interface Waiter {
  options: AcquireOptions;
  resolve(permit: Permit): void;
  reject(error: unknown): void;
  detach(): void;
}

/** Callers told how long they wait, per Redis call: the rest wait without an estimate. */
const MAX_ESTIMATED = 1000;
/** How old the count of busy slots may be before free() asks Redis again (in the background), in ms. */
const PEEK_AFTER_MS = 500;

/**
 * The API's limit for one key across every replica: at most `limit` requests in any window, a
 * `Retry-After` block seen by all, and a caller whose turn cannot come by its deadline refused at
 * once. The window lives in Redis (one Lua script, so the check and the grant are one step);
 * callers of this replica wait first come, first served, and only the first of them asks Redis.
 *
 * While Redis is away, a local RateLimiter with this replica's share of the budget stands in. It
 * starts with this replica's part of what Redis last counted as busy, so that the requests sent
 * before the outage and those sent during it stay within the limit together. Every request this
 * replica sent within the window is put back into Redis when it returns (Redis may have restarted empty).
 */
export class SharedRateLimiter implements Limiter {
  readonly #options: Required<SharedRateLimitOptions>;
  readonly #keys: string[];
  readonly #queue: Waiter[] = [];
  #fallback: RateLimiter | undefined;
  #pumping = false;
  /** Ends the pump's wait early (a caller left, Redis came back). */
  #wake: (() => void) | undefined;
  /** Slots in use across replicas, and whether a block held, at the last look (epoch ms). */
  #busy = 0;
  #blocked = false;
  #lookedAt = 0;
  #peeking = false;
  /** The latest Retry-After this replica was told of (epoch ms), for a local share made later. */
  #blockedUntil = 0;
  /** This replica's own requests: in flight, and answered within the window (id → epoch ms). */
  readonly #held = new Set<string>();
  readonly #answered = new Map<string, number>();

  constructor(options: SharedRateLimitOptions) {
    this.#options = { leaseMs: options.windowMs, ...options };
    // One hash tag: the three keys live in one slot of a clustered Redis, as a script needs.
    const base = `tickets:rate:{${options.keyId}}`;
    this.#keys = [`${base}:released`, `${base}:inflight`, `${base}:block`];
    options.connection.onRestored(() => this.#restore());
    // Keep the view of the shared window fresh, busy or idle: if Redis goes away, this replica's
    // local share starts from it, and a replica that sent nothing lately must still count what the others sent.
    const watch = setInterval(() => {
      if (options.connection.closed) clearInterval(watch);
      else if (options.connection.up && Date.now() - this.#lookedAt > PEEK_AFTER_MS) void this.#peek();
    }, PEEK_AFTER_MS).unref();
  }

  get #share(): number {
    return Math.max(1, Math.floor(this.#options.limit / this.#options.replicas));
  }

  /** From the last look at Redis (free() must answer at once), which is refreshed in the background when old. */
  free(): number {
    if (!this.#options.connection.up) return this.#local().free();
    if (Date.now() - this.#lookedAt > PEEK_AFTER_MS) void this.#peek();
    return this.#queue.length > 0 || this.#blocked ? 0 : Math.max(0, this.#options.limit - this.#busy);
  }

  acquire(options: AcquireOptions = {}): Promise<Permit> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.#options.connection.up) return this.#acquireLocal(options);
    return new Promise<Permit>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at >= 0) this.#queue.splice(at, 1);
        reject(signal?.reason);
        this.#wake?.();
      };
      const waiter: Waiter = { options, resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      // A pump asleep until the first caller's turn must judge this one's deadline now.
      if (this.#pumping) this.#wake?.();
      else void this.#pump();
    });
  }

  blockUntil(epochMs: number): void {
    const ms = Math.ceil(epochMs - Date.now());
    if (ms <= 0) return;
    this.#blockedUntil = Math.max(this.#blockedUntil, epochMs);
    this.#fallback?.blockUntil(epochMs);
    if (this.#options.connection.up) this.#eval('block', [String(ms)]).catch(() => this.#options.connection.markDown());
  }

  /**
   * The local share, made when first needed; it starts holding this replica's part of the slots last
   * seen busy, and in full its own requests that this look did not count (those since it) or that
   * the other replicas' last looks may not have (those of the last two look periods). So a Redis
   * that comes and goes (a replica starved of CPU times out its commands) does not hand out a
   * fresh local share each time it goes.
   */
  #local(): RateLimiter {
    if (this.#fallback) return this.#fallback;
    const fallback = new RateLimiter(this.#share, this.#options.windowMs);
    const lately = Math.min(this.#lookedAt, Date.now() - 2 * PEEK_AFTER_MS);
    const unseen = this.#held.size + [...this.#answered.values()].filter((at) => at > lately).length;
    const mine = Math.min(this.#share, Math.ceil(this.#busy / this.#options.replicas) + unseen);
    for (let i = 0; i < mine; i++) void fallback.acquire().then((permit) => permit.release());
    fallback.blockUntil(this.#blockedUntil);
    this.#fallback = fallback;
    return fallback;
  }

  async #acquireLocal(options: AcquireOptions): Promise<Permit> {
    const permit = await this.#local().acquire(options);
    return this.#permit(randomUUID(), () => permit.release());
  }

  #permit(id: string, releaseLocal?: () => void): Permit {
    this.#held.add(id);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        releaseLocal?.();
        this.#held.delete(id);
        this.#forgetOld();
        this.#answered.set(id, Date.now());
        if (this.#options.connection.up) this.#eval('release', [id, '0']).catch(() => undefined);
      },
    };
  }

  #saw(busy: number, blocked: boolean): void {
    this.#busy = busy;
    this.#blocked = blocked;
    this.#lookedAt = Date.now();
  }

  async #peek(): Promise<void> {
    if (this.#peeking) return;
    this.#peeking = true;
    try {
      const [, now, blocked, , busy] = (await this.#eval('peek', ['', '0', String(this.#options.limit)])) as number[];
      this.#saw(busy!, blocked! > now!);
    } catch {
      this.#options.connection.markDown();
    } finally {
      this.#peeking = false;
    }
  }

  /** Answers leave the window oldest first, and the map keeps them in that order. */
  #forgetOld(): void {
    const oldest = Date.now() - this.#options.windowMs;
    for (const [id, at] of this.#answered) {
      if (at > oldest) return;
      this.#answered.delete(id);
    }
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        if (!this.#options.connection.up) {
          // Redis went away: those waiting here take their turns from the local share.
          for (const waiter of this.#queue.splice(0)) {
            waiter.detach();
            this.#acquireLocal(waiter.options).then(waiter.resolve, waiter.reject);
          }
          return;
        }
        const head = this.#queue[0]!;
        const id = randomUUID();
        let answer: number[];
        try {
          answer = (await this.#eval('acquire', [id, String(Math.min(this.#queue.length, MAX_ESTIMATED)), String(this.#options.limit)])) as number[];
        } catch {
          this.#options.connection.markDown();
          continue;
        }
        const [granted, now, blocked, , busy, ...frees] = answer as [number, number, number, number, number, ...number[]];
        this.#saw(busy, blocked > now);
        if (granted === 1) {
          const permit = this.#permit(id);
          const at = this.#queue.indexOf(head);
          if (at === -1) {
            permit.release(); // the caller left while Redis answered
            continue;
          }
          this.#queue.splice(at, 1);
          head.detach();
          head.resolve(permit);
          continue;
        }
        await this.#waitForTurn(now, blocked, busy, frees);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /**
   * Turns away the callers whose turn cannot come by their deadline, and waits until the first
   * one's turn can come (or until the nearest deadline, or until woken).
   */
  async #waitForTurn(redisNow: number, blocked: number, busy: number, frees: number[]): Promise<void> {
    const skew = Date.now() - redisNow;
    const { limit, windowMs } = this.#options;
    const turnOf = (index: number): number => {
      const slot = busy - limit + index;
      const free = slot < 0 ? redisNow : (frees[slot] ?? redisNow + windowMs);
      return Math.max(free, blocked) + skew;
    };
    let wake = turnOf(0);
    for (const [index, waiter] of [...this.#queue].entries()) {
      if (index >= MAX_ESTIMATED) break;
      const { deadline } = waiter.options;
      if (deadline === undefined) continue;
      const turn = turnOf(index);
      if (turn > deadline) {
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        waiter.detach();
        waiter.reject(rateLimitedError(turn - Date.now(), waiter.options.operation ?? 'request'));
      } else wake = Math.min(wake, deadline + 1);
    }
    if (this.#queue.length === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(1, wake - Date.now()));
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }

  /** Puts this replica's requests of the window back into Redis, then counts only on the shared window again. */
  async #restore(): Promise<void> {
    this.#forgetOld();
    const now = Date.now();
    const answered = [...this.#answered].flatMap(([id, at]) => [id, String(now - at)]);
    if (answered.length > 0) await this.#eval('release', answered);
    if (this.#held.size > 0) await this.#eval('hold', [...this.#held]);
    this.#fallback = undefined;
    this.#wake?.();
  }

  #eval(op: string, args: string[]): Promise<unknown> {
    const { windowMs, leaseMs } = this.#options;
    return this.#options.connection.rateWindow(this.#keys, [op, String(windowMs), String(leaseMs), ...args]);
  }
}
