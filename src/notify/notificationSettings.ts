import type { Activity } from 'botbuilder';
import type { ConversationStore } from '../conversations.js';
import type { NotifyFilter } from './notifySetting.js';
import { conversationKeyOf, type SubscriptionStore } from './subscriptions.js';

/** The `notify` command's view of the store, for one turn: this conversation's subscription and the speaker's own setting. */
export interface NotificationSettings {
  subscription(): Promise<NotifyFilter | undefined>;
  subscribe(filter: NotifyFilter): Promise<void>;
  unsubscribe(): Promise<void>;
  /** The speaker's personal notifications: on or off; undefined when they have no personal chat with the bot. */
  personal(): Promise<boolean | undefined>;
  /** False when the speaker has no personal chat with the bot (nothing to turn on or off). */
  setPersonal(on: boolean): Promise<boolean>;
}

/** The setting kept on a personal conversation; absent means on. */
export const NOTIFY_ME = 'notifyMe';

export function settingsFor(activity: Partial<Activity>, subscriptions: SubscriptionStore, conversations: ConversationStore): NotificationSettings {
  const key = conversationKeyOf(activity);
  const person = activity.from?.aadObjectId;
  return {
    subscription: async () => (key === undefined ? undefined : (await subscriptions.get(key))?.filter),
    subscribe: (filter) => subscriptions.subscribe(activity, filter),
    unsubscribe: async () => {
      if (key !== undefined) await subscriptions.unsubscribe(key);
    },
    personal: async () => {
      const chat = person === undefined ? undefined : await conversations.personalChat(person);
      return chat === undefined ? undefined : chat.settings[NOTIFY_ME] !== false;
    },
    setPersonal: async (on) => {
      const chat = person === undefined ? undefined : await conversations.personalChat(person);
      if (chat === undefined) return false;
      await conversations.updateSettings(chat.conversationId, { [NOTIFY_ME]: on });
      return true;
    },
  };
}
