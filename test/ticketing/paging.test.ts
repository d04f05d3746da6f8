import assert from 'node:assert/strict';
import { isTicketingError } from '../../src/ticketing/errors.js';
import { walkPages } from '../../src/ticketing/paging.js';
import type { Page } from '../../src/ticketing/types.js';

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}

describe('ticketing/paging: walking by continuation token', () => {
  it('asks for each next page with the token the last one gave, until none', async () => {
    const asked: (string | undefined)[] = [];
    const pages: Record<string, Page<number>> = {
      first: { items: [1, 2], continuationToken: 't2' },
      t2: { items: [], continuationToken: 't3' },
      t3: { items: [3] },
    };
    const items = await collect(walkPages(async (token) => {
      asked.push(token);
      const page = pages[token ?? 'first'];
      assert.ok(page);
      return page;
    }, 'test'));
    assert.deepEqual(items, [1, 2, 3]);
    assert.deepEqual(asked, [undefined, 't2', 't3']);
  });

  it('stops with badResponse when the service hands back the token it was just sent', async () => {
    let calls = 0;
    const walk = collect(walkPages(async () => {
      calls++;
      return { items: [calls], continuationToken: 'same' };
    }, 'test'));
    await assert.rejects(walk, (e: unknown) => isTicketingError(e) && e.kind === 'badResponse');
    assert.equal(calls, 2);
  });
});
