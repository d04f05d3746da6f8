import { LRUCache } from 'lru-cache';

/**
 * A time-to-live cache for data that rarely changes (the instance, the tags), on lru-cache: callers
 * asking while a load is under way share that one load (its `fetch()`), and a failed load is not
 * kept, so the next caller tries again.
 */
export class TtlCache<T extends {}> {
  readonly ttlMs: number;
  readonly #cache: LRUCache<string, T, () => Promise<T>>;

  /**
   * @param ttlMs how long a loaded value is served, in ms (0: only shared while loading).
   * @param max how many keys are kept; the least recently used goes first.
   */
  constructor(ttlMs: number, now: () => number = () => Date.now(), max = 100) {
    this.ttlMs = ttlMs;
    this.#cache = new LRUCache({
      max,
      // lru-cache reads a ttl of 0 as "forever": 1 ms keeps a value no longer than its load.
      ttl: Math.max(1, ttlMs),
      // Check the clock on every read, so that a test that moves it sees the value expire at once.
      ttlResolution: 0,
      perf: { now },
      fetchMethod: (_key, _stale, { context }) => context(),
      // A load under way when the cache is cleared still answers its callers (it is not kept).
      ignoreFetchAbort: true,
    });
  }

  /** The value under `key`: cached while fresh, else loaded with `load` (one load at a time per key). */
  async get(key: string, load: () => Promise<T>): Promise<T> {
    const value = await this.#cache.fetch(key, { context: load });
    // fetch() gives undefined only when the load does, which a T cannot be.
    if (value === undefined) throw new Error(`cache: the load of ${key} gave nothing`);
    return value;
  }

  /** Forgets every value; a load under way finishes for its callers but is not kept. */
  clear(): void {
    this.#cache.clear();
  }
}
