import assert from 'node:assert/strict';
import { FRESH_WAIT_MS, freshOrCopy } from '../../src/cache/busyCopy.js';
import { MAX_COPY_AGE_MS } from '../../src/cache/recentCache.js';
import { copyNote } from '../../src/cards/format.js';
import type { FeatureContext } from '../../src/features/context.js';
import { TicketingClient } from '../../src/ticketing/client.js';
import { httpError, rateLimitedError, timeoutError } from '../../src/ticketing/errors.js';

describe('cache/busyCopy: a recent copy instead of "busy"', () => {
  const NOW = 1_000_000;
  const now = () => NOW;
  // freshOrCopy reads the deadline and the client's free turns (all free here: it sends nothing);
  // the read callbacks below see the context it passes on.
  const client = new TicketingClient({ baseUrl: 'http://127.0.0.1:9/ticketing/v1', apiKey: 'k', rateLimit: { limit: 10, windowMs: 60_000 } });
  const ctx = { deadline: NOW + 12_000, client } as FeatureContext;
  const copy = { value: 'as read before', at: NOW - 40_000 };

  it('without a copy, reads with the turn\'s own deadline and lets a failure through', async () => {
    const deadlines: number[] = [];
    const read = await freshOrCopy(ctx, undefined, async (c) => (deadlines.push(c.deadline), 'fresh'), now);
    assert.deepEqual(read, { value: 'fresh' });
    assert.deepEqual(deadlines, [NOW + 12_000]);
    await assert.rejects(freshOrCopy(ctx, undefined, () => Promise.reject(rateLimitedError(5000, 'listTickets')), now), { kind: 'rateLimited' });
  });

  it('with a copy, gives the read FRESH_WAIT_MS and answers fresh when it comes', async () => {
    const deadlines: number[] = [];
    const read = await freshOrCopy(ctx, copy, async (c) => (deadlines.push(c.deadline), 'fresh'), now);
    assert.deepEqual(read, { value: 'fresh' });
    assert.deepEqual(deadlines, [NOW + FRESH_WAIT_MS]);
  });

  it('answers the copy, with when it was read, when the rate limit or a slow API keeps the read from answering in time', async () => {
    for (const error of [rateLimitedError(30_000, 'listTickets'), rateLimitedError(20_000, 'getTicket', 429), timeoutError('getTicket', false)]) {
      assert.deepEqual(await freshOrCopy(ctx, copy, () => Promise.reject(error), now), { value: 'as read before', copiedAt: NOW - 40_000 });
    }
  });

  it('lets other failures through (a ticket gone is not shown from a copy), and never shows a copy older than MAX_COPY_AGE_MS', async () => {
    await assert.rejects(freshOrCopy(ctx, copy, () => Promise.reject(httpError(404, 'getTicket')), now), { kind: 'http', status: 404 });
    const old = { value: 'too old', at: NOW - MAX_COPY_AGE_MS - 1 };
    await assert.rejects(freshOrCopy(ctx, old, () => Promise.reject(rateLimitedError(5000, 'listTickets')), now), { kind: 'rateLimited' });
  });

  it('says how old the copy is, in seconds and then minutes', () => {
    assert.equal(copyNote(NOW - 40_000, NOW), 'The helpdesk is busy, so this is how it looked 40 s ago.');
    assert.equal(copyNote(NOW - 200, NOW), 'The helpdesk is busy, so this is how it looked 1 s ago.');
    assert.equal(copyNote(NOW - 180_000, NOW), 'The helpdesk is busy, so this is how it looked 3 min ago.');
  });
});
