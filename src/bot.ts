import pTimeout from 'p-timeout';
import {
  ActivityTypes, CardFactory, Channels, MessageFactory, TeamsActivityHandler, TurnContext,
  type Activity, type InvokeResponse,
} from 'botbuilder';
import type { AdaptiveCard } from './cards/render.js';
import type { HelpdeskRoles } from './config.js';
import type { ConversationStore } from './conversations.js';
import { ConversationMembers } from './conversationMembers.js';
import type { Answer, FeatureContext } from './features/context.js';
import { errorAnswer } from './features/errorAnswer.js';
import { openCreateForm, submitCreateForm } from './features/createForm.js';
import { findTickets, unfurlLink, type SearchResult } from './features/findTicket.js';
import { help } from './features/help.js';
import { linkWithoutTicket } from './features/linkAnswer.js';
import { errorFields, statusOf } from './errorKind.js';
import { htmlToText } from './htmlToText.js';
import { textWithoutBotMention } from './mentions.js';
import { BadInvokeError, parseCreateInvoke, parseLinkInvoke, parseSearchInvoke } from './features/messageExtension.js';
import { BadActionError, isVerb, parseAction, VERBS, type CardAction } from './features/parseAction.js';
import { parseCommand } from './features/parseCommand.js';
import { routeAction, routeCommand } from './features/router.js';
import type { RecentCache } from './cache/recentCache.js';
import type { TicketCache } from './cache/ticketCache.js';
import type { ListPage } from './features/context.js';
import { IdentityResolver, offsetAt } from './identity.js';
import { localeOf } from './i18n/locale.js';
import { languageOf, translatorFor, type Translate } from './i18n/translate.js';
import { ReplayGuard, type SharedClaims } from './replayGuard.js';
import type { TicketingClient } from './ticketing/client.js';
import { isRecord } from './ticketing/validate.js';
import type { Reports } from './reports/reports.js';
import type { ExportGrant } from './reports/exportLinks.js';
import { fileConsentAttachment, fileInfoAttachment, parseFileConsent, uploadFile, type UploadInfo } from './fileConsent.js';
import type { NotificationSettings } from './notify/notificationSettings.js';
import { conversationKeyOf } from './notify/subscriptions.js';
import type { Logger } from './log.js';
import { turnLog } from './turnLog.js';
import { arrivalOf } from './turnArrival.js';
import { outlivingSender, type OutlivingSend } from './outlivingSender.js';
import { AfterTurnWork } from './afterTurn.js';
import { sendToSpeakerAlone } from './speakerAlone.js';

export interface BotDeps {
  client: TicketingClient;
  tickets: TicketCache;
  pages: RecentCache<ListPage>;
  identity: IdentityResolver;
  timezoneDefault: number;
  /** Hosts whose ticket links unfurl into ticket cards, e.g. `*.teamswork.app`. */
  linkDomains: readonly string[];
  /** Keeps the replay guard's claims across a restart; unset: memory only. */
  replayFile?: string;
  /** The replay guard's claims shared with other replicas; unset: this process's only. */
  replayClaims?: SharedClaims;
  /** Where the reference of every conversation the bot hears from is kept. */
  conversations: ConversationStore;
  /** Microsoft 365 tenants whose people may use the bot (lower-case ids), or '*'. */
  allowedTenants: readonly string[] | '*';
  /**
   * Serve Teams only (a deployed bot): another channel of the bot's registration (Web Chat, Direct
   * Line) lets its client write the tenant and the sender's ids, which Teams vouches for here.
   */
  teamsOnly?: boolean;
  /** The helpdesk's reports and their export links. */
  reports: Reports;
  /** The `notify` command's settings for a turn; unset when notifications are off. */
  notificationSettings?: (activity: TurnContext['activity']) => NotificationSettings;
  /** Who may work tickets beyond their own. */
  roles: HelpdeskRoles;
  log: Logger;
}

/**
 * Teams waits about 5 s for an invoke's answer; we answer well before, busy or not (its own
 * network time counts too), counting from the request's arrival, token check included.
 */
const INVOKE_BUDGET_MS = 4000;
/** After a file consent's turn, what reading the report again, then the upload, may each take. */
const FILE_STEP_MS = 10_000;
/** A message's reply goes through the connector, so it may take longer, but not forever. */
const MESSAGE_BUDGET_MS = 12_000;
/** A repeated invoke on another replica waits this long for the first delivery's answer, to give the same one. */
const REPEAT_WAIT_MS = INVOKE_BUDGET_MS;
/** Below this, no typing indicator: it would only flicker. */
const TYPING_DELAY_MS = 300;

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The card a conversation sees: the shared view when the answer has one, else the answer's card. */
function forEveryone(answer: Answer): AdaptiveCard {
  return answer.shared?.() ?? answer.card;
}

/** A message carrying `card`; with `id`, the update of the message it replaces. */
function cardMessage(card: AdaptiveCard, summary: string, id?: string) {
  return { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary, ...(id === undefined ? {} : { id }) };
}

function typedError(status: number, code: string, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } };
}

/** A card action's answer that leaves the card as it is and shows the person `text`. */
function invokeMessage(text: string): InvokeResponse {
  return invokeBody({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });
}

function invokeBody(body: object): InvokeResponse {
  return { status: 200, body };
}

function taskForm(card: AdaptiveCard, t: Translate) {
  return { task: { type: 'continue', value: { title: t('bot.createTicketTitle'), card: CardFactory.adaptiveCard(card), width: 'large', height: 'large' } } };
}

/** A card to insert, with the short preview Teams lists it by. */
function resultAttachment(result: SearchResult) {
  return { contentType: CARD_CONTENT_TYPE, content: result.card, preview: CardFactory.thumbnailCard(result.preview.title, result.preview.text) };
}

/**
 * What makes a delivery a repeat: the same activity id in the same conversation from the same
 * sender. Teams' message ids are timestamps, unique only within a conversation, and a repeat gets
 * the first delivery's answer, which must never be another person's.
 */
function replayKey(activity: TurnContext['activity']): string | undefined {
  if (!activity.id) return undefined;
  return JSON.stringify([activity.conversation?.id ?? '', activity.from?.id ?? '', activity.id]);
}

/** The answer to a redelivered invoke whose first answer is no longer kept (after a restart, say). */
function alreadyHandled(invokeName: string, t: Translate): InvokeResponse {
  const said = t('bot.alreadyHandled');
  if (invokeName === 'adaptiveCard/action') {
    return invokeMessage(said);
  }
  return invokeBody({ composeExtension: { type: 'message', text: said } });
}

/** The tenant Teams says the activity comes from; undefined when it names none, or two that differ. */
function tenantOf(activity: TurnContext['activity']): string | undefined {
  const fromChannelData: unknown = isRecord(activity.channelData) && isRecord(activity.channelData.tenant) ? activity.channelData.tenant.id : undefined;
  const fromConversation: unknown = activity.conversation?.tenantId;
  const ids = [fromChannelData, fromConversation].filter((id) => id !== undefined);
  if (ids.length === 0 || ids.some((id) => typeof id !== 'string' || id.toLowerCase() !== String(ids[0]).toLowerCase())) return undefined;
  return (ids[0] as string).toLowerCase();
}

/**
 * Routes by activity kind only: chat text → commands, card verbs → actions. Features do the work;
 * this class turns their answers into Teams messages, invoke responses and card updates.
 */
export class TicketBot extends TeamsActivityHandler {
  private readonly replays: ReplayGuard<InvokeResponse | void>;
  /** Who is in each channel and group chat: whom a shared card's automatic refresh names. */
  private readonly members = new ConversationMembers();
  /** What turns started and did not wait for; the server lets it finish when it stops. */
  readonly afterTurn = new AfterTurnWork();

  constructor(private readonly deps: BotDeps) {
    super();
    this.replays = new ReplayGuard({ file: deps.replayFile, shared: deps.replayClaims });
    this.onMessage(async (context, next) => {
      // A repeat whose first answer is no longer kept is answered with silence: never the work again.
      const ignored = () => this.log(context).info('already handled, here or on another replica: nothing done');
      const { result, repeated } = this.replays.once(replayKey(context.activity), () => this.handleMessage(context), ignored);
      if (repeated) this.log(context).info('repeated delivery ignored');
      await result;
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        const ctx = this.featureContext(context, MESSAGE_BUDGET_MS);
        // A hello Teams refuses (a moderated channel where bots may not post) is no fault of ours.
        await context.sendActivity(cardMessage(help(ctx).card, ctx.locale.t('help.welcome'))).catch((error: unknown) => {
          this.log(context).warn(errorFields(error), 'welcome refused');
        });
      }
      await next();
    });
  }

  /**
   * People on another channel than Teams (when deployed) or of a tenant not allowed get one short
   * sentence (or a 403 for an invoke), and nothing else runs.
   */
  override async run(context: TurnContext): Promise<void> {
    const log = turnLog(context, this.deps.log);
    const refusal = this.refusalOf(context.activity);
    if (!refusal) {
      // Not awaited: a slow store must not hold the turn; a failed write is made again when the store returns.
      this.deps.conversations.remember(context.activity).catch(() => log.warn('conversation not saved yet'));
      return super.run(context);
    }
    log.warn({ channel: String(context.activity.channelId).slice(0, 40) }, `refused: ${refusal.why}`);
    const sentence = this.translatorOf(context)(refusal.key);
    if (context.activity.type === ActivityTypes.Message) await context.sendActivity(sentence);
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: typedError(403, refusal.code, sentence) });
    }
  }

  private refusalOf(activity: TurnContext['activity']): { why: string; key: string; code: string } | undefined {
    if (this.deps.teamsOnly && activity.channelId !== Channels.Msteams) return { why: 'not Teams', key: 'bot.teamsOnly', code: 'ChannelNotSupported' };
    const allowed = this.deps.allowedTenants;
    if (allowed !== '*' && !allowed.includes(tenantOf(activity) ?? '')) return { why: 'tenant not allowed', key: 'bot.foreignTenant', code: 'TenantNotAllowed' };
    return undefined;
  }

  /** Invoke name → handler: card actions and the message extension's commands. */
  private readonly invokeRoutes: Record<string, (context: TurnContext) => Promise<InvokeResponse>> = {
    'adaptiveCard/action': (context) => this.handleCardInvoke(context),
    'composeExtension/fetchTask': (context) => this.handleFetchTask(context),
    'composeExtension/submitAction': (context) => this.handleSubmitAction(context),
    'composeExtension/query': (context) => this.handleSearch(context),
    'composeExtension/queryLink': (context) => this.handleLink(context),
    'fileConsent/invoke': (context) => this.handleFileConsent(context),
  };

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const route = Object.hasOwn(this.invokeRoutes, context.activity.name ?? '') ? this.invokeRoutes[context.activity.name!] : undefined;
    if (!route) return super.onInvokeActivity(context);
    const { result } = this.replays.once(replayKey(context.activity), async () => {
      try {
        return await route(context);
      } catch (error) {
        if (error instanceof BadInvokeError) return typedError(400, 'BadRequest', error.sayIn(this.translatorOf(context)));
        throw error;
      }
    }, () => alreadyHandled(context.activity.name!, this.translatorOf(context)), { waitForAnswerMs: REPEAT_WAIT_MS });
    return (await result) as InvokeResponse;
  }

  /** The sentences of the person's language, for answers made outside a feature. */
  private translatorOf(context: TurnContext): Translate {
    return translatorFor(languageOf(context.activity.locale));
  }

  /** The turn's logger (see turnLog.ts). */
  private log(context: TurnContext): Logger {
    return turnLog(context, this.deps.log);
  }

  private featureContext(context: TurnContext, budgetMs: number): FeatureContext {
    const activity = context.activity;
    // The zone is worked out once a turn: the offset now is the locale's.
    const locale = localeOf(activity, this.deps.timezoneDefault);
    return {
      client: this.deps.client,
      tickets: this.deps.tickets,
      pages: this.deps.pages,
      utcOffset: offsetAt(locale.zone, new Date()),
      locale,
      speaker: { aadObjectId: activity.from?.aadObjectId, name: activity.from?.name },
      actor: () => this.deps.identity.actorFor(context),
      person: (aadObjectId, name) => this.deps.identity.personFor(context, aadObjectId, name),
      deadline: arrivalOf(context) + budgetMs,
      inChannel: activity.conversation?.conversationType === 'channel',
      inPersonalChat: activity.conversation?.conversationType === 'personal',
      reports: this.deps.reports,
      ...(this.deps.notificationSettings ? { notifications: this.deps.notificationSettings(activity) } : {}),
      mustMention: ['channel', 'groupChat'].includes(activity.conversation?.conversationType ?? ''),
      answerIsPrivate: activity.type === ActivityTypes.Invoke,
      roles: this.deps.roles,
      conversationKey: conversationKeyOf(activity),
      members: () => this.members.of(context),
      apiLog: this.log(context).child({ component: 'api' }),
    };
  }

  /**
   * Runs a feature; any error becomes the answer a person reads, and unknown ones are logged.
   * `ticketId`: the ticket of the button clicked, which the error card then leads back to.
   */
  private async answer(context: TurnContext, what: string, run: () => Promise<Answer>, ticketId?: string): Promise<Answer & { failed?: true }> {
    const started = Date.now();
    try {
      const answer = await run();
      this.log(context).info({ action: what, ms: Date.now() - started }, `${what} ok`);
      return answer;
    } catch (error) {
      const answer = errorAnswer(error, ticketId, this.translatorOf(context));
      const record = { action: what, ...errorFields(error), ms: Date.now() - started };
      if (answer.known) this.log(context).info(record, `${what} refused`);
      else this.log(context).error(record, `${what} FAILED`);
      return { card: answer.card, summary: answer.summary, failed: true };
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // Older clients send an Action.Submit as a message whose value holds the card's data.
    if (isRecord(activity.value) && !activity.text?.trim()) return this.handleSubmit(context, activity.value);

    // Teams sends rich text as HTML; a card inserted from the message extension arrives as a
    // message whose text is only an HTML placeholder: that is people sharing a card, not a command.
    const text = typeof activity.text === 'string' ? htmlToText(textWithoutBotMention(activity)) : '';
    if (text === '' && (activity.attachments?.length ?? 0) > 0) return;
    const ctx = this.featureContext(context, MESSAGE_BUDGET_MS);
    const command = parseCommand(text);
    const typing = setTimeout(() => {
      context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
    }, TYPING_DELAY_MS);
    let answer: Answer;
    try {
      answer = command.name === 'notUnderstood'
        ? help(ctx, command)
        : await this.answer(context, `command ${command.name}`, () => routeCommand(ctx, command));
    } finally {
      clearTimeout(typing);
    }
    await this.postAnswer(context, answer);
  }

  /**
   * Posts a typed command's answer where it was asked. In a channel or group chat where Teams
   * refuses the bot's posts (403: a moderated channel), the person still learns what happened, a
   * ticket they just created included: the answer goes to their personal chat instead.
   */
  private async postAnswer(context: TurnContext, answer: Answer): Promise<void> {
    try {
      await context.sendActivity(cardMessage(forEveryone(answer), answer.summary));
    } catch (error) {
      const status = statusOf(error);
      if (status === 403 && context.activity.conversation?.conversationType !== 'personal') {
        this.log(context).warn(errorFields(error), 'answer refused here; sent to the person alone');
        await sendToSpeakerAlone(context, cardMessage(answer.card, answer.summary));
        return;
      }
      // Teams refused the card itself (413 too large, 400 not valid): its words alone still say
      // what was done, where the turn error's "try again" would have a ticket made twice.
      if (status !== 413 && status !== 400) throw error;
      this.log(context).warn(errorFields(error), 'answer card refused; its summary sent as text');
      await context.sendActivity(answer.summary);
    }
  }

  private async handleSubmit(context: TurnContext, value: Record<string, unknown>): Promise<void> {
    const ctx = this.featureContext(context, MESSAGE_BUDGET_MS);
    // The log names a known verb only: the value is the sender's, and String() of a forged object can throw.
    const answer = await this.answer(context, `submit ${isVerb(value.verb) ? value.verb : 'unknown'}`, () => routeAction(ctx, parseAction(value.verb, value)));
    const replyTo = context.activity.replyToId;
    // An error is the clicker's alone: the card everyone shares stays as it was, and in a channel
    // or group chat the error goes to their personal chat with the bot.
    if (answer.failed) {
      await sendToSpeakerAlone(context, cardMessage(answer.card, answer.summary)).catch((error: unknown) => {
        this.log(context).warn(errorFields(error), 'private answer not delivered');
      });
    } else if (replyTo && !answer.asNewMessage) {
      // Done is done: when Teams will not change the card clicked (a card a person inserted is
      // their message, not the bot's), the answer comes as a message, never "try again".
      await context.updateActivity(cardMessage(forEveryone(answer), answer.summary, replyTo)).catch(async (error: unknown) => {
        this.log(context).warn(errorFields(error), 'card update refused; answered with a message');
        await this.postAnswer(context, answer);
      });
    } else {
      await this.postAnswer(context, answer);
    }
  }

  private async handleCardInvoke(context: TurnContext): Promise<InvokeResponse> {
    const value: unknown = context.activity.value;
    const action = isRecord(value) ? value.action : undefined;
    if (!isRecord(action) || action.type !== 'Action.Execute') {
      return typedError(400, 'BadRequest', this.translatorOf(context)('bot.expectedExecute'));
    }
    if (!isVerb(action.verb)) return typedError(400, 'UnknownVerb', this.translatorOf(context)('bot.unknownButton'));
    let parsed: CardAction;
    try {
      parsed = parseAction(action.verb, action.data);
    } catch (error) {
      if (!(error instanceof BadActionError)) throw error;
      const refused = errorAnswer(error, undefined, this.translatorOf(context));
      return action.verb === VERBS.refresh ? invokeMessage(refused.summary) : this.invokeCard(refused.card);
    }
    const ctx = this.featureContext(context, INVOKE_BUDGET_MS);
    const answer = await this.answer(context, `action ${parsed.verb}`, () => routeAction(ctx, parsed), 'ticketId' in parsed ? parsed.ticketId : undefined);
    // A refresh Teams makes on its own must not put an error where the ticket was (nor show a ticket
    // its data names that the person may not see): they keep the card as they have it, the shared view.
    if (answer.failed && parsed.verb === VERBS.refresh) return invokeMessage(answer.summary);
    if (answer.asNewMessage) return this.postNewMessage(context, answer, ctx.deadline);
    const replyTo = context.activity.replyToId;
    if (answer.changed && replyTo) {
      // The invoke response redraws the card for the person who clicked; this redraws it for
      // everyone. Not awaited: the clicker's answer need not wait for the connector's round trip
      // (the request is sent before the turn ends; a failure is only logged).
      this.afterTurn.track(this.redrawForEveryone(context, answer, replyTo));
    }
    // The file consent card goes to the personal chat the person clicked in: a file is offered nowhere else.
    // Not awaited, so that a slow or throttled chat cannot hold the answer past Teams' deadline; a
    // failed offer leaves the link, which the answer holds: it is logged, not turned into an error.
    if (answer.file) this.postAfterTurn(context, { attachments: [fileConsentAttachment(answer.file)] }, 'file offer failed');
    return this.invokeCard(answer.card);
  }

  /**
   * Posts a button's answer as a new message (Create, Open, Report) and tells the clicker so. When
   * Teams refuses the post (a moderated channel where bots may not start posts) or has not taken
   * it by the invoke's deadline (it throttles with Retry-After, which botbuilder waits out), the
   * clicker sees what they asked for, a ticket they created included, in place of the card they
   * clicked: an error, or Teams giving up on the invoke, would invite a second try.
   */
  private async postNewMessage(context: TurnContext, answer: Answer, deadline: number): Promise<InvokeResponse> {
    const log = this.log(context);
    const posting = outlivingSender(context)(cardMessage(forEveryone(answer), answer.summary));
    try {
      const posted = await pTimeout(posting.then(() => true), { milliseconds: Math.max(1, deadline - Date.now()), fallback: () => false });
      if (posted) return invokeMessage(answer.summary);
    } catch (error) {
      log.warn(errorFields(error), 'new message refused; answered in place');
      return this.invokeCard(answer.card);
    }
    log.warn('new message slow; answered in place');
    this.afterTurn.track(posting.then(
      () => log.info('new message posted late'),
      (error: unknown) => log.warn(errorFields(error), 'new message refused after the answer'),
    ));
    return this.invokeCard(answer.card);
  }

  /**
   * Replaces the clicked card for everyone, after the clicker's answer. The turn's logger is taken
   * first: by the time a refusal comes back the turn has ended and botbuilder has revoked its
   * context, so reading it then would throw from this catch (an unhandled rejection that stops
   * the process). The shared card is drawn in here too, so a card that cannot be drawn (our bug)
   * is logged like a failed update and never turns the clicker's confirmed change into an error.
   */
  private async redrawForEveryone(context: TurnContext, answer: Answer, replyTo: string): Promise<void> {
    const log = this.log(context);
    try {
      await context.updateActivity(cardMessage(forEveryone(answer), answer.summary, replyTo));
    } catch (error) {
      log.warn(errorFields(error), 'card update for everyone failed');
    }
  }

  /**
   * The person accepted or declined a report's CSV: upload it to where Teams says, or say no more
   * than that. An accept is answered at once and the file made, uploaded and shown after the
   * turn: how long Teams waits for this invoke is not documented, and a report read again and an
   * upload to OneDrive may together take longer than the 5 s it gives other invokes.
   */
  private async handleFileConsent(context: TurnContext): Promise<InvokeResponse> {
    const consent = parseFileConsent(context.activity.value);
    const asker = context.activity.from?.aadObjectId;
    const grant = asker ? this.deps.reports.grantOf(consent.token, asker) : undefined;
    const log = this.log(context);
    const t = this.translatorOf(context);
    // Every answer here is posted after the turn: a throttled chat must not hold the invoke.
    const say = (key: string) => this.postAfterTurn(context, { text: t(key) }, 'file consent answer not delivered');
    if (!grant) {
      log.info("file consent refused: expired or not the asker's");
      say('bot.fileExpired');
    } else if (consent.action === 'decline') {
      say('bot.fileDeclined');
    } else {
      this.afterTurn.track(this.deliverFile(grant, consent.upload, outlivingSender(context), log, t));
    }
    return { status: 200 };
  }

  /** Posts `message` after the turn, where the turn's answers go; a stop lets it land, and a failure is only logged (`failed`). */
  private postAfterTurn(context: TurnContext, message: Partial<Activity>, failed: string): void {
    const log = this.log(context);
    this.afterTurn.track(outlivingSender(context)(message).then(() => undefined, (error: unknown) => log.warn(errorFields(error), failed)));
  }

  /** After the consent's turn: the CSV uploaded where Teams said, then the card that shows it, or a sentence saying it was not saved. */
  private async deliverFile(grant: ExportGrant, upload: UploadInfo, send: OutlivingSend, log: Logger, t: Translate): Promise<void> {
    try {
      const csv = await this.deps.reports.csv(grant, Date.now() + FILE_STEP_MS);
      await uploadFile(upload.uploadUrl, csv.bytes, FILE_STEP_MS);
      log.info({ bytes: csv.bytes.length }, 'file upload ok');
    } catch (error) {
      log.warn(errorFields(error), 'file upload failed');
      await send({ text: t('bot.fileNotSaved') }).catch((failure: unknown) => log.warn(errorFields(failure), 'file failure not told'));
      return;
    }
    // The file is saved in their OneDrive whether or not Teams takes the card that shows it.
    await send({ attachments: [fileInfoAttachment(upload)] }).catch((error: unknown) => log.warn(errorFields(error), 'file card refused'));
  }

  private async handleFetchTask(context: TurnContext): Promise<InvokeResponse> {
    const { source } = parseCreateInvoke(context.activity.value);
    const ctx = this.featureContext(context, INVOKE_BUDGET_MS);
    try {
      // Who is asking must be known to create anything: better said before the form is filled in.
      await ctx.actor();
      return invokeBody(taskForm(await openCreateForm(ctx, source), ctx.locale.t));
    } catch (error) {
      this.log(context).info(errorFields(error), 'create form refused');
      const t = this.translatorOf(context);
      return invokeBody({ task: { type: 'message', value: `${errorAnswer(error, undefined, t).summary} ${t('errors.formNotOpened')}` } });
    }
  }

  private async handleSubmitAction(context: TurnContext): Promise<InvokeResponse> {
    const { context: where, source, data } = parseCreateInvoke(context.activity.value);
    const ctx = this.featureContext(context, INVOKE_BUDGET_MS);
    let outcome;
    try {
      outcome = await submitCreateForm(ctx, data, source);
    } catch (error) {
      // Only when the form itself cannot be drawn again (the helpdesk's fields are unreachable).
      this.log(context).info(errorFields(error), 'create refused');
      const t = this.translatorOf(context);
      return invokeBody({ task: { type: 'message', value: `${errorAnswer(error, undefined, t).summary} ${t('errors.noTicketCreated')}` } });
    }
    if ('form' in outcome) return invokeBody(taskForm(outcome.form, ctx.locale.t));
    const { card, summary } = outcome.created;
    this.log(context).info('create ticket ok');
    // The card goes into the compose box: the person sends it (or not), in any chat, even one the
    // bot is not in. The command box has no compose box, so it gets a sentence.
    if (where === 'commandBox') return invokeBody({ composeExtension: { type: 'message', text: summary } });
    return invokeBody({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [resultAttachment({ card, preview: { title: summary, text: '' } })] } });
  }

  private async handleSearch(context: TurnContext): Promise<InvokeResponse> {
    const query = parseSearchInvoke(context.activity.value);
    return this.searchAnswer(context, 'search', (ctx) => findTickets(ctx, query));
  }

  private async handleLink(context: TurnContext): Promise<InvokeResponse> {
    const link = parseLinkInvoke(context.activity.value);
    const ctx = this.featureContext(context, INVOKE_BUDGET_MS);
    let results: SearchResult[] = [];
    // Why a link on the helpdesk's domains, or any other, names no ticket.
    let why = ctx.locale.t('link.notATicket');
    try {
      results = await unfurlLink(ctx, link, this.deps.linkDomains);
      this.log(context).info({ action: 'unfurl', results: results.length }, 'unfurl ok');
    } catch (error) {
      const answer = errorAnswer(error, undefined, ctx.locale.t);
      why = answer.summary;
      const record = { action: 'unfurl', ...errorFields(error) };
      if (answer.known) this.log(context).info(record, 'unfurl refused');
      else this.log(context).error(record, 'unfurl FAILED');
    }
    const attachments = results.length > 0 ? results.map(resultAttachment) : [linkWithoutTicket(why, ctx.locale.t)];
    return invokeBody({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments } });
  }

  private async searchAnswer(context: TurnContext, what: string, run: (ctx: FeatureContext) => Promise<SearchResult[]>): Promise<InvokeResponse> {
    const ctx = this.featureContext(context, INVOKE_BUDGET_MS);
    try {
      const results = await run(ctx);
      this.log(context).info({ action: what, results: results.length }, `${what} ok`);
      return invokeBody({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: results.map(resultAttachment) } });
    } catch (error) {
      const answer = errorAnswer(error, undefined, ctx.locale.t);
      const record = { action: what, ...errorFields(error) };
      if (answer.known) this.log(context).info(record, `${what} refused`);
      else this.log(context).error(record, `${what} FAILED`);
      return invokeBody({ composeExtension: { type: 'message', text: answer.summary } });
    }
  }

  private invokeCard(card: AdaptiveCard): InvokeResponse {
    return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } };
  }
}
