/**
 * Teams re-sends an activity it thinks timed out, with the same id. The first delivery's work is
 * shared with the repeats (an invoke's repeat gets the same answer), so nothing acts twice.
 */
export class ReplayGuard<T> {
  private readonly seen = new Map<string, { result: Promise<T>; at: number }>();

  constructor(
    private readonly ttlMs = 15 * 60 * 1000,
    private readonly capacity = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` for the first delivery of `key`; a repeat within the TTL gets the first result and `repeated`. */
  once(key: string | undefined, work: () => Promise<T>): { result: Promise<T>; repeated: boolean } {
    if (!key) return { result: work(), repeated: false };
    const hit = this.seen.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return { result: hit.result, repeated: true };
    const result = work();
    this.seen.set(key, { result, at: this.now() });
    while (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
    return { result, repeated: false };
  }
}
