import type { Activity, ConversationParameters, TurnContext } from 'botbuilder';

/** The part of the connector client this needs (the SDK keeps the turn's own in its turn state). */
interface Conversations {
  createConversation(parameters: ConversationParameters): Promise<{ id?: string }>;
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<unknown>;
}

/**
 * Sends `message` to the person of this turn and no one else. In a personal chat that is the chat.
 * In a channel or group chat, where every message is everyone's and a bot has no message for one
 * reader, it goes to the person's personal chat with the bot, which Teams lets a bot start with
 * anyone of a team or chat it is in. Throws when Teams refuses; nothing is said elsewhere instead.
 */
export async function sendToSpeakerAlone(context: TurnContext, message: Partial<Activity>): Promise<void> {
  const activity = context.activity;
  if (activity.conversation?.conversationType === 'personal') {
    await context.sendActivity(message);
    return;
  }
  const client = context.turnState.get<{ conversations: Conversations } | undefined>(context.adapter.ConnectorClientKey);
  if (!client) throw new Error('no connector client for this turn');
  const tenantId = activity.conversation?.tenantId;
  const chat = await client.conversations.createConversation({
    isGroup: false,
    bot: activity.recipient,
    members: [activity.from],
    ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
  } as ConversationParameters);
  if (!chat.id) throw new Error('Teams named no personal chat');
  await client.conversations.sendToConversation(chat.id, { type: 'message', ...message, from: activity.recipient, conversation: { id: chat.id } as Activity['conversation'] });
}
