import type { Ticket } from '../ticketing/types.js';
import type { Copy } from './recentCache.js';

interface Entry {
  ticket: Ticket;
  at: number;
}

/**
 * Tickets the bot has read or changed recently, shared by every turn. Ticket numbers never change
 * their UUID, so a number seen once costs no lookup again; whole tickets are reused only for
 * `maxAgeMs`, so a refresh of a busy card does not cost an API call per viewer.
 */
export class TicketCache {
  private readonly byId = new Map<string, Entry>();
  private readonly idByNumber = new Map<number, string>();

  constructor(
    private readonly capacity = 5000,
    // Read late, so that a test that moves Date moves this clock too.
    private readonly now: () => number = () => Date.now(),
  ) {}

  remember(ticket: Ticket): void {
    this.byId.delete(ticket.id);
    this.byId.set(ticket.id, { ticket, at: this.now() });
    if (ticket.number !== undefined) {
      this.idByNumber.delete(ticket.number);
      this.idByNumber.set(ticket.number, ticket.id);
    }
    // Maps keep insertion order: the first keys are the least recently remembered.
    for (const map of [this.byId, this.idByNumber] as Array<Map<unknown, unknown>>) {
      while (map.size > this.capacity) map.delete(map.keys().next().value);
    }
  }

  /** A ticket read no longer than `maxAgeMs` ago. */
  fresh(id: string, maxAgeMs: number): Ticket | undefined {
    const entry = this.byId.get(id);
    return entry && this.now() - entry.at <= maxAgeMs ? entry.ticket : undefined;
  }

  /** The ticket as last read, whatever its age, and when. */
  copy(id: string): Copy<Ticket> | undefined {
    const entry = this.byId.get(id);
    return entry && { value: entry.ticket, at: entry.at };
  }

  idOf(number: number): string | undefined {
    return this.idByNumber.get(number);
  }
}
