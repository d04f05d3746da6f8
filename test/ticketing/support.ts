/** Shared set-up of the client's HTTP tests: a sandbox on loopback and clients pointed at it. */
import { startSandbox, type RecordedRequest, type Sandbox, type WireTicket } from '../../src/sandbox/index.js';
import { TicketingClient, type Ticket, type TicketingClientOptions, type User } from '../../src/ticketing/index.js';

/** Keys easy to spot in any text that leaks them. */
export const PRIMARY_KEY = 'PRIMARYk3y-LEAKCHECK-7f3a9c21e5';
export const SECONDARY_KEY = 'SECONDARYk3y-LEAKCHECK-b84d02f6';

export const ACTOR: User = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Adele Vance', email: 'adele.vance@contoso.com' };

/**
 * A sandbox with recognisable keys and a rate limit no test reaches unless it sets one; in the
 * documented dialect unless told (the live one has its own suite, client.dialects.test.ts).
 */
export function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  return startSandbox({ primaryKey: PRIMARY_KEY, secondaryKey: SECONDARY_KEY, rateLimit: 100_000, rateWindowS: 60, dialect: 'documented', ...options });
}

/** A client with both keys (unless overridden), a generous limiter and quick retries. */
export function clientFor(sb: Sandbox, options: Partial<TicketingClientOptions> = {}): TicketingClient {
  return new TicketingClient({
    baseUrl: sb.baseUrl,
    apiKey: sb.primaryKey,
    readOnlyKey: sb.secondaryKey,
    rateLimit: { limit: 100_000, windowMs: 60_000 },
    retry: { limit: 2, baseDelayMs: 20, maxDelayMs: 2000 },
    dialect: sb.dialect,
    ...options,
  });
}

/** The requests the sandbox recorded for `method` on exactly `path`. */
export function requestsTo(sb: Sandbox, method: string, path: string): RecordedRequest[] {
  return sb.requests.filter((r) => r.method === method && r.path === path);
}

/** Resets what the previous test left: faults and the request record. */
export function reset(sb: Sandbox): void {
  sb.faults.clear();
  sb.requests.length = 0;
}

/** What the client should read from a ticket the sandbox holds: its wire form, the number renamed. */
function expected(wire: WireTicket): Ticket {
  const { ticketId, ...rest } = wire;
  return { ...rest, number: ticketId };
}

/** Every ticket in the sandbox, by number, as the client should read it. */
export function storeTickets(sb: Sandbox): Ticket[] {
  return sb.store.allTickets().map(expected);
}

export function storeTicket(sb: Sandbox, id: string): Ticket | undefined {
  const wire = sb.store.ticketById(id);
  return wire && expected(wire);
}
