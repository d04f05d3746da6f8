/**
 * A second cache layer that several replicas of the bot share (Redis), behind each replica's own
 * lru-cache. Values are JSON. A shared cache never fails a caller: while its store is away or slow,
 * `get` answers a miss and `set`/`delete` do nothing, and the caller reads the API as it would alone.
 */
export interface SharedCache {
  /** The value under `key` and how long it has left, in ms; undefined on a miss or when the store is away. */
  get<T>(key: string): Promise<{ value: T; ttlMs: number } | undefined>;
  /** Keeps `value` for `ttlMs` (above 0). */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}
