/**
 * What the notification tests share: changes made directly at the sandbox (its HTTP API, as
 * another app or person would), polls driven by the test instead of the timer, and what the
 * connector stand-in received.
 */
import assert from 'node:assert/strict';
import { AGENTS, type Sandbox } from '../../src/sandbox/index.js';
import type { User } from '../../src/ticketing/types.js';
import { message, type Person } from '../support/activities.js';
import { cardOf, type RecordedCall } from '../support/connector.js';
import type { Harness } from '../support/harness.js';
import { call, item } from '../sandbox/http.js';
import { readable } from '../bot/botAssertions.js';

/** An agent acting in the helpdesk's own app, never through the bot. */
export const LEE: User = AGENTS.find((a) => a.name === 'Lee Gu')!;

export { userOf } from '../bot/botAssertions.js';

/** Settings for a harness whose poller the test drives: a budget large enough for many polls, and no timer to speak of. */
export const NOTIFY_ENV = { NOTIFY_BUDGET_PERCENT: '10', NOTIFY_POLL_S: '3600' };
export const ROOMY_LIMIT = { rateLimit: { limit: 1000, windowMs: 60_000 }, sandbox: { rateLimit: 1000 } };

/** Direct changes at the sandbox, live dialect. */
export const atSandbox = {
  async create(sandbox: Sandbox, by: User, ticket: Record<string, unknown>): Promise<{ id: string; number: number }> {
    const res = await call(sandbox, '/tickets', { method: 'POST', body: { ticket, user: by } });
    assert.ok(res.status === 200 || res.status === 201, `created at the sandbox (${res.status})`);
    const created = item(res) as { id: string; ticketNo: number };
    return { id: created.id, number: created.ticketNo };
  },
  async update(sandbox: Sandbox, by: User, id: string, ticket: Record<string, unknown>): Promise<void> {
    const res = await call(sandbox, `/tickets/${id}`, { method: 'PUT', body: { ticket, user: by } });
    assert.equal(res.status, 200, res.text);
  },
  async status(sandbox: Sandbox, by: User, id: string, status: string): Promise<void> {
    const res = await call(sandbox, `/tickets/${id}/status`, { method: 'PUT', body: { status, user: by } });
    assert.equal(res.status, 200, res.text);
  },
  async comment(sandbox: Sandbox, by: User, id: string, comment: string, isPrivate = false): Promise<void> {
    const res = await call(sandbox, `/tickets/${id}/activities`, { method: 'POST', body: { comment, isPrivate, user: by } });
    assert.equal(res.status, 201, res.text);
  },
};

/** One poll now, then every notification it queued sent. */
export async function poll(h: Harness): Promise<void> {
  const notifications = h.app.notifications;
  assert.ok(notifications, 'notifications are running');
  await notifications.pollOnce();
  await notifications.idle();
}

/** Says `text` as `who` (a personal chat unless `channel`), and returns the bot's one answer's text. */
export async function say(h: Harness, who: Person, text: string, channel = false): Promise<string> {
  const before = h.connector.messages().length;
  const res = await h.post(message(who, text, { serviceUrl: h.serviceUrl, channel }));
  assert.equal(res.status, 200);
  const replies = h.connector.messages().slice(before);
  assert.equal(replies.length, 1, `one answer to "${text}"`);
  return readable(cardOf(replies[0]));
}


/** What the connector received since `from` (an index into its calls), as conversation → headline. */
export function notificationsSince(h: Harness, from: number): Array<{ to: string; headline: string; call: RecordedCall }> {
  return h.connector.calls.slice(from).filter((c) => c.body.type === 'message').map((c) => ({
    to: c.conversationId,
    // The one line of what happened is the message's summary (what Teams shows in the activity feed) and the card's event.
    headline: String(c.body.summary ?? ''),
    call: c,
  }));
}
