import pTimeout from 'p-timeout';
import type { SharedCache } from '../ticketing/sharedCache.js';
import type { RedisConnection } from './redisConnection.js';

/**
 * The longest a turn waits for the cache in Redis, in ms: past it a read is a miss (the caller
 * reads the API) and a write goes on without the turn. A slow Redis must not cost a turn its
 * deadline; Redis's own command timeout then marks the connection down.
 */
const WAIT_MS = 250;


/** The caches' second layer on Redis: JSON values with their TTL. Every failure is a miss, never an error. */
export class RedisCache implements SharedCache {
  constructor(private readonly connection: RedisConnection, private readonly prefix = 'tickets:cache:') {}

  async get<T>(key: string): Promise<{ value: T; ttlMs: number } | undefined> {
    if (!this.connection.up) return undefined;
    const read = this.connection.client.multi().get(this.prefix + key).pttl(this.prefix + key).exec()
      .then((replies) => {
        const [[, text], [, ttlMs]] = replies as [[unknown, string | null], [unknown, number]];
        // A key with no expiry (-1) was not written here; one gone between the two commands (-2) is a miss.
        return typeof text === 'string' && ttlMs > 0 ? { value: JSON.parse(text) as T, ttlMs } : undefined;
      })
      .catch(() => {
        this.connection.markDown();
        return undefined;
      });
    return pTimeout(read, { milliseconds: WAIT_MS, fallback: () => undefined });
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (!this.connection.up || !(ttlMs > 0)) return;
    const write = this.connection.client.set(this.prefix + key, JSON.stringify(value), 'PX', Math.ceil(ttlMs)).then(() => undefined, () => this.connection.markDown());
    await pTimeout(write, { milliseconds: WAIT_MS, fallback: () => undefined });
  }

  async delete(key: string): Promise<void> {
    if (!this.connection.up) return;
    const write = this.connection.client.del(this.prefix + key).then(() => undefined, () => this.connection.markDown());
    await pTimeout(write, { milliseconds: WAIT_MS, fallback: () => undefined });
  }
}
