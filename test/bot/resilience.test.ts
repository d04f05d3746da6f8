import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { Fault } from '../../src/sandbox/index.js';
import { ADELE, ALEX, cardAction, extensionInvoke, message, submit, type Person } from '../support/activities.js';
import { Harness, type PostResult } from '../support/harness.js';
import { recordText } from '../support/logRecords.js';
import {
  SentCards, assertNothingTechnical, buttonsOf, cardIn, current, invokeCard, readable, shownJson, textsOf,
  startedBot, userOf, writeRequests, type Card,
} from './botAssertions.js';

/**
 * Each block needs the bot started differently (read-only key, a small rate limit), so this file
 * runs three harnesses; the blocks that share the default one come last.
 */
describe('bot resilience', () => {
  const sent = new SentCards();

  /** Posts with fresh counts, keeping every card for the final size check. */
  function poster(h: Harness) {
    const post = async (activity: unknown): Promise<PostResult> => {
      sent.collect(h);
      h.resetCounts();
      const res = await h.post(activity);
      sent.fromInvoke(res);
      return res;
    };
    return {
      post,
      say: (text: string, who: Person = ADELE) => post(message(who, text, { serviceUrl: h.serviceUrl })),
      click: (verb: string, data: unknown, who: Person = ADELE, replyToId?: string) =>
        post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl, replyToId })),
      reply: (): Card => cardIn(h.connector.messages()[0]),
    };
  }

  describe('with only the read-only key', () => {
    const { h, tickets } = startedBot({ readOnly: true, sandbox: { fieldsRequired: false } });
    const { say, click, post, reply } = poster(h);
    afterEach(() => sent.collect(h));

    it('reads: show, list and history work', async () => {
      const ticket = tickets.inStatus('Started');
      await say(`show ${ticket.ticketId}`);
      assert.ok(textsOf(reply()).includes(`#${ticket.ticketId}`));
      await say('list urgent');
      assert.match(readable(reply()), /Urgent open tickets/);
      invokeCard(await click('history', { ticketId: ticket.id }));
    });

    it('answers every typed write with "This bot can only read tickets" and sends no write', async () => {
      const ticket = tickets.inStatus('Open');
      const before = h.sandbox.store.size;
      for (const text of ['create Mouse is broken', `start ${ticket.ticketId}`, `comment ${ticket.ticketId} hi`,
        `assign ${ticket.ticketId} me`, `assign ${ticket.ticketId} lee.gu@contoso.com`, `priority ${ticket.ticketId} urgent`,
        `resolve ${ticket.ticketId} done`]) {
        await say(text);
        assert.match(readable(reply()), /This bot can only read tickets/, text);
        assert.deepEqual(writeRequests(h), [], text);
      }
      assert.deepEqual(current(h, ticket.id), ticket);
      assert.equal(h.sandbox.store.size, before);
    });

    it('answers every button write with "This bot can only read tickets" and sends no write', async () => {
      const ticket = tickets.inStatus('Open');
      const clicks: Array<[string, unknown]> = [
        ['start', { ticketId: ticket.id }], ['resolve', { ticketId: ticket.id, comment: 'x' }], ['close', { ticketId: ticket.id }],
        ['comment', { ticketId: ticket.id, comment: 'x' }], ['priority', { ticketId: ticket.id, priority: 'Low' }],
        ['assignMe', { ticketId: ticket.id }], ['create', { title: 'Mouse is broken' }],
      ];
      for (const [verb, data] of clicks) {
        const res = await click(verb, data);
        assert.match(readable(invokeCard(res)), /This bot can only read tickets/, verb);
        assert.deepEqual(writeRequests(h), [], verb);
      }
      // An Action.Submit's error is a message of its own: the card clicked stays as it was.
      await post(submit(ADELE, { verb: 'start', ticketId: ticket.id }, { serviceUrl: h.serviceUrl }));
      assert.deepEqual(h.connector.updates(), []);
      assert.match(readable(cardIn(h.connector.messages()[0])), /This bot can only read tickets/);
      assert.deepEqual(writeRequests(h), []);
      assert.deepEqual(current(h, ticket.id), ticket);
    });
  });

  describe('when the bot\'s own rate limit is used up', () => {
    // Start-up reads the instance and the tags: two of the three requests.
    const { h, tickets } = startedBot({ rateLimit: { limit: 3, windowMs: 60_000 }, sandbox: { fieldsRequired: false } });
    const { say, click, reply } = poster(h);
    afterEach(() => sent.collect(h));

    it('answers "busy, try again in N s" for reads and writes, and never lets the API answer 429', async () => {
      const first = tickets.inStatus('Open');
      const second = tickets.inStatus('Open');
      const all = [...h.sandbox.requests];
      await say(`show ${first.ticketId}`);
      assert.ok(textsOf(reply()).includes(`#${first.ticketId}`), 'the third request of the window is served');
      all.push(...h.sandbox.requests);

      const busy: string[] = [];
      await say(`show ${second.ticketId}`);
      busy.push(readable(reply()));
      all.push(...h.sandbox.requests);
      await say(`start ${first.ticketId} On it`);
      busy.push(readable(reply()));
      all.push(...h.sandbox.requests);
      busy.push(readable(invokeCard(await click('start', { ticketId: second.id }))));
      all.push(...h.sandbox.requests);
      await say('create Keyboard missing keys');
      busy.push(readable(reply()));
      all.push(...h.sandbox.requests);

      for (const text of busy) {
        const m = text.match(/The helpdesk is busy; try again in (\d+) s/);
        assert.ok(m, `a busy answer: ${text}`);
        assert.ok(Number(m[1]) >= 1 && Number(m[1]) <= 60, `a wait within the window: ${m[1]} s`);
      }
      assert.equal(all.length, 3, 'nothing past the limit reached the API');
      assert.deepEqual(all.filter((r) => r.status === 429), []);
      assert.equal(current(h, first.id).status, 'Open');
      assert.equal(current(h, second.id).status, 'Open');
    });
  });

  describe('when the rate limit is used up, for what the bot read in the last minutes', () => {
    // Start-up reads the instance and the tags: two of the six requests.
    const { h, tickets } = startedBot({ rateLimit: { limit: 6, windowMs: 60_000 } });
    const { say, reply, post, click } = poster(h);
    const search = (text: string) => post(extensionInvoke(ADELE, 'composeExtension/query', {
      commandId: 'findTicket', parameters: [{ name: 'search', value: text }], queryOptions: { skip: 0, count: 5 },
    }, { serviceUrl: h.serviceUrl }));
    const found = (res: PostResult) => ((res.body as { composeExtension: { attachments: Array<{ content: unknown; preview: { content: { title: string; text: string } } }> } })
      .composeExtension.attachments);
    afterEach(() => sent.collect(h));

    it('shows the list, the ticket and the search results as last read, saying how old they are, and answers "busy" for the rest', async () => {
      const ticket = tickets.inStatus('Open');
      await say('list urgent');
      const listed = textsOf(reply());
      const results = found(await search('printer')).map((a) => a.preview.content.title);
      assert.ok(results.length > 0);
      await say(`show ${ticket.ticketId}`);
      assert.ok(textsOf(reply()).includes(`#${ticket.ticketId}`));
      await say('list open');
      // Each post starts with fresh counts: add up what reaches the API from here on.
      let reached = 0;
      const sayNow = async (text: string) => {
        await say(text);
        reached += h.sandbox.requests.length;
      };
      h.sandbox.store.changeStatus(ticket.id, { status: 'Started' }, { id: 'x', name: 'Someone Else', email: 'someone@contoso.com' });

      await sayNow('list urgent');
      const copied = reply();
      const note = /The helpdesk is busy, so this is how it looked (\d+) s ago\./;
      assert.match(readable(copied), note);
      assert.deepEqual(textsOf(copied).filter((t) => !note.test(t)), listed, 'the same page as before, under the note');
      await sayNow(`show ${ticket.ticketId}`);
      const shown = reply();
      assert.match(readable(shown), note);
      assert.ok(textsOf(shown).includes('Open'), 'the ticket as it was read, not as it is since');
      // Teams' refresh reuses a read of the last 15 s as it is; after that, it and a list row's Open
      // (which posts the card as a new message) show the copy as show does.
      const refreshed = invokeCard(await click('refresh', { ticketId: ticket.id }));
      reached += h.sandbox.requests.length;
      assert.doesNotMatch(readable(refreshed), /busy/);
      assert.ok(textsOf(refreshed).includes('Open'), 'refresh: the ticket as just read');
      const clock = sinon.useFakeTimers({ now: Date.now() + 30_000, toFake: ['Date'], shouldAdvanceTime: true });
      try {
        const later = invokeCard(await click('refresh', { ticketId: ticket.id }));
        reached += h.sandbox.requests.length;
        await click('open', { ticketId: ticket.id });
        reached += h.sandbox.requests.length;
        for (const [verb, card] of [['refresh', later], ['open', reply()]] as const) {
          const age = note.exec(readable(card));
          assert.ok(age && Number(age[1]) >= 30, `${verb}: ${readable(card)}`);
          assert.ok(textsOf(card).includes('Open'), `${verb}: the ticket as it was read`);
        }
      } finally {
        clock.restore();
      }
      const again = found(await search('printer'));
      reached += h.sandbox.requests.length;
      assert.deepEqual(again.map((a) => a.preview.content.title), results);
      for (const a of again) {
        assert.match(a.preview.content.text, /^As of \d+ s ago · /);
        assert.match(readable(a.content), note);
      }
      const refused = (await search('keyboard')).body as { composeExtension: { type: string; text: string } };
      assert.equal(refused.composeExtension.type, 'message', 'a search not made lately');
      assert.match(refused.composeExtension.text, /The helpdesk is busy; try again in \d+ s/);
      reached += h.sandbox.requests.length;
      for (const text of ['list high', `start ${ticket.ticketId} On it`]) {
        await sayNow(text);
        assert.match(readable(reply()), /The helpdesk is busy; try again in \d+ s/, `${text}: never read, or a change`);
      }
      assert.equal(reached, 0, 'nothing past the limit reached the API');
    });
  });

  describe('when reads and writes share the API key and the window is nearly spent', () => {
    // Start-up reads the instance and the tags: two of the ten requests; the last two are kept for changes.
    const { h, tickets } = startedBot({ rateLimit: { limit: 10, windowMs: 60_000 } });
    const { say, reply } = poster(h);
    afterEach(() => sent.collect(h));

    it('answers a read it has a copy of from the copy, so that a change still gets through', async () => {
      const ticket = tickets.inStatus('Open');
      for (const text of ['list urgent', 'list open', 'list high', 'list low', 'list important']) {
        await say(text);
        assert.doesNotMatch(readable(reply()), /busy/, `${text}: read while turns are left`);
      }
      await say(`show ${ticket.ticketId}`);
      assert.equal(h.sandbox.requests.length, 1, 'two turns left');

      await say('list urgent');
      assert.match(readable(reply()), /The helpdesk is busy, so this is how it looked \d+ s ago\./);
      assert.equal(h.sandbox.requests.length, 0, 'the copy, without asking the API');
      await say(`start ${ticket.ticketId} On it`);
      assert.doesNotMatch(readable(reply()), /busy/);
      assert.equal(current(h, ticket.id).status, 'Started', 'the change went through');
      await say('list resolved');
      assert.doesNotMatch(readable(reply()), /busy/, 'a read with no copy may take the last turn');
      await say(`close ${ticket.ticketId}`);
      assert.match(readable(reply()), /The helpdesk is busy; try again in \d+ s/);
      assert.equal(current(h, ticket.id).status, 'Started');
    });
  });

  describe('with the default bot', () => {
    const { h, tickets } = startedBot({ sandbox: { fieldsRequired: false } });
    const { say, click, post, reply } = poster(h);
    afterEach(() => {
      sent.collect(h);
      h.sandbox.faults.clear();
    });

    /** Nothing technical in anything sent to Teams or answered to an invoke, nor in the bot's log. */
    function assertNothingTechnicalShown(res?: PostResult): void {
      for (const { method, body } of h.connector.calls) {
        const shown = shownJson({ text: body.text, summary: body.summary, attachments: body.attachments });
        assertNothingTechnical(shown, h, `what the bot sent (${method}): ${shown.slice(0, 300)}`);
      }
      if (res) assertNothingTechnical(shownJson(res.body), h, 'the invoke answer');
      assert.ok(h.logs.length > 0, 'the bot logged its turns');
      for (const record of h.logs) assertNothingTechnical(recordText(record), h, `the log record ${recordText(record)}`);
    }

    describe('API faults', () => {
      const readFaults: Array<[string, Fault, RegExp]> = [
        ['a 500', { kind: 'status', status: 500, match: { method: 'GET', path: '/tickets' } }, /The helpdesk has a problem right now; try again in a minute/],
        ['503s on every attempt', { kind: 'status', status: 503, times: 3, match: { method: 'GET', path: '/tickets' } }, /The helpdesk has a problem right now/],
        ['a body that is not JSON', { kind: 'malformed', match: { method: 'GET', path: '/tickets' } }, /The helpdesk sent an answer I could not read/],
        ['a dropped connection on every attempt', { kind: 'dropBeforeRead', times: 3, match: { method: 'GET', path: '/tickets' } }, /The helpdesk cannot be reached right now/],
        ['a 401', { kind: 'status', status: 401, match: { method: 'GET', path: '/tickets' } }, /The helpdesk did not accept the bot's API key/],
      ];
      for (const [what, fault, says] of readFaults) {
        it(`answers ${what} on a read with a short friendly card and nothing technical`, async () => {
          const ticket = tickets.inStatus('Closed');
          h.sandbox.faults.inject(fault);
          await say(`show ${ticket.ticketId}`);
          assert.match(readable(reply()), says);
          assert.equal(h.connector.messages().length, 1);
          assertNothingTechnicalShown();
        });
      }

      it('answers a dropped connection on a write by looking for it, says it is not there, and does not send the write again', async () => {
        const ticket = tickets.inStatus('Open');
        h.sandbox.faults.inject({ kind: 'dropBeforeRead', match: { method: 'PUT' } });
        const res = await click('start', { ticketId: ticket.id });
        const text = readable(invokeCard(res));
        assert.match(text, /did not confirm the change, and the ticket is not .*: it was most likely not saved\. Try again/);
        assert.equal(writeRequests(h).length, 1, 'a write is never retried');
        assert.equal(current(h, ticket.id).status, 'Open');
        assertNothingTechnicalShown(res);
      });

      // A 5xx to a write may come after the service acted (a gateway's 502 or 504), so the ticket is looked at first.
      it('answers a 500 on a write by looking at the ticket: not changed, so "most likely not saved", changing nothing', async () => {
        const ticket = tickets.inStatus('Started');
        h.sandbox.faults.inject({ kind: 'status', status: 500, match: { method: 'PUT' } });
        const res = await click('resolve', { ticketId: ticket.id, comment: 'done' });
        assert.match(readable(invokeCard(res)), /did not confirm the change, and the ticket is not .*: it was most likely not saved\. Try again/);
        assert.equal(writeRequests(h).length, 1);
        assert.deepEqual(current(h, ticket.id), ticket);
        assert.deepEqual(h.connector.updates(), [], 'nothing changed, so the card is not redrawn for everyone');
        assertNothingTechnicalShown(res);
      });

      it('says a change may or may not have been saved when a 5xx answers the write and the ticket cannot be read after it', async () => {
        const ticket = tickets.inStatus('Started');
        // Read once first, so that the write needs no read before it: only the look after it fails.
        await click('show', { ticketId: ticket.id });
        h.sandbox.faults.inject({ kind: 'status', status: 500, match: { method: 'PUT' } });
        h.sandbox.faults.inject({ kind: 'status', status: 503, times: 3, match: { method: 'GET', path: `/tickets/${ticket.id}` } });
        const res = await click('resolve', { ticketId: ticket.id, comment: 'done' });
        assert.match(readable(invokeCard(res)), /had a problem with that change\. It may or may not have been saved: check before trying again/);
        assert.equal(writeRequests(h).length, 1, 'a write is never retried');
        assert.deepEqual(current(h, ticket.id), ticket);
        assertNothingTechnicalShown(res);
      });

      it('says a comment was added when the ticket cannot be read after it, so that nobody adds it twice', async () => {
        // A ticket this bot never read, so the card must be drawn from a read after the comment.
        const unseen = h.sandbox.store.create({ title: 'Printer queue stuck', requestor: userOf(ALEX) }, userOf(ALEX));
        h.sandbox.faults.inject({ kind: 'status', status: 503, times: 3, match: { method: 'GET' } });
        const res = await click('comment', { ticketId: unseen.id, comment: 'Looking at it now' });
        const text = readable(invokeCard(res));
        assert.match(text, /Your comment was added\./);
        assert.doesNotMatch(text, /Nothing was changed|try again/i);
        assert.ok(buttonsOf(invokeCard(res)).some((b) => b.title === 'Show the ticket'));
        const comments = h.sandbox.store.activitiesOf(unseen.id).filter((a) => JSON.stringify(a).includes('Looking at it now'));
        assert.equal(comments.length, 1);
        assert.deepEqual(h.connector.updates(), [], 'the card for everyone is left as it was');
        assertNothingTechnicalShown(res);
      });

      it('answers a button before Teams gives up when the API is slower than the deadline', async () => {
        const ticket = tickets.inStatus('Open');
        h.sandbox.faults.inject({ kind: 'delay', ms: 6000, match: { method: 'GET' } });
        const started = Date.now();
        const res = await click('show', { ticketId: ticket.id });
        const elapsed = Date.now() - started;
        assert.match(readable(invokeCard(res)), /The helpdesk cannot be reached right now/);
        assert.ok(elapsed < 5000, `answered after ${elapsed} ms`);
        assertNothingTechnicalShown(res);
      });
    });

    describe('malformed HTTP bodies to /api/messages', () => {
      const bodies: Array<[string, string]> = [
        ['text that is not JSON', 'this is { not json'],
        ['a JSON array', JSON.stringify([message(ADELE, 'help', { serviceUrl: 'http://127.0.0.1:9' })])],
        ['an empty JSON object', '{}'],
        ['an activity without a type', JSON.stringify({ ...message(ADELE, 'help', { serviceUrl: 'http://127.0.0.1:9' }), type: undefined })],
        // No reply could be addressed to these: the id goes into the reply's URL and a header.
        ['a conversation id with a lone surrogate', JSON.stringify({ ...message(ADELE, 'help', { serviceUrl: 'http://127.0.0.1:9' }), conversation: { id: 'a:\ud83d' } })],
        ['a conversation id with control and bidi characters', JSON.stringify({ ...message(ADELE, 'help', { serviceUrl: 'http://127.0.0.1:9' }), conversation: { id: 'a:\u202e\u0000x' } })],
      ];
      for (const [what, body] of bodies) {
        it(`answers ${what} with a 4xx, and keeps serving`, async () => {
          h.resetCounts();
          const res = await h.post(body, true);
          assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
          assert.deepEqual(h.connector.calls, []);
          const health = await fetch(`${h.app.server.url}/healthz`);
          assert.equal(health.status, 200);
        });
      }

      it('still answers a command after the malformed bodies', async () => {
        await say('help');
        assert.match(readable(reply()), /What I can do/);
      });
    });

    describe('replays of the same activity', () => {
      it('comments once and replies once when a message is delivered twice at the same time', async () => {
        const ticket = tickets.inStatus('Started');
        const before = h.sandbox.store.activities(ticket.id).length;
        const activity = message(ADELE, `comment ${ticket.ticketId} Replacing the cable now`, { serviceUrl: h.serviceUrl });
        h.resetCounts();
        const answers = await Promise.all([h.post(activity), h.post(activity)]);
        assert.deepEqual(answers.map((a) => a.status), [200, 200]);
        assert.equal(h.sandbox.store.activities(ticket.id).length, before + 1);
        assert.equal(h.connector.messages().length, 1);
      });

      it('changes the status once when a message is delivered again after the first answer', async () => {
        const ticket = tickets.inStatus('Open');
        const activity = message(ADELE, `start ${ticket.ticketId}`, { serviceUrl: h.serviceUrl });
        await post(activity);
        const writes = writeRequests(h).length;
        const replies = h.connector.messages().length;
        await post(activity);
        assert.equal(writes + writeRequests(h).length, 1, 'one status change request in all');
        assert.equal(replies + h.connector.messages().length, 1, 'one reply in all');
        assert.equal(current(h, ticket.id).status, 'Started');
      });

      it('creates one ticket when a create is delivered twice', async () => {
        const before = h.sandbox.store.size;
        const activity = message(ALEX, 'create Coffee machine leaks', { serviceUrl: h.serviceUrl });
        await post(activity);
        await post(activity);
        assert.equal(h.sandbox.store.size, before + 1);
      });

      it('gives a repeated button click the same answer, acting once', async () => {
        const ticket = tickets.inStatus('Reopened');
        const before = h.sandbox.store.activities(ticket.id).length;
        const activity = cardAction(ADELE, 'comment', { ticketId: ticket.id, comment: 'Checking' }, { serviceUrl: h.serviceUrl, replyToId: 'card-9' });
        const first = await post(activity);
        const updates = h.connector.updates().length;
        const second = await post(activity);
        invokeCard(first);
        assert.deepEqual(second, first);
        assert.equal(h.sandbox.store.activities(ticket.id).length, before + 1);
        assert.equal(updates + h.connector.updates().length, 1, 'the card is redrawn for everyone once');
      });

      it('answers messages that share an id but not a conversation or a sender: Teams\' ids are unique only within a chat', async () => {
        const adeles = message(ADELE, 'help', { serviceUrl: h.serviceUrl });
        const alexs = { ...message(ALEX, 'tags', { serviceUrl: h.serviceUrl }), id: adeles.id };
        const inChannel = { ...message(ADELE, 'help', { serviceUrl: h.serviceUrl, channel: true }), id: adeles.id };
        h.resetCounts();
        for (const activity of [adeles, alexs, inChannel]) assert.equal((await h.post(activity)).status, 200);
        assert.equal(h.connector.messages().length, 3, 'one reply each');
        const clickA = cardAction(ADELE, 'show', { ticketId: tickets.inStatus('Open').id }, { serviceUrl: h.serviceUrl });
        const clickB = { ...cardAction(ALEX, 'show', { ticketId: tickets.inStatus('Closed').id }, { serviceUrl: h.serviceUrl }), id: clickA.id };
        const [a, b] = [await post(clickA), await post(clickB)];
        assert.notDeepEqual(invokeCard(b), invokeCard(a), 'each click gets its own answer, never the other person\'s');
      });

      it('acts once on an Action.Submit delivered twice', async () => {
        const ticket = tickets.inStatus('Started');
        const before = h.sandbox.store.activities(ticket.id).length;
        const activity = submit(ALEX, { verb: 'comment', ticketId: ticket.id, comment: 'Me too' }, { serviceUrl: h.serviceUrl });
        h.resetCounts();
        await Promise.all([h.post(activity), h.post(activity)]);
        assert.equal(h.sandbox.store.activities(ticket.id).length, before + 1);
      });
    });

    describe('typing indicator', () => {
      it('shows typing before the reply when the API is slow', async () => {
        const ticket = tickets.inStatus('Closed');
        h.sandbox.faults.inject({ kind: 'delay', ms: 800, match: { method: 'GET', path: '/tickets' } });
        const activity = message(ADELE, `show ${ticket.ticketId}`, { serviceUrl: h.serviceUrl });
        await post(activity);
        const kinds = h.connector.calls.map((c) => c.body.type);
        assert.ok(kinds.includes('typing'), `typing was sent: ${kinds.join(', ')}`);
        assert.ok(kinds.indexOf('typing') < kinds.indexOf('message'), 'typing comes before the reply');
        assert.equal(h.connector.typing()[0]?.conversationId, activity.conversation.id);
        assert.ok(textsOf(reply()).includes(`#${ticket.ticketId}`));
      });

      it('does not flash typing for a quick answer', async () => {
        await say('help');
        assert.deepEqual(h.connector.typing(), []);
        assert.equal(h.connector.messages().length, 1);
      });
    });

    describe('a button on a ticket that is gone', () => {
      it('says so, and offers no way back to it', async () => {
        const res = await click('start', { ticketId: '00000000-0000-4000-8000-00000000dead' });
        assert.match(readable(invokeCard(res)), /That ticket does not exist \(any more\)/);
        assert.ok(!buttonsOf(invokeCard(res)).some((b) => b.title === 'Show the ticket'));
      });
    });

    describe('a 429 from the API (last: its Retry-After holds the key)', () => {
      it('answers "busy, try again in 20 s" when the API answers a write with 429 and Retry-After 20', async () => {
        const ticket = tickets.inStatus('Open');
        h.sandbox.faults.inject({ kind: 'status', status: 429, retryAfterS: 20, match: { method: 'PUT' } });
        const res = await click('start', { ticketId: ticket.id });
        const text = readable(invokeCard(res));
        assert.match(text, /The helpdesk is busy; try again in 20 s/);
        assert.match(text, /Nothing was changed/);
        assert.equal(writeRequests(h).length, 1, 'a write is never retried');
        assert.equal(current(h, ticket.id).status, 'Open');
        assertNothingTechnicalShown(res);
        const back = buttonsOf(invokeCard(res)).find((b) => b.title === 'Show the ticket');
        assert.ok(back, 'the card it replaced is one click away');
        assert.deepEqual(back.data, { ticketId: ticket.id });
      });
    });
  });

  describe('every card', () => {
    it('sent in this file is under 28 KB and declares version 1.5', () => {
      sent.assertAllSendable(30);
    });
  });
});
