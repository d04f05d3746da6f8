import assert from 'node:assert/strict';
import { localLeases, RedisLeases } from '../../src/store/leases.js';
import { RedisConnection } from '../../src/store/redisConnection.js';
import { RedisServer } from '../support/redisServer.js';
import { quietLogger } from '../support/logRecords.js';

/** Two replicas' leases, each on its own connection to a real redis-server. */
describe('store/leases: one holder at a time across replicas', function () {
  this.timeout(20_000);
  const redis = new RedisServer();
  const connections: RedisConnection[] = [];
  let a: RedisLeases;
  let b: RedisLeases;

  before(async () => {
    await redis.start();
    [a, b] = await Promise.all([0, 1].map(async () => {
      const connection = new RedisConnection(redis.url, quietLogger());
      connections.push(connection);
      await connection.connect();
      return new RedisLeases(connection);
    })) as [RedisLeases, RedisLeases];
  });
  after(async () => {
    for (const c of connections) await c.close();
    await redis.stop();
  });

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('gives a lease to one replica, lets its holder renew it, and to another once it runs out', async () => {
    assert.equal(await a.hold('poller', 1000), true);
    assert.equal(await b.hold('poller', 1000), false, 'held by the other replica');
    await pause(600);
    assert.equal(await a.hold('poller', 1000), true, 'renewed by its holder');
    await pause(600);
    assert.equal(await b.hold('poller', 1000), false, 'the renewal counts from when it was made');
    await pause(500);
    assert.equal(await b.hold('poller', 1000), true, 'its holder stopped renewing: the other takes over');
    assert.equal(await a.hold('poller', 1000), false);
  });

  it('frees a lease at once when its holder releases it, and only then', async () => {
    assert.equal(await a.hold('report', 10_000), true);
    await b.release('report');
    assert.equal(await b.hold('report', 10_000), false, 'a replica cannot release what it does not hold');
    await a.release('report');
    assert.equal(await b.hold('report', 10_000), true);
  });

  it('lets no replica hold a lease while Redis is away, and takes it again when Redis is back', async () => {
    await redis.stop();
    try {
      assert.equal(await a.hold('digest', 10_000), false);
      assert.equal(await b.hold('digest', 10_000), false);
    } finally {
      await redis.start();
    }
    const until = Date.now() + 10_000;
    while (!(await a.hold('digest', 10_000))) {
      assert.ok(Date.now() < until, 'held again once Redis answered');
      await pause(50);
    }
    assert.equal(await b.hold('digest', 10_000), false);
  });

  it('without Redis, the one process holds every lease', async () => {
    assert.equal(await localLeases.hold('poller', 1000), true);
    assert.equal(await localLeases.hold('poller', 1000), true);
  });
});
