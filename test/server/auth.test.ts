import assert from 'node:assert/strict';
import { generateKeyPair } from 'jose';
import sinon from 'sinon';
import { ADELE, TENANT, extensionInvoke, message } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { Harness } from '../support/harness.js';
import { OpenIdServer } from '../support/openIdServer.js';

const APP_ID = '5f1a8c2e-0000-4000-8000-00000000b0a7';
const OTHER_TENANT = '0f0f0f0f-0000-4000-8000-000000000bad';

function credentials(openid: OpenIdServer): Record<string, string> {
  return {
    // The harness points the bot at its own sandbox: asked for by name, as a bot with credentials must.
    MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', ALLOWED_TENANTS: TENANT, TICKETING_SANDBOX: 'on',
    ToBotFromChannelOpenIdMetadataUrl: openid.metadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: openid.metadataUrl,
  };
}

/**
 * Real JWT validation, offline: the bot runs with credentials, its sign-in metadata points at a
 * local OpenID server whose key signs our tokens, and every request goes through our gate and
 * then the Bot Framework SDK's own checks. A Find ticket search is the request: an invoke, so its
 * answer needs no token from the bot to the connector.
 */
describe('Bot Framework authentication, offline, through the real server', () => {
  const openid = new OpenIdServer();
  let h: Harness;
  let consoleError: sinon.SinonSpy;

  before(async () => {
    await openid.start();
    h = await new Harness({ env: credentials(openid) }).start();
  });
  after(async () => {
    await h.stop();
    await openid.stop();
  });
  beforeEach(() => {
    h.resetCounts();
    consoleError = sinon.spy(console, 'error');
  });
  afterEach(() => consoleError.restore());

  const search = (tenant = TENANT) => {
    const activity = extensionInvoke(ADELE, 'composeExtension/query', { commandId: 'findTicket', parameters: [{ name: 'search', value: 'VPN' }], queryOptions: { skip: 0, count: 25 } }, { serviceUrl: h.serviceUrl });
    return { ...activity, conversation: { ...activity.conversation, tenantId: tenant }, channelData: { tenant: { id: tenant } } };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('serves a request whose token Bot Framework signed for this bot and this service URL', async () => {
    const res = await h.post(search(), false, bearer(await openid.token(APP_ID, h.serviceUrl)));
    assert.equal(res.status, 200);
    assert.equal((res.body as { composeExtension: { type: string } }).composeExtension.type, 'result');
    assert.ok(h.apiCalls().length > 0, 'the search reached the API');
  });

  const refusals: Array<[string, () => Promise<Record<string, string>>, string]> = [
    ['no token', async () => ({}), 'no-token'],
    ['a token that is not a JWT', async () => bearer('not.a.jwt'), 'malformed'],
    ['a token signed by another key under the published key id', async () => bearer(await openid.token(APP_ID, h.serviceUrl, {}, { key: (await generateKeyPair('RS256')).privateKey })), 'bad-signature'],
    ['a key id the metadata does not publish', async () => bearer(await openid.token(APP_ID, h.serviceUrl, {}, { kid: 'forged-kid' })), 'unknown-key'],
    ['a token for another bot', async () => bearer(await openid.token(APP_ID, h.serviceUrl, { aud: 'another-bot' })), 'audience'],
    ['an expired token', async () => bearer(await openid.token(APP_ID, h.serviceUrl, {}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })), 'expired'],
    // Not a channel token: its issuer is checked against the SDK's list of emulator and skill issuers.
    ['a token from another issuer', async () => bearer(await openid.token(APP_ID, h.serviceUrl, { iss: 'https://evil.example' })), 'rejected'],
    ['a token signed for another service URL', async () => bearer(await openid.token(APP_ID, 'https://smba.trafficmanager.net/amer/')), 'service-url'],
  ];
  for (const [what, headers, reason] of refusals) {
    it(`refuses ${what}: 401, a short body, one log line, no API call`, async () => {
      const logged = h.logs.length;
      const res = await h.post(search(), false, await headers());
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'Unauthorized.' });
      assert.deepEqual(h.logs.slice(logged).filter((r) => r.component !== 'api').map((r) => [r.level, r.msg, r.reason]), [['warn', 'auth refused', reason]]);
      assert.equal(consoleError.callCount, 0, 'nothing else is written to the log (no stack trace)');
      assert.deepEqual(h.apiCalls(), []);
    });
  }

  it('refuses a person of a tenant not allowed, with a valid token: 403 and no API call', async () => {
    const res = await h.post(search(OTHER_TENANT), false, bearer(await openid.token(APP_ID, h.serviceUrl)));
    assert.equal(res.status, 403);
    assert.equal((res.body as { value: { code: string } }).value.code, 'TenantNotAllowed');
    assert.deepEqual(h.apiCalls(), []);
  });

  it('refuses another channel of the bot\'s registration (Web Chat), whose client writes the tenant: 403, no API call', async () => {
    const logged = h.logs.length;
    const res = await h.post({ ...search(), channelId: 'webchat' }, false, bearer(await openid.token(APP_ID, h.serviceUrl)));
    assert.equal(res.status, 403);
    assert.deepEqual((res.body as { value: unknown }).value, {
      code: 'ChannelNotSupported', message: 'This helpdesk works in Microsoft Teams: open it there.',
    });
    assert.deepEqual(h.logs.slice(logged).map((r) => [r.level, r.msg, r.channel]), [['warn', 'refused: not Teams', 'webchat']]);
    assert.deepEqual(h.apiCalls(), []);
  });

  it('does not ask the sign-in service again for each forged key id', async () => {
    const before = openid.requests;
    const results = await Promise.all(Array.from({ length: 50 }, async (_, i) =>
      h.post(search(), false, bearer(await openid.token(APP_ID, h.serviceUrl, {}, { kid: `forged-${i}` })))));
    assert.ok(results.every((r) => r.status === 401));
    assert.equal(openid.requests - before, 0, 'the key set was read moments ago: no new look-up');
  });

  for (const mode of ['fail', 'hang'] as const) {
    it(`answers 401 at once when the sign-in metadata ${mode === 'fail' ? 'cannot be fetched' : 'never answers'}, and asks for it once, not per request`, async () => {
      const cold = new Harness({ env: credentials(openid) });
      await cold.start();
      openid.mode = mode;
      const before = openid.requests;
      try {
        const token = await openid.token(APP_ID, cold.serviceUrl);
        const first = await Promise.all(Array.from({ length: 10 }, () => cold.post(search(), false, bearer(token))));
        const then = await Promise.all(Array.from({ length: 10 }, () => cold.post(search(), false, bearer(token))));
        for (const res of [...first, ...then]) {
          assert.equal(res.status, 401);
          assert.deepEqual(res.body, { error: 'Unauthorized.' });
        }
        assert.equal(openid.requests - before, 1, 'one metadata request for 20 tokens');
        const records = cold.logs.filter((r) => r.component !== 'api').map((r) => [r.msg, r.reason]);
        assert.deepEqual(records, Array(20).fill(['auth refused', 'metadata-unavailable']));
      } finally {
        openid.mode = 'ok';
        await cold.stop();
      }
    });
  }

  it('answers 401 when the SDK\'s own metadata fetch never answers after our gate accepted the token', async () => {
    // A server of its own: the SDK keeps metadata per address for the whole process.
    const stalling = await new OpenIdServer().start();
    stalling.hangAfter = 2; // the gate's metadata and keys; the SDK's look-up then hangs
    const cold = new Harness({ env: credentials(stalling) });
    await cold.start();
    try {
      const res = await cold.post({ ...search(), serviceUrl: cold.serviceUrl }, false, bearer(await stalling.token(APP_ID, cold.serviceUrl)));
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'Unauthorized.' });
      assert.equal(stalling.requests, 3, 'the gate read metadata and keys; the SDK asked once more and got no answer');
      assert.deepEqual(cold.logs.filter((r) => r.component !== 'api').map((r) => [r.msg, r.reason]), [['auth refused', 'metadata-unavailable']]);
      assert.deepEqual(cold.apiCalls(), []);
    } finally {
      await cold.stop();
      await stalling.stop();
    }
  });

  it('counts an invoke\'s budget from the request\'s arrival: a slow token check leaves the API less time, and Teams gets its answer in time', async () => {
    const slow = await new OpenIdServer().start();
    slow.delayMs = 700; // metadata and keys, for our gate and then the SDK: about 2.8 s before the turn starts
    const cold = new Harness({ env: credentials(slow) });
    await cold.start();
    try {
      // The search's read takes 2.5 s: within a budget counted from the turn's start, past Teams' 5 s counted from arrival.
      cold.sandbox.faults.inject({ kind: 'delay', ms: 2500, match: { method: 'GET', path: '/tickets' } });
      const res = await cold.post({ ...search(), serviceUrl: cold.serviceUrl }, false, bearer(await slow.token(APP_ID, cold.serviceUrl)));
      assert.equal(res.status, 200);
      assert.equal(slow.requests, 4, 'the gate and the SDK each read metadata and keys');
      const answer = (res.body as { composeExtension: { type: string; text?: string } }).composeExtension;
      assert.equal(answer.type, 'message', 'an answer that says the helpdesk was too slow, not results Teams no longer waits for');
      // Unreachable when the read was cut at the deadline; busy when too little was left to send it (a slower machine).
      assert.match(answer.text ?? '', /cannot be reached right now|is busy; try again/);
    } finally {
      await cold.stop();
      await slow.stop();
    }
  });
});

describe('tenant allow-list in local mode', () => {
  const h = new Harness({ env: { ALLOWED_TENANTS: TENANT } });
  before(() => h.start());
  after(() => h.stop());
  beforeEach(() => h.resetCounts());

  it('answers a message from another tenant with one sentence and no API call', async () => {
    const activity = message(ADELE, 'create Printer on fire', { serviceUrl: h.serviceUrl });
    const foreign = { ...activity, conversation: { ...activity.conversation, tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } };
    const res = await h.post(foreign);
    assert.equal(res.status, 200);
    assert.deepEqual(h.connector.messages().map((m) => m.body.text), ['This helpdesk is not available to your organization.']);
    assert.deepEqual(h.apiCalls(), []);
  });

  it('serves other channels than Teams (the Bot Framework Emulator), which only a bot with credentials refuses', async () => {
    await h.post({ ...message(ADELE, 'help', { serviceUrl: h.serviceUrl }), channelId: 'emulator' });
    assert.equal(h.connector.messages().length, 1);
    assert.ok(cardOf(h.connector.messages()[0]), 'the help card');
  });

  it('refuses an activity whose two tenant fields disagree, and serves the allowed tenant', async () => {
    const activity = message(ADELE, 'help', { serviceUrl: h.serviceUrl });
    await h.post({ ...activity, channelData: { tenant: { id: OTHER_TENANT } } });
    assert.deepEqual(h.connector.messages().map((m) => m.body.text), ['This helpdesk is not available to your organization.']);
    h.resetCounts();
    await h.post(message(ADELE, 'help', { serviceUrl: h.serviceUrl }));
    assert.equal(h.connector.messages().length, 1);
    assert.notEqual(h.connector.messages()[0]!.body.text, 'This helpdesk is not available to your organization.');
  });
});
