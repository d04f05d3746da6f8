/**
 * Teams re-sends an activity it thinks timed out, with the same id, within seconds. The first
 * delivery's work is shared with the repeats (an invoke's repeat gets the same answer), so nothing
 * acts twice. Answers are kept only as long as a repeat can come, and at most `capacity` of them:
 * an invoke's answer holds its card, about 6 KB of heap, and what is kept costs every turn, not
 * only memory (the collector goes over it again and again): with 5,000 kept, a Resolve click took
 * about 10% more CPU than with 1,000 (bench/ab.ts). 1,000 is still minutes of clicks for a
 * helpdesk: the API allows 100 calls a minute.
 */
export class ReplayGuard<T> {
  private readonly seen = new Map<string, { result: Promise<T>; at: number }>();

  constructor(
    private readonly ttlMs = 2 * 60 * 1000,
    private readonly capacity = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` for the first delivery of `key`; a repeat within the TTL gets the first result and `repeated`. */
  once(key: string | undefined, work: () => Promise<T>): { result: Promise<T>; repeated: boolean } {
    if (!key) return { result: work(), repeated: false };
    const now = this.now();
    this.forgetOld(now);
    const hit = this.seen.get(key);
    if (hit) return { result: hit.result, repeated: true };
    const result = work();
    this.seen.set(key, { result, at: now });
    return { result, repeated: false };
  }

  get size(): number {
    return this.seen.size;
  }

  /** Entries are in arrival order: drop from the front while too old or too many. */
  private forgetOld(now: number): void {
    for (const [key, entry] of this.seen) {
      if (now - entry.at < this.ttlMs && this.seen.size < this.capacity) break;
      this.seen.delete(key);
    }
  }
}
