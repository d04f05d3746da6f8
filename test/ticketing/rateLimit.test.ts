import assert from 'node:assert/strict';
import sinon from 'sinon';
import { isRateLimited } from '../../src/ticketing/errors.js';
import { RateLimiter, parseRetryAfter, type Clock, type Permit } from '../../src/ticketing/rateLimit.js';

describe('ticketing/rateLimit: sliding window per key', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.restore());

  /** Acquires `n` permits in order, recording when each was granted (ms since start); releases at once. */
  function burst(limiter: RateLimiter, n: number): { granted: number[]; order: number[]; done: Promise<void> } {
    const start = Date.now();
    const granted: number[] = [];
    const order: number[] = [];
    const done = Promise.all(Array.from({ length: n }, (_, i) => limiter.acquire().then((p) => {
      granted[i] = Date.now() - start;
      order.push(i);
      p.release();
    }))).then(() => undefined);
    return { granted, order, done };
  }

  it('never grants more than limit in any window, first come first served', async () => {
    const limiter = new RateLimiter(3, 1000);
    const { granted, order, done } = burst(limiter, 10);
    await clock.tickAsync(5000);
    await done;
    assert.deepEqual(granted, [0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000]);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const t of granted) {
      assert.ok(granted.filter((u) => u >= t && u < t + 1000).length <= 3, `window at ${t}`);
    }
  });

  it('free(): the turns a caller arriving now gets at once, none while others wait or a block holds', async () => {
    const limiter = new RateLimiter(3, 1000);
    assert.equal(limiter.free(), 3);
    const held = await limiter.acquire();
    assert.equal(limiter.free(), 2, 'a request in flight holds its slot');
    (await limiter.acquire()).release();
    assert.equal(limiter.free(), 1, 'a released one holds it for a window');
    (await limiter.acquire()).release();
    assert.equal(limiter.free(), 0);
    const waiter = limiter.acquire();
    assert.equal(limiter.free(), 0);
    held.release();
    await clock.tickAsync(1000);
    (await waiter).release();
    assert.equal(limiter.free(), 2, 'a window on, the first three freed; the waiter\'s request holds one');
    await clock.tickAsync(1000);
    assert.equal(limiter.free(), 3, 'a window later, all are free');
    limiter.blockUntil(Date.now() + 500);
    assert.equal(limiter.free(), 0, 'a Retry-After holds every slot');
  });

  it('counts a request from its release, and holds the slot while it is in flight', async () => {
    const limiter = new RateLimiter(1, 1000);
    const first = await limiter.acquire();
    let secondAt: number | undefined;
    const second = limiter.acquire().then((p) => {
      secondAt = Date.now();
      return p;
    });
    await clock.tickAsync(1500);
    assert.equal(secondAt, undefined, 'waits while the first is in flight');
    first.release();
    const releasedAt = Date.now();
    await clock.tickAsync(999);
    assert.equal(secondAt, undefined, 'waits a whole window after the release');
    await clock.tickAsync(1);
    (await second).release();
    assert.equal(secondAt, releasedAt + 1000);
  });

  it('refuses at once, with retryAfterS, a caller whose turn cannot come before its deadline', async () => {
    const limiter = new RateLimiter(2, 10_000);
    (await limiter.acquire()).release();
    (await limiter.acquire()).release();
    await clock.tickAsync(2000);
    const before = Date.now();
    const late = limiter.acquire({ deadline: Date.now() + 5000, operation: 'listTickets' });
    await assert.rejects(late, (e: unknown) => {
      assert.ok(isRateLimited(e));
      assert.equal(e.retryAfterS, 8);
      assert.equal(e.operation, 'listTickets');
      return true;
    });
    assert.equal(Date.now(), before, 'refused without waiting');
    const inTime = limiter.acquire({ deadline: Date.now() + 8000 });
    await clock.tickAsync(8000);
    (await inTime).release();
  });

  it('counts the callers already queued when judging a deadline', async () => {
    const limiter = new RateLimiter(1, 1000);
    const queued = [limiter.acquire(), limiter.acquire(), limiter.acquire()];
    const late = limiter.acquire({ deadline: Date.now() + 2500 });
    let lateError: unknown;
    late.catch((e: unknown) => { lateError = e; });
    await clock.tickAsync(0);
    assert.ok(isRateLimited(lateError), 'refused at once: three ahead of it');
    for (const p of queued) {
      (await p).release();
      await clock.tickAsync(1000);
    }
  });

  it('blockUntil (a server Retry-After) holds every caller until then, and refuses those with earlier deadlines', async () => {
    const limiter = new RateLimiter(100, 60_000);
    const start = Date.now();
    limiter.blockUntil(start + 3000);
    let grantedAt: number | undefined;
    const waiting = limiter.acquire().then((p) => {
      grantedAt = Date.now() - start;
      p.release();
    });
    const hurried = limiter.acquire({ deadline: start + 1000 });
    await assert.rejects(hurried, (e: unknown) => isRateLimited(e) && e.retryAfterS === 3);
    await clock.tickAsync(3000);
    await waiting;
    assert.equal(grantedAt, 3000);
  });

  it('refuses queued callers at once when a later block makes their deadline unreachable', async () => {
    const limiter = new RateLimiter(1, 1000);
    const first = await limiter.acquire();
    const queued = limiter.acquire({ deadline: Date.now() + 1500 });
    let error: unknown;
    queued.catch((e: unknown) => { error = e; });
    first.release();
    limiter.blockUntil(Date.now() + 5000);
    await clock.tickAsync(0);
    assert.ok(isRateLimited(error));
    assert.equal(error.retryAfterS, 5);
  });

  it('lets a waiting caller leave by aborting, with its reason, and moves the others up', async () => {
    const limiter = new RateLimiter(1, 1000);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const leaving = limiter.acquire({ signal: controller.signal });
    const staying = limiter.acquire();
    controller.abort(new Error('user went away'));
    await assert.rejects(leaving, /user went away/);
    assert.equal(limiter.waiting, 1);
    first.release();
    await clock.tickAsync(1000);
    const p: Permit = await staying;
    p.release();
  });

  it('keeps counting right over many windows, as released times leave it in batches', async () => {
    // Each step: some requests, all released at once, then time moves on. A naive model counts
    // releases in the last window; free() must agree at every step, whatever the limiter drops when.
    const limiter = new RateLimiter(50, 1000);
    const releases: number[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 400; step++) {
      const inWindow = () => releases.filter((t) => t + 1000 > Date.now()).length;
      assert.equal(limiter.free(), 50 - inWindow(), `step ${step}`);
      const n = Math.floor(next() * (limiter.free() + 1));
      const permits = await Promise.all(Array.from({ length: n }, () => limiter.acquire()));
      for (const permit of permits) {
        permit.release();
        releases.push(Date.now());
      }
      await clock.tickAsync(Math.floor(next() * 300));
    }
    assert.ok(releases.length > 2000, `${releases.length} requests`);
  });

  it('wakes a waiting caller when the oldest request still in the window leaves it, after older ones left', async () => {
    let timersSet = 0;
    const counting: Clock = {
      now: () => Date.now(),
      setTimeout: (fn, ms) => (timersSet++, setTimeout(fn, ms)),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const limiter = new RateLimiter(3, 1000, counting);
    for (const at of [0, 100, 200]) {
      await clock.tickAsync(at - (Date.now() - 1_000_000));
      (await limiter.acquire()).release();
    }
    await clock.tickAsync(800); // t = 1000: the first has left the window, the other two have not
    (await limiter.acquire()).release();
    const start = Date.now();
    let grantedAt: number | undefined;
    const waiting = limiter.acquire().then((p) => {
      grantedAt = Date.now() - start;
      p.release();
    });
    await clock.tickAsync(99);
    assert.equal(grantedAt, undefined);
    await clock.tickAsync(1);
    await waiting;
    assert.equal(grantedAt, 100);
    assert.equal(timersSet, 1, 'one timer, set for when the slot frees');
  });

  it('holds a limit of 16,000: full after 16,000 turns, and whole again one window after them', async () => {
    const limiter = new RateLimiter(16_000, 1000);
    for (let window = 0; window < 3; window++) {
      for (let i = 0; i < 16_000; i++) {
        (await limiter.acquire()).release();
        if (i === 7_999) await clock.tickAsync(500);
      }
      assert.equal(limiter.free(), 0, `window ${window}: full`);
      await clock.tickAsync(500);
      assert.equal(limiter.free(), 8_000, `window ${window}: the first half has left`);
      await clock.tickAsync(500);
      assert.equal(limiter.free(), 16_000, `window ${window}: all have left`);
    }
  });
});

describe('ticketing/rateLimit: parseRetryAfter', () => {
  const NOW = Date.parse('2025-01-01T12:00:00Z');

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('2', NOW), 2000);
    assert.equal(parseRetryAfter(' 0 ', NOW), 0);
    assert.equal(parseRetryAfter(new Date(NOW + 3000).toUTCString(), NOW), 3000);
    assert.equal(parseRetryAfter(new Date(NOW - 3000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter(null, NOW), undefined);
  });
});
