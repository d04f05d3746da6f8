/**
 * No false success: a write the API answers without the object it made or changed (as the live
 * service answers the creates it drops) is never reported as done, for every write the bot makes,
 * in both dialects. The sandbox's `emptySuccess` fault answers 200 `{"error": false}` and does
 * nothing; the bot then looks for the write once and, not finding it, says it was most likely not
 * saved (before it looked, it could only say "most likely not saved").
 */
import assert from 'node:assert/strict';
import { DIALECTS } from '../../src/sandbox/index.js';
import { ADELE, cardAction, createFormData, extensionInvoke, message } from '../support/activities.js';
import type { Harness } from '../support/harness.js';
import { cardIn, current, invokeCard, readable, startedBot } from './botAssertions.js';

type Json = Record<string, any>;

/** Adele types `text`; the bot's one reply, as a person reads it. */
async function sayAndRead(h: Harness, fresh: () => void, text: string): Promise<string> {
  fresh();
  assert.equal((await h.post(message(ADELE, text, { serviceUrl: h.serviceUrl }))).status, 200);
  const [reply] = h.connector.messages();
  assert.ok(reply, 'the bot answered');
  return readable(cardIn(reply));
}

const MAY_NOT = /did not confirm .*it was most likely not saved/;

for (const dialect of DIALECTS) describe(`bot: a write answered without what it wrote is never reported as done (${dialect} dialect)`, () => {
  const { h, tickets, fresh } = startedBot({ sandbox: { dialect, fieldsRequired: false } });
  beforeEach(() => h.sandbox.faults.clear());

  /** The next write is answered 200 with no ticket or item, and is not applied. */
  const unconfirmedWrite = (method: 'POST' | 'PUT') => h.sandbox.faults.inject({ kind: 'emptySuccess', match: { method } });

  const say = (text: string) => sayAndRead(h, fresh, text);

  async function click(verb: string, data: Json): Promise<string> {
    fresh();
    return readable(invokeCard(await h.post(cardAction(ADELE, verb, data, { serviceUrl: h.serviceUrl }))));
  }

  it('create (command): "most likely not saved", with the way to check, and no ticket', async () => {
    const before = h.sandbox.store.allTickets().length;
    unconfirmedWrite('POST');
    const text = await say('create Projector in room 4 flickers');
    assert.match(text, MAY_NOT);
    assert.match(text, /list mine/);
    assert.doesNotMatch(text, /created/i);
    assert.equal(h.sandbox.store.allTickets().length, before);
    assert.equal(h.sandbox.faults.pending, 0, 'the write was sent, once');
  });

  it('create (message extension): the form comes back saying it was most likely not saved', async () => {
    const before = h.sandbox.store.allTickets().length;
    unconfirmedWrite('POST');
    fresh();
    const res = await h.post(extensionInvoke(ADELE, 'composeExtension/submitAction', {
      commandId: 'createTicket', commandContext: 'compose', data: createFormData('Scanner eats paper'),
    }, { serviceUrl: h.serviceUrl }));
    const body = res.body as Json;
    assert.notEqual(body.composeExtension?.type, 'result', 'no ticket card is put in the compose box');
    assert.match(JSON.stringify(body), MAY_NOT);
    assert.equal(h.sandbox.store.allTickets().length, before);
  });

  for (const [verb, status] of [['start', 'Open'], ['resolve', 'Started'], ['close', 'Resolved'], ['reopen', 'Closed']] as const) {
    it(`${verb} (button): "most likely not saved", and the ticket is as it was`, async () => {
      const ticket = tickets.inStatus(status);
      unconfirmedWrite('PUT');
      const text = await click(verb, { ticketId: ticket.id, ...(verb === 'resolve' ? { resolution: 'fixed' } : {}) });
      assert.match(text, MAY_NOT);
      assert.doesNotMatch(text, /is now/);
      assert.equal(current(h, ticket.id).status, status);
    });
  }

  it('start (command): "most likely not saved"', async () => {
    const ticket = tickets.inStatus('Open');
    unconfirmedWrite('PUT');
    const text = await say(`start ${ticket.ticketId}`);
    assert.match(text, MAY_NOT);
    assert.equal(current(h, ticket.id).status, 'Open');
  });

  it('comment (button and command): "most likely not saved", and no comment', async () => {
    const ticket = tickets.inStatus('Reopened');
    const before = h.sandbox.store.activities(ticket.id).length;
    unconfirmedWrite('POST');
    assert.match(await click('comment', { ticketId: ticket.id, comment: 'Any news?' }), MAY_NOT);
    unconfirmedWrite('POST');
    const text = await say(`comment ${ticket.ticketId} Any news?`);
    assert.match(text, MAY_NOT);
    assert.doesNotMatch(text, /Comment added/);
    assert.equal(h.sandbox.store.activities(ticket.id).length, before);
  });

  it('a create answered 503 and not saved: looked for, and "most likely not saved", never "try again in a minute"', async () => {
    const before = h.sandbox.store.allTickets().length;
    h.sandbox.faults.inject({ kind: 'status', status: 503, match: { method: 'POST', path: '/tickets' } });
    const text = await say('create Coffee machine leaks');
    assert.match(text, /did not confirm the ticket .*it was most likely not saved/);
    assert.doesNotMatch(text, /try again in a minute/);
    assert.equal(h.sandbox.store.allTickets().length, before);
  });

  it('priority and assign: "most likely not saved", never "set the priority"', async () => {
    const ticket = tickets.take('open and not urgent', (t) => t.status === 'Open' && t.priority !== 'Urgent' && t.assignee?.id !== ADELE.aadObjectId);
    unconfirmedWrite('PUT');
    let text = await click('priority', { ticketId: ticket.id, priority: 'Urgent' });
    assert.match(text, MAY_NOT);
    assert.doesNotMatch(text, /set the priority/);
    unconfirmedWrite('PUT');
    text = await say(`priority ${ticket.ticketId} urgent`);
    assert.match(text, MAY_NOT);
    unconfirmedWrite('PUT');
    assert.match(await click('assignMe', { ticketId: ticket.id }), MAY_NOT);
    const after = current(h, ticket.id);
    assert.equal(after.priority, ticket.priority);
    assert.deepEqual(after.assignee, ticket.assignee);
  });
});

for (const dialect of DIALECTS) describe(`bot: a write whose answer was lost, but which was saved, is found and reported as done (${dialect} dialect)`, () => {
  const { h, tickets, fresh } = startedBot({ sandbox: { dialect, fieldsRequired: false } });
  beforeEach(() => h.sandbox.faults.clear());

  /** The next write is applied, and its connection dropped before the answer. */
  const lostAnswer = (method: 'POST' | 'PUT') => h.sandbox.faults.inject({ kind: 'dropAfterApply', match: { method } });

  const say = (text: string) => sayAndRead(h, fresh, text);

  it('create (command): the new ticket is found among the newest, and shown as created, once', async () => {
    const before = h.sandbox.store.allTickets().length;
    lostAnswer('POST');
    const text = await say('create Label printer prints blank labels');
    assert.match(text, /Adele Vance created this ticket/);
    assert.equal(h.sandbox.store.allTickets().length, before + 1, 'one ticket, not two');
  });

  it('comment (button): the comment is found on the ticket, and shown as added, once', async () => {
    const ticket = tickets.inStatus('Reopened');
    const before = h.sandbox.store.activities(ticket.id).length;
    lostAnswer('POST');
    fresh();
    const text = readable(invokeCard(await h.post(cardAction(ADELE, 'comment', { ticketId: ticket.id, comment: 'Rebooted the switch' }, { serviceUrl: h.serviceUrl }))));
    assert.match(text, /Adele Vance commented: /);
    assert.equal(h.sandbox.store.activities(ticket.id).length, before + 1);
  });

  it('create and comment answered 502/504 by a gateway after they were saved: found, shown as done, once', async () => {
    const before = h.sandbox.store.allTickets().length;
    h.sandbox.faults.inject({ kind: 'statusAfterApply', status: 502, match: { method: 'POST', path: '/tickets' } });
    assert.match(await say('create Scanner on floor 3 jams'), /Adele Vance created this ticket/);
    assert.equal(h.sandbox.store.allTickets().length, before + 1, 'one ticket, not two');

    const ticket = tickets.inStatus('Reopened');
    const comments = h.sandbox.store.activities(ticket.id).length;
    h.sandbox.faults.inject({ kind: 'statusAfterApply', status: 504, match: { method: 'POST' } });
    fresh();
    const text = readable(invokeCard(await h.post(cardAction(ADELE, 'comment', { ticketId: ticket.id, comment: 'Cleared the paper path' }, { serviceUrl: h.serviceUrl }))));
    assert.match(text, /Adele Vance commented: /);
    assert.equal(h.sandbox.store.activities(ticket.id).length, comments + 1);
  });

  it('start and priority: the ticket read after shows the change, so it is reported as done', async () => {
    const ticket = tickets.take('open and not urgent', (t) => t.status === 'Open' && t.priority !== 'Urgent');
    lostAnswer('PUT');
    assert.match(await say(`start ${ticket.ticketId}`), /Adele Vance changed the status to (Started|In Progress)/);
    assert.notEqual(current(h, ticket.id).status, 'Open');
    lostAnswer('PUT');
    assert.match(await say(`priority ${ticket.ticketId} urgent`), /set the priority of #\d+ to Urgent/);
    assert.equal(current(h, ticket.id).priority, 'Urgent');
  });
});
