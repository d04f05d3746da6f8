import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { RedisConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { SharedClaims } from '../replayGuard.js';
import type { Limiter } from '../ticketing/rateLimit.js';
import type { SharedCache } from '../ticketing/sharedCache.js';
import { localLeases, RedisLeases, type Leases } from './leases.js';
import { BoundedMemoryStorage } from './memoryStorage.js';
import { RedisCache } from './redisCache.js';
import { RedisClaims } from './redisClaims.js';
import { RedisConnection, type StateMode } from './redisConnection.js';
import { RedisStorage } from './redisStorage.js';
import { SharedRateLimiter } from './sharedRateLimit.js';

/**
 * What several replicas share. Without Redis: a bounded in-memory Storage, and every other part
 * keeps its own in-process default (undefined here).
 */
export interface SharedState {
  storage: Storage;
  limiterFor?: (key: string, rateLimit: { limit: number; windowMs: number }) => Limiter;
  claims?: SharedClaims;
  /** One holder at a time across replicas, for background work (see leases.ts). */
  leases: Leases;
  /** The caches' second layer (instance, tags, tickets, list pages, users), behind each replica's own. */
  cache?: SharedCache;
  /** shared, fallback (Redis away) or memory (no REDIS_URL). */
  mode(): StateMode;
  /** Runs each time Redis returns, after the parts have put back what they hold. */
  onRestored(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

/** Names a key's window in Redis without the key: a digest no one can turn back into it. */
const keyId = (apiKey: string) => createHash('sha256').update(`tickets-bot:${apiKey}`).digest('base64url').slice(0, 22);

/**
 * Names one Ticketing instance's caches in a store several bots may share: a digest of where the
 * API is and of the key that reads it (an API key opens one instance only), never the key itself.
 */
export const cacheNamespace = (baseUrl: string, readKey: string) => `${keyId(`${baseUrl} ${readKey}`)}:`;

export async function openSharedState(redis: RedisConfig | undefined, log: Logger): Promise<SharedState> {
  if (!redis) {
    return { storage: new BoundedMemoryStorage(), leases: localLeases, mode: () => 'memory', onRestored: () => undefined, close: async () => undefined };
  }
  const connection = new RedisConnection(redis.url, log);
  await connection.connect();
  return {
    storage: new RedisStorage(connection),
    limiterFor: (key, { limit, windowMs }) => new SharedRateLimiter({ connection, keyId: keyId(key), limit, windowMs, replicas: redis.replicas }),
    claims: new RedisClaims(connection),
    cache: new RedisCache(connection),
    leases: new RedisLeases(connection),
    mode: () => connection.mode,
    onRestored: (hook) => connection.onRestored(hook),
    close: () => connection.close(),
  };
}
