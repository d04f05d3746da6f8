/**
 * The client against the live service's variants that the sandbox (which follows the seed) does
 * not produce. A tiny HTTP server stands in for the live service at the HTTP boundary, answering
 * as the live service's public clients show it does.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TicketingClient, isNotFound, isTicketingError, type TicketingClientOptions } from '../../src/ticketing/index.js';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

interface StandIn {
  baseUrl: string;
  seen: Seen[];
  close(): Promise<void>;
}

const BASE_PATH = '/ticketing/v1';
const KEY = 'live-key-1c9e7f';
const ID = '7d3f2a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b';
const user = { id: '053660b7-1111-2222-3333-444444444444', name: 'Jason Doe', email: 'jason.doe@example.com' };

async function standIn(reply: (req: Seen, index: number) => Reply): Promise<StandIn> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const entry: Seen = {
        method: req.method ?? '', path: url.pathname.slice(BASE_PATH.length), query: url.searchParams,
        headers: req.headers, body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      const r = reply(entry, seen.length - 1);
      res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}/`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const json = (value: unknown): string => JSON.stringify(value);

describe('ticketing client against the live service variants (stand-in server)', () => {
  let service: StandIn | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  function client(options: Partial<TicketingClientOptions> = {}): TicketingClient {
    assert.ok(service);
    return new TicketingClient({ baseUrl: service.baseUrl, apiKey: KEY, retry: { limit: 2, baseDelayMs: 10, maxDelayMs: 3000 }, ...options });
  }

  it('sends the key as the `key` query parameter only, never the Ocp-Apim-Subscription-Key header, and always a timezone', async () => {
    service = await standIn(() => ({ body: json({ items: [] }) }));
    const c = client({ timezoneDefault: 2 });
    await c.listTickets();
    await c.getTicket(ID, { timezone: -5 }).catch(() => undefined);
    assert.equal(service.seen.length, 2);
    for (const req of service.seen) {
      assert.equal(req.query.get('key'), KEY);
      assert.equal(req.headers['ocp-apim-subscription-key'], undefined);
      assert.ok(!JSON.stringify(req.headers).includes(KEY), 'the key is in no header');
    }
    assert.equal(service.seen[0]?.query.get('timezone'), '2');
    assert.equal(service.seen[1]?.query.get('timezone'), '-5');
  });

  it('reads `ticketNo` as the number and keeps a custom status label', async () => {
    service = await standIn(() => ({
      body: json({ items: [{ id: ID, ticketNo: 1234, title: 'VPN', status: 'In Progress ' }, { ticketNo: 99, title: 'no id' }] }),
    }));
    const page = await client().listTickets();
    assert.deepEqual(page, { items: [{ id: ID, number: 1234, title: 'VPN', status: 'In Progress' }] });
  });

  it('follows a continuation token given as a response header or in the body, sending it back as a request header', async () => {
    service = await standIn((req, i) => {
      if (i === 0) return { headers: { continuationToken: 'page-2' }, body: json({ items: [{ id: ID, ticketNo: 1 }] }) };
      if (i === 1) return { body: json({ items: [{ id: ID.replace('7d', '8d'), ticketNo: 2 }], continuationToken: 'page-3' }) };
      return { body: json({ items: [{ id: ID.replace('7d', '9d'), ticketNo: 3 }] }) };
    });
    const numbers: (number | undefined)[] = [];
    for await (const t of client().iterateTickets({ limit: 1, priority: 'Urgent', offset: 4 })) numbers.push(t.number);
    assert.deepEqual(numbers, [1, 2, 3]);
    assert.deepEqual(service.seen.map((r) => r.headers.continuationtoken), [undefined, 'page-2', 'page-3']);
    assert.deepEqual(service.seen.map((r) => r.query.get('priority')), ['Urgent', 'Urgent', 'Urgent'], 'the query goes again with the token');
    assert.deepEqual(service.seen.map((r) => r.query.get('offset')), ['4', null, null], 'the token replaces the offset');
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const started = Date.now();
    service = await standIn((req, i) => (i === 0
      ? { status: 429, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() }, body: json({ statusCode: 429, message: 'Rate limit is exceeded.' }) }
      : { body: json({ items: [] }) }));
    await client().listTickets();
    const waited = Date.now() - started;
    assert.equal(service.seen.length, 2, 'one retry');
    assert.ok(waited >= 950, `waited ${waited} ms`);
  });

  it('rejects a create answered with no ticket as unconfirmed (it may not have been created), and returns the ticket when there is one', async () => {
    const bodies = ['', json({}), json({ item: { id: ID, ticketNo: 5, title: 'T' } })];
    service = await standIn((req, i) => ({ status: 200, body: bodies[i] ?? '' }));
    const c = client();
    const ticket = { title: 'T', requestor: user, expectedDate: '2023-07-26T17:00:00Z' };
    for (const _ of [1, 2]) {
      await assert.rejects(c.createTicket(ticket, user), (e: unknown) => {
        assert.ok(isTicketingError(e));
        assert.equal(e.kind, 'unconfirmed');
        assert.match(e.message, /may not have been created/);
        return true;
      });
    }
    assert.deepEqual(await c.createTicket(ticket, user), { id: ID, number: 5, title: 'T' });
    assert.equal(service.seen.length, 3, 'one request each: a write is never retried');
    const sent: unknown = JSON.parse(service.seen[0]?.body ?? '');
    assert.deepEqual(sent, { ticket: { ...ticket, expectedDate: '2023-07-26' }, user });
  });

  it('reads the error code from `{code, message}` too, and copes with a plain-text error body', async () => {
    service = await standIn((req, i) => (i === 0
      ? { status: 403, body: json({ code: 'Forbidden', message: 'no' }) }
      : { status: 401, headers: { 'content-type': 'text/plain' }, body: `Access denied due to invalid subscription key ${KEY}` }));
    const c = client();
    await assert.rejects(c.addComment(ID, 'x', user), (e: unknown) => {
      assert.ok(isTicketingError(e));
      assert.deepEqual([e.kind, e.status, e.code], ['readOnly', 403, 'Forbidden']);
      return true;
    });
    await assert.rejects(c.listActivities(ID), (e: unknown) => {
      assert.ok(isTicketingError(e));
      assert.deepEqual([e.kind, e.status, e.code], ['http', 401, undefined]);
      assert.ok(!e.message.includes(KEY) && !e.message.includes('Access denied'), 'no raw body in the message');
      return true;
    });
  });

  it('reads the live error bodies: the gateway\'s 404 as a missing route, the service\'s 404 as a missing ticket, the gateway\'s 401 and 429', async () => {
    const replies: Reply[] = [
      { status: 404, body: json({ statusCode: 404, message: 'Resource not found' }) },
      { status: 404, body: json({ error: true, message: 'Ticket not found', statusCode: 404 }) },
      { status: 401, body: json({ statusCode: 401, message: 'Access denied due to invalid subscription key.' }) },
      { status: 429, headers: { 'retry-after': '7' }, body: json({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' }) },
    ];
    service = await standIn((req, i) => replies[i] ?? { status: 500 });
    const c = client({ retry: { limit: 0, baseDelayMs: 10, maxDelayMs: 10 } });
    await assert.rejects(c.addComment(ID, 'x', user), (e: unknown) => {
      assert.ok(isTicketingError(e));
      assert.deepEqual([e.kind, e.status, e.code], ['http', 404, 'RouteNotFound']);
      assert.doesNotMatch(e.message, /No such ticket/);
      assert.ok(!isNotFound(e), 'not "no such ticket"');
      return true;
    });
    await assert.rejects(c.getTicket(ID), (e: unknown) => isNotFound(e) && /No such ticket/.test((e as Error).message));
    await assert.rejects(c.getTicket(ID), (e: unknown) => isTicketingError(e) && e.status === 401 && /API key/.test(e.message) && !e.message.includes('Access denied'));
    await assert.rejects(c.getTicket(ID), (e: unknown) => isTicketingError(e) && e.kind === 'rateLimited' && e.retryAfterS === 7);
    assert.equal(service.seen.length, 4);
  });

  it('answers badResponse for a 2xx that is not JSON, and for a list with no items', async () => {
    service = await standIn((req, i) => (i === 0
      ? { headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' }
      : { body: json({ value: [] }) }));
    const c = client();
    await assert.rejects(c.listTickets(), (e: unknown) => isTicketingError(e) && e.kind === 'badResponse' && e.status === 200);
    await assert.rejects(c.getTags(), (e: unknown) => isTicketingError(e) && e.kind === 'badResponse');
    assert.equal(service.seen.length, 2, 'a bad body is not retried');
  });

  it('backs off as usual after a Retry-After it cannot read, rather than wait a whole rate window', async () => {
    service = await standIn((req, i) => (i === 0
      ? { status: 503, headers: { 'retry-after': 'soon' }, body: json({ error: { code: 'Unavailable' } }) }
      : { body: json({ items: [] }) }));
    const started = Date.now();
    await client().listTickets();
    const took = Date.now() - started;
    assert.equal(service.seen.length, 2, 'one retry');
    assert.ok(took < 500, `backed off (${took} ms)`);
  });

  it('does not follow a redirect (it would carry the key elsewhere): a 3xx is an http error', async () => {
    const elsewhere = await standIn(() => ({ body: json({ items: [] }) }));
    try {
      service = await standIn(() => ({ status: 302, headers: { location: `${elsewhere.baseUrl}tickets` } }));
      await assert.rejects(client().listTickets(), (e: unknown) => isTicketingError(e) && e.kind === 'http' && e.status === 302);
      assert.equal(service.seen.length, 1);
      assert.equal(elsewhere.seen.length, 0, 'the key went nowhere else');
    } finally {
      await elsewhere.close();
    }
  });

  it('reads activities without a type, inferring it', async () => {
    service = await standIn(() => ({
      body: json({ items: [{ id: 'a1', ticketId: ID, comment: 'hi', isPrivate: false }, { id: 'a2', status: 'Resolved' }, { comment: 'no id' }] }),
    }));
    const activities = await client().listActivities(ID);
    assert.deepEqual(activities.map((a) => [a.id, a.type, a.ticketId]), [['a1', 'comment', ID], ['a2', 'status', ID]]);
  });
});
