/**
 * What the bot HTTP tests share: reading the cards the bot sent, picking seeded tickets, and the
 * checks every test file ends with (card size and version, nothing technical shown to people).
 */
import assert from 'node:assert/strict';
import { PEOPLE, type WireTicket } from '../../src/sandbox/index.js';
import type { Person } from '../support/activities.js';
import { cardOf, type RecordedCall } from '../support/connector.js';
import { Harness, type HarnessOptions, type PostResult } from '../support/harness.js';

export type Card = Record<string, unknown>;

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
/** A requester: in the seed's people, not among its agents. */
export const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };

/** A Teams person as the API must record them: AAD object id, Teams name, connector email. */
export function userOf(p: Person): { id: string; name: string; email: string } {
  return { id: p.aadObjectId, name: p.name, email: p.email };
}

/** Teams refuses a message over about 28 KB. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

export const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
export const ERROR_TYPE = 'application/vnd.microsoft.error';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every TextBlock text and every fact ("title: value") of a card, in reading order. */
/** What a person reads of a TextBlock: the Markdown escapes that keep their text literal are not shown. */
function shown(text: string): string {
  return text.replace(/\\([\\`*_[\]#>+\-.])/g, '$1');
}

export function textsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(shown(node.text));
    if (node.type === 'FactSet' && Array.isArray(node.facts)) {
      for (const fact of node.facts) if (isRecord(fact)) out.push(shown(`${String(fact.title)}: ${String(fact.value)}`));
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'actions' && key !== 'selectAction' && key !== 'refresh') walk(value);
  };
  walk(isRecord(card) ? card.body : undefined);
  return out;
}

/** The card's readable text as one string, for `assert.match`. */
export function readable(card: unknown): string {
  return textsOf(card).join('\n');
}

export interface ButtonView {
  type: string;
  title?: string;
  verb?: string;
  data?: unknown;
}

/** The card's own buttons (top-level actions), in order. */
export function buttonsOf(card: unknown): ButtonView[] {
  const actions = isRecord(card) && Array.isArray(card.actions) ? card.actions : [];
  return actions.filter(isRecord).map((a) => ({
    type: String(a.type),
    ...(typeof a.title === 'string' ? { title: a.title } : {}),
    ...(typeof a.verb === 'string' ? { verb: a.verb } : {}),
    ...(a.data === undefined ? {} : { data: a.data }),
  }));
}

export function buttonTitles(card: unknown): string[] {
  return buttonsOf(card).map((b) => b.title ?? '');
}

/** The Action.Execute inside a ShowCard button (e.g. the Resolve form's submit), by the ShowCard's title. */
export function formAction(card: unknown, showCardTitle: string): ButtonView {
  const actions = isRecord(card) && Array.isArray(card.actions) ? card.actions : [];
  const show = actions.filter(isRecord).find((a) => a.type === 'Action.ShowCard' && a.title === showCardTitle);
  assert.ok(show, `the card has a "${showCardTitle}" form`);
  const [inner] = buttonsOf(show.card);
  assert.ok(inner, `the "${showCardTitle}" form has a submit button`);
  return inner;
}

/** The error card (cards/error.json) opens with an attention container; no other card does. */
export function isErrorCard(card: unknown): boolean {
  const first = isRecord(card) && Array.isArray(card.body) ? card.body[0] : undefined;
  return isRecord(first) && first.type === 'Container' && first.style === 'attention';
}

/** The ticket UUIDs a list card's rows open, top to bottom. */
export function listedIds(card: unknown): string[] {
  const body = isRecord(card) && Array.isArray(card.body) ? card.body : [];
  return body.filter(isRecord).flatMap((row) => {
    const open = isRecord(row.selectAction) ? row.selectAction : undefined;
    return open?.verb === 'open' && isRecord(open.data) && typeof open.data.ticketId === 'string' ? [open.data.ticketId] : [];
  });
}

/** The card of a reply, failing the test when the reply holds none. */
export function cardIn(call: RecordedCall | undefined, what = 'the reply'): Card {
  const card = cardOf(call);
  assert.ok(card, `${what} holds an Adaptive Card`);
  return card;
}

/** The card of an `adaptiveCard/action` answer: HTTP 200, statusCode 200, the card content type. */
export function invokeCard(res: PostResult): Card {
  assert.equal(res.status, 200, `HTTP status of the invoke answer (${JSON.stringify(res.body)?.slice(0, 300)})`);
  assert.ok(isRecord(res.body), 'the invoke answer has a body');
  assert.equal(res.body.statusCode, 200);
  assert.equal(res.body.type, CARD_TYPE);
  assert.ok(isRecord(res.body.value), 'the invoke answer holds a card');
  return res.body.value;
}

/** JSON of what people are sent, without the card schema's own URL. */
export function shownJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === '$schema' ? undefined : v)) ?? '';
}

/** `at fn (file.ts:1:2)`, `at file:///x.js:1:2`, `at node:internal/x:9:5`: a location has a letter, then line and column. */
const STACK_FRAME = /\bat\s+(?:\S+\s+)?\(?[^\s()]*[A-Za-z][^\s()]*:\d+:\d+\)?/;

/** A JavaScript error's text: `Error:`, `TypeError:` and the like, or the engine's own phrasing. */
const ERROR_TEXT = /\b(?:Type|Reference|Syntax|Range|URI)?Error:|Cannot read propert|is not a function|undefined is not/;

/** What in `text` (anything people see, or a log line) must never be there: an API key, a stack frame or an error's text. */
export function technicalIn(text: string, h: Harness): string | undefined {
  if ([h.sandbox.primaryKey, h.sandbox.secondaryKey].some((key) => text.includes(key))) return 'an API key';
  if (STACK_FRAME.test(text)) return 'a stack frame';
  if (ERROR_TEXT.test(text)) return "an error's technical text";
  return undefined;
}

/** Nothing technical in `text` (what people see, or a log line): none of technicalIn's, and no URL or host. */
export function assertNothingTechnical(text: string, h: Harness, where: string): void {
  const found = technicalIn(text, h);
  assert.equal(found, undefined, `${where} shows ${found}`);
  assert.doesNotMatch(text, /https?:\/\//, `${where} shows a URL`);
  assert.ok(!text.includes('127.0.0.1'), `${where} shows the API's host`);
}

/** Collects every card the bot sends during a file, to check them all at the end. */
export class SentCards {
  readonly cards: Array<{ where: string; card: Card }> = [];
  private readonly seen = new Set<object>();

  /** Takes the cards of the connector calls recorded so far (call before `resetCounts`). */
  collect(h: Harness): void {
    for (const call of h.connector.calls) {
      if (this.seen.has(call)) continue;
      this.seen.add(call);
      const card = cardOf(call);
      if (card) this.cards.push({ where: `${call.method} ${call.path}`, card });
    }
  }

  /** Takes the card of an invoke answer, if it holds one. */
  fromInvoke(res: PostResult): void {
    const body = res.body;
    if (isRecord(body) && body.type === CARD_TYPE && isRecord(body.value)) {
      this.cards.push({ where: 'invoke answer', card: body.value });
    }
  }

  /** Every card is under Teams' size limit and declares version 1.5. */
  assertAllSendable(atLeast: number): void {
    assert.ok(this.cards.length >= atLeast, `expected at least ${atLeast} cards to check, saw ${this.cards.length}`);
    for (const { where, card } of this.cards) {
      const bytes = Buffer.byteLength(JSON.stringify(card));
      assert.ok(bytes < TEAMS_CARD_LIMIT_BYTES, `a card sent as ${where} is ${bytes} bytes`);
      assert.equal(card.type, 'AdaptiveCard', `a card sent as ${where} is an AdaptiveCard`);
      assert.equal(card.version, '1.5', `a card sent as ${where} declares version 1.5`);
    }
  }
}

/** Seeded tickets for a test, never the same one twice in a file, so tests do not disturb each other. */
export class TicketPicker {
  private readonly used = new Set<string>();

  constructor(private readonly h: Harness) {}

  take(what: string, filter: (t: WireTicket) => boolean = () => true): WireTicket {
    const found = this.h.sandbox.store.allTickets().reverse().find((t) => !this.used.has(t.id) && filter(t));
    assert.ok(found, `the sandbox has a ticket that is ${what}`);
    this.used.add(found.id);
    return found;
  }

  inStatus(status: string): WireTicket {
    return this.take(status, (t) => t.status === status);
  }
}

/** The ticket as the sandbox holds it now. */
export function current(h: Harness, id: string): WireTicket {
  const ticket = h.sandbox.store.ticketById(id);
  assert.ok(ticket, `ticket ${id} exists`);
  return ticket;
}

/** Writes the sandbox received since the last `resetCounts()`. */
export function writeRequests(h: Harness): Array<{ method: string; path: string }> {
  return h.sandbox.requests.filter((r) => r.method !== 'GET').map((r) => ({ method: r.method, path: r.path }));
}

/**
 * The real bot server and sandbox for a describe block: started (cache warm) before its tests,
 * stopped after them. `sent` keeps every card the bot sent (taken after each test) for the
 * block's size check; `fresh()` takes them and clears the counts before a test's next step.
 */
export function startedBot(options?: HarnessOptions): { h: Harness; tickets: TicketPicker; sent: SentCards; fresh: () => void } {
  const h = new Harness(options);
  const sent = new SentCards();
  before(async () => {
    await h.start();
    await warmedUp(h);
  });
  afterEach(() => sent.collect(h));
  after(() => h.stop());
  const fresh = () => {
    sent.collect(h);
    h.resetCounts();
  };
  return { h, tickets: new TicketPicker(h), sent, fresh };
}

/** Resolves once the sandbox has answered the instance and tags reads the bot makes when it starts. */
export async function warmedUp(h: Harness): Promise<void> {
  const until = Date.now() + 5000;
  const answered = (path: string) => h.sandbox.requests.some((r) => r.path === path && r.status !== 0);
  while (!(answered('/instance') && answered('/tags'))) {
    assert.ok(Date.now() < until, 'the bot read the instance and tags at start-up');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves once `done()` holds, for what the bot does after it answered (a refused card update, its log record). */
export async function eventually(done: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    assert.ok(Date.now() < until, what);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** "28 Nov 2026, 14:05 UTC+1": how cards show a moment. */
export const WHEN = /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/;
