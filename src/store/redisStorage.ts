import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { RedisConnection } from './redisConnection.js';

/**
 * Writes an item unless the caller's eTag (ARGV[2]; '' or '*': any) is not the stored one.
 * ARGV[1] is the item with its new eTag already set. Returns 0 on a conflict.
 */
const WRITE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[2] ~= '' and ARGV[2] ~= '*' and current then
  if cjson.decode(current).eTag ~= ARGV[2] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;

/**
 * botbuilder's `Storage` on Redis, with the same eTag rules as its MemoryStorage (no eTag or `*`:
 * last write wins; another eTag: refused on a conflict), so Azure Blob or Cosmos DB storage can
 * stand in for it. Items are JSON and do not expire.
 */
export class RedisStorage implements Storage {
  constructor(private readonly connection: RedisConnection, private readonly prefix = 'tickets:storage:') {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.connection.client.mget(keys.map((key) => this.prefix + key));
    const items: StoreItems = {};
    keys.forEach((key, index) => {
      const value = values[index];
      if (value !== null && value !== undefined) items[key] = JSON.parse(value);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const expected = typeof item?.eTag === 'string' ? item.eTag : '';
      const stored = JSON.stringify({ ...item, eTag: randomUUID() });
      const written = await this.connection.client.eval(WRITE_SCRIPT, 1, this.prefix + key, stored, expected);
      if (written !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.connection.client.del(keys.map((key) => this.prefix + key));
  }
}
