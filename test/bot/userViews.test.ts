/**
 * Teams' user-specific views: in a channel the card everyone sees shows the requester's buttons and
 * names the agents present in `refresh.userIds`; Teams' automatic refresh then asks the bot for each
 * agent's own view, which costs no API call while the ticket was read a moment ago. Forged refresh
 * data changes nothing and shows nothing; every click is checked on the server as before.
 */
import assert from 'node:assert/strict';
import { ADELE, ALEX, cardAction, message, type Person } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import type { HarnessOptions } from '../support/harness.js';
import { buttonTitles, current, eventually, invokeCard, isErrorCard, MEGAN, MESSAGE_TYPE, startedBot, userOf, writeRequests, type Card } from './botAssertions.js';


/** What a requester may use on their own open ticket; everything else is an agent's. */
const REQUESTER_BUTTONS = ['Comment', 'Close'];
const AGENT_BUTTONS = ['Start', 'Resolve', 'Comment', 'Assign to me', 'Close', 'Priority'];

function withBot(options: HarnessOptions = {}) {
  const { h, fresh } = startedBot({ people: [ADELE, ALEX, MEGAN], ...options });
  beforeEach(fresh);
  /** A new open ticket requested by Megan, assigned to `assignee` when given. */
  const ticketFor = (assignee?: Person) => current(h, h.sandbox.store.create({
    title: `Badge reader at door ${Math.random().toString(36).slice(2, 8)}`,
    requestor: userOf(MEGAN),
    ...(assignee ? { assignee: userOf(assignee) } : {}),
  }, userOf(MEGAN)).id);
  /** The card the bot posted in the channel for `text`. */
  const say = async (who: Person, text: string, channel = true): Promise<Card> => {
    await h.post(message(who, text, { serviceUrl: h.serviceUrl, channel }));
    const sent = h.connector.messages();
    const card = cardOf(sent[sent.length - 1]);
    assert.ok(card, `"${text}" is answered with a card`);
    return card;
  };
  /** Teams' refresh of a card, made on its own (`automatic`) or from the message's menu. */
  const refresh = async (who: Person, data: unknown, trigger: 'automatic' | 'manual' = 'automatic') => {
    const activity = cardAction(who, 'refresh', data, { serviceUrl: h.serviceUrl, channel: true });
    return { res: await h.post({ ...activity, value: { ...activity.value, trigger } }) };
  };
  return { h, ticketFor, say, refresh };
}

const userIdsOf = (card: Card) => (card.refresh as { userIds: unknown }).userIds;
/** The Edit button, which opens the form as a card of its own. */
const hasEditButton = (card: Card) => JSON.stringify(card.body).includes('"verb":"editForm"');

describe('user-specific views', () => {
  const { h, ticketFor, say, refresh } = withBot();

  it("shows everyone in a channel the requester's buttons, and names the agents there for Teams to refresh to their own view, the assignee first", async () => {
    const ticket = ticketFor(ALEX);
    const reads = h.connector.rosterReads;
    const shared = await say(ADELE, `show ${ticket.ticketId}`);
    assert.deepEqual(buttonTitles(shared), REQUESTER_BUTTONS);
    assert.equal(hasEditButton(shared), false, 'no Edit button');
    assert.doesNotMatch(JSON.stringify(shared), /isPrivate/, 'no internal-note switch');
    assert.deepEqual(userIdsOf(shared), [ALEX.id, ADELE.id], 'the agents present, not the requester');
    assert.equal(h.connector.rosterReads, reads + 1, 'one roster read');
    await say(ALEX, `show ${ticket.ticketId}`);
    assert.equal(h.connector.rosterReads, reads + 1, 'the roster is reused');
  });

  it("answers each agent's automatic refresh with their own view, at no API call and no roster read", async () => {
    const ticket = ticketFor(ADELE);
    await say(ADELE, `show ${ticket.ticketId}`);
    h.resetCounts();
    const reads = h.connector.rosterReads;
    const adele = await refresh(ADELE, { ticketId: ticket.id });
    const alex = await refresh(ALEX, { ticketId: ticket.id });
    const megan = await refresh(MEGAN, { ticketId: ticket.id }, 'manual');
    assert.deepEqual(buttonTitles(invokeCard(adele.res)), AGENT_BUTTONS.filter((b) => b !== 'Assign to me'), 'the assignee has no Assign to me');
    assert.deepEqual(buttonTitles(invokeCard(alex.res)), AGENT_BUTTONS);
    assert.ok(hasEditButton(invokeCard(alex.res)), 'an agent can edit');
    assert.deepEqual(buttonTitles(invokeCard(megan.res)), REQUESTER_BUTTONS, 'the requester, as the shared card');
    assert.deepEqual(h.apiCalls(), [], 'the ticket read a moment ago serves every viewer');
    assert.equal(h.connector.rosterReads, reads, 'the roster is reused');
    assert.deepEqual(h.connector.calls, [], 'a refresh posts and redraws nothing');
  });

  it('reads a ticket not seen lately once for everyone whose Teams refreshes it at the same moment', async () => {
    const ticket = ticketFor(ADELE);
    const answers = await Promise.all([ADELE, ALEX, MEGAN].map((who) => refresh(who, { ticketId: ticket.id })));
    assert.deepEqual(answers.map(({ res }) => buttonTitles(invokeCard(res)).length > 0), [true, true, true]);
    assert.deepEqual(h.apiCalls(), [{ method: 'GET', path: `/tickets/${ticket.id}` }]);
  });

  it('changes nothing and shows nothing on forged refresh data: the person keeps the card as they have it', async () => {
    const alexs = current(h, h.sandbox.store.create({ title: 'Salary review spreadsheet locked', requestor: userOf(ALEX) }, userOf(ALEX)).id);
    for (const data of [{ ticketId: alexs.id }, { ticketId: '0d9f3a52-6a3e-4d55-9d0e-000000000000' }, { ticketId: 'not-a-ticket' }, 'junk']) {
      const { res } = await refresh(MEGAN, data);
      assert.equal(res.status, 200);
      const body = res.body as { type?: unknown; value?: unknown };
      assert.equal(body.type, MESSAGE_TYPE, `${JSON.stringify(data)}: a line for the person, no card in place of the ticket`);
      assert.equal(typeof body.value, 'string');
      assert.doesNotMatch(JSON.stringify(body), /Salary review/, `${JSON.stringify(data)}: nothing of the ticket`);
    }
    const refused = (await refresh(MEGAN, { ticketId: alexs.id })).res.body as { value: string };
    assert.match(refused.value, /Only the helpdesk's agents can see other people's tickets/);
    assert.deepEqual(writeRequests(h), []);
    assert.deepEqual(h.connector.calls, []);
  });

  it("answers an agent's click with their own view and redraws everyone's as the requester's, with the new assignee first to refresh", async () => {
    const ticket = ticketFor();
    const clicked = invokeCard(await h.post(cardAction(ALEX, 'assignMe', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl, channel: true })));
    assert.deepEqual(current(h, ticket.id).assignee, userOf(ALEX));
    assert.deepEqual(buttonTitles(clicked), AGENT_BUTTONS.filter((b) => b !== 'Assign to me'));
    const [update] = await h.connector.waitForUpdates(1);
    const everyone = cardOf(update)!;
    assert.deepEqual(buttonTitles(everyone), REQUESTER_BUTTONS);
    assert.deepEqual(userIdsOf(everyone), [ALEX.id, ADELE.id]);
    assert.deepEqual(h.apiCalls().filter((c) => c.method === 'GET'), [], 'no read beyond the write');
  });

  it("still refuses a requester an agent's button on the server, whatever card they hold", async () => {
    const ticket = ticketFor();
    const res = await h.post(cardAction(MEGAN, 'assignMe', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl, channel: true }));
    assert.match(JSON.stringify(invokeCard(res)), /Only the helpdesk's agents can assign a ticket/);
    assert.deepEqual(writeRequests(h), []);
  });

  it('answers a click that fails to the clicker alone: nothing is posted in the channel, and the card everyone sees stays as it was', async () => {
    const ticket = ticketFor();
    for (const [who, verb, data] of [
      [MEGAN, 'start', { ticketId: ticket.id }],
      [ADELE, 'comment', { ticketId: ticket.id, comment: '' }],
      [ADELE, 'resolve', { ticketId: '0d9f3a52-6a3e-4d55-9d0e-000000000000' }],
    ] as const) {
      const res = await h.post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl, channel: true }));
      assert.ok(isErrorCard(invokeCard(res)), `${verb}: the error is the invoke's answer, which Teams shows the clicker only`);
    }
    assert.deepEqual(h.connector.calls, [], 'no message, no redraw for everyone');
    assert.deepEqual(writeRequests(h), []);
  });

  it("gives a personal chat's one reader their own view: a requester's buttons, or an agent's", async () => {
    const ticket = ticketFor();
    const reads = h.connector.rosterReads;
    const megans = await say(MEGAN, `show ${ticket.ticketId}`, false);
    assert.deepEqual(buttonTitles(megans), REQUESTER_BUTTONS);
    assert.deepEqual(userIdsOf(megans), []);
    assert.deepEqual(buttonTitles(await say(ADELE, `show ${ticket.ticketId}`, false)), AGENT_BUTTONS);
    assert.equal(h.connector.rosterReads, reads, 'no roster for a personal chat');
  });
});

describe('user-specific views in a large team', () => {
  /** 70 more agents in the team (HELPDESK_AGENTS), past Teams' 60. */
  const crowd: Person[] = Array.from({ length: 70 }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return { id: `29:agent-${n}`, aadObjectId: `00000000-0000-0000-0000-000000001${n}`, name: `Agent ${n}`, email: `agent.${n}@contoso.com` };
  });
  const { h, ticketFor, say } = withBot({ people: [...crowd, MEGAN, ADELE], env: { HELPDESK_AGENTS: crowd.map((p) => p.aadObjectId).join(',') } });

  it('names at most 60, the assignee first; the others refresh it from the menu or by any click', async () => {
    const ticket = ticketFor(ADELE);
    const ids = userIdsOf(await say(MEGAN, `show ${ticket.ticketId}`)) as string[];
    assert.equal(ids.length, 60);
    assert.equal(ids[0], ADELE.id, 'the assignee, though last in the roster');
    assert.ok(!ids.includes(MEGAN.id));
    assert.equal(h.connector.rosterReads, 1, 'the 72 members fit one page');
  });
});

describe('user-specific views when Teams is slow to give the roster', () => {
  const { h, ticketFor, refresh } = withBot();

  it("answers without waiting for the roster (Teams gives an invoke 5 s), naming no one until it is there", async () => {
    h.connector.rosterDelayMs = 3000;
    const ticket = ticketFor();
    const { res } = await refresh(ADELE, { ticketId: ticket.id });
    assert.deepEqual([h.connector.rosterReads, h.connector.rosterPagesAnswered], [1, 0], 'answered while the roster was still being read');
    assert.deepEqual(buttonTitles(invokeCard(res)), AGENT_BUTTONS);
    assert.deepEqual(userIdsOf(invokeCard(res)), []);
  });
});

describe('user-specific views when Teams is slow to give a roster of more than one page', () => {
  /** 510 people: Teams gives the roster in two pages of 500. */
  const crowd: Person[] = Array.from({ length: 508 }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return { id: `29:member-${n}`, aadObjectId: `00000000-0000-0000-0000-000000002${n}`, name: `Member ${n}`, email: `member.${n}@contoso.com` };
  });
  const { h, ticketFor, say } = withBot({ people: [ADELE, ...crowd, MEGAN] });

  it('reads the rest of the roster after the late turn has answered, and the next turn uses it', async () => {
    const ticket = ticketFor(ADELE);
    h.connector.rosterDelayMs = 2000;
    assert.deepEqual(userIdsOf(await say(MEGAN, `show ${ticket.ticketId}`)), [], 'the first page came too late for this turn');
    h.connector.rosterDelayMs = 0;
    // The read goes on past the turn: botbuilder has revoked that turn's context by the second page.
    await eventually(() => h.connector.rosterReads === 2, 'the second page is asked for', 5000);
    assert.deepEqual(userIdsOf(await say(MEGAN, `show ${ticket.ticketId}`)), [ADELE.id]);
    assert.equal(h.connector.rosterReads, 2, 'the roster read once, in two pages');
  });
});

describe('user-specific views with HELPDESK_ROLES=off', () => {
  const { ticketFor, say } = withBot({ env: { HELPDESK_ROLES: 'off' } });

  it("shows everyone an agent's buttons, and names only the assignee, whose view has no Assign to me", async () => {
    const ticket = ticketFor(ALEX);
    const shared = await say(MEGAN, `show ${ticket.ticketId}`);
    assert.deepEqual(buttonTitles(shared), AGENT_BUTTONS);
    assert.deepEqual(userIdsOf(shared), [ALEX.id]);
  });
});
