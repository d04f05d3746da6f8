/**
 * The API key never leaves the client: not in an error's message, stack, cause or JSON, not in a
 * log line. Each error kind is provoked for real against the sandbox, with recognisable keys.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { Sandbox } from '../../src/sandbox/index.js';
import { isTicketingError, type TicketingClient, type TicketingError } from '../../src/ticketing/index.js';
import { redact, secretForms } from '../../src/ticketing/redact.js';
import type { Logger } from '../../src/log.js';
import { recordingLogger, recordText, type LogRecord } from '../support/logRecords.js';
import { ACTOR, PRIMARY_KEY, SECONDARY_KEY, clientFor, reset, sandbox, storeTickets } from './support.js';

const WRONG_KEY = 'WRONGk3y-LEAKCHECK-0d9e8f7a6b';
const SECRETS = [PRIMARY_KEY, SECONDARY_KEY, WRONG_KEY];

/** Every form of the error a program might print or ship somewhere. */
function renderings(e: TicketingError): string[] {
  return [String(e), e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 5 }), inspect(e, { depth: 5, showHidden: true })];
}

function assertNoSecret(texts: readonly string[], what: string): void {
  assert.ok(texts.length > 0, `${what}: something to look at`);
  for (const text of texts) {
    for (const secret of SECRETS) {
      assert.ok(!text.includes(secret) && !text.includes(encodeURIComponent(secret)), `${what} leaks a key: ${text}`);
    }
  }
}

describe('ticketing client: the key never leaks', () => {
  let sb: Sandbox;
  let ticketId: string;
  before(async () => {
    sb = await sandbox();
    ticketId = storeTickets(sb)[0]?.id ?? '';
  });
  after(async () => { await sb.close(); });
  beforeEach(() => reset(sb));

  const cases: [string, TicketingError['kind'], (sb: Sandbox) => { client: (log: Logger) => TicketingClient; call: (c: TicketingClient) => Promise<unknown> }][] = [
    ['401 (wrong key)', 'http', (s) => ({ client: (log) => clientFor(s, { apiKey: WRONG_KEY, readOnlyKey: WRONG_KEY, log }), call: (c) => c.listTickets() })],
    ['404', 'http', (s) => ({ client: (log) => clientFor(s, { log }), call: (c) => c.getTicket(randomUUID()) })],
    ['500', 'http', (s) => {
      s.faults.inject({ kind: 'status', status: 500 });
      return { client: (log) => clientFor(s, { log }), call: (c) => c.listActivities(ticketId) };
    }],
    ['429', 'rateLimited', (s) => {
      s.faults.inject({ kind: 'status', status: 429, retryAfterS: 30 });
      return { client: (log) => clientFor(s, { log }), call: (c) => c.getTags() };
    }],
    ['network drop on a read', 'network', (s) => {
      s.faults.inject({ kind: 'dropBeforeRead', times: 3 });
      return { client: (log) => clientFor(s, { log }), call: (c) => c.getInstance() };
    }],
    ['network drop on a write', 'network', (s) => {
      s.faults.inject({ kind: 'dropAfterApply' });
      return { client: (log) => clientFor(s, { log }), call: (c) => c.addComment(ticketId, 'hello', ACTOR) };
    }],
    ['malformed body', 'badResponse', (s) => {
      s.faults.inject({ kind: 'malformed' });
      return { client: (log) => clientFor(s, { log }), call: (c) => c.listTickets() };
    }],
    ['timeout', 'timeout', (s) => {
      s.faults.inject({ kind: 'delay', ms: 500, times: 3 });
      return { client: (log) => clientFor(s, { log, requestTimeoutMs: 50, retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 10 } }), call: (c) => c.getTicket(ticketId) };
    }],
  ];

  for (const [what, kind, arrange] of cases) {
    it(`${what}: kind ${kind}, and no key in the error or the log`, async () => {
      const records: LogRecord[] = [];
      const { client, call } = arrange(sb);
      let caught: unknown;
      try {
        await call(client(recordingLogger(records)));
      } catch (e) {
        caught = e;
      }
      assert.ok(isTicketingError(caught), `a TicketingError, got ${String(caught)}`);
      assert.equal(caught.kind, kind);
      assert.equal(caught.cause, undefined, 'no cause (an HTTP library error would carry the URL)');
      assert.doesNotMatch(caught.message, /https?:|\/ticketing\/|\{/, 'no URL or body in the message');
      assertNoSecret(renderings(caught), 'the error');
      assert.ok(records.length >= 1, 'a log record per request');
      assertNoSecret(records.map(recordText), 'the log');
      for (const r of records) {
        assert.equal(r.msg, 'api call');
        assert.ok(['GET', 'POST', 'PUT'].includes(String(r.method)) && String(r.path).startsWith('/') && typeof r.ms === 'number', recordText(r));
        assert.ok(typeof r.status === 'number' || ['network error', 'timeout'].includes(String(r.failure)), recordText(r));
        assert.equal(r.level, typeof r.status === 'number' && r.status < 500 && r.status !== 429 ? 'info' : 'warn', recordText(r));
      }
    });
  }
});

describe('ticketing/redact: the second line of defence', () => {
  it('hides each key as given and URL-encoded, a key holding another whole, and leaves other text as it is', () => {
    const forms = secretForms(['abc', 'abc+def/==', undefined, '', 'abc']);
    assert.deepEqual(forms, ['abc%2Bdef%2F%3D%3D', 'abc+def/==', 'abc'], 'each form once, longest first');
    assert.equal(redact('GET /tickets?key=abc+def/== 200 3ms', forms), 'GET /tickets?key=*** 200 3ms');
    assert.equal(redact('key=abc%2Bdef%2F%3D%3D&k2=abc', forms), 'key=***&k2=***');
    assert.equal(redact('abcabc', forms), '******');
    const clean = 'GET /tickets/1 200 3ms';
    assert.equal(redact(clean, forms), clean);
  });
});
