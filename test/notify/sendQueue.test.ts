import assert from 'node:assert/strict';
import sinon from 'sinon';
import { SendQueue } from '../../src/notify/sendQueue.js';
import { recordingLogger, type LogRecord } from '../support/logRecords.js';

/** An error as the Bot Framework SDK throws it for a connector answer. */
function connectorError(statusCode: number, retryAfterS?: number): Error {
  const error = Object.assign(new Error('connector'), { name: 'RestError', statusCode });
  Object.defineProperty(error, 'response', { value: { headers: { get: (n: string) => (n === 'retry-after' && retryAfterS !== undefined ? String(retryAfterS) : undefined) } } });
  return error;
}

describe('notify: the per-conversation send queue keeps to Teams\' limits', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.UTC(2026, 11, 5, 8), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  function queue(forbidden: string[] = [], log: LogRecord[] = []) {
    return new SendQueue({ onForbidden: (key) => void forbidden.push(key), log: recordingLogger(log) });
  }

  it('sends at most 7 a second, 60 in 30 seconds and 1,800 an hour to one conversation; others are not held up', async () => {
    const sent: Array<{ key: string; at: number }> = [];
    const q = queue();
    const start = Date.now();
    for (let i = 0; i < 1900; i++) q.enqueue('chat-a', async () => void sent.push({ key: 'a', at: Date.now() - start }));
    q.enqueue('chat-b', async () => void sent.push({ key: 'b', at: Date.now() - start }));
    await clock.tickAsync(10);
    assert.equal(sent.filter((s) => s.key === 'a').length, 7, '7 in the first second');
    assert.deepEqual(sent.filter((s) => s.key === 'b').map((s) => s.at), [0], 'another conversation goes at once');
    await clock.tickAsync(30_000);
    const a = () => sent.filter((s) => s.key === 'a').map((s) => s.at);
    assert.equal(a().filter((t) => t < 30_000).length, 60, '60 in the first 30 seconds');
    await clock.tickAsync(3_600_000);
    assert.equal(a().filter((t) => t < 3_600_000).length, 1800, '1,800 in the first hour');
    // No window of any of the three sizes ever held more than its count.
    for (const [count, windowMs] of [[7, 1000], [60, 30_000], [1800, 3_600_000]] as const) {
      const times = a();
      for (let i = count; i < times.length; i++) assert.ok(times[i]! - times[i - count]! >= windowMs, `${count} per ${windowMs} ms at ${i}`);
    }
    await clock.tickAsync(3_600_000);
    assert.equal(a().length, 1900);
    await q.idle();
  });

  it('429: waits its Retry-After, then sends the same message again; a lasting 429 is given up after a few tries', async () => {
    const log: LogRecord[] = [];
    const q = queue([], log);
    let tries = 0;
    const at: number[] = [];
    const start = Date.now();
    q.enqueue('chat', async () => {
      at.push(Date.now() - start);
      if (++tries < 3) throw connectorError(429, 4);
    });
    await clock.tickAsync(20_000);
    assert.deepEqual(at, [0, 4000, 8000]);
    await q.idle();

    let lasting = 0;
    q.enqueue('chat', async () => {
      lasting++;
      throw connectorError(429);
    });
    await clock.tickAsync(60_000);
    assert.equal(lasting, 5);
    assert.ok(log.some((r) => r.level === 'warn' && r.msg === 'notify send failed: message dropped' && r.status === 429));
  });

  it('403: drops what is queued for that conversation and says so once; another error drops only that message', async () => {
    const forbidden: string[] = [];
    const q = queue(forbidden);
    let calls = 0;
    for (let i = 0; i < 3; i++) q.enqueue('blocked', async () => {
      calls++;
      throw connectorError(403);
    });
    let other = 0;
    q.enqueue('flaky', async () => {
      other++;
      throw connectorError(500);
    });
    q.enqueue('flaky', async () => void other++);
    await clock.tickAsync(5000);
    await q.idle();
    assert.equal(calls, 1);
    assert.deepEqual(forbidden, ['blocked']);
    assert.equal(other, 2);
  });
});
