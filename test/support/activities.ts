/** Teams-shaped activities, as Teams posts them to the bot's /api/messages. */
import { AGENTS, CATEGORY, FIELD, SYSTEM, TAG_CATEGORY } from '../../src/sandbox/index.js';

export interface Person {
  /** The Teams user id (29:...). */
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
}

export const BOT = { id: '28:tickets-bot', name: 'Tickets' };
export const TENANT = '72f988bf-0000-0000-0000-000000000001';

export const ADELE: Person = { id: '29:adele', aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: 'Adele Vance', email: 'adele.vance@contoso.com' };
export const ALEX: Person = { id: '29:alex', aadObjectId: '00000000-0000-0000-0000-0000000000a2', name: 'Alex Wilber', email: 'alex.wilber@contoso.com' };

let counter = 0;
function nextId(): string {
  counter += 1;
  return `act-${process.pid}-${counter}`;
}

/** The channel thread the tests' channel activities come from (a team's channel, as Teams names it). */
export const CHANNEL = '19:helpdesk@thread.tacv2';
/** A person's one-to-one chat with the bot. */
export const personalChatOf = (p: Person) => `a:personal-${p.aadObjectId}`;

interface Where {
  serviceUrl: string;
  /** Personal chat unless a channel is given. */
  channel?: boolean;
}

function base(from: Person, where: Where) {
  const conversation = where.channel
    ? { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: TENANT }
    : { id: personalChatOf(from), conversationType: 'personal', tenantId: TENANT };
  return {
    id: nextId(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString().replace('Z', '+01:00'),
    localTimezone: 'Europe/Paris',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: TENANT }, ...(where.channel ? { channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } } : {}) },
    locale: 'en-US',
  };
}

export function message(from: Person, text: string, where: Where) {
  const mention = where.channel ? `<at>${BOT.name}</at> ` : '';
  return {
    ...base(from, where),
    type: 'message',
    text: mention + text,
    textFormat: 'plain',
    entities: where.channel
      ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } }]
      : [],
  };
}

/** A click on an Action.Execute button: Universal Actions' adaptiveCard/action invoke. */
export function cardAction(from: Person, verb: unknown, data: unknown, where: Where & { replyToId?: string }) {
  return {
    ...base(from, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: where.replyToId ?? 'card-message-1',
    value: { action: { type: 'Action.Execute', id: 'action-1', verb, data }, trigger: 'manual' },
  };
}

/** An Action.Submit from an older client: a message with the card's data as its value. */
export function submit(from: Person, value: Record<string, unknown>, where: Where & { replyToId?: string }) {
  return { ...base(from, where), type: 'message', replyToId: where.replyToId ?? 'card-message-1', value };
}

/** A message-extension invoke (composeExtension/*), as Teams sends it. */
export function extensionInvoke(from: Person, name: string, value: unknown, where: Where) {
  return { ...base(from, where), type: 'invoke', name, value };
}

/** The messagePayload Teams attaches when an action command is opened from a message's "..." menu. */
export function messagePayload(author: Person, html: string) {
  return {
    id: '1700000000001',
    messageType: 'message',
    createdDateTime: '2026-11-27T10:00:00.000Z',
    importance: 'normal',
    locale: 'en-us',
    from: { user: { id: author.aadObjectId, displayName: author.name, userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: html },
    attachments: [],
    mentions: [],
    reactions: [],
  };
}

/** The "Create ticket" form as Teams submits it, with every kind of field filled (values the seed accepts). */
export function createFormData(title: string): Record<string, string> {
  return {
    title,
    description: 'Black screen after the logo.\nTried twice.',
    priority: 'Important',
    expectedDate: '2026-12-03',
    assignee: AGENTS[2]!.id,
    [`tag_${TAG_CATEGORY.product}`]: `${encodeURIComponent('Windows')},${encodeURIComponent('Microsoft 365')}`,
    [`cf_${FIELD.category}`]: CATEGORY.Hardware.id,
    [`cf_${FIELD.affectedSystems}`]: `${SYSTEM.teams.id},${SYSTEM.vpn.id}`,
    [`cf_${FIELD.affectedUser}`]: AGENTS[1]!.id,
    [`cf_${FIELD.assetTag}`]: 'LT-0042',
    [`cf_${FIELD.vip}`]: 'true',
    [`cf_${FIELD.neededBy}`]: '2026-12-05',
    [`cf_${FIELD.stepsToReproduce}`]: '1. Power on\n2. Wait',
  };
}
