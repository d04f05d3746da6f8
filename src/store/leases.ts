import { randomUUID } from 'node:crypto';
import type { RedisConnection } from './redisConnection.js';

/**
 * Named leases, so that background work (the notification poller) runs on one replica at a time.
 * The holder calls `hold` again before `ttlMs` runs out to keep it; a replica that dies loses it
 * when its last `ttlMs` ends, and another takes over.
 */
export interface Leases {
  /** True when this process holds `name` for the next `ttlMs` (taken now, or renewed as its holder). */
  hold(name: string, ttlMs: number): Promise<boolean>;
  /** Gives `name` up at once, if this process holds it. */
  release(name: string): Promise<void>;
}

/** Takes the lease when free or already ours (ARGV[1]: holder, ARGV[2]: ttl in ms). */
const HOLD_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

const redisKey = (name: string) => `tickets:lease:${name}`;

/**
 * Leases in Redis, held by this process (a random id). While Redis is away no one holds one:
 * background work waits rather than run twice.
 */
export class RedisLeases implements Leases {
  readonly #holder = randomUUID();

  constructor(private readonly connection: RedisConnection) {}

  async hold(name: string, ttlMs: number): Promise<boolean> {
    if (!this.connection.up) return false;
    try {
      return (await this.connection.client.eval(HOLD_SCRIPT, 1, redisKey(name), this.#holder, String(Math.ceil(ttlMs)))) === 1;
    } catch {
      this.connection.markDown();
      return false;
    }
  }

  async release(name: string): Promise<void> {
    if (!this.connection.up) return;
    await this.connection.client.eval(RELEASE_SCRIPT, 1, redisKey(name), this.#holder).then(() => undefined, () => this.connection.markDown());
  }
}

/** Without Redis there is one process: it holds every lease. */
export const localLeases: Leases = {
  hold: async () => true,
  release: async () => undefined,
};
