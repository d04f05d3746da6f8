import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DIALECTS } from '../../src/sandbox/index.js';
import { ADELE, cardAction, message, submit, type Person } from '../support/activities.js';
import { type PostResult } from '../support/harness.js';
import {
  cardIn, current, invokeCard, isErrorCard, readable, textsOf, startedBot, writeRequests,
  userOf,
} from './botAssertions.js';


/** Seeded people the harness does not register: each test registers the ones it needs. */
const DIEGO: Person = { id: '29:diego', aadObjectId: '00000000-0000-0000-0000-0000000000b1', name: 'Diego Siciliani', email: 'diego.s@contoso.com' };
const MEGAN: Person = { id: '29:megan', aadObjectId: '00000000-0000-0000-0000-0000000000a7', name: 'Megan Bowen', email: 'megan.bowen@contoso.com' };
const LYNNE: Person = { id: '29:lynne', aadObjectId: '00000000-0000-0000-0000-0000000000ac', name: 'Lynne Robbins', email: 'lynne.robbins@contoso.com' };
const JONI: Person = { id: '29:joni', aadObjectId: '00000000-0000-0000-0000-0000000000ab', name: 'Joni Sherman', email: 'joni.sherman@contoso.com' };
const MALLORY = { id: '00000000-0000-0000-0000-00000000bad1', name: 'Mallory', email: 'mallory@evil.example' };

/** An activity as Teams would send it for someone it did not authenticate: no AAD object id. */
function withoutAad<T extends { from: Record<string, unknown> }>(activity: T): T {
  const { aadObjectId: _dropped, ...from } = activity.from;
  return { ...activity, from };
}

for (const dialect of DIALECTS) describe(`bot identity: who the API is told did it (${dialect} dialect)`, () => {
  // Who did it, not who may: these people are not all agents, and the roles have tests of their own.
  const { h, tickets, sent, fresh } = startedBot({ sandbox: { dialect, fieldsRequired: false }, env: { HELPDESK_ROLES: 'off' } });
  afterEach(() => {
    h.connector.memberLookupStatus = undefined;
  });

  function register(p: Person): void {
    h.connector.members.set(p.id, { id: p.id, name: p.name, aadObjectId: p.aadObjectId, email: p.email, userPrincipalName: p.email });
  }

  async function post(activity: unknown): Promise<PostResult> {
    fresh();
    const res = await h.post(activity);
    sent.fromInvoke(res);
    return res;
  }

  const say = (who: Person, text: string) => post(message(who, text, { serviceUrl: h.serviceUrl }));
  const click = (who: Person, verb: string, data: unknown) => post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl }));
  const replyText = () => readable(cardIn(h.connector.messages()[0]));

  it('records every kind of write as the Teams user: AAD object id, Teams name and the email from the connector', async () => {
    register(DIEGO);
    const diego = userOf(DIEGO);

    await say(DIEGO, 'create Second monitor stays black | Since the docking station update');
    const created = h.sandbox.store.allTickets().at(-1)!;
    assert.equal(created.title, 'Second monitor stays black');
    assert.deepEqual(created.requestor, diego);
    assert.deepEqual(created.createdBy, diego);

    const open = tickets.inStatus('Open');
    await say(DIEGO, `start ${open.ticketId} Looking into it`);
    assert.deepEqual(h.sandbox.store.activities(open.id)[0]?.createdBy, diego);
    assert.deepEqual(current(h, open.id).lastUpdatedBy, diego);

    await say(DIEGO, `comment ${open.ticketId} Found the cause`);
    assert.deepEqual(h.sandbox.store.activities(open.id)[0]?.createdBy, diego);

    await say(DIEGO, `priority ${open.ticketId} low`);
    assert.deepEqual(current(h, open.id).lastUpdatedBy, diego);

    await say(DIEGO, `assign ${open.ticketId} me`);
    assert.deepEqual(current(h, open.id).assignee, diego);

    invokeCard(await click(DIEGO, 'resolve', { ticketId: open.id, comment: 'Done' }));
    assert.deepEqual(h.sandbox.store.activities(open.id)[0]?.createdBy, diego);
    assert.equal(current(h, open.id).status, 'Resolved');
  });

  it('sends the email in lower case, as Teams may spell it in capitals or give only a guest\'s UPN', async () => {
    // Teams copies the address as the directory spells it; the API matches people by exact email.
    const capitals: Person = { id: '29:pradeep', aadObjectId: '00000000-0000-0000-0000-0000000000c1', name: 'Pradeep Gupta', email: 'Pradeep.Gupta@Contoso.COM' };
    register(capitals);
    await say(capitals, 'create Badge reader refuses my card');
    assert.deepEqual(h.sandbox.store.allTickets().at(-1)?.createdBy, { ...userOf(capitals), email: 'pradeep.gupta@contoso.com' });

    const guest: Person = { id: '29:guest', aadObjectId: '00000000-0000-0000-0000-0000000000c2', name: 'Alex Wilber', email: '' };
    h.connector.members.set(guest.id, { id: guest.id, name: guest.name, aadObjectId: guest.aadObjectId, userPrincipalName: 'Alex.Wilber_Fabrikam.com#EXT#@contoso.onmicrosoft.com' });
    await say(guest, 'create VPN drops every hour');
    assert.deepEqual(h.sandbox.store.allTickets().at(-1)?.createdBy, { ...userOf(guest), email: 'alex.wilber@fabrikam.com' });
  });

  it('ignores a user, email or requestor forged in card data', async () => {
    const ticket = tickets.inStatus('Started');
    const forged = { user: MALLORY, email: MALLORY.email, createdBy: MALLORY, requestor: MALLORY, from: MALLORY };

    invokeCard(await click(ADELE, 'comment', { ticketId: ticket.id, comment: 'Checked the cable', ...forged }));
    assert.deepEqual(h.sandbox.store.activities(ticket.id)[0]?.createdBy, userOf(ADELE));

    await post(submit(ADELE, { verb: 'resolve', ticketId: ticket.id, ...forged }, { serviceUrl: h.serviceUrl }));
    assert.deepEqual(h.sandbox.store.activities(ticket.id)[0]?.createdBy, userOf(ADELE));
    assert.deepEqual(current(h, ticket.id).lastUpdatedBy, userOf(ADELE));

    const res = await click(ADELE, 'create', { title: 'Badge reader at the door', ...forged });
    assert.equal(res.status, 200);
    const created = h.sandbox.store.allTickets().at(-1)!;
    assert.equal(created.title, 'Badge reader at the door');
    assert.deepEqual(created.requestor, userOf(ADELE));
    assert.deepEqual(created.createdBy, userOf(ADELE));
  });

  it('ignores an identity written in the text of a command', async () => {
    await say(ADELE, `create Laptop will not boot | user: ${MALLORY.email} requestor: ${MALLORY.email}`);
    const created = h.sandbox.store.allTickets().at(-1)!;
    assert.equal(created.title, 'Laptop will not boot');
    assert.deepEqual(created.requestor, userOf(ADELE));
  });

  it('looks up a user\'s email once, and keeps using it while the connector is unavailable', async () => {
    register(MEGAN);
    const first = tickets.inStatus('Open');
    await say(MEGAN, `comment ${first.ticketId} Still waiting`);
    assert.deepEqual(h.sandbox.store.activities(first.id)[0]?.createdBy, userOf(MEGAN));

    h.connector.members.set(MEGAN.id, { ...h.connector.members.get(MEGAN.id)!, email: 'someone.else@contoso.com' });
    h.connector.memberLookupStatus = 404;
    await say(MEGAN, `comment ${first.ticketId} Any news?`);
    const [latest] = h.sandbox.store.activities(first.id);
    assert.equal(latest?.comment, 'Any news?');
    assert.deepEqual(latest?.createdBy, userOf(MEGAN), 'the email looked up the first time');

    register(LYNNE);
    await say(LYNNE, `comment ${first.ticketId} Me too`);
    assert.match(replyText(), /could not look up your Teams account/, 'the lookup really was down');
    assert.notEqual(h.sandbox.store.activities(first.id)[0]?.comment, 'Me too');
  });

  it('looks up a newcomer once when three of their clicks arrive at the same moment', async () => {
    const newcomer: Person = { id: '29:isaiah', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Isaiah Langer', email: 'isaiah.langer@contoso.com' };
    register(newcomer);
    const ticket = tickets.inStatus('Open');
    const lookUpsBefore = h.connector.memberLookups;
    const comments = ['First', 'Second', 'Third'];
    const answers = await Promise.all(comments.map((comment) => h.post(cardAction(newcomer, 'comment', { ticketId: ticket.id, comment }, { serviceUrl: h.serviceUrl }))));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    assert.equal(h.connector.memberLookups - lookUpsBefore, 1, 'one look-up, shared by the three turns');
    const written = h.sandbox.store.activities(ticket.id).filter((a) => comments.includes(a.comment ?? ''));
    assert.deepEqual(written.map((a) => a.createdBy), [userOf(newcomer), userOf(newcomer), userOf(newcomer)]);
  });

  it('refuses a member record that is not the sender\'s own, writes nothing, and does not keep it for later', async () => {
    h.connector.members.set(LYNNE.id, { id: LYNNE.id, name: LYNNE.name, aadObjectId: MALLORY.id, email: MALLORY.email, userPrincipalName: MALLORY.email });
    const before = h.sandbox.store.allTickets().length;
    await say(LYNNE, 'create Forged mailbox');
    assert.equal(h.sandbox.store.allTickets().length, before, 'nothing was created');
    assert.deepEqual(writeRequests(h), []);
    assert.match(replyText(), /another account than yours/);

    register(LYNNE);
    await say(LYNNE, 'create Real mailbox');
    assert.deepEqual(h.sandbox.store.allTickets().at(-1)?.requestor, userOf(LYNNE), 'her own record is used once Teams gives it');
  });

  it('refuses a button\'s write when Teams does not say who clicked, and sends nothing to the API', async () => {
    const ticket = tickets.inStatus('Open');
    const answer = invokeCard(await post(withoutAad(cardAction(ADELE, 'start', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl }))));
    assert.match(readable(answer), /Teams did not say who you are, so I changed nothing/);
    assert.deepEqual(h.apiCalls(), []);
    assert.deepEqual(current(h, ticket.id), ticket);
  });

  it('refuses to create a ticket for someone Teams did not identify, and sends nothing to the API', async () => {
    const before = h.sandbox.store.size;
    await post(withoutAad(message(ADELE, 'create Who am I', { serviceUrl: h.serviceUrl })));
    assert.match(replyText(), /Teams did not say who you are/);
    assert.deepEqual(h.apiCalls(), []);
    assert.equal(h.sandbox.store.size, before);
  });

  it('refuses a button\'s write when the member lookup fails, and sends nothing to the API', async () => {
    register(JONI);
    h.connector.memberLookupStatus = 404;
    const ticket = tickets.inStatus('Reopened');
    const answer = invokeCard(await click(JONI, 'comment', { ticketId: ticket.id, comment: 'hello' }));
    assert.match(readable(answer), /could not look up your Teams account just now, so I changed nothing/);
    assert.deepEqual(h.apiCalls(), []);
    assert.deepEqual(current(h, ticket.id), ticket);
  });

  it('refuses a typed write before any API call, even when the ticket is named by a number the bot has not seen', async () => {
    const unseen = tickets.inStatus('Started');
    await post(withoutAad(message(ADELE, `resolve ${unseen.ticketId} Done`, { serviceUrl: h.serviceUrl })));
    assert.match(replyText(), /Teams did not say who you are/);
    assert.deepEqual(h.apiCalls(), [], 'no identity: nothing is sent to the API');

    const another = tickets.inStatus('Started');
    h.connector.memberLookupStatus = 404;
    await say(JONI, `comment ${another.ticketId} hello`);
    assert.match(replyText(), /could not look up your Teams account/);
    assert.deepEqual(h.apiCalls(), [], 'member lookup failed: nothing is sent to the API');
  });

  it('answers a button within Teams\' 5 s even when the connector never answers the member lookup', async () => {
    // A connector that takes the member lookup and never answers (Teams' service having a bad moment).
    const stalled = createServer(() => undefined);
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
    const ticket = tickets.inStatus('Open');
    const newcomer: Person = { id: '29:debra', aadObjectId: '00000000-0000-0000-0000-0000000000b3', name: 'Debra Berger', email: 'debra.berger@contoso.com' };
    h.resetCounts();
    const started = Date.now();
    let body: unknown;
    try {
      const res = await fetch(`${h.app.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cardAction(newcomer, 'start', { ticketId: ticket.id }, { serviceUrl })),
        signal: AbortSignal.timeout(6000),
      });
      body = await res.json();
    } catch {
      body = undefined;
    } finally {
      stalled.closeAllConnections();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
    const elapsed = Date.now() - started;
    assert.ok(body !== undefined, `no answer after ${elapsed} ms; Teams stops waiting for an invoke after about 5 s`);
    assert.ok(elapsed < 5000, `answered after ${elapsed} ms`);
    const answer = invokeCard({ status: 200, body });
    assert.ok(isErrorCard(answer), 'a refusal, since nobody could be identified');
    assert.deepEqual(writeRequests(h), []);
    assert.deepEqual(current(h, ticket.id), ticket);
  });

  it('still reads for someone Teams did not identify, but cannot tell which tickets are "mine"', async () => {
    const ticket = tickets.inStatus('Closed');
    await post(withoutAad(message(ADELE, `show ${ticket.ticketId}`, { serviceUrl: h.serviceUrl })));
    assert.ok(textsOf(cardIn(h.connector.messages()[0])).includes(`#${ticket.ticketId}`));

    await post(withoutAad(message(ADELE, 'list mine', { serviceUrl: h.serviceUrl })));
    assert.match(replyText(), /Teams did not say who you are here/);
  });

  describe('every card', () => {
    it('sent in this file is under 28 KB and declares version 1.5', () => {
      sent.collect(h);
      sent.assertAllSendable(10);
    });
  });
});
