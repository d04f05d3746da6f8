import pTimeout from 'p-timeout';
import { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { RATE_WINDOW_SCRIPT } from './rateWindowScript.js';

/** How often a connection that is open but failed a command is tried again, in ms. */
const PROBE_MS = 500;

/** What the shared state runs on now: Redis, the local fallback while Redis is away, or memory only (no REDIS_URL). */
export type StateMode = 'shared' | 'fallback' | 'memory';

/**
 * One Redis connection per process, and whether it can be used now. Commands fail at once while
 * it is down (no offline queue): each user of the store then falls back to local state rather
 * than wait. `onRestored` hooks run after every reconnection, so that each part can put back what
 * a Redis restarted empty lost (claims, requests in the rate window, conversation references).
 */
export class RedisConnection {
  readonly client: Redis;
  #up = false;
  #wasUp = false;
  #saidDown = false;
  #closed = false;
  readonly #restored: Array<() => Promise<void>> = [];
  #probe: NodeJS.Timeout | undefined;

  constructor(url: string, private readonly log: Logger) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A Redis that hangs must not hold a turn: past this a command fails and the caller falls back.
      commandTimeout: 1000,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(100 * times, 1000),
      lazyConnect: true,
    });
    // Defined once: ioredis then sends the script's digest (EVALSHA), and the script only when Redis lacks it.
    this.client.defineCommand('rateWindow', { numberOfKeys: 3, lua: RATE_WINDOW_SCRIPT });
    this.client.on('ready', () => void this.#onReady());
    this.client.on('close', () => this.markDown());
    // ioredis emits connection errors as events; the state change is what matters, said once in markDown.
    this.client.on('error', () => undefined);
  }

  /** Connects, waiting at most `timeoutMs`; a Redis not there yet is not fatal: the bot starts in fallback and joins later. */
  async connect(timeoutMs = 3000): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once('ready', () => resolve()));
    this.client.connect().catch(() => undefined);
    await pTimeout(ready, { milliseconds: timeoutMs, fallback: () => undefined });
    if (!this.#up) this.markDown();
  }

  get mode(): StateMode {
    return this.#up ? 'shared' : 'fallback';
  }

  get up(): boolean {
    return this.#up;
  }

  /** True once close() was called: nothing should use the connection again. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Registers work to run each time Redis comes back (not on the first connection). */
  onRestored(hook: () => Promise<void>): void {
    this.#restored.push(hook);
  }

  /** Runs the rate window script (see rateWindowScript.ts). */
  rateWindow(keys: readonly string[], args: readonly string[]): Promise<unknown> {
    return (this.client as unknown as { rateWindow(...all: string[]): Promise<unknown> }).rateWindow(...keys, ...args);
  }

  /** A command failed: use local state until Redis answers again. Said once per outage. */
  markDown(): void {
    this.#up = false;
    // A command that timed out leaves the connection open: no 'ready' will come, so ask until Redis answers.
    this.#probe ??= setInterval(() => {
      if (this.client.status !== 'ready') return;
      this.client.ping().then(() => this.#onReady(), () => undefined);
    }, PROBE_MS).unref();
    if (this.#saidDown) return;
    this.#saidDown = true;
    this.log.warn('redis unreachable: each replica now uses its local share of the API budget and local state until it is back');
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#restored.length = 0;
    clearInterval(this.#probe);
    await this.client.quit().catch(() => this.client.disconnect());
  }

  async #onReady(): Promise<void> {
    if (this.#up) return;
    clearInterval(this.#probe);
    this.#probe = undefined;
    const again = this.#wasUp || this.#saidDown;
    this.#wasUp = true;
    if (again) {
      // Put back what this replica knows before it takes from the shared budget again.
      for (const hook of this.#restored) await hook().catch(() => undefined);
    }
    if (this.client.status !== 'ready') return;
    this.#up = true;
    if (this.#saidDown) this.log.info('redis reachable again: the shared API budget and shared state are back');
    this.#saidDown = false;
  }
}
