import pTimeout from 'p-timeout';
import { LRUCache } from 'lru-cache';
import type { TeamsChannelAccount, TurnContext } from 'botbuilder';
import type { ConnectorClient, ConversationsGetConversationPagedMembersOptionalParams } from 'botframework-connector';
import { emailFromUpn } from './identity.js';
import type { User } from './ticketing/types.js';

/** One member of a conversation as Teams' roster lists them. */
export interface ConversationMember {
  /** The Teams user id (`29:…`), what a card's `refresh.userIds` names. */
  teamsId: string;
  aadObjectId?: string;
  name?: string;
  email?: string;
}

export interface ConversationMembersOptions {
  /** How long a conversation's roster is reused, in ms; default 10 min. */
  ttlMs?: number;
  /** The longest a turn waits for a roster not yet read, in ms; default 1,500 (a card action has 5 s in all). */
  waitMs?: number;
  /** Roster pages read at most (500 members each); default 4. Past them, people refresh the card themselves. */
  maxPages?: number;
}

const PAGE_SIZE = 500;

/** Where a conversation's roster is read: a channel's is its team's. */
interface Roster {
  /** The cache's key: one roster for every channel of a team. */
  key: string;
  /** The id Teams' roster call takes: the team's, or the group chat's. */
  conversationId: string;
}

/** The roster a conversation's cards are shared with; undefined for a personal chat, which has one reader. */
function rosterOf(activity: TurnContext['activity']): Roster | undefined {
  const type = activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return undefined;
  const channelData = activity.channelData as { team?: { id?: unknown } } | undefined;
  const team = typeof channelData?.team?.id === 'string' ? channelData.team.id : undefined;
  return type === 'channel' && team ? { key: `team:${team}`, conversationId: team } : { key: `chat:${activity.conversation.id}`, conversationId: activity.conversation.id };
}

/**
 * What a read needs from the turn, taken while the turn is live: a read Teams is slow to answer
 * goes on after the turn has answered, when botbuilder has revoked the turn's context.
 */
interface RosterSource {
  connector: ConnectorClient;
  conversationId: string;
}

/**
 * The members of channels and group chats, read from Teams' roster once per `ttlMs` and shared by
 * every turn in that conversation (concurrent turns share one read). A roster Teams does not give
 * in time is an empty list for that turn, never an error: the read goes on, and a later turn
 * uses it; a failed read is not kept.
 */
export class ConversationMembers {
  private readonly waitMs: number;
  private readonly maxPages: number;
  private readonly rosters: LRUCache<string, ConversationMember[], RosterSource>;

  constructor(options: ConversationMembersOptions = {}) {
    this.waitMs = options.waitMs ?? 1500;
    this.maxPages = options.maxPages ?? 4;
    this.rosters = new LRUCache<string, ConversationMember[], RosterSource>({
      max: 500,
      ttl: options.ttlMs ?? 10 * 60 * 1000,
      fetchMethod: (_key, _stale, { context }) => this.read(context),
      // A read under way that others push out still answers (lru-cache would reject it with Error("evicted")).
      ignoreFetchAbort: true,
    });
  }

  /** This turn's conversation's members; [] in a personal chat, or when Teams cannot say in time. */
  async of(context: TurnContext): Promise<readonly ConversationMember[]> {
    const roster = rosterOf(context.activity);
    if (roster === undefined) return [];
    const source: RosterSource = { connector: context.turnState.get(context.adapter.ConnectorClientKey), conversationId: roster.conversationId };
    try {
      // Past the wait the read goes on for the next turn (the cache keeps it), without this one.
      const members = await pTimeout(this.rosters.fetch(roster.key, { context: source }), { milliseconds: this.waitMs, fallback: () => undefined });
      return members ?? [];
    } catch {
      return [];
    }
  }

  private async read({ connector, conversationId }: RosterSource): Promise<ConversationMember[]> {
    const members: ConversationMember[] = [];
    let token: string | undefined;
    for (let page = 0; page < this.maxPages; page++) {
      // The SDK's type wants a token even for the first page, which has none (TeamsInfo passes undefined too).
      const options = { pageSize: PAGE_SIZE, continuationToken: token } as ConversationsGetConversationPagedMembersOptionalParams;
      const result = await connector.conversations.getConversationPagedMembers(conversationId, options);
      // Teams' roster lists Teams accounts: their email and UPN are in the JSON, beyond ChannelAccount's type.
      for (const m of (result.members ?? []) as TeamsChannelAccount[]) {
        const email = m.email || (m.userPrincipalName ? emailFromUpn(m.userPrincipalName) : undefined);
        if (typeof m.id === 'string') members.push({ teamsId: m.id, aadObjectId: m.aadObjectId, name: m.name || email, email });
      }
      token = result.continuationToken || undefined;
      if (!token) break;
    }
    return members;
  }
}

/** The most people a requestor choice offers from the roster: a longer list is no longer a choice. */
const MAX_CHOICE_MEMBERS = 50;

/**
 * The members a ticket can be logged for, as the API names people (AAD object id, name, email):
 * members without an email are left out (the API needs one).
 */
export function peopleOf(members: readonly ConversationMember[]): User[] {
  const people: User[] = [];
  for (const m of members) {
    if (m.aadObjectId && m.email && m.name) people.push({ id: m.aadObjectId.toLowerCase(), name: m.name, email: m.email.toLowerCase() });
  }
  return people.slice(0, MAX_CHOICE_MEMBERS);
}
