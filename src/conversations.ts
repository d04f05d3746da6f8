import type { Activity, ConversationReference, Storage } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { toldZoneOf, type TimeZone } from './identity.js';

/** What the bot keeps about a person's personal chat with it: where to post, and its settings. */
export interface ConversationRecord {
  reference: Partial<ConversationReference>;
  settings: Record<string, unknown>;
  /** In a personal chat: the person's AAD object id, by which their notifications find the chat. */
  person?: string;
  /** The clock of whoever spoke last (`localTimezone`, else the offset of `localTimestamp`), kept as the locale is: notifications show times in it. */
  zone?: TimeZone;
  eTag?: string;
}

/** The conversations this replica wrote lately, so that a turn in a known conversation writes nothing. */
const KNOWN = 10_000;

const storageKey = (conversationId: string) => `conversation/${conversationId}`;
/** A person's personal chat with the bot, by AAD object id: where personal notifications go. */
const personalKey = (aadObjectId: string) => `personal/${aadObjectId.toLowerCase()}`;

/** Where a later message can be posted: the conversation, not the activity or who spoke. */
function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> | undefined {
  if (!activity.conversation?.id || !activity.serviceUrl || !activity.channelId) return undefined;
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: activity.conversation,
    ...(activity.recipient ? { bot: activity.recipient } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

/**
 * The personal chats' references (for notifications to post to later) and their settings,
 * through botbuilder's `Storage` (MemoryStorage, Redis, and later Blob or Cosmos DB).
 */
export class ConversationStore {
  /** conversation id → the record as last written or read here. */
  private readonly known = new LRUCache<string, string>({ max: KNOWN });

  constructor(private readonly storage: Storage) {}

  /**
   * Saves the reference of the personal chat `activity` comes from, when new or changed. Only
   * personal chats: they are where a person's notifications go. A channel or group chat is posted
   * to later only by its subscription, which keeps its own reference; a record per channel thread
   * (Teams gives each its own id) would be read by nothing and kept forever.
   */
  async remember(activity: Partial<Activity>): Promise<void> {
    if (activity.conversation?.conversationType !== 'personal') return;
    const reference = referenceOf(activity);
    if (!reference) return;
    const id = reference.conversation!.id;
    // An activity that tells no zone leaves the one kept.
    const zone = toldZoneOf(activity);
    const known = this.known.get(id);
    const kept = known === undefined ? undefined : (JSON.parse(known) as ConversationRecord);
    if (kept && JSON.stringify(kept.reference) === JSON.stringify(reference) && (zone === undefined || JSON.stringify(kept.zone) === JSON.stringify(zone))) return;
    const person = activity.from?.aadObjectId;
    const record = (await this.get(id)) ?? { reference, settings: {} };
    await this.save(id, { ...record, reference, ...(zone ? { zone } : {}), ...(person ? { person } : {}), eTag: '*' });
    if (person) await this.indexPerson(person, id);
  }

  /** The personal chat a person has with the bot, with its settings; undefined when they have none. */
  async personalChat(aadObjectId: string): Promise<(ConversationRecord & { conversationId: string }) | undefined> {
    const items = await this.storage.read([personalKey(aadObjectId)]);
    const conversationId: unknown = (items[personalKey(aadObjectId)] as { conversationId?: unknown } | undefined)?.conversationId;
    if (typeof conversationId !== 'string') return undefined;
    const record = await this.get(conversationId);
    return record && { ...record, conversationId };
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const items = await this.storage.read([storageKey(conversationId)]);
    const record = items[storageKey(conversationId)] as ConversationRecord | undefined;
    if (record) this.known.set(conversationId, JSON.stringify(record));
    return record;
  }

  /** Merges `settings` into the conversation's own. */
  async updateSettings(conversationId: string, settings: Record<string, unknown>): Promise<void> {
    const record = await this.get(conversationId);
    if (!record) throw new Error('The bot has not heard from that conversation.');
    await this.save(conversationId, { ...record, settings: { ...record.settings, ...settings } });
  }

  /** Writes again every record this replica knows (the store may have restarted empty); a newer one there is kept. */
  async putBack(): Promise<void> {
    for (const [id, text] of this.known.entries()) {
      const stored = await this.storage.read([storageKey(id)]);
      if (stored[storageKey(id)] !== undefined) continue;
      const record = JSON.parse(text) as ConversationRecord;
      await this.storage.write({ [storageKey(id)]: { ...record, eTag: '*' } });
      if (record.person) await this.indexPerson(record.person, id);
    }
  }

  /** Known here first: a write that fails (the store is away) is made by `putBack` when it returns. */
  private async save(conversationId: string, record: ConversationRecord): Promise<void> {
    const { eTag: _eTag, ...kept } = record;
    this.known.set(conversationId, JSON.stringify(kept));
    await this.storage.write({ [storageKey(conversationId)]: record });
  }

  private async indexPerson(aadObjectId: string, conversationId: string): Promise<void> {
    await this.storage.write({ [personalKey(aadObjectId)]: { conversationId, eTag: '*' } });
  }
}
