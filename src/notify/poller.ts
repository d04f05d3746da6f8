/**
 * The one poller of the whole bot: reads the tickets changed since its cursor (`lastUpdateAfter`,
 * page after page by continuation token), tells what changed from what it last knew, saves that,
 * then hands the changes over. It takes at most its share of the API's rate limit, and none of it
 * while people's own requests need the room. With several replicas, the lease picks one poller.
 */
import { errorFields } from '../errorKind.js';
import type { Logger } from '../log.js';
import { RateLimiter } from '../ticketing/rateLimit.js';
import type { TicketingClient } from '../ticketing/client.js';
import type { Ticket, TicketQuery } from '../ticketing/types.js';
import { isTicketingError } from '../ticketing/errors.js';
import type { PollerState, ReadingProgress } from './pollerState.js';
import { detectChanges, snapshotOf, unchanged, type TicketChange, type TicketSnapshot } from './ticketChanges.js';

/** Who runs the poller: held for `ttlMs` at a time and renewed by its holder (src/store/leases.ts). */
export interface Lease {
  /** Takes the lease, or renews it when this process holds it; false while another holds it. */
  acquire(ttlMs: number): Promise<boolean>;
  /** Lets it go now (on stop), so another replica need not wait out the time left. */
  release(): Promise<void>;
}

/** A ticket that changed since the poller last read it. */
export interface DetectedChange {
  ticket: Ticket;
  /** What changed in the fields the poller watches; empty when only something else did (a comment, say). */
  changes: TicketChange[];
  /** When the ticket last changed before this (later comments are new); undefined for a new ticket. */
  since?: string;
}

/** When the call must be over, and the signal that ends it when the poller stops: the client's CallOptions. */
export interface PollCallOptions {
  deadline: number;
  signal: AbortSignal;
}

/** Runs an API call within the poller's share; undefined when there is no room for it now. */
export type BudgetedCall = <T>(call: (options: PollCallOptions) => Promise<T>) => Promise<T | undefined>;

export interface PollerOptions {
  client: TicketingClient;
  state: PollerState;
  lease: Lease;
  /** The share of the API's rate limit the poller may take, in percent (1..50). */
  budgetPercent: number;
  /** How long from the end of one poll to the start of the next, in ms. */
  pollMs: number;
  /** Receives the changes of one page once they are saved as known: a restart never hands them over again. */
  onChanges(changes: DetectedChange[], call: BudgetedCall): Promise<void>;
  log: Logger;
}

/** Tickets per page once the poller knows them all; the first reading of every ticket takes the API's largest pages. */
const PAGE = 100;
const FIRST_READING_PAGE = 1000;
/**
 * An overdue flag turns on as time passes, which need not change a ticket's `lastUpdatedOn`: every
 * this often (and first thing after a start) the poller also reads the unresolved tickets.
 */
const SWEEP_MS = 10 * 60_000;
/**
 * While people need the key's room, the poller lets this many of its calls go by for each one it
 * makes: it slows down rather than stops, so a busy hour still brings its notifications.
 */
const BUSY_SKIPS = 3;

/**
 * An instant from the API: a date-time without a zone is UTC (the poller asks in timezone 0), not
 * the machine's local time as Date.parse would read it.
 */
export function instantOf(text: string | undefined): number {
  if (text === undefined) return NaN;
  return Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
}

/** `lastUpdateAfter` as the live API takes it (`YYYY-MM-DDTHH:mm:ss`, UTC), a second before the cursor: the filter may be exclusive, and a ticket read twice is known and skipped. */
export function lastUpdateAfter(cursor: string): string {
  return new Date(Math.floor(instantOf(cursor) / 1000) * 1000 - 1000).toISOString().slice(0, 19);
}

export class Poller {
  /** The poller's own share of the key's budget, in the same sliding window as the API's. */
  private readonly budget: RateLimiter;
  private readonly share: number;
  private running: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** Ends a call waiting for its turn when the bot stops. */
  private readonly stopping = new AbortController();
  /** Calls let go by since the last one made while people needed the room. */
  private skipped = 0;
  /** When the unresolved tickets were last read through (0: not since the start). */
  private sweptAt = 0;

  constructor(private readonly options: PollerOptions) {
    const { limit, windowMs } = options.client.rateLimit;
    this.share = Math.max(1, Math.floor((limit * options.budgetPercent) / 100));
    this.budget = new RateLimiter(this.share, windowMs);
  }

  /** Polls every `pollMs` until stopped. */
  start(): void {
    const next = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.pollOnce().finally(next), this.options.pollMs);
      this.timer.unref?.();
    };
    next();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping.abort(new Error('The bot is stopping.'));
    await this.running;
    await this.options.lease.release();
  }

  /** One poll, after any poll in progress: what the timer runs, and what tests call instead of waiting for it. */
  pollOnce(): Promise<void> {
    this.running = this.running.then(() => this.poll()).catch((error: unknown) => {
      if (!this.stopped) this.options.log.warn(errorFields(error), 'notify poll failed');
    });
    return this.running;
  }

  /**
   * An API call within the poller's share. While the key has no more room than that share, people
   * come first: only one call in BUSY_SKIPS + 1 is made, waiting its turn like theirs.
   */
  readonly call: BudgetedCall = async (call) => {
    if (this.budget.free() < 1) return undefined;
    if (this.options.client.freeReads() <= this.share) {
      if (this.skipped === 0) this.options.log.info('notify poller slowing down: people need the API budget');
      if (this.skipped < BUSY_SKIPS) {
        this.skipped++;
        return undefined;
      }
    }
    this.skipped = 0;
    const permit = await this.budget.acquire();
    try {
      // A poll is in no hurry: its call may wait up to a whole window for its turn behind people's.
      return await call({ deadline: Date.now() + this.options.client.rateLimit.windowMs, signal: this.stopping.signal });
    } finally {
      permit.release();
    }
  };

  private async poll(): Promise<void> {
    if (this.stopped) return;
    if (!(await this.holdLease())) return;
    const { state } = this.options;
    const cursor = await state.cursor();
    // Before the poller knows every ticket, it reads them all once and reports nothing.
    if (cursor === undefined) {
      const newest = await this.firstReading();
      if (newest === false) return;
      await state.setCursor(newest ?? new Date(0).toISOString());
      await state.setFirstReading(undefined);
      this.sweptAt = Date.now();
      this.options.log.info('notify poller ready: every ticket read once');
      return;
    }
    if ((await this.walk({ limit: PAGE, lastUpdateAfter: lastUpdateAfter(cursor) }, cursor)) === false) return;
    if (Date.now() - this.sweptAt >= SWEEP_MS && (await this.walk({ limit: FIRST_READING_PAGE, isResolved: false }, cursor)) !== false) {
      this.sweptAt = Date.now();
    }
  }

  /**
   * Every ticket read once. A helpdesk of more pages than the poller's share of a minute, or a busy
   * key, cuts it short: the next poll goes on from the page it stopped before (its continuation
   * token, kept in the state), and starts over when the API no longer takes that token.
   */
  private async firstReading(): Promise<string | undefined | false> {
    const { state } = this.options;
    const resume = await state.firstReading();
    try {
      return await this.walk({ limit: FIRST_READING_PAGE }, undefined, resume, (progress) => state.setFirstReading(progress));
    } catch (error) {
      if (resume && isTicketingError(error) && error.kind === 'http' && error.status !== undefined && error.status >= 400 && error.status < 500) {
        this.options.log.warn(errorFields(error), 'notify first reading: its continuation token was refused; starting over');
        await state.setFirstReading(undefined);
      }
      throw error;
    }
  }

  /**
   * Reads every page of `filter` (oldest change first), saves what it learnt and hands over what
   * changed (nothing while `cursor` is undefined: the first reading). The change read moves the
   * cursor page by page; `keep` records where a reading is, to go on from `resume` later.
   * Resolves to the newest `lastUpdatedOn` read, or false when cut short.
   */
  private async walk(
    filter: TicketQuery, cursor: string | undefined,
    resume?: ReadingProgress, keep?: (progress: ReadingProgress) => Promise<void>,
  ): Promise<string | undefined | false> {
    const { state } = this.options;
    const query: TicketQuery = { orderBy: 'lastInteraction', order: 'ASC', ...filter };
    const movesCursor = filter.lastUpdateAfter !== undefined;
    let token = resume?.continuationToken;
    let newest = resume?.newest ?? cursor;
    do {
      const page = await this.call((options) => this.options.client.listTickets(query, {
        timezone: 0, ...options, ...(token === undefined ? {} : { continuationToken: token }),
      }));
      if (page === undefined || this.stopped) return false;
      // A page may take long (a call waits up to a window for its turn): the lease may have run out
      // and another replica taken it. Only its holder saves and tells, or both would post.
      if (!(await this.holdLease())) return false;
      const found = await this.detect(page.items, cursor);
      for (const t of page.items) if (newest === undefined || instantOf(t.lastUpdatedOn) > instantOf(newest)) newest = t.lastUpdatedOn;
      await state.saveSnapshots(found.snapshots);
      if (movesCursor && newest !== undefined) await state.setCursor(newest);
      if (found.changes.length > 0) await this.options.onChanges(found.changes, this.call);
      token = page.continuationToken;
      if (keep && token !== undefined) await keep({ continuationToken: token, ...(newest === undefined ? {} : { newest }) });
    } while (token !== undefined);
    return newest;
  }

  /** Takes or renews the poller's lease: held a few polls long, so a replica that stops is replaced soon after. */
  private holdLease(): Promise<boolean> {
    return this.options.lease.acquire(Math.max(3 * this.options.pollMs, 30_000));
  }

  /** The tickets of a page that changed, and what to remember of each. */
  private async detect(tickets: readonly Ticket[], cursor: string | undefined): Promise<{ changes: DetectedChange[]; snapshots: Map<string, TicketSnapshot> }> {
    const known = await this.options.state.snapshots(tickets.map((t) => t.id));
    const changes: DetectedChange[] = [];
    const snapshots = new Map<string, TicketSnapshot>();
    for (const ticket of tickets) {
      const before = known.get(ticket.id.toLowerCase());
      if (before && unchanged(before, ticket)) continue;
      snapshots.set(ticket.id, snapshotOf(ticket));
      if (cursor === undefined) continue;
      // Not known yet but created before the cursor: forgotten by the store, not new; it is learnt quietly.
      if (!before && !(instantOf(ticket.createdOn) >= instantOf(cursor) - 1000)) continue;
      changes.push({ ticket, changes: detectChanges(before, ticket), ...(before?.lastUpdatedOn === undefined ? {} : { since: before.lastUpdatedOn }) });
    }
    return { changes, snapshots };
  }
}
