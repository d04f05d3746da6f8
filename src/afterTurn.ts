import pTimeout from 'p-timeout';

/**
 * Work a turn starts and does not wait for: a card redrawn for everyone after a click, a post that
 * Teams took late, a file uploaded after its consent. A stop lets it finish within the grace
 * period, as it lets the turns in flight finish.
 */
export class AfterTurnWork {
  readonly #pending = new Set<Promise<void>>();

  /** Keeps `work` until it settles. It must handle its own failure: a rejection here is only dropped. */
  track(work: Promise<void>): void {
    this.#pending.add(work);
    const done = () => void this.#pending.delete(work);
    work.then(done, done);
  }

  /** Waits for the work under way, at most `ms`. */
  async settled(ms: number): Promise<void> {
    if (this.#pending.size === 0) return;
    await pTimeout(Promise.allSettled([...this.#pending]), { milliseconds: Math.max(1, ms), fallback: () => [] });
  }
}
