import assert from 'node:assert/strict';
import { MemoryStorage, type Storage } from 'botbuilder';
import { RedisConnection } from '../../src/store/redisConnection.js';
import { BoundedMemoryStorage } from '../../src/store/memoryStorage.js';
import { RedisStorage } from '../../src/store/redisStorage.js';
import { RedisServer } from '../support/redisServer.js';
import { quietLogger } from '../support/logRecords.js';

/** Our Storages keep botbuilder's contract: the same answers as its MemoryStorage. */
describe('store: botbuilder Storage, bounded in memory and on Redis', () => {
  const redis = new RedisServer();
  let connection: RedisConnection;

  before(async () => {
    await redis.start();
    connection = new RedisConnection(redis.url, quietLogger());
    await connection.connect();
  });
  after(async () => {
    await connection.close();
    await redis.stop();
  });

  for (const [name, make] of [['MemoryStorage', () => new MemoryStorage()], ['BoundedMemoryStorage', () => new BoundedMemoryStorage()], ['RedisStorage', () => new RedisStorage(connection, `test:${Date.now()}:`)]] as const) {
    it(`${name}: reads what was written, refuses a stale eTag, takes * and no eTag, deletes`, async () => {
      const storage: Storage = make();
      assert.deepEqual(await storage.read(['a']), {});
      await storage.write({ a: { value: 1 } });
      const first = (await storage.read(['a', 'missing'])) as Record<string, { value: number; eTag: string }>;
      assert.deepEqual(Object.keys(first), ['a']);
      assert.equal(first.a!.value, 1);
      await storage.write({ a: { value: 2, eTag: first.a!.eTag } });
      await assert.rejects(storage.write({ a: { value: 3, eTag: first.a!.eTag } }), /eTag conflict/);
      await storage.write({ a: { value: 4, eTag: '*' } });
      assert.equal(((await storage.read(['a'])) as Record<string, { value: number }>).a!.value, 4);
      await storage.delete(['a']);
      assert.deepEqual(await storage.read(['a']), {});
    });
  }

  it('BoundedMemoryStorage keeps the latest items only', async () => {
    const storage = new BoundedMemoryStorage(2);
    await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    assert.deepEqual(Object.keys(await storage.read(['a', 'b', 'c'])), ['b', 'c']);
  });
});
