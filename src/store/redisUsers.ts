import type { SharedUsers } from '../identity.js';
import type { User } from '../ticketing/types.js';
import type { RedisConnection } from './redisConnection.js';

const redisKey = (id: string) => `tickets:user:${id}`;

/** The identity cache in Redis: one member look-up serves every replica until its TTL. Redis away: a miss. */
export class RedisUsers implements SharedUsers {
  constructor(private readonly connection: RedisConnection) {}

  async get(id: string): Promise<User | undefined> {
    if (!this.connection.up) return undefined;
    try {
      const text = await this.connection.client.get(redisKey(id));
      const user = text === null ? undefined : (JSON.parse(text) as Partial<User>);
      return typeof user?.id === 'string' && typeof user.name === 'string' && typeof user.email === 'string' ? { id: user.id, name: user.name, email: user.email } : undefined;
    } catch {
      this.connection.markDown();
      return undefined;
    }
  }

  async set(id: string, user: User, ttlMs: number): Promise<void> {
    if (!this.connection.up) return;
    await this.connection.client.set(redisKey(id), JSON.stringify(user), 'PX', ttlMs).catch(() => this.connection.markDown());
  }
}
