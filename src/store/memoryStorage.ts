import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { LRUCache } from 'lru-cache';

/**
 * botbuilder's Storage in this process, as its MemoryStorage (same eTag rules) but bounded: in
 * local mode anyone on the machine can make up conversations, and each would stay forever.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items: LRUCache<string, string>;

  constructor(maxItems = 10_000) {
    this.items = new LRUCache({ max: maxItems });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const text = this.items.get(key);
      if (text !== undefined) found[key] = JSON.parse(text);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const current = this.items.get(key);
      const expected: unknown = item?.eTag;
      if (current !== undefined && typeof expected === 'string' && expected !== '*' && (JSON.parse(current) as { eTag?: string }).eTag !== expected) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      this.items.set(key, JSON.stringify({ ...item, eTag: randomUUID() }));
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
