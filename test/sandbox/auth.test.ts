import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, errorCode, errorMessage, REQUESTOR, USER } from './http.js';

describe('sandbox: keys and rate limit', () => {
  let sandbox: Sandbox;
  let clock: Date;

  before(async () => {
    clock = new Date('2026-11-10T10:00:00Z');
    sandbox = await startSandbox({ dialect: 'documented', port: 0, now: () => clock });
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.setRateLimit(100, 60);
    sandbox.requests.length = 0;
  });

  it('refuses a request without a key with 401 MissingKey', async () => {
    const result = await call(sandbox, '/tickets', { key: 'none' });
    assert.equal(result.status, 401);
    assert.equal(errorCode(result), 'MissingKey');
  });

  it('refuses a wrong key with 401 InvalidKey, without echoing it', async () => {
    const result = await call(sandbox, '/tickets', { key: { literal: 'not-the-key-123' } });
    assert.equal(result.status, 401);
    assert.equal(errorCode(result), 'InvalidKey');
    assert.doesNotMatch(result.text, /not-the-key-123/);
  });

  it('does not take the key from a header', async () => {
    const result = await call(sandbox, '/tickets', {
      key: 'none',
      headers: { 'Ocp-Apim-Subscription-Key': sandbox.primaryKey, key: sandbox.primaryKey },
    });
    assert.equal(result.status, 401);
    assert.equal(errorCode(result), 'MissingKey');
  });

  it('serves reads with either key', async () => {
    assert.equal((await call(sandbox, '/tickets', { key: 'primary' })).status, 200);
    assert.equal((await call(sandbox, '/tickets', { key: 'secondary' })).status, 200);
  });

  it('refuses every write with the secondary key with 403 ReadOnlyKey, changing nothing', async () => {
    const before = sandbox.store.size;
    const target = sandbox.store.allTickets()[0];
    assert.ok(target);
    const writes = [
      call(sandbox, '/tickets', { method: 'POST', key: 'secondary', body: { ticket: { title: 'x', requestor: REQUESTOR }, user: USER } }),
      call(sandbox, `/tickets/${target.id}`, { method: 'PUT', key: 'secondary', body: { updates: { title: 'changed' }, user: USER } }),
      call(sandbox, `/tickets/${target.id}/status`, { method: 'PUT', key: 'secondary', body: { status: target.status === 'Started' ? 'Open' : 'Started', user: USER } }),
      call(sandbox, `/tickets/${target.id}/comments`, { method: 'POST', key: 'secondary', body: { comment: 'hi', user: USER } }),
    ];
    for (const result of await Promise.all(writes)) {
      assert.equal(result.status, 403);
      assert.equal(errorCode(result), 'ReadOnlyKey');
    }
    assert.equal(sandbox.store.size, before);
    assert.deepEqual(sandbox.store.ticketById(target.id), target);
  });

  it('records each request with its key kind and without the key, and a write with its body', async () => {
    const target = sandbox.store.allTickets()[0]!;
    await call(sandbox, '/tickets?limit=3', { key: 'secondary' });
    await call(sandbox, '/tags', { key: { literal: 'wrong' } });
    const body = { comment: 'Seen it', user: { id: 'u1', name: 'Adele Vance', email: 'adele.vance@contoso.com' } };
    await call(sandbox, `/tickets/${target.id}/comments`, { method: 'POST', body });
    assert.deepEqual(sandbox.requests, [
      { method: 'GET', path: '/tickets', query: { limit: '3' }, keyKind: 'secondary', status: 200 },
      { method: 'GET', path: '/tags', query: {}, keyKind: 'invalid', status: 401 },
      { method: 'POST', path: `/tickets/${target.id}/comments`, query: {}, keyKind: 'primary', status: 201, body },
    ]);
  });

  it('answers 429 with Retry-After once a key used its window, and counts keys apart', async () => {
    sandbox.setRateLimit(3, 60);
    for (let i = 0; i < 3; i++) assert.equal((await call(sandbox, '/tags')).status, 200);
    clock = new Date(clock.getTime() + 15_000);
    const refused = await call(sandbox, '/tags');
    assert.equal(refused.status, 429);
    assert.equal(errorCode(refused), 'RateLimitExceeded');
    assert.equal(refused.headers.get('retry-after'), '45');
    assert.equal((await call(sandbox, '/tags', { key: 'secondary' })).status, 200, 'the other key has its own window');
  });

  it('does not count refused requests: the slot frees when the window slides past the first admitted ones', async () => {
    sandbox.setRateLimit(2, 10);
    assert.equal((await call(sandbox, '/tags')).status, 200);
    clock = new Date(clock.getTime() + 4_000);
    assert.equal((await call(sandbox, '/tags')).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await call(sandbox, '/tags')).status, 429);
    clock = new Date(clock.getTime() + 6_000);
    // The first admitted request left the window; had the 429s counted, this would still be refused.
    assert.equal((await call(sandbox, '/tags')).status, 200);
    const refused = await call(sandbox, '/tags');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '4');
  });

  it('does not count 401s against the key', async () => {
    sandbox.setRateLimit(1, 60);
    for (let i = 0; i < 3; i++) assert.equal((await call(sandbox, '/tags', { key: { literal: 'wrong' } })).status, 401);
    assert.equal((await call(sandbox, '/tags')).status, 200);
  });

  it('lifts the limit when setRateLimit resets it', async () => {
    sandbox.setRateLimit(1, 60);
    await call(sandbox, '/tags');
    assert.equal((await call(sandbox, '/tags')).status, 429);
    sandbox.setRateLimit(1, 60);
    assert.equal((await call(sandbox, '/tags')).status, 200);
  });

  it('validates timezone on every endpoint', async () => {
    for (const tz of ['0', '-12', '14', '+7']) assert.equal((await call(sandbox, `/instance?timezone=${encodeURIComponent(tz)}`)).status, 200, tz);
    for (const tz of ['15', '-13', '1.5', 'UTC', '']) {
      const result = await call(sandbox, `/tags?timezone=${encodeURIComponent(tz)}`);
      assert.equal(result.status, 400, tz);
      assert.equal(errorCode(result), 'InvalidParameter');
      assert.match(errorMessage(result), /timezone/);
    }
  });

  it('refuses unknown and repeated query parameters, naming them', async () => {
    const unknown = await call(sandbox, '/tickets?colour=red');
    assert.equal(unknown.status, 400);
    assert.match(errorMessage(unknown), /colour/);
    const repeated = await call(sandbox, '/tickets?limit=2&limit=3');
    assert.equal(repeated.status, 400);
    assert.match(errorMessage(repeated), /limit/);
  });
});
