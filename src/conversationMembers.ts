import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { User } from './ticketing/types.js';
import { emailFromUpn } from './identity.js';

/** The most members a requestor choice offers: one page is one call, and a longer list is no longer a choice. */
const MAX_MEMBERS = 50;
/** The longest the list may hold a form back; without it the form offers the helpdesk's agents only. */
const MEMBERS_TIMEOUT_MS = 2000;

/**
 * The people of this conversation as Teams knows them (AAD object id, name, email), for choosing
 * whom a ticket is for. Empty when Teams cannot say (a chat the bot is not in, the connector down):
 * the choice is then smaller, never an error. Members without an email are left out (the API needs one).
 */
export async function conversationMembers(context: TurnContext): Promise<User[]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await Promise.race([
      TeamsInfo.getPagedMembers(context, MAX_MEMBERS),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('members timed out')), MEMBERS_TIMEOUT_MS);
      }),
    ]);
    const people: User[] = [];
    for (const member of page.members ?? []) {
      const email = member.email || (member.userPrincipalName ? emailFromUpn(member.userPrincipalName) : undefined);
      const name = member.name || email;
      if (member.aadObjectId && email && name) people.push({ id: member.aadObjectId.toLowerCase(), name, email: email.toLowerCase() });
    }
    return people;
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}
