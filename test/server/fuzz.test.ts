import assert from 'node:assert/strict';
import { deflateSync, gzipSync } from 'node:zlib';
import { ADELE, message } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { prng } from '../support/hostile.js';
import { rawRequest } from '../support/rawHttp.js';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const CONCURRENCY = 32;

type Pick = <T>(items: readonly T[]) => T;

/** A malformed (now and then a well-formed) HTTP request as raw bytes: the method, path, headers, encodings and body are each drawn from what breaks parsers. */
function fuzzRequest(random: () => number, pick: Pick, serviceUrl: string): { head: string; body: Buffer; keepAlive: boolean } {
  const activity = message(ADELE, pick(['help', 'list', 'show 1', '']), { serviceUrl });
  const json = JSON.stringify(activity);
  const bodies: Array<() => Buffer> = [
    () => Buffer.alloc(0),
    () => Buffer.from(json),
    () => Buffer.from(json.slice(0, Math.floor(random() * json.length))),
    () => Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256))),
    () => gzipSync(Buffer.from(json)),
    () => deflateSync(Buffer.alloc(1024 * 1024)),
    () => Buffer.from('['.repeat(1 + Math.floor(random() * 100_000))),
    () => Buffer.from(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
    () => Buffer.from(JSON.stringify({ ...activity, value: { action: { verb: 'resolve', data: 'x'.repeat(20_000) } }, type: pick(['invoke', 'message', 'x', 7]) })),
    () => Buffer.from(pick(['null', '1', '"a"', 'true', '[]', '{}', '\ufeff{}', '{"__proto__":{"type":"message"}}'])),
    () => Buffer.from(json, 'utf16le'),
    () => Buffer.from(`--x\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n${'a'.repeat(4096)}\r\n--x--\r\n`),
    () => Buffer.from('type=message&text=create+x'),
  ];
  const body = pick(bodies)();
  const method = random() < 0.75 ? 'POST' : pick(['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'FOO', 'POST POST', '']);
  const path = random() < 0.8 ? '/api/messages'
    : pick(['/healthz', '/api/messages?a=%', '/%', '/%zz', '/api/messages/../healthz', '*', '', `/${'a'.repeat(20_000)}`, '/api//messages', 'http://evil.example/api/messages']);
  const headers: string[] = [];
  const maybe = (p: number, line: () => string) => {
    if (random() < p) headers.push(line());
  };
  maybe(0.85, () => `Content-Type: ${pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=latin1', 'text/plain',
    'multipart/form-data; boundary=x', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/octet-stream', ';;;', '', 'a'.repeat(9000), 'application/json\u0000'])}`);
  maybe(0.3, () => `Content-Encoding: ${pick(['gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip', '', 'GZip'])}`);
  const framing = random();
  if (framing < 0.65) headers.push(`Content-Length: ${body.length}`);
  else if (framing < 0.75) headers.push(`Content-Length: ${pick([body.length + 10, Math.max(0, body.length - 3), -1, 'abc', '1e3', '99999999999', `${body.length}, ${body.length + 1}`])}`);
  else if (framing < 0.8) headers.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
  else if (framing < 0.9) headers.push('Transfer-Encoding: chunked');
  maybe(0.2, () => `Authorization: ${pick(['Bearer', 'Bearer x', 'Bearer a.b.c', 'Basic YTpi', 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', 'x'.repeat(10_000)])}`);
  maybe(0.05, () => 'Expect: 100-continue');
  maybe(0.05, () => `X-Big: ${'b'.repeat(Math.floor(random() * 40_000))}`);
  maybe(0.03, () => 'Bad Header Without Colon');
  const keepAlive = random() < 0.03;
  headers.push(`Connection: ${keepAlive ? 'keep-alive' : 'close'}`);

  let wire = body;
  if (headers.includes('Transfer-Encoding: chunked')) {
    wire = random() < 0.7
      ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
      : Buffer.concat([Buffer.from(`${pick(['zz', '-1', 'fffffffffff', '5'])}\r\n`), body]);
  }
  const head = `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n${headers.join('\r\n')}\r\n\r\n`;
  return { head, body: wire, keepAlive };
}

/**
 * COUNT generated malformed HTTP requests (headers, encodings, bodies, content types), sent as raw
 * bytes to the real bot server, CONCURRENCY at a time: the process never crashes, no answer is a
 * 5xx (but the protocol's 501 for an invoke it does not handle) or shows a stack trace, memory stays bounded and /healthz answers throughout.
 */
describe(`HTTP fuzz: ${COUNT} malformed requests (seed ${SEED}) to the real server`, function () {
  this.timeout(240_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('never crashes, never answers 500, stays within memory, and /healthz answers throughout', async () => {
    const random = prng(SEED);
    const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let healthChecks = 0;
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let next = 0;

    const worker = async () => {
      while (next < COUNT) {
        const i = next++;
        const { head, body, keepAlive } = fuzzRequest(random, pick, h.serviceUrl);
        const answer = await rawRequest(h.app.server.url, head, body, keepAlive ? 1000 : 5000);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        // 501 is the Bot Framework's answer to an invoke the bot does not handle: protocol, not failure.
        const failed = (answer.status >= 500 && answer.status !== 501) || /\bat [\w.<>]+ \(|Error:/.test(answer.text);
        if (failed) failures.push(`#${i} ${JSON.stringify(head.slice(0, 300))}: ${answer.text.slice(0, 80)}`);
        if (i % 250 === 0) {
          const health = await fetch(`${h.app.server.url}/healthz`);
          assert.equal(health.status, 200, `/healthz after request ${i}`);
          healthChecks++;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    global.gc?.();
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    assert.deepEqual(failures.slice(0, 5), [], `statuses: ${JSON.stringify([...statuses])}`);
    assert.ok(healthChecks >= Math.floor(COUNT / 250), 'health was checked throughout');
    assert.ok(heapGrowthMb < 150, `heap grew ${heapGrowthMb.toFixed(0)} MB`);
    const answered = [...statuses].filter(([status]) => status !== 0).reduce((n, [, count]) => n + count, 0);
    assert.ok(answered > COUNT * 0.9, `most requests get an answer (${answered} of ${COUNT}; ${JSON.stringify([...statuses])})`);
    const health = await fetch(`${h.app.server.url}/healthz`);
    assert.equal(health.status, 200);
  });
});
