import type { AdaptiveCard } from '../cards/render.js';
import type { ConversationMember } from '../conversationMembers.js';
import type { HelpdeskRoles } from '../config.js';
import type { ClientLog, TicketingClient } from '../ticketing/client.js';
import type { RecentCache } from '../cache/recentCache.js';
import type { Reports } from '../reports/reports.js';
import type { TicketCache } from '../cache/ticketCache.js';
import type { Ticket, User } from '../ticketing/types.js';
import type { Locale } from '../i18n/locale.js';
import type { NotificationSettings } from '../notify/notificationSettings.js';

/**
 * All a feature knows of Teams: who is speaking, their timezone, and a way to establish the acting
 * user for a write. Built per turn by the bot; nothing per-turn is kept on shared objects.
 */
export interface FeatureContext {
  readonly client: TicketingClient;
  readonly tickets: TicketCache;
  /** List and search pages as last read, by what was asked: shown when the API is too busy to read them again. */
  readonly pages: RecentCache<ListPage>;
  /** The speaker's offset from UTC in hours now (5.5 in India); the API's `timezone` rounds it. */
  readonly utcOffset: number;
  /** The speaker's language, its sentences (`locale.t`), and their time zone, for what they read. */
  readonly locale: Locale;
  /** Who is speaking, as the activity says, without any lookup. */
  readonly speaker: { aadObjectId?: string; name?: string };
  /**
   * The acting user for writes: AAD object id, display name and email of the Teams user, looked up
   * (and cached) from the authenticated activity. Throws IdentityError when it cannot be established.
   */
  actor(): Promise<User>;
  /**
   * Another Teams user, by AAD object id, as Teams knows them (name and email from the connector);
   * `name`: the name the request itself gave (a message's author), when the member record has none.
   */
  person(aadObjectId: string, name?: string): Promise<User>;
  /** Epoch ms by which the answer must be ready (Teams' deadline, less a margin). */
  readonly deadline: number;
  readonly inChannel: boolean;
  /** A one-to-one chat with the bot: the only place Teams lets a bot offer a file. */
  readonly inPersonalChat: boolean;
  /** The helpdesk's reports: periods read and kept, export links. */
  readonly reports: Reports;
  /** This conversation's subscription and the speaker's own notifications; unset when notifications are off. */
  readonly notifications?: NotificationSettings;
  /** A channel or a group chat: Teams delivers the bot only messages that mention it, so say "Mention me". */
  readonly mustMention: boolean;
  /** The turn is an invoke (a click, a refresh, the message extension), answered to the clicker alone; a message's answer is posted for everyone. */
  readonly answerIsPrivate: boolean;
  /** Who may work tickets beyond their own (permissions.ts applies it). */
  readonly roles: HelpdeskRoles;
  /** This conversation, as subscriptions name it: the changes made from here are not notified back here. */
  readonly conversationKey?: string;
  /** The channel's or group chat's members, as Teams' roster lists them (cached); [] in a personal chat or when Teams cannot say in time. */
  members(): Promise<readonly ConversationMember[]>;
  /** Where the API client records this turn's calls: the turn's logger, as component `api`. */
  readonly apiLog: ClientLog;
}

/** One page of a list as read: its tickets and the Next page button's data. */
export interface ListPage {
  tickets: Ticket[];
  next?: object;
  /** How many tickets the whole list holds, when it is known (lists read whole: mine, unassigned…). */
  total?: number;
}

/** A file Teams' consent flow offers in a personal chat: the CSV's name, size, and the signed token that fetches it. */
export interface FileOffer {
  name: string;
  bytes: number;
  token: string;
  /** What the consent card says the file is, in the asker's language. */
  description: string;
}

/** What a feature answers: a card, with a one-line text for notifications and screen readers. */
export interface Answer {
  /** The card for the person who clicked, or what a message posts: the card everyone sees (see ticketAnswer.ts). */
  card: AdaptiveCard;
  /** After a click in a channel or group chat, the card everyone sees, drawn only when bot.ts redraws it for them. */
  shared?: () => AdaptiveCard;
  summary: string;
  /**
   * From a card button: post the card as a new message instead of replacing the card the button
   * was on (opening a ticket from a list keeps the list).
   */
  asNewMessage?: boolean;
  /** The ticket changed: the card the button was on is redrawn for everyone, not only the actor. */
  changed?: boolean;
  /** A file for the person who asked, offered through Teams' file consent card in a personal chat. */
  file?: FileOffer;
}
