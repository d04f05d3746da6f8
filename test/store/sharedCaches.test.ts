import assert from 'node:assert/strict';
import type { App } from '../../src/app.js';
import { ADELE, ALEX, cardAction, message } from '../support/activities.js';
import type { Harness } from '../support/harness.js';
import { threeReplicas } from '../support/threeReplicas.js';
import { cardIn, invokeCard, readable, textsOf } from '../bot/botAssertions.js';

/**
 * Three replicas (three startApp in this process, nothing shared but a real redis-server) against
 * one sandbox: what one replica read, the others do not read again; what one wrote, the others do
 * not hide behind an older copy.
 */
describe('store: the caches are shared by every replica through Redis', function () {
  this.timeout(60_000);
  const started = threeReplicas();
  const { redis } = started;
  let h: Harness;
  let replicas: App[];
  before(() => {
    h = started.h();
    replicas = started.replicas();
  });

  const requests = (method: string, path: string) => h.sandbox.requests.filter((r) => r.method === method && r.path === path).length;
  const say = async (app: App, text: string) => {
    h.connector.clear();
    const answer = await h.postTo(app, message(ADELE, text, { serviceUrl: h.serviceUrl }));
    assert.equal(answer.status, 200);
    return cardIn(h.connector.messages().at(-1), `the answer to "${text}"`);
  };
  const click = async (app: App, verb: string, data: object) =>
    invokeCard(await h.postTo(app, cardAction(ALEX, verb, data, { serviceUrl: h.serviceUrl })));

  it('reads the instance and the tags once for all three replicas', async () => {
    // Each replica warms both at start-up: the first read them, the other two found them in Redis.
    assert.equal(requests('GET', '/instance'), 1);
    assert.equal(requests('GET', '/tags'), 1);
    const card = await say(replicas[2]!, 'tags');
    assert.ok(textsOf(card).length > 1, 'the tags card shows the categories');
    assert.equal(requests('GET', '/tags'), 1, 'the third replica answered "tags" from the shared copy');
  });

  it('does not read again from the API a ticket another replica read', async () => {
    const ticket = h.sandbox.store.allTickets().at(-1)!;
    await say(replicas[0]!, `show ${ticket.ticketId}`);
    h.resetCounts();
    const refreshed = await click(replicas[1]!, 'refresh', { ticketId: ticket.id });
    assert.ok(textsOf(refreshed).includes(`#${ticket.ticketId}`));
    assert.deepEqual(h.apiCalls(), [], 'a refresh on another replica within 15 s reuses the first one\'s read');
    await say(replicas[2]!, `history ${ticket.ticketId}`);
    assert.deepEqual(h.apiCalls(), [{ method: 'GET', path: `/tickets/${ticket.id}/activities` }], 'the number and the header came from the shared copy: only the history was read');
  });

  it('never hides a change made through one replica behind an older copy on another', async () => {
    const ticket = h.sandbox.store.allTickets().find((t) => t.status === 'Open')!;
    const before = await click(replicas[1]!, 'refresh', { ticketId: ticket.id });
    assert.ok(textsOf(before).includes('Open'), 'the second replica has the ticket, Open, in its own cache');
    const resolved = await click(replicas[0]!, 'resolve', { ticketId: ticket.id, resolution: 'fixed' });
    assert.ok(textsOf(resolved).includes('Resolved'));
    h.resetCounts();
    const after = await click(replicas[1]!, 'refresh', { ticketId: ticket.id });
    assert.ok(textsOf(after).includes('Resolved'), `the second replica shows the change (${readable(after).slice(0, 200)})`);
    assert.deepEqual(h.apiCalls(), [], 'from the copy the first replica wrote through, not from the API');
  });

  it('shows a list page another replica read when the API is too slow to answer in time', async () => {
    const first = await say(replicas[0]!, 'list urgent');
    h.sandbox.faults.inject({ kind: 'delay', ms: 3000, match: { path: '/tickets' } });
    const copied = await say(replicas[2]!, 'list urgent');
    assert.match(readable(copied), /The helpdesk is busy, so this is how it looked \d+ s ago\./);
    const note = /The helpdesk is busy/;
    assert.deepEqual(textsOf(copied).filter((t) => !note.test(t)), textsOf(first).filter((t) => !note.test(t)), 'the first replica\'s page');
    h.sandbox.faults.clear();
  });

  it('answers from the API while Redis is away, and shares again once it is back', async () => {
    const ticket = h.sandbox.store.allTickets().at(-2)!;
    await redis.stop();
    h.resetCounts();
    const shown = await say(replicas[1]!, `show ${ticket.ticketId}`);
    assert.ok(textsOf(shown).includes(`#${ticket.ticketId}`), 'a turn with no Redis still answers');
    assert.ok(h.apiCalls().length >= 1, 'read from the API');
    await redis.start();
    const until = Date.now() + 10_000;
    while (h.logs.filter((r) => r.component === 'redis' && r.msg.startsWith('redis reachable again')).length < replicas.length) {
      assert.ok(Date.now() < until, 'every replica back on Redis');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await say(replicas[0]!, `show ${ticket.ticketId}`);
    h.resetCounts();
    await click(replicas[2]!, 'refresh', { ticketId: ticket.id });
    assert.deepEqual(h.apiCalls(), [], 'shared again');
  });

  it('answers from the API within Teams\' deadline while Redis hangs', async () => {
    const ticket = h.sandbox.store.allTickets().at(-3)!;
    redis.pause();
    try {
      h.resetCounts();
      const started = Date.now();
      const card = await click(replicas[2]!, 'show', { ticketId: ticket.id });
      assert.ok(Date.now() - started < 4000, `answered in ${Date.now() - started} ms`);
      assert.ok(textsOf(card).includes(`#${ticket.ticketId}`), 'the ticket, read from the API');
      assert.deepEqual(h.apiCalls(), [{ method: 'GET', path: `/tickets/${ticket.id}` }]);
    } finally {
      redis.resume();
    }
  });
});
