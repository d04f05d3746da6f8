import { AsyncLocalStorage } from 'node:async_hooks';
import { LRUCache } from 'lru-cache';

/** Who a turn acts for, and where: set by the bot around each turn, read when a write succeeds. */
export interface TurnOrigin {
  conversationId: string;
}

/** Set by the bot for the length of a turn; the API client's write hook reads it. */
export const turnOrigin = new AsyncLocalStorage<TurnOrigin>();

/** A change the bot made for someone: who, when the API says it happened, and from which conversation. */
export interface BotAction {
  actorId: string;
  at?: string;
  conversationId?: string;
}

/** Long enough for the poller to read the change (a few polls), short enough to forget it soon after. */
const REMEMBER_MS = 10 * 60_000;

/**
 * The changes the bot itself made lately, by ticket: the poller tells neither the actor nor the
 * conversation the change was made from (it already shows the answer there).
 */
export class RecentActions {
  private readonly byTicket = new LRUCache<string, BotAction[]>({ max: 10_000, ttl: REMEMBER_MS });

  record(ticketId: string, actorId: string, at?: string): void {
    const id = ticketId.toLowerCase();
    const origin = turnOrigin.getStore();
    const action: BotAction = {
      actorId: actorId.toLowerCase(), ...(at === undefined ? {} : { at }), ...(origin ? { conversationId: origin.conversationId } : {}),
    };
    this.byTicket.set(id, [...(this.byTicket.get(id) ?? []), action].slice(-20));
  }

  /**
   * The bot's change that is the ticket's latest, as read: the same time as its `lastUpdatedOn`,
   * or, when either time is unknown, the same person as its `lastUpdatedBy`. A later change by the
   * same person elsewhere (in the helpdesk's own app) is not the bot's.
   */
  latest(ticketId: string, lastUpdatedOn: string | undefined, lastUpdatedById: string | undefined): BotAction | undefined {
    const actions = this.byTicket.get(ticketId.toLowerCase()) ?? [];
    const byId = lastUpdatedById?.toLowerCase();
    return actions.findLast((a) => (a.at !== undefined && lastUpdatedOn !== undefined
      ? Date.parse(a.at) === Date.parse(lastUpdatedOn)
      : byId === undefined || a.actorId === byId));
  }
}
