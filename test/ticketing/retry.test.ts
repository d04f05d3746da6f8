import assert from 'node:assert/strict';
import {
  DEFAULT_RETRY, backoffMs, decideRetry, parseRetryAfter, type RetryContext,
} from '../../src/ticketing/retry.js';

const NOW = Date.parse('2025-01-01T12:00:00Z');

function ctx(over: Partial<RetryContext>): RetryContext {
  return { method: 'GET', attempts: 1, failed: { status: 503 }, options: DEFAULT_RETRY, now: NOW, random: () => 0.5, ...over };
}

describe('ticketing/retry: the gates', () => {
  it('retries a GET on 429, 502, 503, 504, a dropped connection and a timeout', () => {
    for (const status of [429, 502, 503, 504]) {
      assert.equal(decideRetry(ctx({ failed: { status } })).retry, true, String(status));
    }
    assert.equal(decideRetry(ctx({ failed: { failure: 'network' } })).retry, true);
    assert.equal(decideRetry(ctx({ failed: { failure: 'timeout' } })).retry, true);
  });

  it('never retries POST or PUT, whatever the failure', () => {
    for (const method of ['POST', 'PUT', 'post']) {
      for (const failed of [{ status: 503 }, { status: 429, retryAfterMs: 10 }, { failure: 'network' as const }]) {
        assert.deepEqual(decideRetry(ctx({ method, failed })), { retry: false, reason: 'method' });
      }
    }
  });

  it('does not retry other statuses', () => {
    for (const status of [400, 401, 403, 404, 409, 500]) {
      assert.deepEqual(decideRetry(ctx({ failed: { status } })), { retry: false, reason: 'status' });
    }
  });

  it('stops when the attempts are used up', () => {
    assert.equal(decideRetry(ctx({ attempts: 2 })).retry, true);
    assert.deepEqual(decideRetry(ctx({ attempts: 3 })), { retry: false, reason: 'attempts' });
    assert.deepEqual(decideRetry(ctx({ options: { ...DEFAULT_RETRY, limit: 0 } })), { retry: false, reason: 'attempts' });
  });

  it('waits the Retry-After when given, and gives up when it is longer than maxDelayMs', () => {
    assert.deepEqual(decideRetry(ctx({ failed: { status: 429, retryAfterMs: 1000 } })), { retry: true, delayMs: 1000 });
    assert.deepEqual(decideRetry(ctx({ failed: { status: 429, retryAfterMs: 20_000 } })), { retry: false, reason: 'retryAfterTooLong' });
  });

  it('does not retry when the wait would pass the deadline', () => {
    assert.deepEqual(
      decideRetry(ctx({ failed: { status: 429, retryAfterMs: 1000 }, deadline: NOW + 900 })),
      { retry: false, reason: 'deadline' },
    );
    assert.equal(decideRetry(ctx({ failed: { status: 429, retryAfterMs: 1000 }, deadline: NOW + 1500 })).retry, true);
  });

  it('backs off with full jitter under a doubling cap', () => {
    const opts = { limit: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(backoffMs(1, opts, () => 0.999), 99);
    assert.equal(backoffMs(2, opts, () => 0.999), 199);
    assert.equal(backoffMs(3, opts, () => 0.5), 200);
    assert.equal(backoffMs(10, opts, () => 0.999), 999);
    assert.equal(backoffMs(3, opts, () => 0), 0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('2', NOW), 2000);
    assert.equal(parseRetryAfter(' 0 ', NOW), 0);
    assert.equal(parseRetryAfter(new Date(NOW + 3000).toUTCString(), NOW), 3000);
    assert.equal(parseRetryAfter(new Date(NOW - 3000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter(null, NOW), undefined);
  });
});
