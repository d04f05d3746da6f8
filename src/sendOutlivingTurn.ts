import { TurnContext, type Activity, type ResourceResponse } from 'botbuilder';

/**
 * Sends `message` where the turn's own answers go (the conversation, a channel's thread), as
 * TurnContext.sendActivity does, but straight through the adapter, so that it may finish after the
 * turn: botbuilder revokes the TurnContext when the turn ends, and sendActivity marks it answered
 * once the send is done, which then throws. What the send needs is read here, during the turn.
 */
export async function sendOutlivingTurn(context: TurnContext, message: Partial<Activity>): Promise<ResourceResponse | undefined> {
  const activity = TurnContext.applyConversationReference({ type: 'message', ...message }, TurnContext.getConversationReference(context.activity));
  const [response] = await context.adapter.sendActivities(context, [activity]);
  return response;
}
