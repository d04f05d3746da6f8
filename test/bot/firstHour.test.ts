/**
 * The first hour with the bot, with payloads as Teams sends them (Microsoft's documented examples
 * are the model): mentions, group chats, mistakes, angle brackets, Action.Submit errors, and a
 * ticket made from a message whose author's member record has no name.
 */
import assert from 'node:assert/strict';
import { ADELE, ALEX, BOT, TENANT, createFormData, extensionInvoke, message, messagePayload, submit } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { buttonTitles, readable, startedBot, writeRequests } from './botAssertions.js';

type Json = Record<string, any>;

describe('the first hour', () => {
  const { h, tickets, fresh } = startedBot();
  beforeEach(() => fresh());

  const where = () => ({ serviceUrl: h.serviceUrl });
  /** The card of the only message the bot sent since the last fresh(). */
  const onlyReply = () => {
    const sent = h.connector.messages();
    assert.equal(sent.length, 1, 'one reply');
    return cardOf(sent[0]);
  };

  it('strips a mention of the bot found by the entity\'s mentioned.id when its text differs from the message\'s', async () => {
    // As in Microsoft's documentation: "@" inside the entity's <at>, not in the message text.
    const activity = {
      ...message(ADELE, '', { ...where(), channel: true }),
      text: '<at>Tickets</at> show 7',
      entities: [{ type: 'mention', text: '<at>@Tickets</at>', mentioned: { id: BOT.id, name: 'Tickets' } }],
    };
    await h.post(activity);
    assert.match(readable(onlyReply()), /#7/);
  });

  it('keeps mentions of other people in the text, and strips the bot\'s whatever its entity\'s text', async () => {
    const activity = {
      ...message(ADELE, '', { ...where(), channel: true }),
      text: '<at>Tickets Bot</at> show 7',
      entities: [
        { type: 'mention', text: '<at>something else</at>', mentioned: { id: BOT.id, name: 'Tickets Bot' } },
        { type: 'mention', text: '<at>Alex Wilber</at>', mentioned: { id: ALEX.id, name: ALEX.name } },
      ],
    };
    await h.post(activity);
    assert.match(readable(onlyReply()), /#7/);
  });

  it('says "Mention me" in a group chat, where Teams delivers only messages that mention the bot', async () => {
    const groupChat = {
      ...message(ADELE, '<at>Tickets</at> help', where()),
      conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
      entities: [{ type: 'mention', text: '<at>Tickets</at>', mentioned: { id: BOT.id, name: BOT.name } }],
    };
    await h.post(groupChat);
    const text = readable(onlyReply());
    assert.match(text, /Mention me before a command/);
    assert.doesNotMatch(text, /Type a command/);
  });

  it('answers a mistyped command in a line or two with the person\'s own command corrected, not the whole help', async () => {
    for (const [typed, corrected] of [
      ['lsit urgent', 'list urgent'],
      ['resolve 264 resolution:wontfix', 'resolve 264 resolution:'],
      ['priority 12 urgnet', 'priority 12 urgent'],
    ] as const) {
      fresh();
      await h.post(message(ADELE, typed, where()));
      const card = onlyReply();
      const text = readable(card).replace(/\*\*/g, '');
      assert.ok(text.includes(`Did you mean ${corrected}`), `${typed}: ${text}`);
      assert.doesNotMatch(text, /What I can do/);
      assert.ok(text.split('\n').length <= 2, `${typed}: at most two lines`);
      assert.deepEqual(buttonTitles(card), ['Help']);
    }
    assert.deepEqual(h.apiCalls(), []);
  });

  it('writes no text in angle brackets, which Teams\' rendering drops: help, tags and the assign hint', async () => {
    await h.post(message(ADELE, 'help', where()));
    await h.post(message(ADELE, 'tags', where()));
    const ticket = tickets.take('open', (t) => t.status === 'Open');
    await h.post(message(ADELE, `assign ${ticket.ticketId} nobody@contoso.com`, where()));
    const [helpCard, tagsCard, hint] = h.connector.messages().map((m) => JSON.stringify(cardOf(m)));
    for (const card of [helpCard, tagsCard, hint]) assert.doesNotMatch(card!, /<[a-z]+>/i);
    assert.match(helpCard!, /tag:vpn/);
    assert.match(tagsCard!, /list tag:vpn/);
    assert.match(hint!, new RegExp(`assign ${ticket.ticketId} me`));
    assert.deepEqual(writeRequests(h), []);
  });

  it('answers an Action.Submit that fails in a channel in the clicker\'s personal chat only, leaving the clicked card as it was for everyone', async () => {
    await h.post(submit(ADELE, { verb: 'start', ticketId: 'not-a-ticket' }, { ...where(), channel: true, replyToId: 'shared-card-1' }));
    assert.deepEqual(h.connector.updates(), [], 'the shared card is not replaced');
    const [chat] = h.connector.started.slice(-1);
    assert.ok(chat, 'a personal chat was started');
    assert.deepEqual(chat.body.members, [{ id: ADELE.id, name: ADELE.name, aadObjectId: ADELE.aadObjectId }], 'with the clicker alone');
    assert.equal(chat.body.isGroup, false);
    const reply = onlyReply();
    assert.equal(h.connector.messages()[0]!.conversationId, chat.id, 'the error went there, not to the channel');
    assert.match(readable(reply), /That button cannot be used/);
    assert.deepEqual(writeRequests(h), []);
  });

  it('answers an Action.Submit that fails in a personal chat right there', async () => {
    await h.post(submit(ADELE, { verb: 'start', ticketId: 'not-a-ticket' }, { ...where(), replyToId: 'own-card-1' }));
    assert.match(readable(onlyReply()), /That button cannot be used/);
    assert.equal(h.connector.messages()[0]!.conversationId, `a:personal-${ADELE.aadObjectId}`);
  });

  describe('a ticket made from a message whose author\'s member record has no name', () => {
    const fromMessage = (author = ALEX) => ({ commandContext: 'message', messagePayload: messagePayload(author, '<p>Printer on floor 2 is jammed</p>') });
    const submitForm = (title: string, author = ALEX) => h.post(extensionInvoke(ADELE, 'composeExtension/submitAction', {
      commandId: 'createTicket', ...fromMessage(author), data: { ...createFormData(title), requestor: 'author' },
    }, where()));

    it('takes the name from the message payload', async () => {
      const record = { ...h.connector.members.get(ALEX.id)! };
      const nameless = { ...record, name: undefined, givenName: undefined, surname: undefined };
      h.connector.members.set(ALEX.id, nameless as never);
      h.connector.members.set(ALEX.aadObjectId, nameless as never);
      try {
        const res = await submitForm('Jammed printer, for Alex');
        assert.equal((res.body as Json).composeExtension?.type, 'result');
        const created = h.sandbox.store.allTickets().find((t) => t.title === 'Jammed printer, for Alex')!;
        assert.deepEqual(created.requestor, { id: ALEX.aadObjectId, name: ALEX.name, email: ALEX.email });
      } finally {
        h.connector.members.set(ALEX.id, record);
        h.connector.members.set(ALEX.aadObjectId, record);
      }
    });

    it('says the author has no email address when that is truly what is missing, and creates nothing', async () => {
      const megan = { id: '29:megan', aadObjectId: '00000000-0000-0000-0000-0000000000a9', name: 'Megan Bowen', email: '' };
      h.connector.members.set(megan.aadObjectId, { id: megan.id, aadObjectId: megan.aadObjectId, name: megan.name, tenantId: 't', userRole: 'user' } as never);
      const before = h.sandbox.store.allTickets().length;
      const res = await submitForm('For Megan', megan);
      assert.match(JSON.stringify(res.body), /Megan Bowen has no email address I can see in Teams/);
      assert.equal(h.sandbox.store.allTickets().length, before);
    });
  });
});
