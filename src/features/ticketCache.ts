import type { Ticket } from '../ticketing/types.js';
import { RecentCache, type Copy } from './recentCache.js';

/**
 * Tickets the bot has read or changed, shared by every turn (the last `capacity` of them). Ticket
 * numbers never change their UUID, so a number seen once costs no lookup again; whole tickets are
 * reused only as fresh for `maxAgeMs` (a refresh of a busy card costs no API call per viewer), or
 * as the last read where a card needs no more than that.
 */
export class TicketCache {
  private readonly byId: RecentCache<Ticket>;
  private readonly idByNumber = new Map<number, string>();

  constructor(
    private readonly capacity = 5000,
    // Read late, so that a test that moves Date moves this clock too.
    private readonly now: () => number = () => Date.now(),
  ) {
    this.byId = new RecentCache(capacity, now);
  }

  remember(ticket: Ticket): void {
    this.byId.set(ticket.id, ticket);
    if (ticket.number !== undefined) {
      this.idByNumber.delete(ticket.number);
      this.idByNumber.set(ticket.number, ticket.id);
      // Maps keep insertion order: the first key is the least recently remembered.
      if (this.idByNumber.size > this.capacity) this.idByNumber.delete(this.idByNumber.keys().next().value as number);
    }
  }

  /** A ticket read no longer than `maxAgeMs` ago. */
  fresh(id: string, maxAgeMs: number): Ticket | undefined {
    const entry = this.byId.get(id);
    return entry && this.now() - entry.at <= maxAgeMs ? entry.value : undefined;
  }

  /** The ticket as last read, whatever its age, and when. */
  copy(id: string): Copy<Ticket> | undefined {
    return this.byId.get(id);
  }

  idOf(number: number): string | undefined {
    return this.idByNumber.get(number);
  }
}
