import assert from 'node:assert/strict';
import { recordText } from '../support/logRecords.js';
import { ADELE, ALEX, CHANNEL, message } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { LEE, NOTIFY_ENV, ROOMY_LIMIT, atSandbox, notificationsSince, poll, say, userOf } from './notifySupport.js';

const GROUP_CHAT = '19:printer-crew@thread.v2';

/** Says `text` in a group chat (no @mention needed there in this stand-in). */
async function sayInGroupChat(h: Harness, text: string): Promise<void> {
  const activity = message(ADELE, text, { serviceUrl: h.serviceUrl });
  const res = await h.post({ ...activity, conversation: { id: GROUP_CHAT, conversationType: 'groupChat', isGroup: true, tenantId: activity.conversation.tenantId } });
  assert.equal(res.status, 200);
}

/** What the connector answers decides: 429 waits for Retry-After, 403 turns the subscription off; chats get the card updated. */
describe('notifications and the connector: Teams\' answers and where later changes go', function () {
  this.timeout(60_000);
  const h = new Harness({ env: NOTIFY_ENV, ...ROOMY_LIMIT });
  let ticket: { id: string; number: number };

  before(async () => {
    await h.start();
    await say(h, ADELE, 'notify all', true);
    await sayInGroupChat(h, 'notify all');
    await poll(h);
    ticket = await atSandbox.create(h.sandbox, LEE, { title: 'Projector in room 4 flickers', requestor: userOf(ALEX) });
    await poll(h);
  });
  after(() => h.stop());

  it('"notify me off" from someone with no personal chat says how to get one; a "notify" it cannot read says what it can be', async () => {
    assert.match(await say(h, ADELE, 'notify me off', true), /I can tell you about your tickets only in a personal chat with me/);
    assert.match(await say(h, ADELE, 'notify everything', true), /Notify about what\? Try notify new, notify urgent, notify tag:VPN, notify all, notify off, or notify me off\./);
    assert.match(await say(h, ADELE, 'notify', true), /I post every ticket change to this channel\.[\s\S]*only in a personal chat with me/);
  });

  it('in a group chat, a later change updates the card posted for the ticket rather than posting another', async () => {
    const first = h.connector.messages().find((c) => c.conversationId === GROUP_CHAT && String(c.body.summary).includes(`#${ticket.number}`));
    assert.ok(first?.answeredId, 'the new ticket was posted to the group chat');
    const mark = h.connector.calls.length;
    await atSandbox.update(h.sandbox, LEE, ticket.id, { priority: 'Important' });
    await poll(h);
    const updates = h.connector.calls.slice(mark).filter((c) => c.conversationId === GROUP_CHAT);
    assert.deepEqual(updates.map((c) => [c.method, c.activityId, c.body.summary]), [['PUT', first.answeredId, `${LEE.name} set the priority of #${ticket.number} to Important`]]);
  });

  it('429 from the connector: sent again after its Retry-After, and delivered once', async () => {
    // More 429s than the SDK's own retries take: the queue waits the Retry-After and sends again.
    h.connector.refusals.set(CHANNEL, { status: 429, times: 5, retryAfterS: 1 });
    const mark = h.connector.calls.length;
    const refusedBefore = h.connector.refused.length;
    await atSandbox.status(h.sandbox, LEE, ticket.id, 'In Progress');
    await poll(h);
    assert.equal(h.connector.refused.length - refusedBefore, 5, 'every refusal was met by another try');
    const inChannel = notificationsSince(h, mark).filter((n) => n.to.startsWith(CHANNEL));
    assert.deepEqual(inChannel.map((n) => n.headline), [`${LEE.name} moved #${ticket.number} to In Progress`]);
    assert.ok(h.logs.some((r) => r.component === 'notify' && r.level === 'warn' && r.msg === 'notify send throttled; trying again' && r.status === 429 && typeof r.retryInMs === 'number'));
  });

  it('403 from the connector (removed or blocked): the subscription is turned off, and nothing more is tried there', async () => {
    h.connector.refusals.set(CHANNEL, { status: 403, times: 100 });
    const refusedBefore = h.connector.refused.length;
    await atSandbox.status(h.sandbox, LEE, ticket.id, 'Resolved');
    await poll(h);
    assert.equal(h.connector.refused.length - refusedBefore, 1);
    await atSandbox.status(h.sandbox, LEE, ticket.id, 'Reopened');
    await poll(h);
    assert.equal(h.connector.refused.length - refusedBefore, 1, 'no second try: the subscription is off');
    h.connector.refusals.delete(CHANNEL);
    assert.match(await say(h, ADELE, 'notify', true), /I post nothing to this channel/);
    assert.ok(!h.logs.some((r) => /ConversationBlockedByUser|Bearer|key=/.test(recordText(r))), 'no connector body or secret in the log');
  });
});
