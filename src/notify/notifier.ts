/**
 * Who hears of a change, and the messages that tell them: cards to the subscribed channels and
 * chats (one per ticket, later changes in its thread or on it), and a line to each person
 * concerned in their personal chat. Never to the person who acted, nor back to the conversation
 * the bot made the change from.
 */
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { notificationCard } from '../cards/notificationCards.js';
import type { AdaptiveCard } from '../cards/render.js';
import type { ConversationStore } from '../conversations.js';
import { errorFields } from '../errorKind.js';
import type { Logger } from '../log.js';
import type { TicketingClient } from '../ticketing/client.js';
import type { Ticket, User } from '../ticketing/types.js';
import { languageOf, translatorFor, type Translate } from '../i18n/translate.js';
import { channelHeadline, personalHeadline } from './headlines.js';
import { NOTIFY_ME } from './notificationSettings.js';
import { filterMatches } from './notifySetting.js';
import { instantOf, type BudgetedCall, type DetectedChange } from './poller.js';
import type { RecentActions } from './recentActions.js';
import { SendQueue } from './sendQueue.js';
import type { Subscription, SubscriptionStore } from './subscriptions.js';

export interface NotifierOptions {
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode): proactive messages are sent as it. */
  appId: string;
  client: TicketingClient;
  subscriptions: SubscriptionStore;
  conversations: ConversationStore;
  recent: RecentActions;
  /** Hours from UTC for the dates on notification cards going where no one told their zone. */
  utcOffset: number;
  log: Logger;
}

/**
 * A headline in the words of each recipient, said once the recipient is known: in the language
 * of the `locale` saved with their conversation's reference (English when unknown).
 */
type Headline = (t: Translate) => string;

interface PersonalMessage {
  headline: Headline;
  text?: string;
}

const lower = (id: string | undefined) => id?.toLowerCase() || undefined;

function message(card: AdaptiveCard, summary: string) {
  return { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary };
}

export class Notifier {
  readonly queue: SendQueue;

  constructor(private readonly options: NotifierOptions) {
    this.queue = new SendQueue({ onForbidden: (key) => this.turnOff(key), log: options.log });
  }

  /** Tells whoever should hear of these changes; resolves once the messages are queued. */
  async deliver(changes: readonly DetectedChange[], call: BudgetedCall): Promise<void> {
    const subscriptions = await this.options.subscriptions.all();
    for (const change of changes) {
      const { ticket } = change;
      // The API says who changed it last; the bot knows which of its own changes were made for whom, and where.
      const actorId = lower(ticket.lastUpdatedBy?.id);
      const botAction = await this.options.recent.latest(ticket.id, ticket.lastUpdatedOn, actorId);
      const actors = new Set([actorId, botAction?.actorId].filter((id) => id !== undefined));
      const first = change.changes[0];
      if (first) {
        const seen = {
          ticket,
          created: change.changes.some((c) => c.kind === 'created'),
          stateChanged: change.changes.some((c) => c.kind === 'status'),
          otherChange: change.changes.some((c) => c.kind !== 'created' && c.kind !== 'status'),
        };
        const headline: Headline = (t) => channelHeadline(ticket, first, t);
        for (const subscription of subscriptions) {
          if (botAction?.conversationId !== subscription.key && filterMatches(subscription.filter, seen)) this.post(subscription, ticket, headline);
        }
      }
      await this.tellPeople(change, actors, call);
    }
  }

  /** Resolves once every queued message is sent (or given up). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async tellPeople(change: DetectedChange, actors: ReadonlySet<string>, call: BudgetedCall): Promise<void> {
    const { ticket } = change;
    const messages = new Map<string, PersonalMessage>();
    const add = (user: User | undefined, headline: Headline, { text, evenActor = false }: { text?: string; evenActor?: boolean } = {}) => {
      const id = lower(user?.id);
      if (id === undefined || messages.has(id) || (!evenActor && actors.has(id))) return;
      messages.set(id, { headline, ...(text === undefined ? {} : { text }) });
    };
    for (const c of change.changes) {
      if (c.kind === 'assigned' && c.to) add(c.to, (t) => personalHeadline(ticket, c, t));
      if (c.kind === 'status') add(ticket.requestor, (t) => personalHeadline(ticket, c, t));
      if (c.kind === 'escalated') {
        // No one acted: an SLA ran out. Everyone following the ticket hears of it.
        add(ticket.requestor, (t) => personalHeadline(ticket, c, t), { evenActor: true });
        add(ticket.assignee, (t) => personalHeadline(ticket, c, t), { evenActor: true });
      }
    }
    const requestor = lower(ticket.requestor?.id);
    if (change.since !== undefined && requestor !== undefined && !actors.has(requestor) && !messages.has(requestor)) {
      const comment = await this.newPublicComment(ticket, change.since, requestor, call);
      if (comment) add(ticket.requestor, (t) => personalHeadline(ticket, { kind: 'comment', author: comment.author }, t), { text: comment.text });
    }
    for (const [person, said] of messages) await this.tellPerson(person, ticket, said);
  }

  /** The newest public comment since `since` by someone other than the requestor; read only when the requestor can be told. */
  private async newPublicComment(ticket: Ticket, since: string, requestor: string, call: BudgetedCall): Promise<{ author?: User; text?: string } | undefined> {
    if (!(await this.reachable(requestor))) return undefined;
    // The change is past the cursor already: a failed read costs this one notice, not the rest of the poll's.
    const activities = await call((options) => this.options.client.listActivities(ticket.id, options)).catch((error: unknown) => {
      this.options.log.warn(errorFields(error), 'notify: comments not read; the requestor is not told of one');
      return undefined;
    });
    const comment = (activities ?? []).find((a) => a.type === 'comment' && a.isPrivate !== true
      && instantOf(a.createdDateTime) > instantOf(since) && lower(a.createdBy?.id) !== requestor);
    return comment && { ...(comment.createdBy ? { author: comment.createdBy } : {}), ...(comment.comment === undefined ? {} : { text: comment.comment }) };
  }

  /** The person's personal chat, when they have one and their notifications are on. */
  private async reachable(person: string): Promise<(Awaited<ReturnType<ConversationStore['personalChat']>>) | undefined> {
    const chat = await this.options.conversations.personalChat(person);
    return chat && chat.settings[NOTIFY_ME] !== false ? chat : undefined;
  }

  private async tellPerson(person: string, ticket: Ticket, said: PersonalMessage): Promise<void> {
    const chat = await this.reachable(person);
    if (!chat) return;
    const language = languageOf(chat.reference.locale);
    const headline = said.headline(translatorFor(language));
    const card = notificationCard(ticket, headline, { language, zone: chat.zone ?? { fixedHours: this.options.utcOffset } }, said.text);
    this.queue.enqueue(chat.conversationId, async () => {
      await this.send(chat.reference, (context) => context.sendActivity(message(card, headline)));
    });
  }

  /** One card per ticket and conversation: the first change posts it, later ones reply in its thread (channels) or update it (chats). */
  private post(subscription: Subscription, ticket: Ticket, said: Headline): void {
    const language = languageOf(subscription.reference.locale);
    const headline = said(translatorFor(language));
    const card = notificationCard(ticket, headline, { language, zone: subscription.zone ?? { fixedHours: this.options.utcOffset } });
    const { key, reference } = subscription;
    this.queue.enqueue(key, async () => {
      const root = await this.options.subscriptions.postedCard(key, ticket.id);
      if (root === undefined) {
        const sent = await this.send(reference, (context) => context.sendActivity(message(card, headline)));
        if (sent?.id) await this.options.subscriptions.rememberCard(key, ticket.id, sent.id);
      } else if (subscription.inChannel) {
        const thread = { ...reference, conversation: { ...reference.conversation!, id: `${key};messageid=${root}` } };
        await this.send(thread, (context) => context.sendActivity(message(card, headline)));
      } else {
        await this.send(reference, (context) => context.updateActivity({ ...message(card, headline), id: root }));
      }
    });
  }

  /** Runs `act` in a proactive turn; the connector's error comes out here (the adapter's turn error handler would keep it). */
  private async send<T>(reference: Partial<ConversationReference>, act: (context: TurnContext) => Promise<T>): Promise<T | undefined> {
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      try {
        result = await act(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
    return result;
  }

  /** The bot may no longer post there (403): that subscription, or that person's notifications, stop. */
  private async turnOff(key: string): Promise<void> {
    await this.options.subscriptions.unsubscribe(key);
    if (await this.options.conversations.get(key)) await this.options.conversations.updateSettings(key, { [NOTIFY_ME]: false });
  }
}
