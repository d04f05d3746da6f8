/**
 * Hostile Teams activities, generated from a seed so that a failing run can be replayed: chat
 * messages with hostile text, forged and damaged card payloads, malformed message-extension
 * invokes, and odd activity kinds, from known people, a stranger and someone without an AAD id.
 * Every write-shaped payload carries a forged identity (MALLORY): none may reach the API.
 */
import { VERBS } from '../../src/features/parseAction.js';
import { COMMAND_EXAMPLES } from '../../src/features/parseCommand.js';
import { ADELE, ALEX, cardAction, extensionInvoke, message, messagePayload, submit, type Person } from './activities.js';

export const MALLORY = { id: '00000000-0000-0000-0000-00000000bad1', name: 'Mallory', email: 'mallory@evil.example' };
/** Teams knows no such member: the connector's look-up answers 404. */
export const STRANGER: Person = { id: '29:stranger', aadObjectId: '00000000-0000-0000-0000-0000000000f1', name: 'Sam Stranger', email: 'sam@stranger.example' };

export interface HostileActivity {
  activity: Record<string, unknown>;
  /** Who Teams says sent it; undefined when the activity names nobody Teams authenticated. */
  sender?: Person;
}

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  '', ' ', '"', '“', '#', '#-1', '#0', '#1e3', '9999999999', '-5', '0x10', 'NaN', 'Infinity', '\u0000', '\u202e\u2066', '\r\n\t',
  '${x}', '${title}', '{{DATE(2026-01-01T00:00:00Z)}}', '[x](https://evil.example)', '**bold**', '<script>alert(1)</script>',
  '<at>Tickets</at>', '__proto__', 'constructor', 'toString', "'; DROP TABLE tickets; --", '../../etc/passwd', '%00', '\\\\fs01\\share',
  'tag:', 'tag:"Seattle HQ"', 'resolution:', 'resolution:cancelled', 'resolution:cannotResolve', 'me', MALLORY.email, 'urgent', 'low',
  'open', 'resolved', 'mine', 'assigned to me', '|', 'a'.repeat(5000), '😀'.repeat(300), 'é\u0301', '\ud800',
];

export function hostileActivities(count: number, seed: number, tickets: ReadonlyArray<{ id: string; number: number }>, serviceUrl: string): HostileActivity[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const noAad: Person = { ...ADELE, aadObjectId: '' };
  const people: Array<{ person: Person; sender?: Person }> = [
    { person: ADELE, sender: ADELE }, { person: ALEX, sender: ALEX }, { person: STRANGER }, { person: noAad },
  ];
  const protoPolluter = () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown;
  const forged = () => pick([
    { user: MALLORY }, { email: MALLORY.email }, { createdBy: MALLORY, requestor: MALLORY }, { from: MALLORY, user: MALLORY, actor: MALLORY },
    { userId: MALLORY.id, name: MALLORY.name },
  ]);
  const text = (): string => Array.from({ length: Math.floor(random() * 4) }, () => pick(FRAGMENTS)).join(' ');
  const ticketId = (): unknown => pick<unknown>([
    pick(tickets).id, pick(tickets).id, pick(tickets).id.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'not-a-uuid',
    `${pick(tickets).id}/../../tags`, `${pick(tickets).id}?key=stolen`, 42, null, [], {}, pick(FRAGMENTS),
  ]);
  const value = (depth = 0): unknown => {
    switch (Math.floor(random() * 9)) {
      case 0: return pick(FRAGMENTS);
      case 1: return pick([0, -1, 3.5, 1e308, Number.MAX_SAFE_INTEGER + 2, pick(tickets).number]);
      case 2: return chance(0.5);
      case 3: return null;
      case 4: return depth > 2 ? [] : Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      case 5: return protoPolluter();
      case 6: return forged();
      case 7: return depth > 2 ? {} : { [pick(['ticketId', 'comment', 'filters', 'verb', pick(FRAGMENTS)])]: value(depth + 1) };
      default: return text();
    }
  };
  const cardData = (): Record<string, unknown> => {
    const data: Record<string, unknown> = { ticketId: ticketId(), ...forged() };
    for (const key of ['comment', 'resolution', 'resolutionComment', 'priority', 'filters', 'token', 'skip', 'page', 'assignee', 'title']) {
      if (chance(0.35)) data[key] = value();
    }
    if (chance(0.2)) Object.assign(data, protoPolluter());
    return data;
  };
  const formData = (): Record<string, unknown> => {
    const data: Record<string, unknown> = { title: chance(0.7) ? text() || 'Printer jam' : value(), ...forged() };
    for (const key of ['description', 'priority', 'expectedDate', 'assignee', 'requestor', 'cf_x', 'cf_', 'tag_', 'tag_zz', 'fromMessage']) {
      if (chance(0.4)) data[key] = value();
    }
    return data;
  };

  const out: HostileActivity[] = [];
  for (let i = 0; i < count; i++) {
    const { person, sender } = pick(people);
    const where = { serviceUrl, channel: chance(0.3), replyToId: chance(0.8) ? `card-${i}` : undefined };
    let activity: Record<string, unknown>;
    switch (Math.floor(random() * 10)) {
      case 0:
      case 1:
      case 2: {
        const command = chance(0.85) ? pick(Object.keys(COMMAND_EXAMPLES)) : pick(FRAGMENTS);
        const number = chance(0.6) ? String(pick(tickets).number) : pick(FRAGMENTS);
        activity = message(person, `${command} ${number} ${text()}`.slice(0, chance(0.9) ? 600 : 30_000), where);
        if (chance(0.15)) Object.assign(activity, { textFormat: 'xml', text: `<p>${String(activity.text)}</p><div>${pick(FRAGMENTS)}</div>` });
        break;
      }
      case 3:
      case 4: {
        const verb = chance(0.8) ? pick(Object.values(VERBS)) : value();
        activity = cardAction(person, verb, chance(0.9) ? cardData() : value(), where);
        if (chance(0.1)) (activity.value as Record<string, unknown>).action = value();
        break;
      }
      case 5: {
        // A well-formed change with forged identity fields: the one kind that reaches the API.
        const verb = pick(['comment', 'start', 'resolve', 'close', 'reopen', 'assignMe', 'priority']);
        const data = { ticketId: pick(tickets).id, comment: 'Looked at it', resolution: 'fixed', priority: pick(['Low', 'Urgent']), ...forged() };
        activity = chance(0.8) ? cardAction(person, verb, data, where) : submit(person, { verb, ...data }, where);
        break;
      }
      case 6:
        activity = submit(person, chance(0.8) ? { verb: chance(0.8) ? pick(Object.values(VERBS)) : value(), ...cardData() } : { x: value() }, where);
        break;
      case 7: {
        const commandId = chance(0.85) ? pick(['findTicket', 'createTicket']) : value();
        const parameters = chance(0.8) ? [{ name: pick(['search', 'initialRun', 'x']), value: value() }] : value();
        activity = extensionInvoke(person, 'composeExtension/query', { commandId, parameters, queryOptions: chance(0.8) ? { skip: value(), count: value() } : value() }, where);
        break;
      }
      case 8: {
        const name = pick(['composeExtension/fetchTask', 'composeExtension/submitAction', 'composeExtension/queryLink', 'composeExtension/selectItem', 'task/fetch', 'nonsense']);
        const commandContext = pick(['compose', 'commandBox', 'message', value()]);
        const payload = chance(0.5) ? messagePayload(pick([ADELE, ALEX, STRANGER]), `<p>${text()}</p>`) : value();
        const invokeValue = name === 'composeExtension/queryLink'
          ? { url: pick([`https://x.teamswork.app/tickets/${pick(tickets).id}`, `https://x.teamswork.app/tickets/${pick(tickets).number}`, pick(FRAGMENTS), 'javascript:alert(1)', value()]) }
          : { commandId: chance(0.9) ? 'createTicket' : value(), commandContext, messagePayload: payload, data: chance(0.9) ? formData() : value() };
        activity = extensionInvoke(person, name, chance(0.95) ? invokeValue : value(), where);
        break;
      }
      default: {
        const base = message(person, text(), where);
        activity = pick<Record<string, unknown>>([
          { ...base, type: 'conversationUpdate', text: undefined, membersAdded: [{ id: pick(['28:tickets-bot', person.id, JSON.stringify(value()) ?? '']) }] },
          { ...base, type: 'messageReaction', reactionsAdded: [{ type: 'like' }] },
          { ...base, type: pick(['event', 'typing', 'installationUpdate', 'nonsense']), name: pick(FRAGMENTS), value: value() },
          { ...base, text: undefined, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: value() }] },
          { ...base, type: 'invoke', name: pick(FRAGMENTS), value: value() },
          { ...base, from: value() },
          { ...base, conversation: { id: (JSON.stringify(value()) ?? '').slice(0, 200) } },
        ]);
      }
    }
    out.push({ activity, ...(sender ? { sender } : {}) });
  }
  return out;
}
