/**
 * Who may do what: agents (the instance's assignees, plus HELPDESK_AGENTS) work any ticket;
 * a requester creates tickets and sees, comments on, closes and reopens their own. Everything else
 * answers "Only the helpdesk's agents can …" and writes nothing; the check is made on every click.
 */
import assert from 'node:assert/strict';
import { ADELE, ALEX, cardAction, extensionInvoke, message, type Person } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import type { HarnessOptions } from '../support/harness.js';
import { current, invokeCard, MEGAN, readable, startedBot, userOf, writeRequests } from './botAssertions.js';


function withBot(options: HarnessOptions = {}) {
  const { h, fresh } = startedBot({ people: [ADELE, ALEX, MEGAN], ...options });
  beforeEach(fresh);
  /** A new open ticket requested by `p`. */
  const ticketOf = (p: Person) => current(h, h.sandbox.store.create({ title: `Projector in room 4 for ${p.name}`, requestor: userOf(p) }, userOf(p)).id);
  const say = async (who: Person, text: string) => {
    await h.post(message(who, text, { serviceUrl: h.serviceUrl }));
    const sent = h.connector.messages();
    return readable(cardOf(sent[sent.length - 1]));
  };
  const click = async (who: Person, verb: string, data: Record<string, unknown>) =>
    readable(invokeCard(await h.post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl, channel: true }))));
  return { h, ticketOf, say, click };
}

describe('who may do what', () => {
  const { h, ticketOf, say, click } = withBot();

  it('takes someone Teams did not identify for no agent: no one\'s tickets, no reports, nothing written', async () => {
    const ticket = ticketOf(MEGAN);
    // ADELE is an agent, but without her Azure AD id nobody can tell.
    const { aadObjectId: _unknown, ...nobody } = ADELE;
    const unidentified = nobody as Person;
    assert.match(await say(unidentified, `show ${ticket.ticketId}`), /Only the helpdesk's agents can see other people's tickets\./);
    assert.match(await say(unidentified, 'list'), /Teams did not say who you are here, so I cannot tell which tickets are yours\./);
    assert.match(await say(unidentified, 'report'), /Only the helpdesk's agents can see the helpdesk's reports\./);
    assert.match(await click(unidentified, 'resolve', { ticketId: ticket.id, resolution: 'fixed' }), /Only the helpdesk's agents can resolve a ticket\. Nothing was changed\./);
    assert.deepEqual(writeRequests(h), []);
    assert.deepEqual(current(h, ticket.id), ticket);
  });

  it('refuses a requester an agent\'s command on their own ticket, writing nothing', async () => {
    const ticket = ticketOf(MEGAN);
    for (const [text, what] of [
      [`resolve ${ticket.ticketId} fixed it myself`, 'resolve a ticket'],
      [`start ${ticket.ticketId}`, 'start work on a ticket'],
      [`priority ${ticket.ticketId} urgent`, 'change the priority'],
      [`assign ${ticket.ticketId} me`, 'assign a ticket'],
    ] as const) {
      assert.match(await say(MEGAN, text), new RegExp(`Only the helpdesk's agents can ${what}\\. Nothing was changed\\.`), text);
    }
    assert.deepEqual(writeRequests(h), []);
    assert.equal(current(h, ticket.id).status, 'Open');
  });

  it('checks every click again: a requester\'s Start, Assign to me and Priority buttons are refused, writing nothing', async () => {
    const ticket = ticketOf(MEGAN);
    assert.match(await click(MEGAN, 'start', { ticketId: ticket.id }), /Only the helpdesk's agents can start work on a ticket/);
    assert.match(await click(MEGAN, 'assignMe', { ticketId: ticket.id }), /Only the helpdesk's agents can assign a ticket/);
    assert.match(await click(MEGAN, 'priority', { ticketId: ticket.id, priority: 'Urgent' }), /Only the helpdesk's agents can change the priority/);
    assert.match(await click(MEGAN, 'resolve', { ticketId: ticket.id, resolution: 'fixed' }), /Only the helpdesk's agents can resolve a ticket/);
    assert.deepEqual(writeRequests(h), []);
    assert.deepEqual(h.connector.updates(), [], 'no card redrawn for everyone');
  });

  it('lets a requester see, comment on, close and reopen their own ticket', async () => {
    const ticket = ticketOf(MEGAN);
    assert.match(await say(MEGAN, `show ${ticket.ticketId}`), new RegExp(`#${ticket.ticketId}`));
    await say(MEGAN, `comment ${ticket.ticketId} It is the HDMI cable`);
    assert.match(await click(MEGAN, 'close', { ticketId: ticket.id }), /Closed/);
    assert.equal(current(h, ticket.id).status, 'Closed');
    assert.match(await click(MEGAN, 'reopen', { ticketId: ticket.id }), /Reopened/);
    assert.equal(current(h, ticket.id).status, 'Reopened');
    assert.deepEqual(writeRequests(h).map((r) => r.method), ['POST', 'PUT', 'PUT']);
  });

  it('refuses a requester someone else\'s ticket, by number or by button, writing nothing', async () => {
    const alexs = ticketOf(ALEX);
    assert.match(await say(MEGAN, `show ${alexs.ticketId}`), /Only the helpdesk's agents can see other people's tickets/);
    assert.match(await say(MEGAN, `comment ${alexs.ticketId} me too`), /Only the helpdesk's agents can comment on other people's tickets/);
    assert.match(await say(MEGAN, `close ${alexs.ticketId}`), /Only the helpdesk's agents can close other people's tickets/);
    assert.match(await click(MEGAN, 'show', { ticketId: alexs.id }), /Only the helpdesk's agents can see other people's tickets/);
    assert.match(await click(MEGAN, 'history', { ticketId: alexs.id }), /Only the helpdesk's agents can see other people's tickets/);
    assert.deepEqual(writeRequests(h), []);
  });

  it('finds and unfurls only a requester\'s own tickets in the message extension', async () => {
    const mine = ticketOf(MEGAN);
    const alexs = ticketOf(ALEX);
    const found = (await h.post(extensionInvoke(MEGAN, 'composeExtension/query', {
      commandId: 'findTicket', parameters: [{ name: 'search', value: 'Projector in room 4' }], queryOptions: { skip: 0, count: 25 },
    }, { serviceUrl: h.serviceUrl }))).body as { composeExtension: { attachments: Array<{ content: unknown }> } };
    const shown = JSON.stringify(found.composeExtension.attachments.map((a) => a.content));
    assert.ok(shown.includes(`#${mine.ticketId}`) && !shown.includes(`#${alexs.ticketId}"`), 'her ticket and not Alex\'s');
    const unfurled = (await h.post(extensionInvoke(MEGAN, 'composeExtension/queryLink', { url: `https://contoso.teamswork.app/tickets/${alexs.ticketId}` }, { serviceUrl: h.serviceUrl }))).body;
    assert.match(JSON.stringify(unfurled), /Only the helpdesk's agents can see other people's tickets\./);
  });

  it('lists a requester\'s own tickets only', async () => {
    ticketOf(MEGAN);
    const text = await say(MEGAN, 'list');
    assert.match(text, /tickets you requested/i);
    assert.doesNotMatch(text, /Projector in room 4 for Alex Wilber/);
  });

  it('keeps the helpdesk\'s reports and a conversation\'s subscription to agents, and lets a requester set their own notifications', async () => {
    assert.match(await say(MEGAN, 'report 7d'), /Only the helpdesk's agents can see the helpdesk's reports\./);
    assert.match(await click(MEGAN, 'report', { report: 'report 7d' }), /Only the helpdesk's agents can see the helpdesk's reports\./);
    assert.match(await say(MEGAN, 'notify all'), /Only the helpdesk's agents can choose which tickets this conversation is told of\. Nothing was changed\./);
    assert.doesNotMatch(await say(MEGAN, 'notify me off'), /Only the helpdesk's agents/);
    assert.doesNotMatch(await say(MEGAN, 'notify'), /Only the helpdesk's agents/);
    assert.doesNotMatch(await say(ADELE, 'report 7d'), /Only the helpdesk's agents/);
  });

  it('costs an agent no API call for the check: resolving a ticket seen a moment ago is one write and nothing else', async () => {
    const ticket = ticketOf(MEGAN);
    await click(ADELE, 'show', { ticketId: ticket.id });
    h.resetCounts();
    await click(ADELE, 'resolve', { ticketId: ticket.id, resolution: 'fixed' });
    assert.equal(current(h, ticket.id).status, 'Resolved');
    assert.deepEqual(h.apiCalls(), [{ method: 'PUT', path: `/tickets/${ticket.id}/status` }]);
  });
});

describe('who may do what, as set', () => {
  describe('HELPDESK_ROLES=off: everyone is an agent', () => {
    const { h, ticketOf, say } = withBot({ env: { HELPDESK_ROLES: 'off' } });
    it('lets a requester resolve', async () => {
      const ticket = ticketOf(ALEX);
      await say(MEGAN, `resolve ${ticket.ticketId}`);
      assert.equal(current(h, ticket.id).status, 'Resolved');
    });
  });

  describe('HELPDESK_AGENTS names more agents, by email', () => {
    const { h, ticketOf, say } = withBot({ env: { HELPDESK_AGENTS: `someone@contoso.com, ${MEGAN.email.toUpperCase()}` } });
    it('lets the person named there work any ticket', async () => {
      const ticket = ticketOf(ALEX);
      await say(MEGAN, `start ${ticket.ticketId}`);
      assert.notEqual(current(h, ticket.id).status, 'Open');
    });
  });
});
