import { LRUCache } from 'lru-cache';

/** The oldest copy shown in place of "busy". */
export const MAX_COPY_AGE_MS = 5 * 60 * 1000;

/** A value as the bot last read it, and when (epoch ms). */
export interface Copy<T> {
  value: T;
  at: number;
}

/**
 * The last reads of something, by key, shared by every turn: the least recently used go first
 * once there are `capacity` of them, and a read older than MAX_COPY_AGE_MS, which is never shown
 * in place of "busy", is dropped.
 */
export class RecentCache<T extends {}> {
  private readonly entries: LRUCache<string, Copy<T>>;

  constructor(
    capacity = 100,
    // Read late, so that a test that moves Date moves this clock too.
    private readonly now: () => number = () => Date.now(),
  ) {
    this.entries = new LRUCache({ max: capacity, ttl: MAX_COPY_AGE_MS, ttlResolution: 0, perf: { now: () => this.now() } });
  }

  set(key: string, value: T): void {
    this.entries.set(key, { value, at: this.now() });
  }

  get(key: string): Copy<T> | undefined {
    return this.entries.get(key);
  }
}
