import assert from 'node:assert/strict';
import { ConfigError, loadConfig, REGION_BASE_URLS } from '../src/config.js';

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

  it('reads the link domains, lower-cased', () => {
    assert.deepEqual(loadConfig({ TICKET_LINK_DOMAINS: '*.TeamsWork.app, tickets.contoso.com' }).linkDomains, ['*.teamswork.app', 'tickets.contoso.com']);
  });

  it('maps TICKETING_REGION to the live base URL, and TICKETING_BASE_URL wins over it', () => {
    assert.equal(loadConfig({ TICKETING_REGION: 'EU', TICKETING_API_KEY: 'k' }).ticketing.baseUrl, REGION_BASE_URLS.eu);
    const both = loadConfig({ TICKETING_REGION: 'eu', TICKETING_BASE_URL: 'http://127.0.0.1:9/ticketing/v1/', TICKETING_API_KEY: 'k' });
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
    [{ MicrosoftAppPassword: 'p' }, /^MicrosoftAppPassword is set but MicrosoftAppId is not/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, /^MicrosoftAppTenantId is required/],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'Other' }, /^MicrosoftAppType must be one of/],
    [{ TICKET_LINK_DOMAINS: 'https://x.com/path' }, /^TICKET_LINK_DOMAINS must be comma-separated host names/],
    [{ TICKET_LINK_DOMAINS: ' , ' }, /^TICKET_LINK_DOMAINS must be/],
    [{ PLAYGROUND: 'maybe' }, /^PLAYGROUND must be one of on, off/],
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

  it('keeps the Bot Framework settings when they are complete', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'singletenant', MicrosoftAppTenantId: 't' });
    assert.deepEqual(config.bot, { appId: 'app', appPassword: 'pw', appType: 'SingleTenant', tenantId: 't' });
  });
});
