/**
 * Intake from plain messages: in a personal chat, a message that is no command gets a prefilled
 * form to confirm, not "I did not understand"; creating it makes the speaker the requestor.
 */
import assert from 'node:assert/strict';
import { ADELE, cardAction, message } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { buttonsOf, current, readable, startedBot, writeRequests, type Card } from './botAssertions.js';

/** The Input.* elements of a card's body, by id. */
function inputs(card: Card | undefined): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const element of (card?.body as Array<Record<string, unknown>>) ?? []) {
    if (typeof element.type === 'string' && element.type.startsWith('Input.')) found.set(String(element.id), element);
  }
  return found;
}

describe('intake from plain messages', () => {
  const { h, fresh } = startedBot({ sandbox: { fieldsRequired: false } });
  beforeEach(() => fresh());

  it('offers a prefilled form for a message that is no command, calling no API, and creates the ticket on confirm', async () => {
    await h.post(message(ADELE, 'My laptop will not connect to the VPN', { serviceUrl: h.serviceUrl }));
    const card = cardOf(h.connector.messages()[0]) as Card;
    assert.match(readable(card), /Shall I log this as a ticket\?/);
    assert.doesNotMatch(readable(card), /I did not understand/);
    assert.equal(inputs(card).get('title')?.value, 'My laptop will not connect to the VPN');
    assert.deepEqual(h.apiCalls(), []);

    const create = buttonsOf(card).find((b) => b.title === 'Create ticket')!;
    const res = await h.post(cardAction(ADELE, create.verb, { title: 'My laptop will not connect to the VPN', description: '' }, { serviceUrl: h.serviceUrl }));
    assert.equal(res.status, 200);
    const made = h.sandbox.store.allTickets().find((t) => t.title === 'My laptop will not connect to the VPN');
    assert.ok(made, 'the ticket was created');
    assert.equal(current(h, made.id).requestor.id, ADELE.aadObjectId);
    assert.deepEqual(writeRequests(h).map((w) => w.method + ' ' + w.path).slice(0, 1), ['POST /tickets']);
    assert.match(readable(cardOf(h.connector.messages().at(-1))), new RegExp(`#${made.ticketId}`), 'the new ticket\'s card is posted');
  });

  it('keeps a long message\'s first line as the title and the whole message as the description', async () => {
    const text = 'Printer on floor 2 jams\nIt started after the toner change.\nModel HP 4250.';
    await h.post({ ...message(ADELE, '', { serviceUrl: h.serviceUrl }), text: `<p>Printer on floor 2 jams</p><p>It started after the toner change.</p><p>Model HP 4250.</p>` });
    const form = inputs(cardOf(h.connector.messages()[0]) as Card);
    assert.equal(form.get('title')?.value, 'Printer on floor 2 jams');
    assert.equal(form.get('description')?.value, text);
  });

  it('answers the same message in a channel as a mistake (there Teams delivers only mentions, and others read along)', async () => {
    await h.post(message(ADELE, 'My laptop will not connect to the VPN', { serviceUrl: h.serviceUrl, channel: true }));
    assert.match(readable(cardOf(h.connector.messages()[0])), /I did not understand "My"/);
  });
});
