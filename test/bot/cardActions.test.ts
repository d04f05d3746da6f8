import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DIALECTS } from '../../src/sandbox/index.js';
import { ADELE, ALEX, CHANNEL, cardAction, message, personalChatOf, submit, type Person } from '../support/activities.js';
import { type PostResult } from '../support/harness.js';
import {
  ERROR_TYPE, MESSAGE_TYPE, buttonTitles, cardIn, current, eventually, formAction, invokeCard,
  isErrorCard, readable, textsOf, startedBot, writeRequests, type Card, userOf,
} from './botAssertions.js';


for (const dialect of DIALECTS) describe(`bot card buttons (Action.Execute and Action.Submit), through the real server (${dialect} dialect)`, () => {
  const { h, tickets, sent, fresh: reset } = startedBot({ sandbox: { dialect, fieldsRequired: false } });

  async function post(activity: unknown): Promise<PostResult> {
    reset();
    const res = await h.post(activity);
    sent.fromInvoke(res);
    return res;
  }

  function click(verb: unknown, data: unknown, options: { who?: Person; replyToId?: string; channel?: boolean } = {}) {
    return post(cardAction(options.who ?? ADELE, verb, data, { serviceUrl: h.serviceUrl, replyToId: options.replyToId, channel: options.channel }));
  }

  /** The ticket card as the person would see it first: shown by a button, so the bot knows the ticket. */
  async function shown(ticketId: string): Promise<Card> {
    return invokeCard(await click('show', { ticketId }));
  }

  describe('buttons that change the ticket', () => {
    it('Resolve with a comment: one API call, the new card in the answer, and the same card put on the message for everyone', async () => {
      const ticket = tickets.inStatus('Started');
      const card = await shown(ticket.id);
      const resolve = formAction(card, 'Resolve');
      assert.equal(resolve.verb, 'resolve');
      // What Teams sends: the button's data merged with the form's inputs.
      const res = await click('resolve', { ...(resolve.data as object), resolution: 'fixed', resolutionComment: 'Replaced the toner' }, { replyToId: 'msg-resolve-1' });

      const answer = invokeCard(res);
      assert.ok(textsOf(answer).includes('Resolved'));
      assert.deepEqual(h.apiCalls().map((c) => c.path), [`/tickets/${ticket.id}/status`]);
      const after = current(h, ticket.id);
      assert.equal(after.status, 'Resolved');
      assert.equal(after.resolution, 'fixed');
      assert.equal(after.lastResolutionComment, 'Replaced the toner');
      assert.deepEqual(after.lastUpdatedBy, userOf(ADELE));

      await h.connector.waitForUpdates(1);
      const updates = h.connector.updates();
      assert.equal(updates.length, 1, 'the card is redrawn for everyone');
      assert.equal(updates[0]!.activityId, 'msg-resolve-1');
      assert.deepEqual(cardIn(updates[0]), answer);
      assert.equal(h.connector.messages().length, 0, 'no new message');
    });

    it('Resolve when Teams refuses the card update for everyone: the clicker still gets the resolved card, and the refusal is only logged', async () => {
      const ticket = tickets.inStatus('Started');
      const card = await shown(ticket.id);
      h.connector.refusals.set(personalChatOf(ADELE), { status: 403, times: 1 });
      const res = await click('resolve', { ...(formAction(card, 'Resolve').data as object), resolution: 'fixed' }, { replyToId: 'msg-resolve-2' });

      assert.equal(res.status, 200);
      assert.ok(textsOf(invokeCard(res)).includes('Resolved'));
      assert.equal(current(h, ticket.id).status, 'Resolved');
      const warned = () => h.logs.find((r) => r.msg === 'card update for everyone failed');
      await eventually(() => warned() !== undefined, 'the refused update is logged');
      assert.deepEqual(h.connector.refused.map((c) => [c.method, c.activityId]), [['PUT', 'msg-resolve-2']]);
      assert.deepEqual(h.connector.updates(), []);
      assert.equal(warned()!.level, 'warn');
      assert.deepEqual([warned()!.error, warned()!.status], ['RestError', 403], 'the error by its name and status, not the connector\'s words');
    });

    it("Create from the help card in a channel where Teams refuses the bot's post: the clicker gets the new ticket in place, made once", async () => {
      // A moderated channel where bots may not start posts: Teams answers the post with 403.
      h.connector.refusals.set(CHANNEL, { status: 403, times: 1 });
      const title = `Projector in room 4 ${dialect}`;
      const res = await click('create', { title }, { channel: true });

      assert.equal(res.status, 200);
      const answer = invokeCard(res);
      assert.ok(textsOf(answer).includes(title), 'the created ticket, in place of the clicked card');
      assert.equal(h.sandbox.store.allTickets().filter((t) => t.title === title).length, 1);
      assert.deepEqual(h.connector.refused.map((c) => c.method).slice(-1), ['POST']);
      assert.deepEqual(h.connector.messages(), []);
      assert.ok(h.logs.some((r) => r.level === 'warn' && r.msg === 'new message refused; answered in place' && r.error === 'RestError'));
    });

    it('Create from the help card while Teams throttles the channel: the clicker gets the new ticket in place before Teams would give up, and the post lands later', async () => {
      // Teams answers 429 with Retry-After; botbuilder waits that long before it tries again,
      // longer than the invoke's deadline leaves.
      h.connector.refusals.set(CHANNEL, { status: 429, times: 1, retryAfterS: 5 });
      const title = `Badge reader at the door ${dialect}`;
      const res = await click('create', { title }, { channel: true });

      assert.equal(res.status, 200);
      assert.ok(textsOf(invokeCard(res)).includes(title), 'the created ticket, in place of the clicked card');
      assert.deepEqual(h.connector.messages(), [], 'answered before the post went through');
      assert.equal(h.sandbox.store.allTickets().filter((t) => t.title === title).length, 1);
      assert.ok(h.logs.some((r) => r.level === 'warn' && r.msg === 'new message slow; answered in place'));

      await eventually(() => h.connector.messages().length === 1, 'the post lands once Teams takes it', 10_000);
      assert.ok(textsOf(cardIn(h.connector.messages()[0])).includes(title));
      await eventually(() => h.logs.some((r) => r.msg === 'new message posted late'), 'its landing is logged');
    });

    it('Start on a known ticket is one API call', async () => {
      const ticket = tickets.inStatus('Open');
      await shown(ticket.id);
      const answer = invokeCard(await click('start', { ticketId: ticket.id }));
      assert.deepEqual(h.apiCalls(), [{ method: 'PUT', path: `/tickets/${ticket.id}/status` }]);
      assert.equal(current(h, ticket.id).status, 'Started');
      assert.ok(textsOf(answer).includes(h.label('Started')));
      assert.ok(!buttonTitles(answer).includes('Start'));
    });

    it('Add comment on a known ticket is one API call and records the comment as the clicker', async () => {
      const ticket = tickets.inStatus('Reopened');
      const card = await shown(ticket.id);
      const comment = formAction(card, 'Comment');
      const answer = invokeCard(await click(comment.verb, { ...(comment.data as object), comment: 'Could you send a photo of the error?' }, { who: ALEX }));
      assert.deepEqual(h.apiCalls(), [{ method: 'POST', path: h.commentPath(ticket.id) }]);
      const [event] = h.sandbox.store.activities(ticket.id);
      assert.equal(event?.type, 'comment');
      assert.equal(event?.comment, 'Could you send a photo of the error?');
      assert.deepEqual(event?.createdBy, userOf(ALEX));
      assert.match(readable(answer), /Alex Wilber commented: /);
      await h.connector.waitForUpdates(1);
      assert.equal(h.connector.updates().length, 1);
    });

    it('Add comment on a card drawn an hour ago is still one API call: the card comes from the bot\'s last read', async () => {
      const ticket = tickets.inStatus('Reopened');
      const card = await shown(ticket.id);
      const comment = formAction(card, 'Comment');
      // Only Date moves: an hour on, as when someone comments on a card from this morning.
      const clock = sinon.useFakeTimers({ now: Date.now() + 60 * 60_000, toFake: ['Date'], shouldAdvanceTime: true });
      try {
        const answer = invokeCard(await click(comment.verb, { ...(comment.data as object), comment: 'Still happening after lunch' }));
        assert.deepEqual(h.apiCalls(), [{ method: 'POST', path: h.commentPath(ticket.id) }]);
        assert.match(readable(answer), /Adele Vance commented: /);
        assert.ok(textsOf(answer).includes(`#${ticket.ticketId}`));
      } finally {
        clock.restore();
      }
    });

    it('Priority and Assign to me change the ticket and redraw it for everyone', async () => {
      const ticket = tickets.take('open, not important and not Adele\'s', (t) => t.status === 'Open' && t.priority !== 'Important' && t.assignee?.id !== ADELE.aadObjectId);
      const card = await shown(ticket.id);
      const priority = formAction(card, 'Priority');
      let answer = invokeCard(await click(priority.verb, { ...(priority.data as object), priority: 'Important' }));
      assert.equal(current(h, ticket.id).priority, 'Important');
      assert.ok(textsOf(answer).includes('Important'));
      await h.connector.waitForUpdates(1);
      assert.equal(h.connector.updates().length, 1);

      answer = invokeCard(await click('assignMe', { ticketId: ticket.id }));
      assert.deepEqual(current(h, ticket.id).assignee, userOf(ADELE));
      assert.ok(readable(answer).includes('Assignee: Adele Vance'));
      await h.connector.waitForUpdates(1);
      assert.equal(h.connector.updates().length, 1);
    });

    it('Close and Reopen move the ticket', async () => {
      const ticket = tickets.inStatus('Resolved');
      let answer = invokeCard(await click('close', { ticketId: ticket.id }));
      assert.equal(current(h, ticket.id).status, 'Closed');
      assert.ok(buttonTitles(answer).includes('Reopen'));
      answer = invokeCard(await click('reopen', { ticketId: ticket.id }));
      assert.equal(current(h, ticket.id).status, 'Reopened');
      assert.ok(buttonTitles(answer).includes('Start'));
    });

    it('a status the ticket already has answers the fresh card with an "already" note, not an error, and changes nothing', async () => {
      const ticket = tickets.inStatus('Started');
      const before = h.sandbox.store.activities(ticket.id).length;
      const answer = invokeCard(await click('start', { ticketId: ticket.id }));
      assert.match(readable(answer), new RegExp(`#${ticket.ticketId} is already ${h.label('Started')}`));
      assert.ok(textsOf(answer).includes(ticket.title));
      assert.ok(!isErrorCard(answer) && buttonTitles(answer).includes('Resolve'), 'the ticket card with its buttons, not an error');
      assert.equal(h.sandbox.store.activities(ticket.id).length, before);
      assert.equal(current(h, ticket.id).lastUpdatedOn, ticket.lastUpdatedOn);
    });

    it('in a channel, the redrawn card is put on the message in the channel\'s conversation', async () => {
      const ticket = tickets.inStatus('Open');
      const activity = cardAction(ADELE, 'start', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl, channel: true, replyToId: 'channel-card-1' });
      invokeCard(await post(activity));
      await h.connector.waitForUpdates(1);
      const [update] = h.connector.updates();
      assert.ok(update, 'the card is redrawn');
      assert.equal(update.conversationId, activity.conversation.id);
      assert.equal(update.activityId, 'channel-card-1');
    });
  });

  describe('buttons that only read', () => {
    it('Refresh and Show answer the card without writing and without redrawing it for everyone', async () => {
      const ticket = tickets.inStatus('Closed');
      for (const verb of ['refresh', 'show']) {
        const answer = invokeCard(await click(verb, { ticketId: ticket.id }));
        assert.ok(textsOf(answer).includes(`#${ticket.ticketId}`), verb);
        assert.deepEqual(writeRequests(h), [], verb);
        assert.deepEqual(h.connector.calls, [], `${verb} sends nothing to the conversation`);
      }
    });

    it('Show clicked by several people at the same moment: one API call, and the card for each', async () => {
      const ticket = tickets.inStatus('Open');
      reset();
      h.resetCounts();
      // The API takes a moment, as it does over the internet: the clicks arrive while the first read runs.
      h.sandbox.faults.inject({ kind: 'delay', ms: 300, match: { method: 'GET', path: `/tickets/${ticket.id}` } });
      const answers = await Promise.all([ADELE, ALEX, ADELE, ALEX].map((who) =>
        h.post(cardAction(who, 'show', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl }))));
      for (const answer of answers) assert.ok(textsOf(invokeCard(answer)).includes(`#${ticket.ticketId}`));
      assert.deepEqual(h.apiCalls(), [{ method: 'GET', path: `/tickets/${ticket.id}` }]);
    });

    it('Open posts the ticket card as a new message and answers with a message type', async () => {
      const ticket = tickets.inStatus('Open');
      const res = await click('open', { ticketId: ticket.id }, { replyToId: 'list-card-1' });
      assert.equal(res.status, 200);
      assert.equal((res.body as { statusCode?: unknown }).statusCode, 200);
      assert.equal((res.body as { type?: unknown }).type, MESSAGE_TYPE);
      const messages = h.connector.messages();
      assert.equal(messages.length, 1);
      assert.ok(textsOf(cardIn(messages[0])).includes(`#${ticket.ticketId}`));
      assert.deepEqual(h.connector.updates(), [], 'the list stays as it was');
    });

    it('History answers the history card, with a button back to the ticket', async () => {
      const ticket = tickets.take('with activities', (t) => h.sandbox.store.activities(t.id).length > 0);
      const answer = invokeCard(await click('history', { ticketId: ticket.id }));
      assert.equal(textsOf(answer)[0], `#${ticket.ticketId} · History`);
      assert.deepEqual(buttonTitles(answer), ['Back to ticket']);
    });

    it('History from a card drawn an hour ago is one API call: the header comes from the bot\'s last read', async () => {
      const ticket = tickets.take('with activities', (t) => h.sandbox.store.activities(t.id).length > 0);
      await shown(ticket.id);
      const clock = sinon.useFakeTimers({ now: Date.now() + 60 * 60_000, toFake: ['Date'], shouldAdvanceTime: true });
      try {
        const answer = invokeCard(await click('history', { ticketId: ticket.id }));
        assert.deepEqual(h.apiCalls(), [{ method: 'GET', path: `/tickets/${ticket.id}/activities` }]);
        assert.equal(textsOf(answer)[0], `#${ticket.ticketId} · History`);
      } finally {
        clock.restore();
      }
    });

    it('Help answers the help card', async () => {
      const answer = invokeCard(await click('help', undefined));
      assert.match(readable(answer), /What I can do/);
    });
  });

  describe('Create from the help card', () => {
    it('creates the ticket as the clicker and posts it as a new message', async () => {
      const help = invokeCard(await click('help', undefined));
      const create = formAction(help, 'New ticket');
      const before = h.sandbox.store.size;
      const res = await click(create.verb, { title: 'Projector in Rainier flickers', description: 'Since this morning' }, { who: ALEX });
      assert.equal(res.status, 200);
      assert.equal((res.body as { type?: unknown }).type, MESSAGE_TYPE);
      assert.equal(h.sandbox.store.size, before + 1);
      const created = h.sandbox.store.allTickets().at(-1)!;
      assert.equal(created.title, 'Projector in Rainier flickers');
      assert.equal(created.description, 'Since this morning');
      assert.deepEqual(created.requestor, userOf(ALEX));
      assert.ok(textsOf(cardIn(h.connector.messages()[0])).includes('Projector in Rainier flickers'));
    });
  });

  describe('actions the bot does not know', () => {
    function assertTypedError(res: PostResult): void {
      // As botbuilder's own invoke errors do: the HTTP status is the typed error's statusCode.
      assert.equal(res.status, 400);
      const body = res.body as { statusCode?: unknown; type?: unknown; value?: { message?: unknown } };
      assert.equal(body.statusCode, 400);
      assert.equal(body.type, ERROR_TYPE);
      assert.equal(typeof body.value?.message, 'string');
    }

    it('answers an unknown verb with a typed 400 error and acts on nothing', async () => {
      const ticket = tickets.inStatus('Open');
      for (const verb of ['delete', 'Resolve', 42, undefined]) {
        const res = await click(verb, { ticketId: ticket.id });
        assertTypedError(res);
        assert.deepEqual(h.sandbox.requests, [], `verb ${String(verb)}`);
      }
    });

    it('answers an action that is not an Action.Execute with a typed 400 error', async () => {
      const ticket = tickets.inStatus('Open');
      const activity = cardAction(ADELE, 'start', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl });
      const res = await post({ ...activity, value: { action: { type: 'Action.Submit', verb: 'start', data: { ticketId: ticket.id } } } });
      assertTypedError(res);
      assert.equal(current(h, ticket.id).status, 'Open');
    });
  });

  describe('forged or damaged button data', () => {
    const overlong = 'x'.repeat(4001);
    const cases: Array<[string, string, (id: string) => unknown]> = [
      ['a ticket id that is not a UUID', 'start', () => ({ ticketId: '../tickets?key=1' })],
      ['no ticket id', 'close', () => ({})],
      ['data that is not an object', 'start', () => 'ticketId'],
      ['a priority outside the enum', 'priority', (id) => ({ ticketId: id, priority: 'Critical' })],
      ['a resolution outside the enum', 'resolve', (id) => ({ ticketId: id, resolution: 'whatever' })],
      ['a comment over 4000 characters', 'comment', (id) => ({ ticketId: id, comment: overlong })],
      ['a resolve comment over 4000 characters', 'resolve', (id) => ({ ticketId: id, resolutionComment: overlong })],
      ['an empty comment', 'comment', (id) => ({ ticketId: id, comment: '   ' })],
      ['a comment that is not text', 'comment', (id) => ({ ticketId: id, comment: { text: 'hi' } })],
      ['a title over 255 characters', 'create', () => ({ title: 'y'.repeat(256) })],
      ['a list status outside the enum', 'listPage', () => ({ filters: { status: 'Pending' } })],
      ['an overlong continuation token', 'listPage', () => ({ token: 'z'.repeat(5000) })],
      ['a negative offset', 'listPage', () => ({ filters: { mine: true }, skip: -10 })],
    ];
    for (const [what, verb, data] of cases) {
      it(`answers ${what} (${verb}) with an error card and changes nothing`, async () => {
        const ticket = tickets.inStatus('Open');
        const before = h.sandbox.store.size;
        const answer = invokeCard(await click(verb, data(ticket.id)));
        assert.ok(isErrorCard(answer), 'the error card');
        assert.match(readable(answer), /That button cannot be used/);
        assert.deepEqual(h.sandbox.requests, [], 'no request reached the API');
        assert.deepEqual(h.connector.calls, []);
        assert.deepEqual(current(h, ticket.id), ticket);
        assert.equal(h.sandbox.store.size, before);
      });
    }

    it('answers a well-formed id of a ticket that does not exist with a sentence, writing nothing', async () => {
      const answer = invokeCard(await click('start', { ticketId: '0f0f0f0f-1111-4222-8333-444444444444' }));
      assert.match(readable(answer), /That ticket does not exist/);
      assert.deepEqual(h.sandbox.requests.filter((r) => r.method !== 'GET' && r.status < 300), [], 'no write succeeded');
    });
  });

  describe('Action.Submit from older clients', () => {
    it('acts on the message\'s value and puts the answer card on the message the button was on', async () => {
      const ticket = tickets.inStatus('Open');
      const res = await post(submit(ALEX, { verb: 'start', ticketId: ticket.id }, { serviceUrl: h.serviceUrl, replyToId: 'old-card-7' }));
      assert.equal(res.status, 200);
      assert.equal(current(h, ticket.id).status, 'Started');
      assert.deepEqual(current(h, ticket.id).lastUpdatedBy, userOf(ALEX));
      const updates = h.connector.updates();
      assert.equal(updates.length, 1);
      assert.equal(updates[0]!.activityId, 'old-card-7');
      assert.ok(textsOf(cardIn(updates[0])).includes(h.label('Started')));
      assert.equal(h.connector.messages().length, 0);
    });

    it('when Teams will not change the card clicked, the change is made once and the answer comes as a message, not as "try again"', async () => {
      const ticket = tickets.inStatus('Open');
      // A card a person inserted from the message extension is their message: Teams refuses the bot's update.
      h.connector.refusals.set(personalChatOf(ALEX), { status: 403, times: 1 });
      const res = await post(submit(ALEX, { verb: 'start', ticketId: ticket.id }, { serviceUrl: h.serviceUrl, replyToId: 'inserted-card-1' }));

      assert.equal(res.status, 200);
      assert.equal(current(h, ticket.id).status, 'Started');
      assert.deepEqual(h.connector.refused.map((c) => [c.method, c.activityId]).slice(-1), [['PUT', 'inserted-card-1']]);
      const [answer, ...more] = h.connector.messages();
      assert.deepEqual(more, []);
      assert.equal(answer!.conversationId, personalChatOf(ALEX));
      assert.ok(textsOf(cardIn(answer)).includes(h.label('Started')));
      assert.ok(h.logs.some((r) => r.level === 'warn' && r.msg === 'card update refused; answered with a message' && r.status === 403));
    });

    it('a create submitted in a channel where Teams refuses the bot\'s post: the ticket is made once and its card goes to the person\'s personal chat', async () => {
      h.connector.refusals.set(CHANNEL, { status: 403, times: 1 });
      const title = `Coffee machine leaking ${dialect}`;
      const chats = h.connector.started.length;
      const res = await post(submit(ADELE, { verb: 'create', title }, { serviceUrl: h.serviceUrl, channel: true }));

      assert.equal(res.status, 200);
      assert.equal(h.sandbox.store.allTickets().filter((t) => t.title === title).length, 1);
      const [chat] = h.connector.started.slice(chats);
      assert.ok(chat, 'a personal chat with the person was opened');
      assert.deepEqual(h.connector.messages().map((m) => m.conversationId), [chat.id]);
      assert.ok(textsOf(cardIn(h.connector.messages()[0])).includes(title));
    });

    // The error card used to replace the clicked card, for everyone in the conversation.
    it('answers forged data with an error card of its own, leaving the clicked card as it was and changing nothing', async () => {
      const ticket = tickets.inStatus('Open');
      await post(submit(ADELE, { verb: 'priority', ticketId: ticket.id, priority: 'Extreme' }, { serviceUrl: h.serviceUrl, replyToId: 'old-card-8' }));
      assert.deepEqual(h.connector.updates(), []);
      assert.match(readable(cardIn(h.connector.messages()[0])), /That button cannot be used/);
      assert.deepEqual(h.sandbox.requests, []);
      assert.deepEqual(current(h, ticket.id), ticket);
    });

    it('answers a verb that is a forged object with an error card of its own, and logs no error', async () => {
      const logged = h.logs.length;
      await post(submit(ADELE, { verb: { toString: true }, ticketId: tickets.inStatus('Open').id }, { serviceUrl: h.serviceUrl, replyToId: 'old-card-9' }));
      assert.deepEqual(h.connector.updates(), []);
      assert.match(readable(cardIn(h.connector.messages()[0])), /That button cannot be used/);
      assert.deepEqual(h.logs.slice(logged).filter((r) => r.level === 'error'), []);
      assert.deepEqual(h.sandbox.requests, []);
    });

    it('treats a message with both text and a value as a command, not as a button', async () => {
      const ticket = tickets.inStatus('Open');
      const activity = { ...message(ADELE, `show ${ticket.ticketId}`, { serviceUrl: h.serviceUrl }), value: { verb: 'start', ticketId: ticket.id } };
      await post(activity);
      assert.equal(current(h, ticket.id).status, 'Open');
      assert.ok(textsOf(cardIn(h.connector.messages()[0])).includes(`#${ticket.ticketId}`));
    });
  });

  describe('every card', () => {
    it('sent in this file is under 28 KB and declares version 1.5', () => {
      sent.collect(h);
      sent.assertAllSendable(30);
    });
  });
});
