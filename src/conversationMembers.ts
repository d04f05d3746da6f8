import { LRUCache } from 'lru-cache';
import { TeamsInfo, type TurnContext } from 'botbuilder';
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

/**
 * The roster a conversation's cards are shared with: for a channel, its team's. Unset for a
 * personal chat, which has one reader.
 */
function rosterKey(activity: TurnContext['activity']): string | undefined {
  const type = activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return undefined;
  const channelData = activity.channelData as { team?: { id?: unknown } } | undefined;
  const team = typeof channelData?.team?.id === 'string' ? channelData.team.id : undefined;
  return type === 'channel' && team ? `team:${team}` : `chat:${activity.conversation.id}`;
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
  private readonly rosters: LRUCache<string, ConversationMember[], TurnContext>;

  constructor(options: ConversationMembersOptions = {}) {
    this.waitMs = options.waitMs ?? 1500;
    this.maxPages = options.maxPages ?? 4;
    this.rosters = new LRUCache<string, ConversationMember[], TurnContext>({
      max: 500,
      ttl: options.ttlMs ?? 10 * 60 * 1000,
      fetchMethod: (_key, _stale, { context }) => this.read(context),
    });
  }

  /** This turn's conversation's members; [] in a personal chat, or when Teams cannot say in time. */
  async of(context: TurnContext): Promise<readonly ConversationMember[]> {
    const key = rosterKey(context.activity);
    if (key === undefined) return [];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.waitMs);
    });
    try {
      const members = await Promise.race([this.rosters.fetch(key, { context }), late]);
      return members ?? [];
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(context: TurnContext): Promise<ConversationMember[]> {
    const members: ConversationMember[] = [];
    let token: string | undefined;
    for (let page = 0; page < this.maxPages; page++) {
      const result = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, token);
      for (const m of result.members ?? []) {
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
