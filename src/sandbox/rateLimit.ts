/**
 * Per-key sliding-window rate limit, as the seed states it: at most `limit` requests in any
 * `windowS` seconds. Only admitted requests count, so a caller that is refused is not pushed
 * further back.
 */
export type Admission = { admitted: true } | { admitted: false; retryAfterS: number };

export class SlidingWindowLimiter {
  private readonly admittedAt = new Map<string, number[]>();

  constructor(
    private limit: number,
    private windowMs: number,
    private readonly now: () => Date,
  ) {}

  /** Changes the limit and forgets every count. */
  reset(limit: number, windowS: number): void {
    this.limit = limit;
    this.windowMs = windowS * 1000;
    this.admittedAt.clear();
  }

  /** Admits and counts the request, or says in whole seconds (at least 1) when a slot frees. */
  admit(key: string): Admission {
    const now = this.now().getTime();
    const recent = (this.admittedAt.get(key) ?? []).filter((at) => at > now - this.windowMs);
    const oldest = recent[0];
    if (recent.length >= this.limit && oldest !== undefined) {
      this.admittedAt.set(key, recent);
      return { admitted: false, retryAfterS: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.admittedAt.set(key, recent);
    return { admitted: true };
  }
}
