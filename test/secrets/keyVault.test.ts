import assert from 'node:assert/strict';
import { azureCredential } from '../../src/secrets/azureCredential.js';
import { KeyVaultError, KeyVaultKeys } from '../../src/secrets/keyVaultKeys.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { ADELE, message } from '../support/activities.js';
import { FakeKeyVault, FakeManagedIdentity } from '../support/azureFakes.js';
import { Harness } from '../support/harness.js';
import { recordingLogger, recordText, type LogRecord } from '../support/logRecords.js';

const MSI_CLIENT_ID = '7d1b7a3e-0000-4000-8000-00000000c11d';
const OLD_KEY = 'kv-primary-key-OLD-1d9e';
const NEW_KEY = 'kv-primary-key-NEW-8a2f';

describe('API keys from Key Vault with the managed identity (local fakes)', () => {
  const identity = new FakeManagedIdentity();
  const vault = new FakeKeyVault(identity);
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
  const logs: LogRecord[] = [];
  const log = recordingLogger(logs);

  before(async () => {
    await identity.start();
    await vault.start();
    // What App Service sets for an app with a managed identity.
    process.env.IDENTITY_ENDPOINT = identity.endpoint;
    process.env.IDENTITY_HEADER = identity.header;
  });
  after(async () => {
    for (const [name, value] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await vault.stop();
    await identity.stop();
  });
  beforeEach(() => {
    vault.secrets.clear();
    vault.reads.length = 0;
    vault.failWith = undefined;
    identity.requests.length = 0;
    logs.length = 0;
  });

  const load = (options: Partial<Parameters<typeof KeyVaultKeys.load>[0]> = {}) => KeyVaultKeys.load({
    vaultUrl: FakeKeyVault.VAULT_URL,
    apiKeySecret: 'ticketing-api-key',
    credential: azureCredential({ appId: MSI_CLIENT_ID, appType: 'UserAssignedMSI', tenantId: 't', endpoints: {} }),
    httpClient: vault.httpClient(),
    log,
    ...options,
  });

  it('reads both keys with the user-assigned identity named by MicrosoftAppId', async () => {
    vault.secrets.set('ticketing-api-key', OLD_KEY);
    vault.secrets.set('ticketing-readonly-key', 'kv-secondary');
    const keys = await load({ readOnlyKeySecret: 'ticketing-readonly-key' });
    try {
      assert.deepEqual(keys.current(), { apiKey: OLD_KEY, readOnlyKey: 'kv-secondary' });
      assert.deepEqual(vault.reads.sort(), ['ticketing-api-key', 'ticketing-readonly-key']);
      assert.ok(identity.requests.length >= 1, 'a token was asked of the managed identity endpoint');
      assert.deepEqual(identity.requests[0], { resource: 'https://vault.azure.net', clientId: MSI_CLIENT_ID });
    } finally {
      keys.close();
    }
  });

  it('uses DefaultAzureCredential (here, the App Service identity) for any other app type', async () => {
    vault.secrets.set('ticketing-api-key', OLD_KEY);
    const keys = await load({ credential: azureCredential(undefined) });
    keys.close();
    assert.equal(keys.current().apiKey, OLD_KEY);
    assert.ok(identity.requests.length >= 1);
    assert.equal(identity.requests.at(-1)!.clientId, null, 'no client id: the system-assigned identity');
  });

  it('stops start-up with one line naming the secret and the status, never a token', async () => {
    await assert.rejects(load({ apiKeySecret: 'no-such-secret' }), (error: unknown) => {
      assert.ok(error instanceof KeyVaultError);
      assert.equal(error.message, `could not read no-such-secret from ${FakeKeyVault.VAULT_URL} (HTTP 404 SecretNotFound)`);
      return true;
    });
    vault.failWith = 403;
    vault.secrets.set('ticketing-api-key', OLD_KEY);
    await assert.rejects(load(), (error: unknown) => {
      assert.match((error as Error).message, /\(HTTP 403 Forbidden\)$/);
      assert.ok(!identity.tokens.some((t) => (error as Error).message.includes(t)));
      return true;
    });
  });

  it('reads the secrets again every refresh period, and keeps the old key when the vault fails', async () => {
    vault.secrets.set('ticketing-api-key', OLD_KEY);
    const keys = await load({ refreshMs: 50 });
    try {
      vault.secrets.set('ticketing-api-key', NEW_KEY);
      const until = Date.now() + 5000;
      while (keys.current().apiKey !== NEW_KEY && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      assert.equal(keys.current().apiKey, NEW_KEY, 'the rotated key was picked up with no restart');
      assert.ok(logs.some((r) => r.level === 'info' && r.msg === 'Key Vault: new API key read' && r.reason === 'scheduled'), JSON.stringify(logs));
      vault.failWith = 500;
      const failed = () => logs.some((r) => r.level === 'warn' && r.msg === 'Key Vault: keys not read again; keeping the ones read before' && r.reason === 'scheduled' && String(r.why).startsWith('HTTP 500'));
      // The SDK retries a 500 once, after its own back-off.
      while (!failed() && Date.now() < until + 5000) await new Promise((r) => setTimeout(r, 20));
      assert.ok(failed(), JSON.stringify(logs));
      assert.equal(keys.current().apiKey, NEW_KEY);
    } finally {
      keys.close();
    }
  });

  it('after a 401, reads the vault at most once per 10 s, and callers at the same moment share one read', async () => {
    vault.secrets.set('ticketing-api-key', OLD_KEY);
    const throttled = await load();
    throttled.close();
    vault.reads.length = 0;
    await throttled.refresh();
    assert.equal(vault.reads.length, 0, 'read moments ago: not again');

    const keys = await load({ minRereadMs: 0 });
    keys.close();
    vault.reads.length = 0;
    vault.secrets.set('ticketing-api-key', NEW_KEY);
    await Promise.all([keys.refresh(), keys.refresh(), keys.refresh()]);
    assert.deepEqual(vault.reads, ['ticketing-api-key'], 'one read for three callers');
    assert.equal(keys.current().apiKey, NEW_KEY);
    assert.ok(logs.some((r) => r.msg === 'Key Vault: new API key read' && r.reason === 'after a 401'), JSON.stringify(logs));
  });

  describe('a rotated key, through the real bot', () => {
    let h: Harness;
    let keys: KeyVaultKeys;
    afterEach(async () => {
      keys?.close();
      await h?.stop();
    });

    it('serves the next turn after the key is rotated: the 401 re-reads the vault and the call is sent again', async () => {
      vault.secrets.set('ticketing-api-key', OLD_KEY);
      keys = await load({ minRereadMs: 0, refreshMs: 3_600_000 });
      h = await new Harness({ sandbox: { primaryKey: OLD_KEY }, keys }).start();
      const ticket = h.sandbox.store.allTickets()[0]!;
      const show = () => h.post(message(ADELE, `show ${ticket.ticketId}`, { serviceUrl: h.serviceUrl }));
      assert.equal((await show()).status, 200);
      assert.match(JSON.stringify(h.connector.messages()[0]), new RegExp(`#${ticket.ticketId}`));

      // Rotation: the service now takes only the new key, and the vault holds it.
      const port = Number(new URL(h.sandbox.baseUrl).port);
      await h.sandbox.close();
      h.sandbox = await startSandbox({ port, primaryKey: NEW_KEY });
      vault.secrets.set('ticketing-api-key', NEW_KEY);
      const readsBefore = vault.reads.length;
      h.resetCounts();

      assert.equal((await show()).status, 200);
      const sent = h.connector.messages();
      assert.equal(sent.length, 1);
      assert.match(JSON.stringify(sent[0]), new RegExp(`#${ticket.ticketId}`), 'the ticket card, not an error');
      assert.deepEqual(h.sandbox.requests.filter((r) => r.path !== '/instance' && r.path !== '/tags').map((r) => r.keyKind), ['invalid', 'primary']);
      assert.equal(vault.reads.length, readsBefore + 1, 'the vault was read once more');
      assert.ok(!h.logs.map(recordText).some((r) => r.includes(OLD_KEY) || r.includes(NEW_KEY)), 'no key in a log record');
    });
  });
});
