import type { Activity, ConversationReference, Storage } from 'botbuilder';
import { isNotifyFilter, type NotifyFilter } from './notifySetting.js';
import { toldZoneOf, type TimeZone } from '../identity.js';

/** A channel's or chat's subscription: where to post, and what about. */
export interface Subscription {
  /** The conversation posted to: a channel's own id (no thread), or the chat's. */
  key: string;
  reference: Partial<ConversationReference>;
  filter: NotifyFilter;
  /** Channels get later changes as replies in the card's thread; chats get the card updated. */
  inChannel: boolean;
  /** The clock of whoever subscribed, kept as the locale is (in the reference): the cards' times are in it. */
  zone?: TimeZone;
}

const INDEX_KEY = 'notify/subscriptions';
const subscriptionKey = (key: string) => `notify/subscription/${key}`;
const postedKey = (key: string, ticketId: string) => `notify/posted/${key}/${ticketId.toLowerCase()}`;

/**
 * A channel's own conversation id: Teams names a thread `19:…@thread.tacv2;messageid=…`, and a
 * subscription is the channel's, whichever thread it was asked in.
 */
export function conversationKeyOf(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.id;
  if (!id) return undefined;
  return activity.conversation?.conversationType === 'channel' ? id.split(';')[0]! : id;
}

/** The subscriptions of channels and chats, and the card each posted per ticket, in the bot's store. */
export class SubscriptionStore {
  constructor(private readonly storage: Storage) {}

  async get(key: string): Promise<Subscription | undefined> {
    const items = await this.storage.read([subscriptionKey(key)]);
    const item = items[subscriptionKey(key)] as Partial<Subscription> | undefined;
    return item && isNotifyFilter(item.filter) && item.reference ? (item as Subscription) : undefined;
  }

  /** Subscribes the conversation `activity` comes from; replaces what it had. */
  async subscribe(activity: Partial<Activity>, filter: NotifyFilter): Promise<void> {
    const key = conversationKeyOf(activity);
    if (!key || !activity.serviceUrl || !activity.channelId) throw new Error('The activity names no conversation.');
    const inChannel = activity.conversation?.conversationType === 'channel';
    const reference: Partial<ConversationReference> = {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      conversation: { ...activity.conversation!, id: key },
      ...(activity.recipient ? { bot: activity.recipient } : {}),
      ...(activity.locale ? { locale: activity.locale } : {}),
    };
    const zone = toldZoneOf(activity);
    const subscription: Subscription = { key, reference, filter, inChannel, ...(zone ? { zone } : {}) };
    await this.storage.write({ [subscriptionKey(key)]: { ...subscription, eTag: '*' } });
    const keys = await this.keys();
    if (!keys.includes(key)) await this.writeIndex([...keys, key]);
  }

  async unsubscribe(key: string): Promise<void> {
    await this.storage.delete([subscriptionKey(key)]);
    await this.writeIndex((await this.keys()).filter((k) => k !== key));
  }

  async all(): Promise<Subscription[]> {
    const keys = await this.keys();
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys.map(subscriptionKey));
    return keys.map((k) => items[subscriptionKey(k)] as Subscription | undefined)
      .filter((s): s is Subscription => s !== undefined && isNotifyFilter(s.filter));
  }

  /** The card posted for a ticket in a conversation, when one was. */
  async postedCard(key: string, ticketId: string): Promise<string | undefined> {
    const items = await this.storage.read([postedKey(key, ticketId)]);
    const id: unknown = (items[postedKey(key, ticketId)] as { activityId?: unknown } | undefined)?.activityId;
    return typeof id === 'string' ? id : undefined;
  }

  async rememberCard(key: string, ticketId: string, activityId: string): Promise<void> {
    await this.storage.write({ [postedKey(key, ticketId)]: { activityId, eTag: '*' } });
  }

  private async keys(): Promise<string[]> {
    const items = await this.storage.read([INDEX_KEY]);
    const keys: unknown = (items[INDEX_KEY] as { keys?: unknown } | undefined)?.keys;
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  }

  private async writeIndex(keys: string[]): Promise<void> {
    await this.storage.write({ [INDEX_KEY]: { keys, eTag: '*' } });
  }
}
