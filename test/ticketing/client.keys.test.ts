import assert from 'node:assert/strict';
import type { Sandbox } from '../../src/sandbox/index.js';
import { isUnauthorized, type ApiKeys, type KeySource } from '../../src/ticketing/index.js';
import { ACTOR, PRIMARY_KEY, SECONDARY_KEY, clientFor, requestsTo, reset, sandbox } from './support.js';

/** A key source whose keys a test changes, counting how often the client asks it to re-read. */
class RotatingKeys implements KeySource {
  refreshes = 0;
  constructor(private keys: ApiKeys, private afterRefresh?: ApiKeys) {}
  current(): ApiKeys {
    return this.keys;
  }
  async refresh(): Promise<void> {
    this.refreshes++;
    if (this.afterRefresh) this.keys = this.afterRefresh;
  }
}

describe('client keys from a key source', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb.close());
  beforeEach(() => reset(sb));

  it('reads the key for every request, so a rotated key is sent from the next request on', async () => {
    const keys = new RotatingKeys({ apiKey: PRIMARY_KEY });
    const client = clientFor(sb, { apiKey: undefined, readOnlyKey: undefined, keys });
    assert.equal(client.canWrite, true);
    await client.listTickets({ limit: 1 });
    (keys as unknown as { keys: ApiKeys }).keys = { readOnlyKey: SECONDARY_KEY };
    assert.equal(client.canWrite, false, 'with only a read-only key now, writes are refused');
    await client.listTickets({ limit: 1 });
    const sent = requestsTo(sb, 'GET', '/tickets').map((r) => r.keyKind);
    assert.deepEqual(sent, ['primary', 'secondary']);
  });

  it('on a 401 re-reads the keys and sends a write once more with the new key', async () => {
    const keys = new RotatingKeys({ apiKey: 'an-old-rotated-key' }, { apiKey: PRIMARY_KEY });
    const client = clientFor(sb, { apiKey: undefined, readOnlyKey: undefined, keys });
    const created = await client.createTicket({ title: 'Printer on fire', requestor: ACTOR }, ACTOR);
    assert.ok(created, 'the ticket was created with the new key');
    assert.equal(keys.refreshes, 1);
    const posts = requestsTo(sb, 'POST', '/tickets');
    assert.equal(posts.length, 2, 'the refused request and the one with the new key');
    assert.deepEqual(posts.map((r) => r.keyKind), ['invalid', 'primary']);
  });

  it('answers 401 after one re-read when the keys did not change: no loop', async () => {
    const keys = new RotatingKeys({ apiKey: 'a-wrong-key' });
    const client = clientFor(sb, { apiKey: undefined, readOnlyKey: undefined, keys });
    await assert.rejects(client.getTicket('00000000-0000-4000-8000-000000000001'), (error: unknown) => {
      assert.ok(isUnauthorized(error));
      assert.ok(!String((error as Error).message).includes('a-wrong-key'));
      return true;
    });
    assert.equal(keys.refreshes, 1);
    assert.equal(sb.requests.length, 1);
  });
});
