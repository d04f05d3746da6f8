/** A value as the bot last read it, and when. */
export interface Copy<T> {
  value: T;
  at: number;
}

/**
 * The last reads of something, by key, shared by every turn: the least recently stored go first
 * once there are `capacity` of them.
 */
export class RecentCache<T> {
  private readonly entries = new Map<string, Copy<T>>();

  constructor(
    private readonly capacity = 100,
    // Read late, so that a test that moves Date moves this clock too.
    private readonly now: () => number = () => Date.now(),
  ) {}

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get(key: string): Copy<T> | undefined {
    return this.entries.get(key);
  }
}
