import { LRUCache } from 'lru-cache';
import type { SharedLayer } from '../ticketing/cache.js';

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
  /** Where other replicas' reads are found and this one's kept for them; unset: this process only. */
  shared?: SharedLayer & {
    /** How long a read is kept there, in ms; default `ttlMs`, which must then be above 0. */
    ttlMs?: number;
  };
}

/** The later of two copies: the one a person should see. */
function newer<T>(a: Copy<T> | undefined, b: Copy<T> | undefined): Copy<T> | undefined {
  if (!a || !b) return a ?? b;
  return b.at > a.at ? b : a;
}

/**
 * The last reads of something, by key, shared by every turn, on lru-cache: the least recently used
 * go first once there are `capacity` of them, and by default a read older than MAX_COPY_AGE_MS,
 * which is never shown in place of "busy", is dropped. Reads of one key at the same time share one
 * load.
 *
 * With a `shared` layer (Redis), every read and `set` is also kept there, and `get` answers the
 * later of this replica's copy and the shared one: a change written through one replica is never
 * hidden by an older copy on another.
 */
export class RecentCache<T extends {}> {
  private readonly entries: LRUCache<string, Copy<T>, () => Promise<T>>;
  private readonly now: () => number;
  private readonly shared: (SharedLayer & { ttlMs: number }) | undefined;

  constructor(capacity = 100, { ttlMs = MAX_COPY_AGE_MS, now = () => Date.now(), shared }: RecentCacheOptions = {}) {
    this.now = now;
    const sharedTtlMs = shared?.ttlMs ?? ttlMs;
    this.shared = shared && sharedTtlMs > 0 ? { ...shared, ttlMs: sharedTtlMs } : undefined;
    this.entries = new LRUCache({
      max: capacity,
      ttl: ttlMs,
      ttlResolution: 0,
      perf: { now: () => this.now() },
      fetchMethod: async (key, _last, { context: read }) => {
        const copy = { value: await read(), at: this.now() };
        await this.keepShared(key, copy);
        return copy;
      },
      // A failed read leaves the last copy in place: it is what is shown when the API is busy.
      noDeleteOnFetchRejection: true,
      // A read under way when its key is set (a list remembered the same ticket) or pushed out
      // still answers its callers; lru-cache would otherwise reject them with Error("replaced").
      ignoreFetchAbort: true,
    });
  }

  /** Keeps `value` as read now; resolves once other replicas can see it too (it never rejects). */
  async set(key: string, value: T): Promise<void> {
    const copy = { value, at: this.now() };
    this.entries.set(key, copy);
    await this.keepShared(key, copy);
  }

  /** The latest read of `key`, here or (with a shared layer) on any replica. */
  async get(key: string): Promise<Copy<T> | undefined> {
    const here = this.entries.get(key);
    if (!this.shared) return here;
    const there = await this.shared.cache.get<Copy<T>>(this.shared.prefix + key);
    return newer(here, there?.value);
  }

  /**
   * Reads the value with `read` and keeps it. A caller asking while a read of the same key is under
   * way (on this replica) shares that read, and its failure; a failed read is not kept.
   */
  async load(key: string, read: () => Promise<T>): Promise<T> {
    const copy = await this.entries.fetch(key, { forceRefresh: true, context: read });
    // fetch() gives undefined only when the read does, which a Promise<T> cannot.
    if (!copy) throw new Error(`cache: the read of ${key} gave nothing`);
    return copy.value;
  }

  /** Writes through to the shared layer before the turn goes on, so the next turn on any replica sees it. */
  private async keepShared(key: string, copy: Copy<T>): Promise<void> {
    if (this.shared) await this.shared.cache.set(this.shared.prefix + key, copy, this.shared.ttlMs);
  }
}
