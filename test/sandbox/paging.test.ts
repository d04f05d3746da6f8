import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, errorCode, items, REQUESTOR, USER, type Json } from './http.js';

describe('sandbox: paging with continuationToken and offset', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ dialect: 'documented', port: 0, rateLimit: 100_000 });
  });
  afterEach(() => sandbox.close());

  /** Follows tokens from the first page, as the seed's auto-pagination describes; returns the ids in order. */
  async function walk(query: string, between?: (page: number) => Promise<void>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const result = await call(sandbox, `/tickets?${query}`, token ? { headers: { continuationToken: token } } : {});
      assert.equal(result.status, 200, result.text);
      pages += 1;
      ids.push(...items(result).map((t) => String(t.id)));
      const bodyToken = (result.json as Json).continuationToken;
      const headerToken = result.headers.get('continuationToken');
      assert.equal(bodyToken ?? null, headerToken, 'the token is in the body and the header alike');
      token = typeof bodyToken === 'string' ? bodyToken : undefined;
      if (token && between) await between(pages);
      assert.ok(pages < 100, 'the walk ends');
    } while (token);
    return { ids, pages };
  }

  it('walks every ticket exactly once by token (limit 50), in the list order', async () => {
    const { ids, pages } = await walk('limit=50');
    assert.equal(ids.length, sandbox.store.size);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(pages, Math.ceil(sandbox.store.size / 50));
    const oneShot = items(await call(sandbox, '/tickets?limit=1000')).map((t) => String(t.id));
    assert.deepEqual(ids, oneShot);
  });

  it('walks every ticket exactly once by offset', async () => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = items(await call(sandbox, `/tickets?limit=50&offset=${offset}`));
      ids.push(...page.map((t) => String(t.id)));
      if (page.length < 50) break;
    }
    assert.equal(ids.length, sandbox.store.size);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('walks a filtered, ordered list by token', async () => {
    const query = 'status=Closed&orderBy=priority&order=DESC&limit=20';
    const { ids } = await walk(query);
    const expected = items(await call(sandbox, '/tickets?status=Closed&orderBy=priority&order=DESC&limit=1000')).map((t) => String(t.id));
    assert.ok(expected.length > 20);
    assert.deepEqual(ids, expected);
  });

  it('sends no token when the page holds the last ticket', async () => {
    const result = await call(sandbox, `/tickets?limit=${sandbox.store.size}`);
    assert.equal((result.json as Json).continuationToken, undefined);
    assert.equal(result.headers.get('continuationToken'), null);
  });

  it('lets the token header win over offset', async () => {
    const first = await call(sandbox, '/tickets?limit=5');
    const token = String((first.json as Json).continuationToken);
    const second = items(await call(sandbox, '/tickets?limit=5&offset=0', { headers: { continuationToken: token } }));
    const expected = items(await call(sandbox, '/tickets?limit=5&offset=5'));
    assert.deepEqual(second.map((t) => t.id), expected.map((t) => t.id));
  });

  it('neither repeats nor loses a ticket when one is created during the walk', async () => {
    const before = sandbox.store.allTickets().map((t) => t.id);
    const { ids } = await walk('limit=50', async (page) => {
      if (page !== 2) return;
      const created = await call(sandbox, '/tickets', { method: 'POST', body: { ticket: { title: 'Mid-walk', requestor: REQUESTOR }, user: USER } });
      assert.equal(created.status, 201);
    });
    assert.equal(new Set(ids).size, ids.length, 'no ticket twice');
    for (const id of before) assert.ok(ids.includes(id), `ticket ${id} seen`);
  });

  it('refuses a token with other filters or another order with 400 InvalidContinuationToken', async () => {
    const first = await call(sandbox, '/tickets?limit=5&status=Open');
    const token = String((first.json as Json).continuationToken);
    for (const query of ['limit=5&status=Started', 'limit=5', 'limit=5&status=Open&orderBy=title', 'limit=5&status=Open&order=ASC']) {
      const result = await call(sandbox, `/tickets?${query}`, { headers: { continuationToken: token } });
      assert.equal(result.status, 400, query);
      assert.equal(errorCode(result), 'InvalidContinuationToken');
    }
    const sameFilters = await call(sandbox, '/tickets?limit=7&status=Open&select=id,title', { headers: { continuationToken: token } });
    assert.equal(sameFilters.status, 200, 'limit and select may change between pages');
  });

  it('refuses a garbage token', async () => {
    for (const token of ['garbage', 'eyJ2IjoxfQ', '!!!', Buffer.from('{"v":1,"f":"x","k":1,"n":1}').toString('base64url')]) {
      const result = await call(sandbox, '/tickets', { headers: { continuationToken: token } });
      assert.equal(result.status, 400, token);
      assert.equal(errorCode(result), 'InvalidContinuationToken');
    }
  });
});
