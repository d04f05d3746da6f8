/**
 * Edit after creation: the ticket card's Edit form (title, description, expected date, with the
 * current values) saves in one update, as the agent who clicked; a requester is refused.
 */
import assert from 'node:assert/strict';
import { PEOPLE } from '../../src/sandbox/index.js';
import { ADELE, ALEX, cardAction, type Person } from '../support/activities.js';
import { current, invokeCard, readable, startedBot, writeRequests } from './botAssertions.js';

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };

describe('edit after creation', () => {
  const { h, tickets, fresh } = startedBot({ people: [ADELE, ALEX, MEGAN] });
  beforeEach(() => fresh());
  const click = async (who: Person, verb: string, data: unknown) => invokeCard(await h.post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl, channel: true })));

  it('opens with the current values and saves title, description and expected date in one update', async () => {
    const ticket = tickets.inStatus('Open');
    const card = await click(ADELE, 'show', { ticketId: ticket.id });
    const json = JSON.stringify(card);
    assert.ok(json.includes(`"id":"editTitle","label":"Title","value":${JSON.stringify(ticket.title)}`), 'the form holds the current title');
    // The Edit form is in the card's body (an ActionSet): the card's own actions are at Teams' limit of six.
    const set = (card.body as Array<Record<string, any>>).find((e) => e.type === 'ActionSet');
    const edit = set?.actions.find((a: Record<string, unknown>) => a.title === 'Edit');
    assert.ok(edit, 'the card has an Edit form');
    const save = edit.card.actions[0] as { verb: string; data: object };
    fresh();
    const saved = await click(ADELE, save.verb, { ...(save.data as object), editTitle: 'Projector in room 4 flickers', editDescription: 'Since Monday.', editExpectedDate: '2026-12-24' });
    const now = current(h, ticket.id);
    assert.equal(now.title, 'Projector in room 4 flickers');
    assert.equal(now.description, 'Since Monday.');
    assert.equal(now.expectedDate?.slice(0, 10), '2026-12-24');
    assert.deepEqual(now.lastUpdatedBy, { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email });
    assert.match(readable(saved), new RegExp(`Adele Vance edited #${ticket.ticketId}\\.`));
    assert.deepEqual(writeRequests(h), [{ method: 'PUT', path: `/tickets/${ticket.id}` }]);
  });

  it('refuses a requester, even on their own ticket, writing nothing', async () => {
    const who = { id: MEGAN.aadObjectId, name: MEGAN.name, email: MEGAN.email };
    const own = h.sandbox.store.create({ title: 'Keyboard', requestor: who }, who);
    fresh();
    assert.match(readable(await click(MEGAN, 'edit', { ticketId: own.id, editTitle: 'Keyboard and mouse' })), /Only the helpdesk's agents can/);
    assert.deepEqual(writeRequests(h), []);
  });
});
