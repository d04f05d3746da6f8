/**
 * Cards that know the state: Close and Reopen ask for an optional reason (sent as the status
 * change's comment), and Assign to me is gone once the ticket is the reader's own.
 */
import assert from 'node:assert/strict';
import { ADELE, cardAction } from '../support/activities.js';
import { buttonTitles, current, invokeCard, startedBot } from './botAssertions.js';

describe('cards that know the state', () => {
  const { h, tickets, fresh } = startedBot();
  beforeEach(() => fresh());
  const click = async (verb: string, data: Record<string, unknown>, channel = false) =>
    invokeCard(await h.post(cardAction(ADELE, verb, data, { serviceUrl: h.serviceUrl, channel })));

  it('Close and Reopen take an optional reason, kept as the change\'s comment', async () => {
    const ticket = tickets.inStatus('Open');
    await click('close', { ticketId: ticket.id, closeReason: 'Duplicate of another ticket' });
    assert.equal(current(h, ticket.id).status, 'Closed');
    const said = (comment: string) => h.sandbox.store.activities(ticket.id).some((a) => a.comment === comment);
    assert.ok(said('Duplicate of another ticket'));
    await click('reopen', { ticketId: ticket.id, reopenReason: 'It came back' });
    assert.equal(current(h, ticket.id).status, 'Reopened');
    assert.ok(said('It came back'));
    await click('close', { ticketId: ticket.id });
    assert.equal(current(h, ticket.id).status, 'Closed', 'the reason is optional');
  });

  it('shows a confirmation as a success, in green', async () => {
    const ticket = tickets.inStatus('Open');
    const done = await click('priority', { ticketId: ticket.id, priority: 'Urgent' });
    const note = (done.body as Array<Record<string, unknown>>)[0]!;
    assert.equal(note.style, 'good');
    assert.match(JSON.stringify(note), new RegExp(`Adele Vance set the priority of #${ticket.ticketId} to Urgent`));
  });

  it('drops Assign to me once the ticket is the reader\'s, in a personal chat and in their own view of a channel\'s card', async () => {
    const ticket = tickets.take('open and not Adele\'s', (t) => t.status === 'Open' && t.assignee?.id !== ADELE.aadObjectId);
    assert.ok(buttonTitles(await click('show', { ticketId: ticket.id })).includes('Assign to me'));
    const mine = await click('assignMe', { ticketId: ticket.id });
    assert.equal(current(h, ticket.id).assignee?.id, ADELE.aadObjectId);
    assert.ok(!buttonTitles(mine).includes('Assign to me'));
    // The card everyone in the channel sees shows the requester's buttons; the clicker gets their own view.
    assert.ok(!buttonTitles(await click('show', { ticketId: ticket.id }, true)).includes('Assign to me'));
  });
});
