/** getInstance and getTags are cached, shared while loading, and not kept when they fail. */
import assert from 'node:assert/strict';
import { setTimeout as wait } from 'node:timers/promises';
import type { Sandbox } from '../../src/sandbox/index.js';
import { isTicketingError } from '../../src/ticketing/index.js';
import { clientFor, requestsTo, reset, sandbox } from './support.js';

describe('ticketing client: instance and tags cache', () => {
  let sb: Sandbox;
  before(async () => { sb = await sandbox(); });
  after(async () => { await sb.close(); });
  beforeEach(() => reset(sb));

  it('serves concurrent callers with one request, then from cache until the TTL runs out', async () => {
    const client = clientFor(sb, { cacheTtlMs: 300 });
    const [a, b] = await Promise.all([client.getInstance(), client.getInstance()]);
    assert.deepEqual(a, sb.store.instance());
    assert.strictEqual(a, b);
    assert.equal(requestsTo(sb, 'GET', '/instance').length, 1);
    await client.getInstance();
    assert.equal(requestsTo(sb, 'GET', '/instance').length, 1, 'cached');
    await wait(350);
    await client.getInstance();
    assert.equal(requestsTo(sb, 'GET', '/instance').length, 2, 'fetched again after the TTL');
  });

  it('does not keep a failed fetch: the next caller tries again', async () => {
    const client = clientFor(sb, { retry: { limit: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    sb.faults.inject({ kind: 'status', status: 500, match: { path: '/tags' } });
    const [first, second] = await Promise.allSettled([client.getTags(), client.getTags()]);
    assert.equal(first.status, 'rejected');
    assert.equal(second.status, 'rejected');
    assert.ok(first.status === 'rejected' && isTicketingError(first.reason) && first.reason.status === 500);
    assert.equal(requestsTo(sb, 'GET', '/tags').length, 1, 'one shared failing request');
    assert.deepEqual(await client.getTags(), sb.store.tagCategories());
    assert.equal(requestsTo(sb, 'GET', '/tags').length, 2);
  });

  it('keeps instances per timezone, forgets all on invalidateCache, and lets an aborting caller leave alone', async () => {
    const client = clientFor(sb);
    await client.getInstance({ timezone: 0 });
    await client.getInstance({ timezone: 3 });
    await client.getInstance({ timezone: 3 });
    assert.deepEqual(requestsTo(sb, 'GET', '/instance').map((r) => r.query.timezone), ['0', '3']);
    client.invalidateCache();
    reset(sb);

    sb.faults.inject({ kind: 'delay', ms: 200, match: { path: '/tags' } });
    const controller = new AbortController();
    const leaving = client.getTags({ signal: controller.signal });
    const staying = client.getTags();
    controller.abort(new Error('gone'));
    await assert.rejects(leaving, /gone/);
    assert.deepEqual(await staying, sb.store.tagCategories());
    assert.equal(requestsTo(sb, 'GET', '/tags').length, 1);
  });
});
