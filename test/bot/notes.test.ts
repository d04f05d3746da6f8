/**
 * Internal notes: `note 12 …` and the Comment form's toggle send a private comment (live:
 * `{comment, isPrivate: true, user}` on /activities); agents only; their text is shown only where
 * no requester reads along, and the history marks them.
 */
import assert from 'node:assert/strict';
import { PEOPLE } from '../../src/sandbox/index.js';
import { ADELE, ALEX, cardAction, message, type Person } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { current, invokeCard, readable, startedBot, writeRequests } from './botAssertions.js';

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };

describe('internal notes', () => {
  const { h, tickets, fresh } = startedBot({ people: [ADELE, ALEX, MEGAN] });
  beforeEach(() => fresh());
  const say = async (who: Person, text: string, channel = false) => {
    await h.post(message(who, text, { serviceUrl: h.serviceUrl, channel }));
    return readable(cardOf(h.connector.messages().at(-1)));
  };
  const lastActivity = (id: string) => h.sandbox.store.activities(id).at(-1)!;

  it('"note 12 …" adds a private comment, said as an internal note with its text in a personal chat', async () => {
    const ticket = tickets.inStatus('Open');
    const text = await say(ADELE, `note ${ticket.ticketId} Waiting for the part from Dell`);
    assert.match(text, new RegExp(`Adele Vance added an internal note to #${ticket.ticketId} \\(agents only\\)`));
    assert.match(text, /Waiting for the part from Dell/);
    assert.equal(lastActivity(ticket.id).isPrivate, true);
    assert.equal(lastActivity(ticket.id).comment, 'Waiting for the part from Dell');
    assert.deepEqual(writeRequests(h), [{ method: 'POST', path: `/tickets/${ticket.id}/activities` }]);
  });

  it('keeps a note\'s text out of a channel\'s reply', async () => {
    const ticket = tickets.inStatus('Open');
    const text = await say(ADELE, `note ${ticket.ticketId} VIP, handle first`, true);
    assert.match(text, /added an internal note/);
    assert.doesNotMatch(text, /VIP, handle first/);
    assert.equal(lastActivity(ticket.id).isPrivate, true);
  });

  it('the Comment form\'s toggle makes a note, answered to the clicker only', async () => {
    const ticket = tickets.inStatus('Open');
    const res = await h.post(cardAction(ADELE, 'comment', { ticketId: ticket.id, comment: 'Called the vendor', isPrivate: 'true' }, { serviceUrl: h.serviceUrl, channel: true }));
    assert.match(readable(invokeCard(res)), /internal note/);
    assert.equal(lastActivity(ticket.id).isPrivate, true);
    assert.deepEqual(h.connector.updates(), [], 'the card everyone sees is not redrawn with it');
  });

  it('a public comment from the button shows on the card for everyone', async () => {
    const ticket = tickets.inStatus('Open');
    const res = await h.post(cardAction(ADELE, 'comment', { ticketId: ticket.id, comment: 'On my way', isPrivate: 'false' }, { serviceUrl: h.serviceUrl, channel: true }));
    assert.match(readable(invokeCard(res)), /Adele Vance commented: On my way/);
    assert.equal(lastActivity(ticket.id).isPrivate, false);
    assert.equal((await h.connector.waitForUpdates(1)).length, 1);
  });

  it('refuses a requester a note, writing nothing', async () => {
    const own = current(h, h.sandbox.store.create({ title: 'Mouse', requestor: { id: MEGAN.aadObjectId, name: MEGAN.name, email: MEGAN.email } },
      { id: MEGAN.aadObjectId, name: MEGAN.name, email: MEGAN.email }).id);
    fresh();
    assert.match(await say(MEGAN, `note ${own.ticketId} secret`), /Only the helpdesk's agents can add internal notes/);
    const res = await h.post(cardAction(MEGAN, 'comment', { ticketId: own.id, comment: 'secret', isPrivate: 'true' }, { serviceUrl: h.serviceUrl }));
    assert.match(readable(invokeCard(res)), /Only the helpdesk's agents can add internal notes/);
    assert.deepEqual(writeRequests(h), []);
  });

  it('the history shows an agent the notes, marked, in a personal chat; a channel\'s leaves them out', async () => {
    const ticket = tickets.inStatus('Open');
    await say(ADELE, `note ${ticket.ticketId} Replaced the fuser`);
    fresh();
    const personal = await say(ADELE, `history ${ticket.ticketId}`);
    assert.match(personal, /Adele Vance added an internal note \(agents only\)/);
    assert.match(personal, /Replaced the fuser/);
    const channel = await say(ADELE, `history ${ticket.ticketId}`, true);
    assert.doesNotMatch(channel, /Replaced the fuser/);
    assert.match(channel, /private comments are only shown in the helpdesk/);
  });
});
