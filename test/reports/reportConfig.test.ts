import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/settings.js';

describe('report settings', () => {
  it('default to 5 min kept, 5,000 tickets, 5 min links, a secret made at start and the listening address', () => {
    assert.deepEqual(loadConfig({}).reports, { cacheTtlMs: 300_000, maxTickets: 5000, exportTtlMs: 300_000 });
  });

  it('read the public URL from BOT_PUBLIC_URL, or App Service\'s host name', () => {
    assert.equal(loadConfig({ WEBSITE_HOSTNAME: 'tickets.azurewebsites.net' }).reports.publicUrl, 'https://tickets.azurewebsites.net');
    assert.equal(loadConfig({ BOT_PUBLIC_URL: 'https://bot.contoso.com/', WEBSITE_HOSTNAME: 'x.azurewebsites.net' }).reports.publicUrl, 'https://bot.contoso.com');
  });

  it('refuse a short signing secret without repeating it, and links that last more than 15 minutes', () => {
    assert.throws(() => loadConfig({ EXPORT_SIGNING_SECRET: 'hunter2' }), (e: unknown) => e instanceof ConfigError && !e.message.includes('hunter2'));
    assert.throws(() => loadConfig({ EXPORT_LINK_TTL_S: '3600' }), /EXPORT_LINK_TTL_S must be a whole number from 30 to 900/);
    assert.equal(loadConfig({ EXPORT_SIGNING_SECRET: 's'.repeat(32) }).reports.exportSecret, 's'.repeat(32));
  });
});
