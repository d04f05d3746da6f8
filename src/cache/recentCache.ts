import { LRUCache } from 'lru-cache';

/** The oldest copy shown in place of "busy". */
export const MAX_COPY_AGE_MS = 5 * 60 * 1000;

/** A value as the bot last read it, and when (epoch ms). */
export interface Copy<T> {
  value: T;
  at: number;
}

export interface RecentCacheOptions {
  /** How long a read is kept, in ms; 0 keeps it until `capacity` pushes it out. */
  ttlMs?: number;
  /** Epoch ms; read late, so that a test that moves Date moves this clock too. */
  now?: () => number;
}

/**
 * The last reads of something, by key, shared by every turn, on lru-cache: the least recently used
 * go first once there are `capacity` of them, and by default a read older than MAX_COPY_AGE_MS,
 * which is never shown in place of "busy", is dropped. Reads of one key at the same time share one
 * load.
 */
export class RecentCache<T extends {}> {
  private readonly entries: LRUCache<string, Copy<T>, () => Promise<T>>;
  private readonly now: () => number;

  constructor(capacity = 100, { ttlMs = MAX_COPY_AGE_MS, now = () => Date.now() }: RecentCacheOptions = {}) {
    this.now = now;
    this.entries = new LRUCache({
      max: capacity,
      ttl: ttlMs,
      ttlResolution: 0,
      perf: { now: () => this.now() },
      fetchMethod: async (_key, _last, { context: read }) => ({ value: await read(), at: this.now() }),
      // A failed read leaves the last copy in place: it is what is shown when the API is busy.
      noDeleteOnFetchRejection: true,
    });
  }

  set(key: string, value: T): void {
    this.entries.set(key, { value, at: this.now() });
  }

  get(key: string): Copy<T> | undefined {
    return this.entries.get(key);
  }

  /**
   * Reads the value with `read` and keeps it. A caller asking while a read of the same key is under
   * way shares that read, and its failure; a failed read is not kept.
   */
  async load(key: string, read: () => Promise<T>): Promise<T> {
    const copy = await this.entries.fetch(key, { forceRefresh: true, context: read });
    // fetch() gives undefined only when the read does, which a Promise<T> cannot.
    if (!copy) throw new Error(`cache: the read of ${key} gave nothing`);
    return copy.value;
  }
}
