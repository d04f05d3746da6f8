import { LRUCache } from 'lru-cache';
import type { SharedLayer } from '../ticketing/cache.js';

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

  /**
   * `shared`: where other replicas read them (Redis): the replica that polls may not be the one
   * that made the change. Each replica writes the list of its own actions on a ticket, so the last
   * writer's list is kept there; it holds the ticket's latest change, the one a poll compares.
   */
  constructor(private readonly shared?: SharedLayer) {}

  /** `conversationId`: the conversation the change was made from (its subscription key). */
  record(ticketId: string, actorId: string, at?: string, conversationId?: string): void {
    const id = ticketId.toLowerCase();
    const action: BotAction = {
      actorId: actorId.toLowerCase(), ...(at === undefined ? {} : { at }), ...(conversationId === undefined ? {} : { conversationId }),
    };
    const actions = [...(this.byTicket.get(id) ?? []), action].slice(-20);
    this.byTicket.set(id, actions);
    if (this.shared) void this.shared.cache.set(this.shared.prefix + id, actions, REMEMBER_MS);
  }

  /**
   * The bot's change that is the ticket's latest, as read: the same time as its `lastUpdatedOn`,
   * or, when either time is unknown, the same person as its `lastUpdatedBy`. A later change by the
   * same person elsewhere (in the helpdesk's own app) is not the bot's.
   */
  async latest(ticketId: string, lastUpdatedOn: string | undefined, lastUpdatedById: string | undefined): Promise<BotAction | undefined> {
    const id = ticketId.toLowerCase();
    const elsewhere = this.shared && (await this.shared.cache.get<unknown>(this.shared.prefix + id))?.value;
    const actions = [...(Array.isArray(elsewhere) ? (elsewhere as BotAction[]) : []), ...(this.byTicket.get(id) ?? [])];
    const byId = lastUpdatedById?.toLowerCase();
    return actions.findLast((a) => (a.at !== undefined && lastUpdatedOn !== undefined
      ? Date.parse(a.at) === Date.parse(lastUpdatedOn)
      : byId === undefined || a.actorId === byId));
  }
}
