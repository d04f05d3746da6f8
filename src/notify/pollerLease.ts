import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Who runs the poller: held for `ttlMs` at a time and renewed by its holder; the others wait. */
export interface Lease {
  /** Takes the lease, or renews it when this process holds it; false while another holds it. */
  acquire(ttlMs: number): Promise<boolean>;
  /** Lets it go now (on stop), so another replica need not wait out the time left. */
  release(): Promise<void>;
}

/** One process: it always holds the lease. */
export const soleLease: Lease = { acquire: async () => true, release: async () => undefined };

/** Renews only what this holder set; a value set by another replica is left alone. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** A lease in Redis: `SET NX PX` to take it, renewed by its holder only. */
export class RedisLease implements Lease {
  private readonly holder = randomUUID();

  constructor(private readonly redis: Redis, private readonly key: string) {}

  async acquire(ttlMs: number): Promise<boolean> {
    try {
      if (await this.redis.set(this.key, this.holder, 'PX', ttlMs, 'NX')) return true;
      return (await this.redis.eval(RENEW, 1, this.key, this.holder, String(ttlMs))) === 1;
    } catch {
      // Redis away: no replica can be sure it is alone, so none polls until it is back.
      return false;
    }
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holder).catch(() => undefined);
  }
}
