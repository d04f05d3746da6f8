import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config.js';
import { ADELE, message } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { head, rawRequest } from '../support/rawHttp.js';

/**
 * The HTTP edge of /api/messages: only what Teams sends (one uncompressed JSON activity, a few
 * kilobytes) gets past it, before the SDK and before authentication. Each case is a finding of
 * the open-internet campaign, sent as raw bytes to the real server.
 */
describe('HTTP edge of /api/messages', () => {
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());
  beforeEach(() => h.resetCounts());

  async function stillServes(): Promise<void> {
    const health = await fetch(`${h.app.server.url}/healthz`);
    assert.equal(health.status, 200);
    const res = await h.post(message(ADELE, 'help', { serviceUrl: h.serviceUrl }));
    assert.equal(res.status, 200);
    assert.equal(h.connector.messages().length, 1, 'an ordinary message is still answered');
  }

  it('says in /readyz what it checked, with no shared state to check when no REDIS_URL is set', async () => {
    const ready = await fetch(`${h.app.server.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', checks: { configuration: 'ok', ticketingApi: 'ok' } });
  });

  it('answers 415 to a 16-byte body that claims gzip and is not, and keeps running (it used to crash the process)', async () => {
    const body = Buffer.from('this is not gzip');
    assert.equal(body.length, 16);
    const answer = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body.length), body);
    assert.equal(answer.status, 415);
    assert.match(answer.text, /Compressed bodies are not accepted/);
    await stillServes();
  });

  it('never inflates a gzip bomb: 415 before a byte is decompressed', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    assert.ok(bomb.length < 100_000, 'the bomb is small on the wire');
    for (const encoding of ['gzip', 'deflate', 'br', 'GZIP', 'gzip, identity']) {
      const answer = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, bomb.length), bomb);
      assert.equal(answer.status, 415, encoding);
    }
    await stillServes();
  });

  it('refuses a large multipart upload at once and leaves no file behind in the temp folder', async () => {
    const before = new Set(readdirSync(tmpdir()));
    const piece = Buffer.alloc(1024 * 1024, 0x61);
    const pieces = function* () {
      yield Buffer.from('--b\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n');
      for (let i = 0; i < 40; i++) yield piece;
      yield Buffer.from('\r\n--b--\r\n');
    };
    const answer = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'multipart/form-data; boundary=b' }, 40 * piece.length + 140), pieces());
    assert.equal(answer.status, 415);
    assert.ok(answer.closed, 'the server closes the connection rather than read the rest');
    const added = readdirSync(tmpdir()).filter((name) => !before.has(name) && /upload|formidable/i.test(name));
    assert.deepEqual(added, []);
    await stillServes();
  });

  it('refuses a form-encoded command (a plain HTML form on any web page could post one) and writes nothing', async () => {
    const body = Buffer.from(`type=message&text=create+Forged&serviceUrl=${encodeURIComponent(h.serviceUrl)}&from[id]=29:adele&conversation[id]=c1`);
    const answer = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'application/x-www-form-urlencoded' }, body.length), body);
    assert.equal(answer.status, 415);
    assert.deepEqual(h.apiCalls(), []);
    assert.deepEqual(h.connector.messages(), []);
  });

  it('answers 415 to text/plain, a missing Content-Type and a charset other than UTF-8', async () => {
    const body = Buffer.from(JSON.stringify(message(ADELE, 'help', { serviceUrl: h.serviceUrl })));
    const cases: Array<Record<string, string>> = [{ 'Content-Type': 'text/plain' }, {}, { 'Content-Type': 'application/json; charset=iso-8859-1' }, { 'Content-Type': 'application/json;;' }];
    for (const headers of cases) {
      const answer = await rawRequest(h.app.server.url, head('POST', '/api/messages', headers, body.length), body);
      assert.equal(answer.status, 415, JSON.stringify(headers));
    }
    assert.deepEqual(h.connector.messages(), []);
  });

  it('accepts application/json with charset=utf-8, as Teams sends it', async () => {
    const body = Buffer.from(JSON.stringify(message(ADELE, 'help', { serviceUrl: h.serviceUrl })));
    const answer = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' }, body.length), body);
    assert.equal(answer.status, 200);
    assert.equal(h.connector.messages().length, 1);
  });

  it('answers 413 to a body over the limit, declared or chunked, and closes the connection', async () => {
    const declared = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'application/json' }, 10 * 1024 * 1024), Buffer.from('{"a":"'));
    assert.equal(declared.status, 413);
    assert.ok(declared.closed);

    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const chunked = function* () {
      yield Buffer.from('6\r\n{"a":"\r\n');
      for (let i = 0; i < 32; i++) yield Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
      yield Buffer.from('0\r\n\r\n');
    };
    const streamed = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), chunked());
    assert.equal(streamed.status, 413);
    assert.ok(streamed.closed);
    await stillServes();
  });

  it('in local mode, answers only activities whose service URL is on this machine, and calls no other', async () => {
    const activity = message(ADELE, 'create Forged from afar', { serviceUrl: 'https://smba.evil.example/amer/' });
    const res = await h.post(activity);
    assert.equal(res.status, 403);
    assert.deepEqual(h.apiCalls(), []);
    assert.deepEqual(h.connector.messages(), []);
  });

  it('in local mode, listens on loopback only', async () => {
    assert.equal(new URL(h.app.server.url).hostname, '127.0.0.1');
    assert.equal(loadConfig({}).host, '127.0.0.1');
  });

  it('answers 400 to a body that is not JSON, or ends before its Content-Length', async () => {
    const broken = Buffer.from('{"type":"message",');
    const notJson = await rawRequest(h.app.server.url, head('POST', '/api/messages', { 'Content-Type': 'application/json', Connection: 'close' }, broken.length), broken);
    assert.equal(notJson.status, 400);
    assert.match(notJson.text, /not JSON/);
    assert.doesNotMatch(notJson.text, /SyntaxError|at JSON\.parse/);
    await stillServes();
  });
});
