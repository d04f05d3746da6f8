/** What no answer of the API may impose on the bot: an endless wait, an endless body, a connection kept open. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../src/sandbox/index.js';
import { TicketingClient, isRateLimited, isTicketingError } from '../../src/ticketing/index.js';
import { clientFor, reset, sandbox } from './support.js';

/** An API stand-in that streams an endless JSON body, and notes when the client closes the connection. */
async function endlessApi(): Promise<{ url: string; closed: () => boolean; server: Server }> {
  let closed = false;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"items":[');
    const timer = setInterval(() => res.write(`${JSON.stringify({ id: 'x', title: 'y'.repeat(60_000) })},`), 2);
    req.socket.on('close', () => {
      clearInterval(timer);
      closed = true;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ticketing/v1`, closed: () => closed, server };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), what);
}

describe('ticketing client: limits on what the API can impose', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => reset(sb));

  it('caps a Retry-After of a day at the rate window: the key is blocked one window, and the person told so', async () => {
    const client = clientFor(sb, { rateLimit: { limit: 100, windowMs: 1000 }, retry: { limit: 2, baseDelayMs: 20, maxDelayMs: 500 } });
    sb.faults.inject({ kind: 'status', status: 429, retryAfterS: 86_400, match: { path: '/tickets' } });
    await assert.rejects(client.listTickets({ limit: 1 }), (e: unknown) => isRateLimited(e) && e.retryAfterS === 1);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await client.listTickets({ limit: 1 })).items.length, 1, 'served again after one window, not a day');
  });

  it('refuses an answer larger than maxAnswerBytes and closes its connection, rather than read on', async () => {
    const api = await endlessApi();
    try {
      const client = new TicketingClient({ baseUrl: api.url, apiKey: 'k', maxAnswerBytes: 1024 * 1024, retry: { limit: 0, baseDelayMs: 1, maxDelayMs: 1 } });
      await assert.rejects(client.listTickets(), (e: unknown) => isTicketingError(e) && e.kind === 'badResponse');
      await until(api.closed, 'the connection was closed by the client');
    } finally {
      api.server.closeAllConnections();
      api.server.close();
    }
  });

  it('refuses at once an answer whose Content-Length is over the limit', async () => {
    const client = clientFor(sb, { maxAnswerBytes: 200 });
    await assert.rejects(client.listTickets({ limit: 50 }), (e: unknown) => isTicketingError(e) && e.kind === 'badResponse');
  });

  it('aborts a request given up at the deadline: the API sees the connection close', async () => {
    const api = await endlessApi();
    try {
      const client = new TicketingClient({ baseUrl: api.url, apiKey: 'k', retry: { limit: 0, baseDelayMs: 1, maxDelayMs: 1 }, maxAnswerBytes: Number.MAX_SAFE_INTEGER });
      await assert.rejects(client.listTickets({}, { deadline: Date.now() + 400 }), (e: unknown) => isTicketingError(e) && e.kind === 'timeout');
      await until(api.closed, 'the connection was closed when the call was given up');
    } finally {
      api.server.closeAllConnections();
      api.server.close();
    }
  });
});
