import { instanceAgents } from '../ticketing/instance.js';
import type { Answer, FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';
import { catalogOptions } from './ticketRef.js';

/**
 * `unassign 12`: the Ticketing API offers no way to clear a ticket's assignee. Its update takes an
 * assignee and never "none": the public clients built against the live service send a person or
 * leave the field out (joelst/teamswork-ticketing-mcp's TicketWrite omits a null member; the
 * OpenAPI file and the Copilot skill of joelst/TicketingAsAServiceCopilotSkill name no other way).
 * So nothing is written, and the answer says what to do instead, naming one of the helpdesk's
 * agents (the instance comes from the client's cache: no API call of its own).
 */
export async function unassignTicket(ctx: FeatureContext, number: number): Promise<Answer> {
  const agents = instanceAgents(await ctx.client.getInstance(catalogOptions(ctx)));
  const speaker = ctx.speaker.aadObjectId?.toLowerCase();
  const other = agents.find((a) => a.id.toLowerCase() !== speaker);
  throw new FeatureError({ key: 'change.cannotUnassignTicket', vars: { number: String(number), agent: other?.name ?? ctx.locale.t('change.anotherAgent') } });
}
