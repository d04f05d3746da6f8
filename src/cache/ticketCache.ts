import { LRUCache } from 'lru-cache';
import type { Ticket } from '../ticketing/types.js';
import { RecentCache, type Copy } from './recentCache.js';

/**
 * Tickets the bot has read or changed, shared by every turn (the last `capacity` of them). Ticket
 * numbers never change their UUID, so a number seen once costs no lookup again; whole tickets are
 * reused only as fresh for `maxAgeMs` (a refresh of a busy card costs no API call per viewer), or
 * as the last read where a card needs no more than that (a history's header: number and title),
 * which is why they have no TTL here. Reads of one ticket at the same time (a card refreshed for a
 * whole channel at once) share one API call.
 */
export class TicketCache {
  private readonly byId: RecentCache<Ticket>;
  private readonly idByNumber: LRUCache<number, string>;

  constructor(
    capacity = 5000,
    // Read late, so that a test that moves Date moves this clock too.
    private readonly now: () => number = () => Date.now(),
  ) {
    this.byId = new RecentCache(capacity, { ttlMs: 0, now });
    this.idByNumber = new LRUCache({ max: capacity });
  }

  remember(ticket: Ticket): void {
    this.byId.set(ticket.id, ticket);
    if (ticket.number !== undefined) this.idByNumber.set(ticket.number, ticket.id);
  }

  /** Reads the ticket with `read` and remembers it; see RecentCache.load. */
  async load(id: string, read: () => Promise<Ticket>): Promise<Ticket> {
    const ticket = await this.byId.load(id, read);
    this.remember(ticket);
    return ticket;
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
