import assert from 'node:assert/strict';
import { loadConfig, REGION_BASE_URLS } from '../src/config.js';
import { ConfigError } from '../src/settings.js';

/** A real API, which settings with Teams credentials must name. */
const LIVE_API = { TICKETING_REGION: 'us', TICKETING_API_KEY: 'k' };

describe('config', () => {
  it('runs locally with no settings at all: port 3978, embedded sandbox, no Bot Framework auth', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.ticketing.baseUrl, undefined);
    assert.equal(config.ticketing.timezoneDefault, 0);
    assert.deepEqual(config.ticketing.rateLimit, { limit: 100, windowMs: 60_000 });
    assert.equal(config.bot, undefined);
    assert.deepEqual(config.linkDomains, ['*.teamswork.app']);
    assert.equal(config.playground, true);
    assert.equal(loadConfig({ PLAYGROUND: 'OFF' }).playground, false);
  });

  it('separates agents from requesters unless HELPDESK_ROLES=off; HELPDESK_AGENTS lower-cased', () => {
    assert.deepEqual(loadConfig({}).roles, { enforced: true, agents: [] });
    assert.equal(loadConfig({ HELPDESK_ROLES: 'off' }).roles.enforced, false);
    assert.deepEqual(loadConfig({ HELPDESK_AGENTS: ' Lee.Gu@Contoso.com ,00000000-0000-0000-0000-0000000000A7' }).roles.agents,
      ['lee.gu@contoso.com', '00000000-0000-0000-0000-0000000000a7']);
  });

  it('shares state through Redis only when REDIS_URL is set; TICKETING_REPLICAS defaults to 1', () => {
    assert.equal(loadConfig({}).redis, undefined);
    assert.equal(loadConfig({ TICKETING_REPLICAS: '3' }).redis, undefined);
    assert.deepEqual(loadConfig({ REDIS_URL: 'rediss://:pw@cache.example:6380' }).redis, { url: 'rediss://:pw@cache.example:6380', replicas: 1 });
    assert.deepEqual(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', TICKETING_REPLICAS: '3' }).redis, { url: 'redis://127.0.0.1:6379', replicas: 3 });
  });

  it('runs the notification poller on 10 % of the budget every 15 s unless told otherwise; 0 % turns it off', () => {
    assert.deepEqual(loadConfig({}).notify, { budgetPercent: 10, pollMs: 15_000 });
    assert.deepEqual(loadConfig({ NOTIFY_BUDGET_PERCENT: '0', NOTIFY_POLL_S: '60' }).notify, { budgetPercent: 0, pollMs: 60_000 });
  });

  it('reads the link domains, lower-cased', () => {
    assert.deepEqual(loadConfig({ TICKET_LINK_DOMAINS: '*.TeamsWork.app, tickets.contoso.com' }).linkDomains, ['*.teamswork.app', 'tickets.contoso.com']);
  });

  it('maps TICKETING_REGION to the live base URL, and TICKETING_BASE_URL wins over it', () => {
    const local = { ALLOW_LOCAL_MODE_WITH_LIVE_API: 'true' };
    assert.equal(loadConfig({ ...local, TICKETING_REGION: 'EU', TICKETING_API_KEY: 'k' }).ticketing.baseUrl, REGION_BASE_URLS.eu);
    const both = loadConfig({ ...local, TICKETING_REGION: 'eu', TICKETING_BASE_URL: 'http://127.0.0.1:9/ticketing/v1/', TICKETING_API_KEY: 'k' });
    assert.equal(both.ticketing.baseUrl, 'http://127.0.0.1:9/ticketing/v1');
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /^PORT must be a whole number from 1 to 65535/],
    [{ PORT: '70000' }, /^PORT must be/],
    [{ TICKETING_TIMEZONE_DEFAULT: '15' }, /^TICKETING_TIMEZONE_DEFAULT must be a whole number from -12 to 14/],
    [{ TICKETING_TIMEZONE_DEFAULT: '5.5' }, /^TICKETING_TIMEZONE_DEFAULT must be/],
    [{ TICKETING_REGION: 'mars' }, /^TICKETING_REGION must be one of us, eu, aus/],
    [{ TICKETING_BASE_URL: 'not a url', TICKETING_API_KEY: 'k' }, /^TICKETING_BASE_URL must be an http\(s\) URL/],
    [{ TICKETING_BASE_URL: 'ftp://x/y', TICKETING_API_KEY: 'k' }, /^TICKETING_BASE_URL must be an http\(s\) URL/],
    [{ TICKETING_BASE_URL: 'https://x/y?key=secret', TICKETING_API_KEY: 'k' }, /^TICKETING_BASE_URL must not carry a query string/],
    [{ TICKETING_BASE_URL: 'https://user:secret@x/y', TICKETING_API_KEY: 'k' }, /^TICKETING_BASE_URL must not carry a query string or a user name and password/],
    [{ TICKETING_REGION: 'us' }, /^TICKETING_API_KEY \(or TICKETING_READONLY_KEY\) is required/],
    [{ TICKETING_RATE_LIMIT: '0' }, /^TICKETING_RATE_LIMIT must be/],
    [{ MicrosoftAppId: 'abc' }, /^MicrosoftAppPassword is required/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', ...LIVE_API }, /^ALLOWED_TENANTS is required when MicrosoftAppId is set/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', ALLOWED_TENANTS: 'contoso.com', ...LIVE_API }, /^ALLOWED_TENANTS must be tenant ids/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', ALLOWED_TENANTS: '*', ...LIVE_API, ToBotFromChannelOpenIdMetadataUrl: 'metadata' }, /^ToBotFromChannelOpenIdMetadataUrl must be an http\(s\) URL/],
    [{ TICKETING_BASE_URL: 'https://x/y', TICKETING_API_KEY: 'k' }, /^TICKETING_BASE_URL \(or TICKETING_REGION\) is set but MicrosoftAppId is not/],
    [{ TICKETING_REGION: 'eu', TICKETING_API_KEY: 'k', ALLOW_LOCAL_MODE_WITH_LIVE_API: 'yes' }, /^ALLOW_LOCAL_MODE_WITH_LIVE_API must be one of true, false/],
    [{ MicrosoftAppPassword: 'p' }, /^MicrosoftAppPassword is set but MicrosoftAppId is not/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, /^MicrosoftAppTenantId is required/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'Other' }, /^MicrosoftAppType must be one of/],
    [{ TICKET_LINK_DOMAINS: 'https://x.com/path' }, /^TICKET_LINK_DOMAINS must be comma-separated host names/],
    [{ TICKET_LINK_DOMAINS: ' , ' }, /^TICKET_LINK_DOMAINS must be/],
    [{ PLAYGROUND: 'maybe' }, /^PLAYGROUND must be one of on, off/],
    [{ REDIS_URL: 'https://:secret@cache.example' }, /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ REDIS_URL: 'secret' }, /^REDIS_URL must be/],
    [{ TICKETING_REPLICAS: '0' }, /^TICKETING_REPLICAS must be a whole number from 1 to 100/],
    [{ NOTIFY_BUDGET_PERCENT: '60' }, /^NOTIFY_BUDGET_PERCENT must be a whole number from 0 to 50/],
    [{ NOTIFY_POLL_S: '0' }, /^NOTIFY_POLL_S must be a whole number from 1 to 3600/],
    [{ HELPDESK_ROLES: 'maybe' }, /^HELPDESK_ROLES must be one of on, off/],
    [{ HELPDESK_AGENTS: 'lee.gu@contoso.com, Lee Gu' }, /^HELPDESK_AGENTS must list email addresses or Azure AD object ids/],
  ];
  for (const [env, expected] of bad) {
    it(`refuses ${JSON.stringify(env)} with one line naming the variable`, () => {
      assert.throws(() => loadConfig(env), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, expected);
        assert.ok(!err.message.includes('\n'));
        assert.ok(!err.message.includes('secret'), 'a key pasted into the URL is not echoed');
        return true;
      });
    });
  }

  it('says in full what each kind of setting expects, repeating the value only where it cannot hold a secret', () => {
    const sentences: Array<[Record<string, string>, string]> = [
      [{ PORT: 'eighty' }, 'PORT must be a whole number from 1 to 65535 (got "eighty")'],
      [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of json, text (got "xml")'],
      [{ BOT_PUBLIC_URL: 'tickets-bot' }, 'BOT_PUBLIC_URL must be an http(s) URL such as https://tickets-bot.azurewebsites.net'],
      [{ TICKET_LINK_DOMAINS: 'contoso' }, 'TICKET_LINK_DOMAINS must be comma-separated host names such as *.teamswork.app,tickets.contoso.com'],
      [{ ALLOWED_TENANTS: '*,contoso.com' }, 'ALLOWED_TENANTS must be tenant ids (GUIDs), comma-separated, or *'],
      [{ HELPDESK_AGENTS: `lee.gu@contoso.com,${'x'.repeat(80)}` }, `HELPDESK_AGENTS must list email addresses or Azure AD object ids, comma-separated; "${'x'.repeat(60)}" is neither`],
      [{ REDIS_URL: 'https://:pw@cache.example' }, 'REDIS_URL must be a redis:// or rediss:// URL such as rediss://:password@contoso.redis.cache.windows.net:6380'],
      [{ EXPORT_SIGNING_SECRET: 'pw' }, 'EXPORT_SIGNING_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)'],
      [{ ...LIVE_API, MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', ALLOWED_TENANTS: '*', TICKETING_API_KEY: '', TICKETING_KEY_VAULT_URL: 'https://kv.example', TICKETING_READONLY_KEY_SECRET: 'read only' },
        'TICKETING_READONLY_KEY_SECRET must be a Key Vault secret name: letters, digits and dashes (got "read only")'],
    ];
    for (const [env, expected] of sentences) assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && err.message === expected, expected);
  });

  it('keeps the Bot Framework settings when they are complete', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'singletenant', MicrosoftAppTenantId: 't', ...LIVE_API });
    assert.deepEqual(config.bot, { appId: 'app', appPassword: 'pw', appType: 'SingleTenant', tenantId: 't', endpoints: {} });
  });

  it('listens on loopback only in local mode, on every interface with credentials, and HOST overrides both', () => {
    const withCredentials = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', ALLOWED_TENANTS: '*', ...LIVE_API };
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig(withCredentials).host, '0.0.0.0');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...withCredentials, HOST: '10.0.0.4' }).host, '10.0.0.4');
  });

  it('reads the allowed tenants: any in local mode, a single-tenant app\'s own by default, else as listed or *', () => {
    const tenant = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
    assert.equal(loadConfig({}).allowedTenants, '*');
    assert.deepEqual(loadConfig({ ALLOWED_TENANTS: `${tenant}, 00000000-0000-0000-0000-000000000001` }).allowedTenants, [tenant.toLowerCase(), '00000000-0000-0000-0000-000000000001']);
    assert.deepEqual(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: tenant, ...LIVE_API }).allowedTenants, [tenant.toLowerCase()]);
    assert.equal(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', ALLOWED_TENANTS: '*', ...LIVE_API }).allowedTenants, '*');
  });

  it('passes the Bot Framework endpoints set in the environment to the authentication, under the SDK\'s names', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', ALLOWED_TENANTS: '*', ...LIVE_API,
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
      ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/botframework.com', ToBotFromChannelTokenIssuer: 'https://issuer.example',
    });
    assert.deepEqual(config.bot?.endpoints, {
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
      ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/botframework.com', ToBotFromChannelTokenIssuer: 'https://issuer.example',
    });
  });

  describe('production', () => {
    const teams = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', ALLOWED_TENANTS: '*' };
    // Key Vault is for the live API, and local mode refuses a live API unless told: these are a bot's settings.
    const withBot = (env: Record<string, string>) => ({ ...teams, ...env });

    it('refuses to serve the sandbox\'s invented tickets to Teams unless asked for by name', () => {
      assert.throws(() => loadConfig(teams), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.message, 'TICKETING_BASE_URL or TICKETING_REGION is required when MicrosoftAppId is set (TICKETING_SANDBOX=on serves the embedded sandbox\'s invented tickets instead)');
        return true;
      });
      assert.equal(loadConfig({ ...teams, TICKETING_SANDBOX: 'on' }).ticketing.baseUrl, undefined, 'asked for by name: the sandbox');
      assert.throws(() => loadConfig({ TICKETING_SANDBOX: 'off' }), /^ConfigError: TICKETING_BASE_URL or TICKETING_REGION is required when TICKETING_SANDBOX=off$/);
      assert.throws(() => loadConfig({ TICKETING_SANDBOX: 'on', TICKETING_REGION: 'eu', TICKETING_API_KEY: 'k' }), /TICKETING_SANDBOX=on cannot be used with/);
    });

    it('logs JSON lines with Teams credentials and plain lines in local mode, unless LOG_FORMAT says', () => {
      assert.equal(loadConfig({}).logFormat, 'text');
      assert.equal(loadConfig({ ...teams, TICKETING_REGION: 'us', TICKETING_API_KEY: 'k' }).logFormat, 'json');
      assert.equal(loadConfig({ LOG_FORMAT: 'JSON' }).logFormat, 'json');
      assert.throws(() => loadConfig({ LOG_FORMAT: 'xml' }), /^ConfigError: LOG_FORMAT must be one of json, text/);
    });

    it('gives turns in flight 4 s on SIGTERM, or STOP_GRACE_S', () => {
      assert.equal(loadConfig({}).stopGraceMs, 4000);
      assert.equal(loadConfig({ STOP_GRACE_S: '20' }).stopGraceMs, 20_000);
    });

    it('reads the keys\' Key Vault and secret names, with defaults', () => {
      const vault = 'https://contoso-tickets-kv.vault.azure.net/';
      const config = loadConfig(withBot({ TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: vault }));
      assert.deepEqual(config.ticketing.keyVault, {
        url: 'https://contoso-tickets-kv.vault.azure.net', apiKeySecret: 'ticketing-api-key', readOnlyKeySecret: undefined, refreshMs: 300_000,
      });
      const named = loadConfig(withBot({
        TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: vault, TICKETING_API_KEY_SECRET: 'tickets-rw',
        TICKETING_READONLY_KEY_SECRET: 'tickets-ro', TICKETING_KEY_REFRESH_S: '60',
      }));
      assert.deepEqual(named.ticketing.keyVault, { url: 'https://contoso-tickets-kv.vault.azure.net', apiKeySecret: 'tickets-rw', readOnlyKeySecret: 'tickets-ro', refreshMs: 60_000 });
      const bad: Array<[Record<string, string>, RegExp]> = [
        [{ TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: 'http://kv.example' }, /^TICKETING_KEY_VAULT_URL must be an https URL/],
        [{ TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: 'vault' }, /^TICKETING_KEY_VAULT_URL must be an http\(s\) URL such as https:\/\/contoso-tickets-kv\.vault\.azure\.net/],
        [{ TICKETING_KEY_VAULT_URL: vault }, /^TICKETING_KEY_VAULT_URL is set but TICKETING_BASE_URL and TICKETING_REGION are not/],
        [{ TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: vault, TICKETING_API_KEY: 'k' }, /^TICKETING_KEY_VAULT_URL is set, so TICKETING_API_KEY and TICKETING_READONLY_KEY must not be/],
        [{ TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: vault, TICKETING_API_KEY_SECRET: 'a_b' }, /^TICKETING_API_KEY_SECRET must be a Key Vault secret name/],
        [{ TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: vault, TICKETING_KEY_REFRESH_S: '1' }, /^TICKETING_KEY_REFRESH_S must be a whole number from 10 to 86400/],
      ];
      for (const [env, expected] of bad) assert.throws(() => loadConfig(withBot(env)), (err: unknown) => err instanceof ConfigError && expected.test(err.message), JSON.stringify(env));
    });
  });
});
