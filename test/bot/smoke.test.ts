import assert from 'node:assert/strict';
import { ADELE, message } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { Harness } from '../support/harness.js';

describe('bot smoke: a message through the real server', () => {
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('answers GET /healthz', async () => {
    const res = await fetch(`${h.app.server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('answers "show <n>" with the ticket card, in one API call', async () => {
    const ticket = h.sandbox.store.allTickets()[0]!;
    h.resetCounts();
    const res = await h.post(message(ADELE, `show ${ticket.ticketId}`, { serviceUrl: h.serviceUrl }));
    assert.equal(res.status, 200);
    const card = cardOf(h.connector.messages()[0]);
    assert.ok(card, 'a card was sent');
    assert.match(JSON.stringify(card), new RegExp(`#${ticket.ticketId}`));
    assert.equal(h.apiCalls().length, 1);
  });
});
