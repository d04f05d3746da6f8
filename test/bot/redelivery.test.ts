import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADELE, cardAction, message } from '../support/activities.js';
import { MESSAGE_TYPE, formAction, invokeCard, startedBot } from './botAssertions.js';

/**
 * Teams redelivers an activity, with the same id, when it thinks the first delivery failed: also
 * minutes later and after the bot restarted. A redelivery must never write a second time.
 */
describe('bot redeliveries write once, whatever came between and across a restart', () => {
  const { h, tickets, fresh } = startedBot({ env: { STATE_DIR: mkdtempSync(join(tmpdir(), 'tickets-bot-redelivery-')) } });

  it('does not create again a ticket whose create is redelivered after 2,000 other activities', async () => {
    fresh();
    const create = message(ADELE, 'create Projector in room 4 flickers', { serviceUrl: h.serviceUrl });
    await h.post(create);
    const count = h.sandbox.store.allTickets().length;
    for (let i = 0; i < 2000; i++) {
      // Cards people share: the cheapest activities, answered with nothing, but each one a delivery.
      const shared = message(ADELE, '', { serviceUrl: h.serviceUrl });
      const res = await h.post({ ...shared, text: undefined, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }] });
      assert.equal(res.status, 200);
    }
    fresh();
    await h.post(create);
    assert.equal(h.sandbox.store.allTickets().length, count, 'no second ticket');
    assert.deepEqual(h.apiCalls(), []);
    assert.deepEqual(h.connector.messages(), [], 'no second answer either');
  });

  it('after a restart, writes nothing for a redelivered create or comment, and says the click was already handled', async () => {
    fresh();
    const create = message(ADELE, 'create Badge reader at the side door is dead', { serviceUrl: h.serviceUrl });
    await h.post(create);
    const ticket = tickets.inStatus('Open');
    const card = invokeCard(await h.post(cardAction(ADELE, 'show', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl })));
    const form = formAction(card, 'Comment');
    const comment = cardAction(ADELE, form.verb, { ...(form.data as object), comment: 'Checked the fuse: fine.' }, { serviceUrl: h.serviceUrl });
    assert.equal((await h.post(comment)).status, 200);
    const ticketCount = h.sandbox.store.allTickets().length;
    const commentCount = h.sandbox.store.activities(ticket.id).length;

    await h.restartBot();
    fresh();
    await h.post(create);
    const again = await h.post(comment);
    assert.equal(h.sandbox.store.allTickets().length, ticketCount, 'no second ticket');
    assert.equal(h.sandbox.store.activities(ticket.id).length, commentCount, 'no second comment');
    assert.deepEqual(h.apiCalls(), []);
    assert.equal(again.status, 200);
    const body = again.body as { type: string; value: string };
    assert.equal(body.type, MESSAGE_TYPE);
    assert.match(body.value, /already handled/);
  });
});
