import type { App } from '../../src/app.js';
import { warmedUp } from '../bot/botAssertions.js';
import { Harness } from './harness.js';
import { RedisServer } from './redisServer.js';

/**
 * Three replicas of the bot (three startApp in this process, each with its own Redis connection,
 * limiter, caches and replay guard: nothing shared but Redis) on one sandbox with the API's real
 * limit and a real redis-server, started before the suite's tests and stopped after them.
 */
/** `startedAt`: when the suite began starting them (epoch ms), for a test that must end within one window of it. */
export function threeReplicas(): { redis: RedisServer; h: () => Harness; replicas: () => App[]; startedAt: () => number } {
  const redis = new RedisServer();
  let h: Harness;
  let replicas: App[];
  let startedAt = 0;
  before(async () => {
    startedAt = Date.now();
    await redis.start();
    h = new Harness({ env: { REDIS_URL: redis.url, TICKETING_REPLICAS: '3' }, sandbox: { fieldsRequired: false } });
    await h.start();
    await warmedUp(h);
    replicas = [h.app, await h.startReplica(), await h.startReplica()];
  });
  after(async () => {
    await h?.stop();
    await redis.stop();
  });
  return { redis, h: () => h, replicas: () => replicas, startedAt: () => startedAt };
}
