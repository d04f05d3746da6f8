import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, errorCode, item, REQUESTOR, USER } from './http.js';

describe('sandbox: injected faults', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ dialect: 'documented', port: 0, rateLimit: 100_000 });
  });
  afterEach(() => sandbox.close());

  const createBody = { ticket: { title: 'Fault test', requestor: REQUESTOR }, user: USER };

  it('keeps no request log when told not to (a long-running sandbox), and one by default', async () => {
    const quiet = await startSandbox({ dialect: 'documented', port: 0, recordRequests: false });
    try {
      assert.equal((await call(quiet, '/tags')).status, 200);
      assert.equal((await call(quiet, '/tags', { key: 'none' })).status, 401);
      assert.equal(quiet.requests.length, 0);
    } finally {
      await quiet.close();
    }
    assert.equal((await call(sandbox, '/tags')).status, 200);
    assert.equal(sandbox.requests.length, 1);
  });

  it('is off unless injected', async () => {
    assert.equal(sandbox.faults.pending, 0);
    assert.equal((await call(sandbox, '/tags')).status, 200);
  });

  it('status: answers the status with an error body and Retry-After, `times` times, before any key check', async () => {
    sandbox.faults.inject({ kind: 'status', status: 503, retryAfterS: 7, times: 2 });
    for (const key of ['primary', 'none'] as const) {
      const result = await call(sandbox, '/tickets', { key });
      assert.equal(result.status, 503);
      assert.equal(errorCode(result), 'ServiceUnavailable');
      assert.equal(result.headers.get('retry-after'), '7');
    }
    assert.equal((await call(sandbox, '/tickets')).status, 200, 'used up after two');
  });

  it('status: takes a code, and applies only to the requests it matches', async () => {
    sandbox.faults.inject({ kind: 'status', status: 500, code: 'Boom', match: { method: 'post', path: '/tickets' } });
    assert.equal((await call(sandbox, '/tickets')).status, 200, 'GET does not match');
    assert.equal((await call(sandbox, '/tags', { method: 'POST', body: {} })).status, 404, 'another path does not match');
    const before = sandbox.store.size;
    const result = await call(sandbox, '/tickets', { method: 'POST', body: createBody });
    assert.equal(result.status, 500);
    assert.equal(errorCode(result), 'Boom');
    assert.equal(sandbox.store.size, before, 'nothing was applied');
    assert.equal(sandbox.faults.pending, 0);
  });

  it('delay: answers normally, later', async () => {
    sandbox.faults.inject({ kind: 'delay', ms: 150 });
    const started = Date.now();
    const result = await call(sandbox, '/instance');
    assert.equal(result.status, 200);
    assert.equal(item(result).name, 'Contoso IT Helpdesk');
    assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
  });

  it('malformed: answers 200 with a body that is not JSON', async () => {
    sandbox.faults.inject({ kind: 'malformed' });
    const response = await fetch(`${sandbox.baseUrl}/tickets?key=${sandbox.primaryKey}`);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  it('dropAfterApply: a POST creates exactly one ticket and the caller sees a network error', async () => {
    const before = sandbox.store.size;
    sandbox.faults.inject({ kind: 'dropAfterApply', match: { method: 'POST' } });
    await assert.rejects(
      fetch(`${sandbox.baseUrl}/tickets?key=${sandbox.primaryKey}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(createBody),
      }),
      TypeError,
    );
    assert.equal(sandbox.store.size, before + 1);
    assert.equal(sandbox.store.allTickets().filter((t) => t.title === 'Fault test').length, 1);
    assert.deepEqual(sandbox.requests.map((r) => [r.method, r.status]), [['POST', 0]]);
  });

  it('statusAfterApply: a POST creates exactly one ticket and the caller sees the 5xx', async () => {
    const before = sandbox.store.size;
    sandbox.faults.inject({ kind: 'statusAfterApply', status: 504, match: { method: 'POST' } });
    const res = await fetch(`${sandbox.baseUrl}/tickets?key=${sandbox.primaryKey}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(createBody),
    });
    assert.equal(res.status, 504);
    assert.equal(sandbox.store.size, before + 1);
    assert.deepEqual(sandbox.requests.map((r) => [r.method, r.status]), [['POST', 504]]);
  });

  it('dropBeforeRead: the caller sees a network error and nothing is applied', async () => {
    const before = sandbox.store.size;
    sandbox.faults.inject({ kind: 'dropBeforeRead' });
    await assert.rejects(
      fetch(`${sandbox.baseUrl}/tickets?key=${sandbox.primaryKey}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(createBody),
      }),
      TypeError,
    );
    assert.equal(sandbox.store.size, before);
    assert.equal((await call(sandbox, '/tags')).status, 200, 'the next request is served');
  });

  it('clear() disarms every fault', async () => {
    sandbox.faults.inject({ kind: 'status', status: 502, times: 5 });
    sandbox.faults.clear();
    assert.equal(sandbox.faults.pending, 0);
    assert.equal((await call(sandbox, '/tags')).status, 200);
  });

  it('refuses a fault that could never apply', () => {
    assert.throws(() => sandbox.faults.inject({ kind: 'status', status: 99 }), RangeError);
    assert.throws(() => sandbox.faults.inject({ kind: 'delay', ms: -1 }), RangeError);
    assert.throws(() => sandbox.faults.inject({ kind: 'malformed', times: 0 }), RangeError);
    assert.throws(() => sandbox.faults.inject({ kind: 'statusAfterApply', status: 404 }), RangeError);
  });

  it('closes promptly with a delayed request still waiting', async () => {
    sandbox.faults.inject({ kind: 'delay', ms: 10_000 });
    const pending = fetch(`${sandbox.baseUrl}/tags?key=${sandbox.primaryKey}`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sandbox.close();
    assert.ok(Date.now() - started < 1000);
    assert.ok((await pending) instanceof TypeError, 'the waiting caller sees the connection close');
  });
});
