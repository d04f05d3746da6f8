import { LRUCache } from 'lru-cache';
import type { Ticket } from '../ticketing/types.js';
import type { Copy } from './recentCache.js';

/**
 * Tickets the bot has read or changed, shared by every turn (the last `capacity` of them). Ticket
 * numbers never change their UUID, so a number seen once costs no lookup again; whole tickets are
 * reused only as fresh for `maxAgeMs` (a refresh of a busy card costs no API call per viewer), or
 * as the last read where a card needs no more than that (a history's header: number and title),
 * which is why they have no TTL here. Reads of one ticket at the same time (a card refreshed for a
 * whole channel at once) share one API call.
 */
export class TicketCache {
  private readonly byId: LRUCache<string, Copy<Ticket>, () => Promise<Ticket>>;
  private readonly idByNumber: LRUCache<number, string>;

  constructor(
    capacity = 5000,
    // Read late, so that a test that moves Date moves this clock too.
    private readonly now: () => number = () => Date.now(),
  ) {
    this.byId = new LRUCache({
      max: capacity,
      fetchMethod: async (_id, _last, { context: read }) => ({ value: await read(), at: this.now() }),
      // A failed read leaves the last copy in place: it is what is shown when the API is busy.
      noDeleteOnFetchRejection: true,
    });
    this.idByNumber = new LRUCache({ max: capacity });
  }

  remember(ticket: Ticket): void {
    this.byId.set(ticket.id, { value: ticket, at: this.now() });
    if (ticket.number !== undefined) this.idByNumber.set(ticket.number, ticket.id);
  }

  /**
   * Reads the ticket with `read` and remembers it. A caller asking while a read of the same ticket is
   * under way shares that read, and its failure; a failed read is not kept.
   */
  async load(id: string, read: () => Promise<Ticket>): Promise<Ticket> {
    const copy = await this.byId.fetch(id, { forceRefresh: true, context: read });
    // fetch() gives undefined only when the read does, which a Promise<Ticket> cannot.
    if (!copy) throw new Error(`ticket cache: the read of ${id} gave nothing`);
    this.remember(copy.value);
    return copy.value;
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
