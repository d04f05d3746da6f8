import assert from 'node:assert/strict';
import { RedisConnection } from '../../src/store/redisConnection.js';
import { SharedRateLimiter } from '../../src/store/sharedRateLimit.js';
import { TicketingError } from '../../src/ticketing/errors.js';
import type { Permit } from '../../src/ticketing/rateLimit.js';
import { RedisServer } from '../support/redisServer.js';
import { recordingLogger, type LogRecord } from '../support/logRecords.js';

/** Two replicas' limiters of one key, each on its own connection to a real redis-server. */
describe('store/sharedRateLimit: one sliding window per key across replicas', function () {
  this.timeout(20_000);
  const redis = new RedisServer();
  const connections: RedisConnection[] = [];
  const logs: LogRecord[] = [];
  let keyCount = 0;

  before(() => redis.start());
  after(async () => {
    for (const c of connections) await c.close();
    await redis.stop();
  });

  async function replicas(count: number, limit: number, windowMs: number): Promise<SharedRateLimiter[]> {
    const keyId = `test-${++keyCount}`;
    return Promise.all(Array.from({ length: count }, async () => {
      const connection = new RedisConnection(redis.url, recordingLogger(logs));
      connections.push(connection);
      await connection.connect();
      return new SharedRateLimiter({ connection, keyId, limit, windowMs, replicas: count });
    }));
  }

  /** Grants in the order they came, with when. */
  function grantsOf(limiters: SharedRateLimiter[], each: number, deadline?: number) {
    const grants: number[] = [];
    const all = limiters.flatMap((limiter) => Array.from({ length: each }, () =>
      limiter.acquire(deadline === undefined ? {} : { deadline }).then((permit: Permit) => {
        grants.push(Date.now());
        permit.release();
      }, (error: unknown) => error)));
    return { grants, done: Promise.all(all) };
  }

  it('grants no more than the limit in any window to two replicas together, and the rest when slots free', async () => {
    const [a, b] = await replicas(2, 4, 500);
    const started = Date.now();
    const { grants, done } = grantsOf([a!, b!], 5);
    await done;
    assert.equal(grants.length, 10);
    for (let i = 4; i < grants.length; i++) {
      assert.ok(grants[i]! - grants[i - 4]! >= 490, `grant ${i} came a window after grant ${i - 4} (${grants[i]! - grants[i - 4]!} ms)`);
    }
    assert.ok(Date.now() - started >= 1000, 'ten requests at four per half second take two windows');
  });

  it('refuses at once, with when to try again, a caller whose turn cannot come by its deadline', async () => {
    const [a, b] = await replicas(2, 2, 5000);
    const held = [await a!.acquire(), await b!.acquire()];
    const asked = Date.now();
    const error = await a!.acquire({ deadline: Date.now() + 1000, operation: 'getTicket' }).catch((e: unknown) => e);
    assert.ok(Date.now() - asked < 500, 'refused at once, not at the deadline');
    assert.ok(error instanceof TicketingError && error.kind === 'rateLimited', String(error));
    assert.ok(error.retryAfterS !== undefined && error.retryAfterS >= 4);
    for (const permit of held) permit.release();
  });

  it('refuses at once a caller that queues behind one already waiting, when its turn cannot come by its deadline', async () => {
    const [a] = await replicas(1, 1, 3000);
    const held = await a!.acquire();
    const patient = a!.acquire(); // no deadline: waits for the slot
    await new Promise((resolve) => setTimeout(resolve, 50));
    const asked = Date.now();
    const error = await a!.acquire({ deadline: Date.now() + 1000 }).catch((e: unknown) => e);
    assert.ok(Date.now() - asked < 300, `refused at once (${Date.now() - asked} ms), not when the first waiter's turn came`);
    assert.ok(error instanceof TicketingError && error.kind === 'rateLimited', String(error));
    held.release();
    (await patient).release();
  });

  it('free() tells what the other replicas left, as of a look at most half a second old', async () => {
    const [a, b] = await replicas(2, 4, 600);
    for (let i = 0; i < 3; i++) (await b!.acquire()).release();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    a!.free();
    await settle();
    assert.equal(a!.free(), 1, 'three of four taken by the other replica');
    // Past the window, and past a look of its own it may have taken meanwhile (it looks twice a second).
    await new Promise((resolve) => setTimeout(resolve, 1150));
    a!.free();
    await settle();
    assert.equal(a!.free(), 4, 'all free once they left the window');
  });

  it('holds every replica for a Retry-After one of them was told', async () => {
    const [a, b] = await replicas(2, 100, 5000);
    a!.blockUntil(Date.now() + 400);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the block is written without waiting
    const asked = Date.now();
    (await b!.acquire()).release();
    assert.ok(Date.now() - asked >= 300, `the other replica waited for the block (${Date.now() - asked} ms)`);
    const refused = await b!.acquire({ deadline: Date.now() + 10 }).then(() => 'granted', () => 'refused');
    assert.equal(refused, 'granted', 'and no longer once it is over');
  });

  it('without Redis, each replica takes its share, counting its part of what was busy; together they stay within the limit', async () => {
    const [a, b] = await replicas(2, 10, 1500);
    // Before the outage: six requests answered within the window.
    for (let i = 0; i < 3; i++) {
      (await a!.acquire()).release();
      (await b!.acquire()).release();
    }
    // Long enough for each replica to have looked at the window since (they look twice a second).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await redis.stop();
    try {
      const { grants, done } = grantsOf([a!, b!], 5, Date.now() + 200);
      await done;
      assert.equal(a!.free() + b!.free(), 0);
      // Six busy before: each replica may send 10/2 - 6/2 = 2 more in this window.
      assert.equal(grants.length, 4, `${grants.length} granted during the outage`);
    } finally {
      await redis.start();
    }
  });

  it('without Redis, counts in full its own requests the other replicas may not have seen yet', async () => {
    const [a, b] = await replicas(2, 10, 5000);
    await new Promise((resolve) => setTimeout(resolve, 600)); // b has looked: nothing busy
    for (let i = 0; i < 4; i++) (await a!.acquire()).release();
    await redis.stop();
    try {
      const ofA = grantsOf([a!], 10, Date.now() + 200);
      const ofB = grantsOf([b!], 10, Date.now() + 200);
      await Promise.all([ofA.done, ofB.done]);
      // b may not have seen a's four yet, and then takes its whole share of 5: a must count them out of its own.
      assert.equal(ofA.grants.length, 0, 'a: its share of 5, less the 4 it just sent, and its part of what it saw busy');
      assert.ok(ofB.grants.length >= 3, `b: its share, less at most its part of what it saw (${ofB.grants.length})`);
      assert.ok(4 + ofA.grants.length + ofB.grants.length <= 10, 'together within the limit');
    } finally {
      await redis.start();
    }
  });

  it('without Redis again soon after it came back, grants no second local share on top of the first', async () => {
    const [a] = await replicas(1, 10, 10_000);
    const connection = connections.at(-1)!;
    await redis.stop();
    try {
      const first = grantsOf([a!], 10, Date.now() + 200);
      await first.done;
      assert.equal(first.grants.length, 10, 'its whole share while Redis is away');
      await new Promise((resolve) => setTimeout(resolve, 1100)); // older than what the other replicas might not have seen
    } finally {
      await redis.start();
    }
    const until = Date.now() + 10_000;
    while (!connection.up) {
      assert.ok(Date.now() < until, 'back on Redis');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await redis.stop(); // before it may have looked at the window again
    try {
      const second = grantsOf([a!], 10, Date.now() + 200);
      await second.done;
      assert.equal(second.grants.length, 0, 'the ten it sent are still in the window');
    } finally {
      await redis.start();
    }
  });

  it('keeps to a Retry-After it was told of when Redis goes away during it', async () => {
    const [a] = await replicas(1, 100, 5000);
    a!.blockUntil(Date.now() + 600);
    await redis.stop();
    try {
      const asked = Date.now();
      const refused = await a!.acquire({ deadline: Date.now() + 100 }).then(() => 'granted', () => 'refused');
      assert.equal(refused, 'refused', 'the local share holds the block too');
      (await a!.acquire()).release();
      assert.ok(Date.now() - asked >= 500, `and grants once it is over (${Date.now() - asked} ms)`);
    } finally {
      await redis.start();
    }
  });

  it('when Redis comes back empty, puts back the requests each replica sent in the window before granting more', async () => {
    const [a] = await replicas(1, 3, 5000);
    for (let i = 0; i < 3; i++) (await a!.acquire()).release();
    await redis.stop();
    await redis.start();
    const until = Date.now() + 5000;
    const connection = connections.at(-1)!;
    while (!connection.up && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(connection.up, 'reconnected');
    // Back on Redis, the window still holds the three requests: a fourth cannot come before they leave it.
    const error = await a!.acquire({ deadline: Date.now() + 1000 }).catch((e: unknown) => e);
    assert.ok(error instanceof TicketingError && error.kind === 'rateLimited', `refused: ${String(error)}`);
  });
});
