/**
 * `assign 12 Lee`, `assign 12 Lee Gu` and `assign 12 @Lee Gu`: one of the helpdesk's agents, by
 * name or by an @mention as Teams sends it; the confirmation reads "Adele Vance assigned #12 to Lee Gu".
 */
import assert from 'node:assert/strict';
import { AGENTS } from '../../src/sandbox/index.js';
import { ADELE, BOT, message } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { current, readable, startedBot, writeRequests } from './botAssertions.js';

const LEE = AGENTS.find((a) => a.name === 'Lee Gu')!;

describe('assign by name or @mention', () => {
  const { h, tickets, fresh } = startedBot();
  beforeEach(() => fresh());
  const reply = () => readable(cardOf(h.connector.messages().at(-1)));

  it('assigns to an agent by first name or whole name, in one write', async () => {
    for (const who of ['Lee', 'lee gu']) {
      fresh();
      const ticket = tickets.inStatus('Open');
      await h.post(message(ADELE, `assign ${ticket.ticketId} ${who}`, { serviceUrl: h.serviceUrl }));
      assert.equal(current(h, ticket.id).assignee?.id, LEE.id, who);
      assert.match(reply(), new RegExp(`Adele Vance assigned #${ticket.ticketId} to Lee Gu\\.`));
      assert.deepEqual(writeRequests(h), [{ method: 'PUT', path: `/tickets/${ticket.id}` }]);
    }
  });

  it('assigns to the person @mentioned in a channel, as Teams sends the mention', async () => {
    const ticket = tickets.inStatus('Open');
    const activity = {
      ...message(ADELE, '', { serviceUrl: h.serviceUrl, channel: true }),
      text: `<at>Tickets</at> assign ${ticket.ticketId} <at>Lee Gu</at>`,
      entities: [
        { type: 'mention', text: '<at>Tickets</at>', mentioned: { id: BOT.id, name: BOT.name } },
        { type: 'mention', text: '<at>Lee Gu</at>', mentioned: { id: '29:lee-gu', name: 'Lee Gu' } },
      ],
    };
    await h.post(activity);
    assert.equal(current(h, ticket.id).assignee?.id, LEE.id);
  });

  it('names the agents when the name is none of them, and writes nothing', async () => {
    const ticket = tickets.inStatus('Open');
    await h.post(message(ADELE, `assign ${ticket.ticketId} Bob Nobody`, { serviceUrl: h.serviceUrl }));
    assert.match(reply(), /"Bob Nobody" is not one of this helpdesk's agents, who are Adele Vance, Alex Wilber, Lee Gu/);
    assert.deepEqual(writeRequests(h), []);
  });
});
