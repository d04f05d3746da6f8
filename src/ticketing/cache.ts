/**
 * A small time-to-live cache for data that rarely changes (the instance, the tags). Callers asking
 * while a load is under way share that one load; a failed load is not kept, so the next caller
 * tries again.
 */

interface Entry<T> {
  promise: Promise<T>;
  /** Epoch ms; unset while loading. */
  expiresAt?: number;
}

export class TtlCache<T> {
  readonly ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry<T>>();

  /** @param ttlMs how long a loaded value is served, in ms (0: only shared while loading). */
  constructor(ttlMs: number, now: () => number = () => Date.now()) {
    this.ttlMs = ttlMs;
    this.#now = now;
  }

  /** The value under `key`: cached while fresh, else loaded with `load` (one load at a time per key). */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const found = this.#entries.get(key);
    if (found && (found.expiresAt === undefined || found.expiresAt > this.#now())) return found.promise;
    const entry: Entry<T> = { promise: load() };
    this.#entries.set(key, entry);
    entry.promise.then(
      () => {
        if (this.#entries.get(key) === entry) entry.expiresAt = this.#now() + this.ttlMs;
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return entry.promise;
  }

  /** Forgets every value; a load under way finishes for its callers but is not kept. */
  clear(): void {
    this.#entries.clear();
  }
}
