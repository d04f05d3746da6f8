import assert from 'node:assert/strict';
import { ADELE, ALEX, CHANNEL, personalChatOf } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { Harness } from '../support/harness.js';
import { readable } from '../bot/botAssertions.js';
import {
  LEE, NOTIFY_ENV, ROOMY_LIMIT, atSandbox, notificationsSince, poll, say, userOf,
} from './notifySupport.js';

/**
 * Notifications through the real bot server, the embedded sandbox and the connector stand-in:
 * tickets changed directly at the sandbox (not through the bot) reach the subscribed channel and
 * the people concerned in their personal chats, once per change.
 */
describe('notifications: a channel subscription and personal chats hear of changes made at the sandbox', function () {
  this.timeout(60_000);
  const h = new Harness({ env: NOTIFY_ENV, ...ROOMY_LIMIT });
  let ticket: { id: string; number: number };
  let mark = 0;
  /** What was posted since the last call to this. */
  const posted = () => {
    const since = notificationsSince(h, mark);
    mark = h.connector.calls.length;
    return since.map(({ to, headline }) => ({ to, headline }));
  };

  before(async () => {
    await h.start();
    // Both have a personal chat with the bot: they said something there.
    await say(h, ADELE, 'help');
    await say(h, ALEX, 'help');
    assert.match(await say(h, ADELE, 'notify all', true), /I will post every ticket change to this channel/);
    // The first poll reads every ticket once and tells no one.
    await poll(h);
    assert.ok(h.logs.some((r) => r.component === 'notify' && r.msg.includes('notify poller ready')), 'the poller read every ticket once');
    mark = h.connector.calls.length;
  });
  after(() => h.stop());

  it('"notify" alone shows the channel\'s subscription and the speaker\'s own setting', async () => {
    const text = await say(h, ALEX, 'notify', true);
    assert.match(text, /I post every ticket change to this channel/);
    assert.match(text, /You are told here when a ticket is assigned to you/);
    mark = h.connector.calls.length;
  });

  it('keeps a record of each personal chat only: the channel thread it was asked in leaves none', async () => {
    assert.equal((await h.app.conversations.personalChat(ADELE.aadObjectId))?.conversationId, personalChatOf(ADELE));
    // The channel's cards (below) go where its subscription says, not through a record per thread.
    assert.equal(await h.app.conversations.get(`${CHANNEL};messageid=1700000000000`), undefined);
    assert.equal(await h.app.conversations.get(CHANNEL), undefined);
  });

  it('nothing changed, nothing posted', async () => {
    await poll(h);
    assert.deepEqual(posted(), []);
  });

  it('a ticket created at the sandbox posts one card to the channel, and tells no one personally', async () => {
    ticket = await atSandbox.create(h.sandbox, LEE, { title: 'VPN drops every hour', requestor: userOf(ADELE) });
    await poll(h);
    assert.deepEqual(posted(), [{ to: CHANNEL, headline: `${LEE.name} created #${ticket.number}` }]);
    const card = cardOf(h.connector.messages().at(-1));
    assert.match(readable(card), /VPN drops every hour/);
    await poll(h);
    assert.deepEqual(posted(), [], 'the same change is not posted twice');
  });

  it('an assignment replies in the card\'s thread and tells the assignee "… assigned #N to you"', async () => {
    const root = h.connector.messages().find((c) => c.conversationId === CHANNEL && String(c.body.summary).includes(`#${ticket.number}`));
    assert.ok(root?.answeredId);
    await atSandbox.update(h.sandbox, LEE, ticket.id, { assignee: userOf(ALEX) });
    await poll(h);
    assert.deepEqual(posted(), [
      { to: `${CHANNEL};messageid=${root.answeredId}`, headline: `${LEE.name} assigned #${ticket.number} to ${ALEX.name}` },
      { to: personalChatOf(ALEX), headline: `${LEE.name} assigned #${ticket.number} to you` },
    ]);
  });

  it('a state change tells the channel and the requestor; a public comment tells the requestor only', async () => {
    await atSandbox.status(h.sandbox, LEE, ticket.id, 'In Progress');
    await poll(h);
    const afterStatus = posted();
    assert.equal(afterStatus.length, 2, JSON.stringify(afterStatus));
    assert.ok(afterStatus.some((n) => n.to.startsWith(`${CHANNEL};messageid=`) && n.headline === `${LEE.name} moved #${ticket.number} to In Progress`));
    assert.ok(afterStatus.some((n) => n.to === personalChatOf(ADELE) && n.headline === `${LEE.name} moved your ticket #${ticket.number} to In Progress`));

    await atSandbox.comment(h.sandbox, LEE, ticket.id, 'Private note for agents', true);
    await poll(h);
    assert.deepEqual(posted(), [], 'a private comment tells no one');

    await atSandbox.comment(h.sandbox, LEE, ticket.id, 'Please try the new VPN profile.');
    await poll(h);
    const afterComment = notificationsSince(h, mark);
    mark = h.connector.calls.length;
    assert.deepEqual(afterComment.map(({ to, headline }) => ({ to, headline })), [
      { to: personalChatOf(ADELE), headline: `${LEE.name} commented on your ticket #${ticket.number}` },
    ]);
    assert.match(readable(cardOf(afterComment[0]!.call)), /Please try the new VPN profile\./);
  });

  it('a comment the poller cannot read tells no one of it, and the poll\'s other changes still go out', async () => {
    const other = await atSandbox.create(h.sandbox, LEE, { title: 'Monitor flickers', requestor: userOf(ADELE) });
    await poll(h);
    posted();
    await atSandbox.comment(h.sandbox, LEE, ticket.id, 'Any better now?');
    await atSandbox.update(h.sandbox, LEE, other.id, { assignee: userOf(ALEX) });
    // Every attempt at the first ticket's comments fails (a GET is tried three times).
    h.sandbox.faults.inject({ kind: 'status', status: 503, times: 3, match: { method: 'GET', path: `/tickets/${ticket.id}/activities` } });
    try {
      await poll(h);
    } finally {
      h.sandbox.faults.clear();
    }
    const seen = posted();
    assert.ok(seen.some((n) => n.to === personalChatOf(ALEX) && n.headline === `${LEE.name} assigned #${other.number} to you`), JSON.stringify(seen));
    assert.ok(!seen.some((n) => n.to === personalChatOf(ADELE)), 'the comment that could not be read tells no one');
    assert.ok(h.logs.some((r) => r.component === 'notify' && r.msg === 'notify: comments not read; the requestor is not told of one'));
  });

  it('the actor\'s own action through the bot: not told, and not posted back where it was made', async () => {
    // Adele (the requestor) resolves it in the subscribed channel: the channel already shows it, she did it.
    await say(h, ADELE, `resolve ${ticket.number} Works now`, true);
    mark = h.connector.calls.length;
    await poll(h);
    assert.deepEqual(posted(), []);
    // Alex reopens it from his personal chat: the channel and Adele hear of it, Alex does not.
    await say(h, ALEX, `reopen ${ticket.number} Not yet`);
    mark = h.connector.calls.length;
    await poll(h);
    const seen = posted();
    assert.equal(seen.length, 2, JSON.stringify(seen));
    assert.ok(seen.some((n) => n.to.startsWith(`${CHANNEL};messageid=`) && n.headline === `${ALEX.name} moved #${ticket.number} to Reopened`));
    assert.ok(seen.some((n) => n.to === personalChatOf(ADELE)));
    assert.ok(!seen.some((n) => n.to === personalChatOf(ALEX)));
  });

  it('"notify me off" stops a person\'s notifications; "notify off" the channel\'s', async () => {
    assert.match(await say(h, ADELE, 'notify me off', true), /Your own notifications are off/);
    mark = h.connector.calls.length;
    await atSandbox.status(h.sandbox, LEE, ticket.id, 'In Progress');
    await poll(h);
    assert.deepEqual(posted().map((n) => n.headline), [`${LEE.name} moved #${ticket.number} to In Progress`], 'the channel only');

    assert.match(await say(h, ALEX, 'notify off', true), /I will post nothing more to this channel/);
    mark = h.connector.calls.length;
    await atSandbox.status(h.sandbox, LEE, ticket.id, 'Resolved');
    await poll(h);
    assert.deepEqual(posted(), [], 'neither the channel nor Adele');
    assert.match(await say(h, ADELE, 'notify me on'), /Your own notifications are on/);
    mark = h.connector.calls.length;
  });
});
