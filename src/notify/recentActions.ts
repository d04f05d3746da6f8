import { LRUCache } from 'lru-cache';

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

  /** `conversationId`: the conversation the change was made from (its subscription key). */
  record(ticketId: string, actorId: string, at?: string, conversationId?: string): void {
    const id = ticketId.toLowerCase();
    const action: BotAction = {
      actorId: actorId.toLowerCase(), ...(at === undefined ? {} : { at }), ...(conversationId === undefined ? {} : { conversationId }),
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
