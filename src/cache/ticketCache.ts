import { LRUCache } from 'lru-cache';
import type { SharedLayer } from '../ticketing/cache.js';
import type { Ticket } from '../ticketing/types.js';
import { RecentCache, type Copy } from './recentCache.js';

/**
 * How long a ticket (and its number) is kept in the shared layer, in ms. Here the copies have no
 * TTL (capacity bounds them); there a day bounds what a helpdesk leaves in Redis.
 */
export const SHARED_TICKET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Tickets the bot has read or changed, shared by every turn (the last `capacity` of them). Ticket
 * numbers never change their UUID, so a number seen once costs no lookup again; whole tickets are
 * reused only as fresh for `maxAgeMs` (a refresh of a busy card costs no API call per viewer), or
 * as the last read where a card needs no more than that (a history's header: number and title),
 * which is why they have no TTL here. Reads of one ticket at the same time (a card refreshed for a
 * whole channel at once) share one API call.
 *
 * With a `shared` layer (Redis), what one replica read or wrote serves every other: the copies
 * answered are the latest of any replica's, and every ticket the bot writes is remembered (written
 * through) before its answer goes out, so no replica shows it as it was before.
 */
export class TicketCache {
  private readonly byId: RecentCache<Ticket>;
  private readonly idByNumber: LRUCache<number, string>;
  private readonly numbers: SharedLayer | undefined;

  constructor(
    capacity = 5000,
    // Read late, so that a test that moves Date moves this clock too.
    private readonly now: () => number = () => Date.now(),
    shared?: SharedLayer,
  ) {
    this.byId = new RecentCache(capacity, {
      ttlMs: 0, now,
      ...(shared ? { shared: { cache: shared.cache, prefix: `${shared.prefix}ticket:`, ttlMs: SHARED_TICKET_TTL_MS } } : {}),
    });
    this.idByNumber = new LRUCache({ max: capacity });
    this.numbers = shared && { cache: shared.cache, prefix: `${shared.prefix}number:` };
  }

  /** Keeps the ticket as read or written now; resolves once every replica can see it. */
  async remember(ticket: Ticket): Promise<void> {
    await Promise.all([this.byId.set(ticket.id, ticket), this.rememberNumber(ticket)]);
  }

  /** Reads the ticket with `read` and remembers it; see RecentCache.load. */
  async load(id: string, read: () => Promise<Ticket>): Promise<Ticket> {
    const ticket = await this.byId.load(id, read);
    await this.rememberNumber(ticket);
    return ticket;
  }

  /** A ticket read no longer than `maxAgeMs` ago. */
  async fresh(id: string, maxAgeMs: number): Promise<Ticket | undefined> {
    const entry = await this.byId.get(id);
    return entry && this.now() - entry.at <= maxAgeMs ? entry.value : undefined;
  }

  /** The ticket as last read, whatever its age, and when. */
  copy(id: string): Promise<Copy<Ticket> | undefined> {
    return this.byId.get(id);
  }

  async idOf(number: number): Promise<string | undefined> {
    const known = this.idByNumber.get(number);
    if (known !== undefined || !this.numbers) return known;
    const held = await this.numbers.cache.get<string>(this.numbers.prefix + number);
    if (typeof held?.value !== 'string') return undefined;
    this.idByNumber.set(number, held.value);
    return held.value;
  }

  private async rememberNumber(ticket: Ticket): Promise<void> {
    if (ticket.number === undefined || this.idByNumber.get(ticket.number) === ticket.id) return;
    this.idByNumber.set(ticket.number, ticket.id);
    if (this.numbers) await this.numbers.cache.set(this.numbers.prefix + ticket.number, ticket.id, SHARED_TICKET_TTL_MS);
  }
}
