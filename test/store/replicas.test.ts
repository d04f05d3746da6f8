import assert from 'node:assert/strict';
import type { App } from '../../src/app.js';
import { ADELE, ALEX, cardAction, message } from '../support/activities.js';
import { invokeCard } from '../bot/botAssertions.js';
import { Harness } from '../support/harness.js';
import { RedisServer } from '../support/redisServer.js';
import { threeReplicas } from '../support/threeReplicas.js';
import { warmedUp } from '../bot/botAssertions.js';
import type { LogRecord } from '../support/logRecords.js';

const redisUnreachable = (r: LogRecord) => r.component === 'redis' && r.msg.startsWith('redis unreachable');

/**
 * Three replicas of the bot (three startApp in this process, each with its own Redis connection,
 * limiter, caches and replay guard: nothing shared but Redis) against one sandbox with the API's
 * real limit, 100 requests per 60 s per key, and a real redis-server.
 */
describe('store: three replicas share one API budget, one replay guard and the conversations, through Redis', function () {
  this.timeout(60_000);
  const three = threeReplicas();
  const { redis } = three;
  let h: Harness;
  let replicas: App[];
  let started = 0;
  before(() => {
    h = three.h();
    replicas = three.replicas();
    started = three.startedAt();
  });

  const tooMany = () => h.sandbox.requests.filter((r) => r.status === 429).length;
  const created = () => h.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/tickets').length;
  /** What /readyz says of the shared state: ready and shared, or degraded on a local share. */
  const readyz = async (app: App) => {
    const body = (await (await fetch(`${app.server.url}/readyz`)).json()) as { status: string; checks: Record<string, string> };
    return { status: body.status, state: body.checks.sharedState === 'ok' ? 'shared' : body.checks.sharedState?.split(':')[0] };
  };

  it('looks a person up in Teams once for every replica: the identity cache is shared', async () => {
    const before = created();
    const lookUpsBefore = h.connector.memberLookups;
    await h.postTo(replicas[0]!, message(ALEX, 'create Monitor arm is loose', { serviceUrl: h.serviceUrl }));
    await h.postTo(replicas[1]!, message(ALEX, 'create Second monitor arm is loose too', { serviceUrl: h.serviceUrl }));
    assert.equal(created() - before, 2);
    assert.equal(h.connector.memberLookups - lookUpsBefore, 1, 'the second replica used the first one\'s look-up');
    const [first, second] = h.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/tickets').slice(-2);
    const alex = { id: ALEX.aadObjectId, name: ALEX.name, email: ALEX.email };
    assert.deepEqual([first?.body?.user, second?.body?.user], [alex, alex], 'both writes name the person, the second from the shared cache');
  });

  it('writes once for one activity delivered to two replicas at once', async () => {
    const before = created();
    const create = message(ADELE, 'create Printer on floor 3 jams', { serviceUrl: h.serviceUrl });
    const [first, second] = await Promise.all([h.postTo(replicas[0]!, create), h.postTo(replicas[1]!, create)]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(created() - before, 1, 'one ticket');
    await h.postTo(replicas[2]!, create);
    assert.equal(created() - before, 1, 'a later redelivery to the third replica writes nothing either');
    assert.ok(h.logs.some((r) => r.activityId === create.id && r.msg === 'already handled, here or on another replica: nothing done'), 'and the replica that did nothing says so');
  });

  it('gives a button click delivered to two replicas the same card from both, acting once', async () => {
    const ticket = h.sandbox.store.allTickets().find((t) => t.status === 'Open')!;
    const writes = () => h.sandbox.requests.filter((r) => r.method === 'PUT' && r.path === `/tickets/${ticket.id}/status`).length;
    const click = cardAction(ALEX, 'start', { ticketId: ticket.id }, { serviceUrl: h.serviceUrl });
    const [first, second] = await Promise.all([h.postTo(replicas[0]!, click), h.postTo(replicas[1]!, click)]);
    assert.equal(writes(), 1, 'one status change');
    const card = invokeCard(first);
    assert.deepEqual(invokeCard(second), card, 'the replica that did nothing answered with the card the other one drew');
    assert.deepEqual(invokeCard(await h.postTo(replicas[2]!, click)), card, 'and so does a later redelivery to the third');
    assert.equal(writes(), 1);
  });

  async function untilShared(): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      const states = await Promise.all(replicas.map(async (app) => (await readyz(app)).state));
      if (states.every((s) => s === 'shared')) return;
      assert.ok(Date.now() < until, `every replica back on Redis (${states.join(', ')})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('loses nothing and writes nothing twice while Redis stops and comes back empty', async () => {
    const before = created();
    const early = message(ALEX, 'create Door badge reader beeps twice', { serviceUrl: h.serviceUrl });
    await h.postTo(replicas[0]!, early);

    await redis.stop();
    const during = [0, 1, 2].map((i) => message(ADELE, `create Outage ticket ${i}`, { serviceUrl: h.serviceUrl }));
    const answers = await Promise.all(during.map((activity, i) => h.postTo(replicas[i]!, activity)));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(created() - before, 4, 'the replicas kept working on their local share');
    await h.postTo(replicas[1]!, during[1]!);
    assert.equal(created() - before, 4, 'a redelivery to the same replica meanwhile writes nothing');
    // Busy meanwhile: 120 people at once, 40 per replica, more than each replica's local share.
    const shown = await Promise.all(h.sandbox.store.allTickets().slice(0, 120).map((ticket, i) =>
      h.postTo(replicas[i % 3]!, message(ALEX, `show ${ticket.ticketId}`, { serviceUrl: h.serviceUrl }))));
    assert.ok(shown.every((a) => a.status === 200));
    assert.equal(tooMany(), 0, 'the replicas together kept within the limit without Redis');
    assert.ok(h.sandbox.requests.length <= 100, `${h.sandbox.requests.length} requests so far, within one window`);
    for (const app of replicas) assert.deepEqual(await readyz(app), { status: 'degraded', state: 'fallback' });
    assert.equal(h.logs.filter(redisUnreachable).length, 3, 'each replica said so once');

    await redis.start(); // empty: it kept nothing
    await untilShared();
    await h.postTo(replicas[2]!, early);
    await h.postTo(replicas[0]!, during[1]!);
    await h.postTo(replicas[2]!, during[0]!);
    assert.equal(created() - before, 4, 'redeliveries to other replicas after the restart write nothing: the claims were put back');
    assert.equal(tooMany(), 0);
    const reference = await replicas[1]!.conversations.get(`a:personal-${ALEX.aadObjectId}`);
    assert.equal(reference?.reference.serviceUrl, h.serviceUrl, 'the conversation references were put back too');
    const chat = await replicas[0]!.conversations.personalChat(ALEX.aadObjectId);
    assert.equal(chat?.conversationId, `a:personal-${ALEX.aadObjectId}`, 'and who each personal chat is with, for notifications');
  });

  it('keeps the conversation references across a restart of the bot', async () => {
    const conversation = `a:personal-${ADELE.aadObjectId}`;
    await h.postTo(replicas[2]!, message(ADELE, 'help', { serviceUrl: h.serviceUrl }));
    await replicas[2]!.conversations.updateSettings(conversation, { notify: 'mine' });
    await h.restartBot();
    replicas[0] = h.app;
    const record = await h.app.conversations.get(conversation);
    assert.equal(record?.reference.conversation?.id, conversation);
    assert.equal(record?.reference.serviceUrl, h.serviceUrl);
    assert.deepEqual(record?.settings, { notify: 'mine' });
  });

  // Last: it spends what is left of the window the tests above began (the file runs within one window).
  it('answers every person while the three together send no more than the limit: 0 × 429', async () => {
    const tickets = h.sandbox.store.allTickets().slice(0, 150);
    assert.equal(tickets.length, 150);
    h.connector.clear();
    const answers = await Promise.all(tickets.map((ticket, i) =>
      h.postTo(replicas[i % 3]!, message(i % 2 ? ADELE : ALEX, `show ${ticket.ticketId}`, { serviceUrl: h.serviceUrl }))));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(h.connector.messages().length, 150, 'every person got an answer (a ticket, or "busy, try again in ... s")');
    assert.equal(tooMany(), 0, 'the API never answered 429');
    const sent = h.sandbox.requests.length;
    assert.ok(Date.now() - started < 60_000, 'every request of this file fell within one window');
    assert.ok(sent <= 100, `at most the limit within the window (${sent})`);
    assert.ok(sent >= 95, `and the budget was used, not refused early (${sent})`);
    for (const app of replicas) assert.deepEqual(await readyz(app), { status: 'ready', state: 'shared' });
  });
});

describe('store: a replica whose Redis is not there yet', function () {
  this.timeout(20_000);
  const redis = new RedisServer();
  let h: Harness;

  before(async () => {
    await redis.start(); // for a free port of its own, then stopped: Redis is late
    await redis.stop();
    h = new Harness({ env: { REDIS_URL: redis.url, TICKETING_REPLICAS: '2' }, sandbox: { fieldsRequired: false } });
    await h.start();
  });
  after(async () => {
    await h?.stop();
    await redis.stop();
  });

  it('starts on its local share, answers, and joins the shared state when Redis comes', async () => {
    const readyz = async () => {
      const body = (await (await fetch(`${h.app.server.url}/readyz`)).json()) as { checks: Record<string, string> };
      return { state: body.checks.sharedState === 'ok' ? 'shared' : body.checks.sharedState?.split(':')[0] };
    };
    assert.equal((await readyz()).state, 'fallback');
    assert.equal(h.logs.filter(redisUnreachable).length, 1);
    const answer = await h.post(message(ADELE, 'create Kettle in the kitchen trips the fuse', { serviceUrl: h.serviceUrl }));
    assert.equal(answer.status, 200);
    assert.equal(h.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/tickets' && r.status >= 200 && r.status < 300).length, 1);
    await redis.start();
    const until = Date.now() + 10_000;
    while ((await readyz()).state !== 'shared') {
      assert.ok(Date.now() < until, 'joined Redis once it came');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(h.logs.some((r) => r.component === 'redis' && r.msg.startsWith('redis reachable again')));
  });
});
