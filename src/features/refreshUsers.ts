import { MAX_REFRESH_USERS } from '../cards/ticketCard.js';
import type { Ticket } from '../ticketing/types.js';
import type { FeatureContext } from './context.js';
import { agentTest } from './permissions.js';

/**
 * Who, in this channel or group chat, sees a ticket card other than as everyone does, and so gets
 * Teams' automatic refresh (the card's `refresh.userIds`): the agents among its members, since the
 * shared card shows the requester's buttons. With roles off everyone is an agent and the shared
 * card is theirs, so only the assignee's differs (no Assign to me).
 *
 * Teams takes at most 60: the assignee comes first, then the others in roster order. The rest see
 * the shared card until they choose Refresh in the message's menu or click any of its buttons,
 * whose answer is their own view; their clicks are checked on the server as everyone's are.
 */
export async function refreshUserIds(ctx: FeatureContext, ticket: Ticket): Promise<string[]> {
  const members = await ctx.members();
  if (members.length === 0) return [];
  const assignee = ticket.assignee?.id.toLowerCase();
  const isAssignee = (aadObjectId: string | undefined) => assignee !== undefined && aadObjectId?.toLowerCase() === assignee;
  if (!ctx.roles.enforced) return members.filter((m) => isAssignee(m.aadObjectId)).map((m) => m.teamsId).slice(0, 1);
  const isAgent = await agentTest(ctx);
  const agents = members.filter(isAgent);
  const ordered = [...agents.filter((m) => isAssignee(m.aadObjectId)), ...agents.filter((m) => !isAssignee(m.aadObjectId))];
  return ordered.slice(0, MAX_REFRESH_USERS).map((m) => m.teamsId);
}
