import assert from 'node:assert/strict';
import type { RecordedRequest } from '../../src/sandbox/index.js';
import { ALEX, CHANNEL, message, personalChatOf, type Person } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { LEE, atSandbox, notificationsSince, poll, say } from './notifySupport.js';

const USERS = 50;
/** The API's real limit, on the sandbox and in the bot. */
const LIMIT = 100;
const SHARE = LIMIT * 0.1;

const people: Person[] = Array.from({ length: USERS }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { id: `29:user${n}`, aadObjectId: `00000000-0000-0000-0000-0000000100${n}`, name: `User ${n}`, email: `user${n}@contoso.com` };
});

/** The poller's requests as the sandbox saw them: its change reads (`lastUpdateAfter`, or the first reading of all) and comment reads. */
const isPollers = (r: RecordedRequest) =>
  (r.path === '/tickets' && (r.query.lastUpdateAfter !== undefined || r.query.limit === '1000'))
  || (r.method === 'GET' && /^\/tickets\/[^/]+\/activities$/.test(r.path));

/** A bot at the API's real limit whose channel has `notify all`, its poller having read every ticket once. */
function channelWatchedAtRealLimit(members: Person[], pollS: string): Harness {
  const h = new Harness({
    // The 50 people are the helpdesk's agents: they start tickets.
    env: { NOTIFY_BUDGET_PERCENT: '10', NOTIFY_POLL_S: pollS, HELPDESK_ROLES: 'off' },
    people: members,
    rateLimit: { limit: LIMIT, windowMs: 60_000 },
    sandbox: { rateLimit: LIMIT, rateWindowS: 60 },
  });
  before(async () => {
    await h.start();
    await say(h, ALEX, 'notify all', true);
    await poll(h);
  });
  after(() => h.stop());
  return h;
}

/**
 * 50 people act at once while the poller runs on its timer against the API's real limit: the
 * poller never takes more than its share (10 %), backs off while people need the room, and the
 * sandbox refuses nothing.
 */
describe('notifications: the poller keeps to its share of the budget while 50 people act', function () {
  this.timeout(120_000);
  // The timer polls every second here, as well as the polls the test drives.
  const h = channelWatchedAtRealLimit([...people, ALEX], '1');

  it('at most 10 % of the limit goes to the poller, none is refused, and every person gets an answer', async () => {
    // Every third person starts an open ticket of their own; the others comment on or read other tickets.
    const open = h.sandbox.store.allTickets().filter((t) => t.status === 'Open');
    const others = h.sandbox.store.allTickets().filter((t) => t.status !== 'Open');
    const ticketOf = (i: number) => (i % 3 === 0 ? open[i / 3]! : others[i]!);
    const mark = h.connector.calls.length;
    const answers = await Promise.all(people.map((p, i) => {
      const n = ticketOf(i).ticketId;
      const text = i % 3 === 0 ? `start ${n}` : i % 3 === 1 ? `comment ${n} On it` : `show ${n}`;
      return h.post(message(p, text, { serviceUrl: h.serviceUrl }));
    }));
    assert.ok(answers.every((a) => a.status === 200));
    // The timer polls every second: a few more polls, driven here so as not to wait for it.
    for (let i = 0; i < 5; i++) await poll(h);

    const requests = h.sandbox.requests;
    const pollers = requests.filter(isPollers);
    assert.equal(requests.filter((r) => r.status === 429).length, 0, 'the sandbox refused nothing');
    assert.ok(pollers.length >= 1, 'the poller read the tickets once before people acted');
    assert.ok(pollers.length <= SHARE, `the poller took ${pollers.length} of ${requests.length} requests; its share is ${SHARE}`);
    // One message in each person's chat: the answer, and no notification of their own action.
    for (const p of people) {
      const inChat = h.connector.messages().filter((c) => c.conversationId === personalChatOf(p));
      assert.equal(inChat.length, 1, `${p.name}: ${inChat.map((c) => String(c.body.summary)).join(' / ')}`);
    }
    // People left room in the window: within its share, the poller posted each ticket started, once.
    const started = people.map((_, i) => ticketOf(i).ticketId).filter((_, i) => i % 3 === 0);
    const posted = notificationsSince(h, mark).filter((n) => n.to.startsWith(CHANNEL)).map((n) => n.headline).sort();
    assert.deepEqual(posted, started.map((n, i) => `${people[i * 3]!.name} moved #${n} to In Progress`).sort());
  });
});

describe('notifications: while people leave the poller no room, it slows down but is not starved', function () {
  this.timeout(60_000);
  const h = channelWatchedAtRealLimit([ALEX], '3600');

  it('skips three of every four calls while the key has no more room than the poller\'s share, then takes its turn', async () => {
    const open = h.sandbox.store.allTickets().find((t) => t.status === 'Open')!;
    await atSandbox.status(h.sandbox, LEE, open.id, 'In Progress');
    // People's reads through the bot's own client fill the window to within the poller's share.
    const room = h.app.client.freeReads();
    await Promise.all(Array.from({ length: room - SHARE + 2 }, () => h.app.client.getTicket(open.id)));
    assert.ok(h.app.client.freeReads() <= SHARE);
    const pollerReads = () => h.sandbox.requests.filter(isPollers).length;
    const before = pollerReads();
    const mark = h.connector.calls.length;
    for (let i = 0; i < 3; i++) await poll(h);
    assert.equal(pollerReads(), before, 'three polls let go by');
    assert.deepEqual(notificationsSince(h, mark), []);
    assert.ok(h.logs.some((r) => r.component === 'notify' && r.msg.includes('notify poller slowing down: people need the API budget')));
    await poll(h);
    assert.equal(pollerReads(), before + 1, 'the fourth reads');
    assert.deepEqual(notificationsSince(h, mark).map((n) => n.headline), [`${LEE.name} moved #${open.ticketId} to In Progress`]);
    assert.equal(h.sandbox.requests.filter((r) => r.status === 429).length, 0);
  });
});
