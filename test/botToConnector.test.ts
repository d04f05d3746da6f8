/**
 * The bot's own token, from the bot to the connector, for each app type Microsoft's templates set,
 * offline: the bot runs as a process (NODE_EXTRA_CA_CERTS is read only at start) with its inbound
 * tokens signed by a local OpenID server, and a message's reply must reach the connector with a
 * bearer token that the local sign-in service (MultiTenant, SingleTenant) or the local managed
 * identity endpoint (UserAssignedMSI) issued.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/projectRoot.js';
import { ADELE, TENANT, message } from './support/activities.js';
import { FakeManagedIdentity } from './support/azureFakes.js';
import { BotProcess, freePort } from './support/botProcess.js';
import { ConnectorRecorder } from './support/connector.js';
import { LoginServer } from './support/loginServer.js';
import { OpenIdServer } from './support/openIdServer.js';

const APP_ID = '6e2b9f14-0000-4000-8000-0000000b07a1';
const SECRET = 'fake-client-secret-for-tests';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

describe('the bot\'s token to the connector, for every app type, as a process', function () {
  this.timeout(30_000);
  const openid = new OpenIdServer();
  const login = new LoginServer();
  const identity = new FakeManagedIdentity();
  const connector = new ConnectorRecorder();
  let bot: BotProcess | undefined;

  before(async () => {
    await Promise.all([openid.start(), login.start(), identity.start(), connector.start()]);
  });
  after(async () => {
    await Promise.all([openid.stop(), login.stop(), identity.stop(), connector.stop()]);
  });
  afterEach(() => {
    bot?.kill();
    bot = undefined;
    connector.clear();
  });

  /** Starts the bot with credentials `env` and returns its address once it listens. */
  async function startBot(env: Record<string, string>): Promise<string> {
    const port = await freePort();
    bot = new BotProcess(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'], PROJECT_ROOT, {
      PORT: String(port), HOST: '127.0.0.1', PLAYGROUND: 'off', TICKETING_SANDBOX: 'on', ALLOWED_TENANTS: TENANT,
      STATE_DIR: mkdtempSync(join(tmpdir(), 'tickets-bot-test-')), NODE_EXTRA_CA_CERTS: login.caFile,
      ToBotFromChannelOpenIdMetadataUrl: openid.metadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: openid.metadataUrl,
      MicrosoftAppId: APP_ID, ...env,
    });
    await bot.line(/Bot listening on/);
    return `http://127.0.0.1:${port}`;
  }

  /** Posts `help` as Teams would (or as another channel, `channelId`), with a channel token the local OpenID server signed. */
  async function postHelp(botUrl: string, channelId = 'msteams'): Promise<Response> {
    return fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await openid.token(APP_ID, connector.url)}` },
      body: JSON.stringify({ ...message(ADELE, 'help', { serviceUrl: connector.url }), channelId }),
    });
  }

  /** Starts the bot with credentials `env`, sends it `help` and returns the reply's Authorization header. */
  async function replyAuthorization(env: Record<string, string>): Promise<string | undefined> {
    const response = await postHelp(await startBot(env));
    const said = () => [...bot!.stdout, ...bot!.stderr].join('\n');
    assert.equal(response.status, 200, said());
    const replies = connector.messages();
    assert.equal(replies.length, 1, `one reply reached the connector; the bot said:\n${said()}`);
    return replies[0]!.authorization;
  }

  it('MultiTenant: a token from the configured sign-in service, asked for with the app\'s id and secret', async () => {
    const grants = login.grants.length;
    const authorization = await replyAuthorization({
      MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: SECRET, ToChannelFromBotLoginUrl: `${login.url}/botframework.com`,
    });
    assert.equal(authorization, `Bearer ${login.tokens.at(-1)}`);
    assert.equal(login.grants.length, grants + 1, 'one token asked for');
    const { tenant, form } = login.grants.at(-1)!;
    assert.equal(tenant, 'botframework.com');
    assert.equal(form.grant_type, 'client_credentials');
    assert.equal(form.client_id, APP_ID);
    assert.equal(form.client_secret, SECRET);
    assert.equal(form.scope, BOT_FRAMEWORK_SCOPE);
  });

  it('SingleTenant: a token from its own tenant on the configured sign-in service, for the configured scope', async () => {
    const grants = login.grants.length;
    const authorization = await replyAuthorization({
      MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: SECRET, MicrosoftAppTenantId: TENANT,
      ToChannelFromBotLoginUrl: `${login.url}/botframework.com`, ToChannelFromBotOAuthScope: 'https://api.botframework.us',
    });
    assert.equal(authorization, `Bearer ${login.tokens.at(-1)}`);
    assert.equal(login.grants.length, grants + 1, 'one token asked for');
    const { tenant, form } = login.grants.at(-1)!;
    assert.equal(tenant, TENANT, 'the tenant\'s authority, not botframework.com');
    assert.equal(form.client_id, APP_ID);
    assert.equal(form.client_secret, SECRET);
    assert.equal(form.scope, 'https://api.botframework.us/.default');
  });

  it('UserAssignedMSI: no password, a token from the managed identity endpoint for the identity\'s client id', async () => {
    const requests = identity.requests.length;
    const grants = login.grants.length;
    const authorization = await replyAuthorization({
      MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT,
      IDENTITY_ENDPOINT: identity.endpoint, IDENTITY_HEADER: identity.header,
    });
    assert.equal(authorization, `Bearer ${identity.tokens.at(-1)}`);
    assert.deepEqual(identity.requests.slice(requests), [{ clientId: APP_ID, resource: 'https://api.botframework.com' }]);
    assert.equal(login.grants.length, grants, 'no password grant');
  });

  it('a message from another channel of the registration (Web Chat) gets one sentence, and nothing else runs', async () => {
    const botUrl = await startBot({ MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: SECRET, ToChannelFromBotLoginUrl: `${login.url}/botframework.com` });
    const response = await postHelp(botUrl, 'webchat');
    assert.equal(response.status, 200);
    assert.deepEqual(connector.messages().map((m) => [m.body.text, m.body.attachments]), [['This helpdesk works in Microsoft Teams: open it there.', undefined]]);
  });

  it('a secret the sign-in service refuses: no reply, the bot lives on, and its log holds neither the secret nor a stack', async () => {
    login.acceptedSecret = SECRET;
    try {
      const wrong = 'wrong-client-secret-5e9d';
      const botUrl = await startBot({ MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: wrong, ToChannelFromBotLoginUrl: `${login.url}/botframework.com` });
      const response = await postHelp(botUrl);
      assert.equal(response.status, 200, 'the turn error handler answered Teams');
      assert.deepEqual(connector.messages(), []);
      assert.equal(login.grants.at(-1)!.form.client_secret, wrong, 'the sign-in service was asked');
      assert.equal((await fetch(`${botUrl}/healthz`)).status, 200, 'the bot lives on');
      const log = [...bot!.stdout, ...bot!.stderr].join('\n');
      assert.ok(!log.includes(wrong), 'the secret is not logged');
      assert.doesNotMatch(log, /\n\s+at |AADSTS/, 'no stack trace, no raw answer from the sign-in service');
      // A JSON record at level error, naming the turn (the log is JSON with credentials).
      const records = bot!.stdout.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
      const turnError = records.find((r) => r.level === 'error' && r.msg === 'turn error');
      assert.ok(turnError && String(turnError.activityId).startsWith('act-'), 'the failed turn is logged');
      assert.ok(turnError.kind !== undefined && 'conversationType' in turnError, 'through the turn\'s own logger');
    } finally {
      login.acceptedSecret = undefined;
    }
  });
});
