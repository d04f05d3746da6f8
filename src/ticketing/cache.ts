import { LRUCache } from 'lru-cache';
import type { SharedCache } from './sharedCache.js';

/** Where a TtlCache keeps its values for other replicas: the shared cache, and its names' prefix there. */
export interface SharedLayer {
  cache: SharedCache;
  prefix: string;
}

/**
 * A time-to-live cache for data that rarely changes (the instance, the tags), on lru-cache: callers
 * asking while a load is under way share that one load (its `fetch()`), and a failed load is not
 * kept, so the next caller tries again. With a `shared` layer, a load first looks there (another
 * replica may have read it) and keeps what it read there for the others, for the same TTL.
 */
export class TtlCache<T extends {}> {
  readonly ttlMs: number;
  readonly #cache: LRUCache<string, T, () => Promise<T>>;
  readonly #shared: SharedLayer | undefined;

  /**
   * @param ttlMs how long a loaded value is served, in ms (0: only shared while loading, never kept in `shared`).
   * @param max how many keys are kept; the least recently used goes first.
   */
  constructor(ttlMs: number, now: () => number = () => Date.now(), max = 100, shared?: SharedLayer) {
    this.ttlMs = ttlMs;
    this.#shared = ttlMs > 0 ? shared : undefined;
    this.#cache = new LRUCache({
      max,
      // lru-cache reads a ttl of 0 as "forever": 1 ms keeps a value no longer than its load.
      ttl: Math.max(1, ttlMs),
      // Check the clock on every read, so that a test that moves it sees the value expire at once.
      ttlResolution: 0,
      perf: { now },
      fetchMethod: (key, _stale, { context, options }) => this.#load(key, context, options),
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

  /** Forgets every value, here and in the shared layer; a load under way finishes for its callers but is not kept. */
  clear(): void {
    // The keys held here: a value expires here no later than there (and the instance and tags never fill `max`).
    for (const key of this.#cache.keys()) void this.#shared?.cache.delete(this.#shared.prefix + key);
    this.#cache.clear();
  }

  async #load(key: string, load: () => Promise<T>, options: { ttl?: number }): Promise<T> {
    const shared = this.#shared;
    if (!shared) return load();
    const held = await shared.cache.get<T>(shared.prefix + key);
    if (held) {
      // Kept here no longer than it has left there, so every replica drops it at the same time.
      options.ttl = held.ttlMs;
      return held.value;
    }
    const value = await load();
    void shared.cache.set(shared.prefix + key, value, this.ttlMs);
    return value;
  }
}
