import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { ADELE, ALEX, CHANNEL, message, personalChatOf } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { RedisServer } from '../support/redisServer.js';
import { eventually } from '../bot/botAssertions.js';
import { LEE, NOTIFY_ENV, ROOMY_LIMIT, atSandbox, notificationsSince, poll, say, userOf } from './notifySupport.js';

/**
 * The poller's cursor and what it knew of each ticket live in Redis: a restarted bot, or a second
 * replica, reports no change twice and misses none made while it was down; one poller runs at a time.
 */
describe('notifications across a restart and between replicas (Redis)', function () {
  this.timeout(60_000);
  const redis = new RedisServer();
  let h: Harness;
  let ticket: { id: string; number: number };
  let mark = 0;
  const posted = () => {
    const since = notificationsSince(h, mark).map(({ to, headline }) => ({ to, headline }));
    mark = h.connector.calls.length;
    return since;
  };

  before(async () => {
    await redis.start();
    h = new Harness({ env: { ...NOTIFY_ENV, REDIS_URL: redis.url }, ...ROOMY_LIMIT });
    await h.start();
    await say(h, ADELE, 'help');
    await say(h, ALEX, 'notify all', true);
    await poll(h);
    mark = h.connector.calls.length;
    ticket = await atSandbox.create(h.sandbox, LEE, { title: 'Badge reader at the door is dead', requestor: userOf(ADELE) });
    await poll(h);
    assert.equal(posted().length, 1, 'the new ticket, posted once');
  });
  after(async () => {
    await h?.stop();
    await redis.stop();
  });

  it('after a restart, a change already reported is not reported again', async () => {
    await h.restartBot();
    await poll(h);
    assert.deepEqual(posted(), []);
  });

  it('a stop lets what is queued go out, within its grace', async () => {
    const other = await atSandbox.create(h.sandbox, LEE, { title: 'Lift to floor 5 is stuck', requestor: userOf(ADELE) });
    // Teams throttles the channel: the post waits 2 s before it is tried again, and the stop comes meanwhile.
    h.connector.refusals.set(CHANNEL, { status: 429, times: 1, retryAfterS: 2 });
    const refused = h.connector.refused.length;
    await h.app.notifications!.pollOnce();
    await eventually(() => h.connector.refused.length === refused + 1, 'the post was refused once and waits');
    await h.restartBot();
    assert.deepEqual(posted(), [{ to: CHANNEL, headline: `${LEE.name} created #${other.number}` }]);
  });

  it('a change made while the bot was down is reported once, after it is back', async () => {
    await h.app.close();
    await atSandbox.status(h.sandbox, LEE, ticket.id, 'In Progress');
    // Closing a closed app does nothing: this starts it again.
    await h.restartBot();
    await poll(h);
    const seen = posted();
    assert.equal(seen.length, 2, JSON.stringify(seen));
    assert.ok(seen.some((n) => n.to.startsWith(`${CHANNEL};messageid=`)), 'in the thread of the card posted before the restart');
    assert.ok(seen.some((n) => n.headline === `${LEE.name} moved your ticket #${ticket.number} to In Progress`));
    await poll(h);
    assert.deepEqual(posted(), []);
  });

  it('an overdue flag that turns on as time passes (no lastUpdatedOn change) is found by the read of unresolved tickets after a start', async () => {
    // An old unresolved ticket of Adele's; the sandbox runs no SLA clock, so the test turns the
    // flag on as the service does when the first response is late, leaving lastUpdatedOn as it was.
    const old = h.sandbox.store.all().find((t) => t.status === 'Open' && t.workflowId === undefined && !t.isFrtEscalated && !t.isRtEscalated)!;
    old.requestor = userOf(ADELE);
    old.isFrtEscalated = true;
    await poll(h);
    assert.deepEqual(posted(), [], 'the change read does not see it');
    await h.restartBot();
    await poll(h);
    const seen = posted();
    assert.deepEqual(seen.map((n) => n.headline), [`#${old.number} is overdue for a first response`, `#${old.number} is overdue for a first response`]);
    assert.ok(seen.some((n) => n.to === personalChatOf(ADELE)), 'the requestor is told');
    assert.ok(seen.some((n) => n.to === CHANNEL), 'and the channel, where the ticket gets its first card');
    await poll(h);
    assert.deepEqual(posted(), []);
  });

  it('a change made through either replica is not posted back to the channel it was made in, whichever replica polls', async () => {
    const replica = await h.startReplica();
    for (const [via, priority] of [[h.app, 'Low'], [replica, 'Medium']] as const) {
      const res = await h.postTo(via, message(ADELE, `priority ${ticket.number} ${priority}`, { serviceUrl: h.serviceUrl, channel: true }));
      assert.equal(res.status, 200);
      assert.equal(h.sandbox.store.allTickets().find((t) => t.id === ticket.id)?.priority, priority);
      mark = h.connector.calls.length;
      await Promise.all([replica.notifications!.pollOnce(), h.app.notifications!.pollOnce()]);
      await Promise.all([replica.notifications!.idle(), h.app.notifications!.idle()]);
      assert.deepEqual(posted().filter((n) => n.to.startsWith(CHANNEL)), [], `${priority}: the channel already shows the answer`);
    }
  });

  it('a poll whose lease another replica took while it read tells nothing; the change is told once the lease is back', async () => {
    const leases = new Redis(redis.url);
    const LEASE = 'tickets:lease:notify-poller';
    try {
      await leases.del(LEASE);
      await atSandbox.update(h.sandbox, LEE, ticket.id, { priority: 'Important' });
      mark = h.connector.calls.length;
      h.sandbox.faults.inject({ kind: 'delay', ms: 800, match: { method: 'GET', path: '/tickets' } });
      const polling = h.app.notifications!.pollOnce();
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Meanwhile its lease runs out and another replica takes it, as after a long wait for the budget.
      await leases.set(LEASE, 'another-replica', 'PX', 60_000);
      await polling;
      await h.app.notifications!.idle();
      assert.deepEqual(posted(), [], 'the holder now is another replica');
      await leases.del(LEASE);
      await poll(h);
      assert.deepEqual(posted().map((n) => n.headline), [`${LEE.name} set the priority of #${ticket.number} to Important`]);
    } finally {
      h.sandbox.faults.clear();
      await leases.del(LEASE);
      leases.disconnect();
    }
  });

  it('with two replicas, one polls (the lease): each change is posted once', async () => {
    const replica = await h.startReplica();
    await atSandbox.update(h.sandbox, LEE, ticket.id, { priority: 'Urgent' });
    h.sandbox.requests.length = 0;
    await Promise.all([replica.notifications!.pollOnce(), h.app.notifications!.pollOnce()]);
    await Promise.all([replica.notifications!.idle(), h.app.notifications!.idle()]);
    assert.deepEqual(posted().map((n) => n.headline), [`${LEE.name} set the priority of #${ticket.number} to Urgent`]);
    const reads = h.sandbox.requests.filter((r) => r.path === '/tickets' && r.query.lastUpdateAfter !== undefined);
    assert.equal(reads.length, 1, 'one replica read the changes, the other found the lease taken');
  });
});
