/**
 * `unassign 12` / `désassigner 12`: the Ticketing API has no way to clear an assignee (see
 * src/features/unassignTicket.ts for the sources looked at), so the answer says so and what to do
 * instead, and nothing is written; a requester is refused as for any assignment.
 */
import assert from 'node:assert/strict';
import { AGENTS, PEOPLE } from '../../src/sandbox/index.js';
import { ADELE, ALEX, message, type Person } from '../support/activities.js';
import { cardIn, current, readable, startedBot, writeRequests } from './botAssertions.js';

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };

describe('unassign, through the real server', () => {
  const { h, fresh } = startedBot({ people: [ADELE, ALEX, MEGAN] });
  beforeEach(() => fresh());
  const lee = AGENTS.find((a) => a.name === 'Lee Gu')!;

  async function say(who: Person, text: string, locale = 'en-US'): Promise<string> {
    h.connector.calls.length = 0;
    const res = await h.post({ ...message(who, text, { serviceUrl: h.serviceUrl, channel: true }), locale });
    assert.equal(res.status, 200);
    const replies = h.connector.messages();
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return readable(cardIn(replies[0]));
  }

  function assignedTicket() {
    const requestor = { id: MEGAN.aadObjectId, name: MEGAN.name, email: MEGAN.email };
    const ticket = h.sandbox.store.create({ title: 'Badge reader at the door', requestor, assignee: lee }, requestor);
    fresh();
    return ticket;
  }

  it('says the API offers no way to clear an assignee and what to do instead, writing nothing', async () => {
    const ticket = assignedTicket();
    const text = await say(ADELE, `unassign ${ticket.number}`);
    assert.match(text, new RegExp(`The Ticketing API offers no way to leave #${ticket.number} with nobody assigned, so nothing was changed\\.`));
    assert.match(text, new RegExp(`Assign it to another agent instead: assign ${ticket.number} \\S`));
    assert.deepEqual(writeRequests(h), []);
    assert.deepEqual(h.sandbox.requests.map((r) => r.path), [], 'no API call: the agents come from the cached instance');
    assert.equal(current(h, ticket.id).assignee?.id, lee.id);
  });

  it('answers "désassigner" in French', async () => {
    const ticket = assignedTicket();
    const text = await say(ADELE, `désassigner ${ticket.number}`, 'fr-FR');
    assert.match(text, new RegExp(`L'API Ticketing ne permet pas de laisser #${ticket.number} sans agent assigné`));
    assert.match(text, new RegExp(`assigner ${ticket.number} \\S`));
    assert.deepEqual(writeRequests(h), []);
  });

  it('refuses a requester as for any assignment, and asks which ticket when none is named', async () => {
    const ticket = assignedTicket();
    assert.match(await say(MEGAN, `unassign ${ticket.number}`), /Only the helpdesk's agents can assign a ticket\. Nothing was changed\./);
    assert.match(await say(ADELE, 'unassign'), /Which ticket/i);
    assert.deepEqual(writeRequests(h), []);
  });
});
