/**
 * A bot set for the page's dialect (TICKETING_DIALECT=documented) meeting the live service: the
 * live gateway's 404 for a route it does not have must read as what it is, never as "that ticket
 * does not exist", and nothing is retried in another form.
 */
import assert from 'node:assert/strict';
import { ADELE, cardAction, message } from '../support/activities.js';
import { cardIn, invokeCard, readable, startedBot } from './botAssertions.js';

describe('bot set for the documented dialect, against the live service', () => {
  const { h, tickets, fresh } = startedBot({ sandbox: { dialect: 'live' }, botDialect: 'documented' });

  it('a comment meets the gateway\'s 404: "does not offer that here", not "does not exist", one request, nothing added', async () => {
    const ticket = tickets.inStatus('Open');
    const before = h.sandbox.store.activities(ticket.id).length;
    fresh();
    const text = readable(invokeCard(await h.post(cardAction(ADELE, 'comment', { ticketId: ticket.id, comment: 'Hello' }, { serviceUrl: h.serviceUrl }))));
    assert.match(text, /does not offer that here/);
    assert.match(text, /TICKETING_DIALECT/);
    assert.doesNotMatch(text, /does not exist/);
    assert.deepEqual(h.apiCalls(), [{ method: 'POST', path: `/tickets/${ticket.id}/comments` }], 'one request, not retried in another form');
    assert.equal(h.sandbox.store.activities(ticket.id).length, before);
  });

  it('start still moves a live ticket right: the ticket\'s own workflow names the state, whatever the setting', async () => {
    const ticket = tickets.inStatus('Open');
    fresh();
    assert.equal((await h.post(message(ADELE, `start ${ticket.ticketId}`, { serviceUrl: h.serviceUrl }))).status, 200);
    const text = readable(cardIn(h.connector.messages()[0]));
    assert.match(text, /changed the status to In Progress/);
    assert.equal(h.sandbox.store.ticketById(ticket.id)?.status, 'Started');
    const sent = h.sandbox.requests.find((r) => r.method === 'PUT');
    assert.equal(sent?.body?.status, 'In Progress');
  });
});
