import { TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';

/** Posts a message to the conversation of the turn it was made in, during or after that turn. */
export type OutlivingSend = (message: Partial<Activity>) => Promise<ResourceResponse>;

/**
 * A way to post where the turn's own answers go (the conversation, a channel's thread) that keeps
 * working after the turn: botbuilder revokes the TurnContext when the turn ends (and sendActivity
 * marks it answered once the send is done, which then throws). So the conversation reference and
 * the turn's connector client are taken now, and the post is made as CloudAdapter makes it.
 */
export function outlivingSender(context: TurnContext): OutlivingSend {
  const reference = TurnContext.getConversationReference(context.activity);
  const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
  return async (message) => {
    const activity = TurnContext.applyConversationReference({ type: 'message', ...message }, reference) as Activity;
    const conversationId = activity.conversation.id;
    return activity.replyToId
      ? connector.conversations.replyToActivity(conversationId, activity.replyToId, activity)
      : connector.conversations.sendToConversation(conversationId, activity);
  };
}
