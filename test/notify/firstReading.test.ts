import assert from 'node:assert/strict';
import type { RecordedRequest } from '../../src/sandbox/index.js';
import { ALEX } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { poll, say } from './notifySupport.js';

/** Tickets added to the sandbox's seed: with it, three of the first reading's pages of 1,000. */
const ADDED = 2100;

/** The first reading's page reads (every ticket, pages of 1,000) as the sandbox answered them. */
const pageReads = (h: Harness): RecordedRequest[] =>
  h.sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/tickets' && r.query.limit === '1000' && r.query.lastUpdateAfter === undefined);
const ready = (h: Harness) => h.logs.some((r) => r.msg === 'notify poller ready: every ticket read once');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A helpdesk with more pages than the poller's share of the API allows at once: here a share of
 * one call a second (5 % of 20 a second), so each poll reads one page and is cut short.
 */
function largeHelpdesk(): Harness {
  const h = new Harness({
    env: { NOTIFY_BUDGET_PERCENT: '5', NOTIFY_POLL_S: '3600', HELPDESK_ROLES: 'off' },
    people: [ALEX],
    rateLimit: { limit: 20, windowMs: 1000 },
  });
  before(async () => {
    await h.start();
    const requestor = { id: ALEX.aadObjectId, name: ALEX.name, email: ALEX.email };
    for (let i = 0; i < ADDED; i++) h.sandbox.store.create({ title: `Imported ${i}`, requestor, priority: 'Medium' }, requestor);
    await say(h, ALEX, 'notify all', true);
  });
  after(() => h.stop());
  return h;
}

/** Polls a second apart (the poller's share comes back) until its first reading is done, at most `most` times. */
async function pollUntilReady(h: Harness, most: number): Promise<number> {
  let polls = 0;
  while (!ready(h) && polls < most) {
    if (polls > 0) await pause(1100);
    await poll(h);
    polls++;
  }
  return polls;
}

describe('notifications: a first reading longer than the poller\'s share goes on where it stopped', function () {
  this.timeout(60_000);
  const h = largeHelpdesk();

  it('reads each page once over several polls (by its continuation token), then reads only changes', async () => {
    const pages = Math.ceil(h.sandbox.store.all().length / 1000);
    assert.equal(pages, 3);
    const polls = await pollUntilReady(h, 8);
    assert.ok(ready(h), `the first reading was done after ${polls} polls`);
    assert.equal(pageReads(h).length, pages, 'each page read once: no poll started over');
    assert.equal(polls, pages);

    const before = h.sandbox.requests.length;
    await pause(1100);
    await poll(h);
    const next = h.sandbox.requests.slice(before).filter((r) => r.method === 'GET' && r.path === '/tickets');
    assert.equal(next.length, 1);
    assert.ok(next[0]!.query.lastUpdateAfter !== undefined, 'a change read, not another first reading');
  });
});

describe('notifications: a first reading whose continuation token the API no longer takes starts over', function () {
  this.timeout(60_000);
  const h = largeHelpdesk();

  it('forgets the refused token, says so once, and reads from the first page again', async () => {
    await poll(h);
    assert.equal(pageReads(h).length, 1);
    h.sandbox.faults.inject({ kind: 'status', status: 400, code: 'InvalidContinuationToken', match: { method: 'GET', path: '/tickets' } });
    await pause(1100);
    await poll(h);
    assert.deepEqual(h.logs.filter((r) => r.component === 'notify' && r.level === 'warn').map((r) => r.msg),
      ['notify first reading: its continuation token was refused; starting over', 'notify poll failed']);
    const polls = await pollUntilReady(h, 8);
    assert.ok(ready(h), `the first reading was done after ${polls} more polls`);
    // Page 1, the refused page 2, then pages 1, 2 and 3 again.
    assert.equal(pageReads(h).length, 5);
  });
});
