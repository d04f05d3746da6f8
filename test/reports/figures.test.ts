import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Reports } from '../../src/reports/reports.js';
import { ReportTooLarge } from '../../src/reports/readPeriod.js';
import { median, percentile } from '../../src/reports/figures.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { TicketingClient } from '../../src/ticketing/client.js';
import { A1, A2, NOW, clock, seedReport, type SeededTickets } from './reportSeed.js';

const HOUR = 3_600_000;

describe('report figures on a seeded helpdesk (answers counted by hand in reportSeed.ts)', () => {
  let sandbox: Sandbox;
  let client: TicketingClient;
  let seeded: SeededTickets;
  const reportsFor = (cacheTtlMs = 300_000) => new Reports({
    client, cacheTtlMs, maxTickets: 5000, exportSecret: randomBytes(32), exportTtlMs: 300_000,
    publicUrl: () => 'https://bot.example', now: () => clock.at,
  });
  /** A reader whose turn ends a minute from now (read when the test runs, not when the file loads). */
  const reader = () => ({ utcOffset: 0, aadObjectId: A1.id, deadline: Date.now() + 60_000 });

  before(async () => {
    sandbox = await startSandbox({ seed: false, now: () => new Date(clock.at), rateLimit: 100_000 });
    client = new TicketingClient({ baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, readOnlyKey: sandbox.secondaryKey, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    seeded = await seedReport(sandbox, client);
  });
  after(() => sandbox.close());
  beforeEach(() => {
    clock.at = NOW;
    sandbox.requests.length = 0;
  });

  it('median and nearest-rank percentile', () => {
    assert.equal(median([]), undefined);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(percentile([0.5, 2, 192], 90), 192); // rank ⌈2.7⌉ = 3
    assert.equal(percentile([6, 192], 90), 192); // rank ⌈1.8⌉ = 2
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
  });

  it('report 7d: backlog, flow, times, escalations and agents as counted by hand, in two requests', async () => {
    const report = await reportsFor().report({ period: { kind: 'days', days: 7 } }, reader());
    const f = report.figures;
    assert.equal(report.period.start, Date.parse('2026-11-04T00:00:00Z'));
    // Open: T1 (Open, Urgent), T3 (In Progress, Important), T4 (Open, Low).
    assert.equal(f.backlog.total, 3);
    assert.deepEqual(f.backlog.byState, [{ label: 'Open', count: 2 }, { label: 'In Progress', count: 1 }]);
    assert.deepEqual(f.backlog.byPriority, [{ label: 'Urgent', count: 1 }, { label: 'Important', count: 1 }, { label: 'Low', count: 1 }]);
    // Ages at 11-10 12:00: T1 21 d 3 h = 507 h, T3 4 d 3 h = 99 h, T4 2 d 2 h = 50 h.
    assert.equal(f.backlog.oldestAge, 507 * HOUR);
    assert.equal(f.backlog.oldestNumber, seeded.t1);
    assert.equal(f.backlog.medianAge, 99 * HOUR);
    // Only T1's expected date (11-01) is past.
    assert.equal(f.overdue, 1);
    // Created: T2 on 11-05, T3 on 11-06, T4 on 11-08. First resolved: T2 on 11-05, T5 on 11-09.
    assert.deepEqual(f.flow.map((b) => [b.start, b.created, b.resolved]), [
      ['2026-11-04', 0, 0], ['2026-11-05', 1, 1], ['2026-11-06', 1, 0], ['2026-11-07', 0, 0],
      ['2026-11-08', 1, 0], ['2026-11-09', 0, 1], ['2026-11-10', 0, 0],
    ]);
    assert.equal(f.created, 3);
    assert.equal(f.resolved, 2);
    // First responses in the period: T3 0.5 h, T2 2 h, T5 192 h → median 2 h, p90 192 h.
    assert.deepEqual(f.firstResponse, { count: 3, median: 2 * HOUR, p90: 192 * HOUR });
    // First resolutions in the period: T2 6 h, T5 192 h → median 99 h, p90 192 h.
    assert.deepEqual(f.resolution, { count: 2, median: 99 * HOUR, p90: 192 * HOUR });
    // Created in the period: T2, T3, T4; T2's response escalated, T3's resolution.
    assert.deepEqual(f.escalation, { of: 3, frt: 1, rt: 1 });
    // A1: T1 open, T2 resolved in 6 h. A2: T3 open, T5 resolved in 192 h.
    assert.deepEqual(f.agents, [
      { name: A1.name, assigned: 1, resolved: 1, medianResolution: 6 * HOUR },
      { name: A2.name, assigned: 1, resolved: 1, medianResolution: 192 * HOUR },
    ].sort((a, b) => a.name.localeCompare(b.name)));
    // One page of changed tickets, one of open ones: the query the API allows at its fewest.
    const lists = sandbox.requests.filter((r) => r.path === '/tickets');
    assert.equal(lists.length, 2);
    assert.equal(lists[0]!.query.lastUpdateAfter, '2026-11-04T00:00:00');
    assert.equal(lists[0]!.query.limit, '1000');
    assert.ok(lists[0]!.query.select?.includes('firstResolutionOn'));
    assert.equal(lists[1]!.query.isResolved, 'false');
  });

  it('assigned to <agent> keeps that agent\'s tickets only; assigned to me, the reader\'s', async () => {
    const reports = reportsFor();
    const alex = await reports.report({ period: { kind: 'days', days: 7 }, assignee: A2.email.toUpperCase() }, reader());
    assert.equal(alex.figures.backlog.total, 1); // T3
    assert.equal(alex.figures.resolved, 1); // T5
    const mine = await reports.report({ period: { kind: 'days', days: 7 }, assignee: 'me' }, reader());
    assert.equal(mine.figures.backlog.total, 1); // T1, Adele's
    assert.equal(mine.figures.resolution.median, 6 * HOUR); // T2
    assert.equal(sandbox.requests.filter((r) => r.path === '/tickets').length, 2, 'both read from one kept reading');
  });

  it('20 readers at once cost one reading; a reading older than the cache time is made again', async () => {
    const reports = reportsFor();
    await Promise.all(Array.from({ length: 20 }, () => reports.report({ period: { kind: 'days', days: 7 } }, reader())));
    assert.equal(sandbox.requests.filter((r) => r.path === '/tickets').length, 2);
    clock.at = NOW + 301_000;
    const later = await reports.report({ period: { kind: 'days', days: 7 } }, reader());
    assert.equal(sandbox.requests.filter((r) => r.path === '/tickets').length, 4);
    assert.equal(later.readAt, NOW + 301_000);
  });

  it('with REPORT_CACHE_S=0, readers at once still share a reading, and the next report reads again', async () => {
    const reports = reportsFor(0);
    await Promise.all(Array.from({ length: 5 }, () => reports.report({ period: { kind: 'days', days: 7 } }, reader())));
    assert.equal(sandbox.requests.filter((r) => r.path === '/tickets').length, 2);
    clock.at = NOW + 1000;
    await reports.report({ period: { kind: 'days', days: 7 } }, reader());
    assert.equal(sandbox.requests.filter((r) => r.path === '/tickets').length, 4, 'not kept: read again');
  });

  it('stops before a request the rate limit cannot spare, saying how many tickets it read', async () => {
    // One request a minute: the changed tickets (T2..T5) are read, the open ones would be one request too many.
    const scarce = new TicketingClient({ baseUrl: sandbox.baseUrl, readOnlyKey: sandbox.secondaryKey, rateLimit: { limit: 1, windowMs: 60_000 } });
    const reports = new Reports({
      client: scarce, cacheTtlMs: 300_000, maxTickets: 5000, exportSecret: randomBytes(32), exportTtlMs: 300_000, publicUrl: () => '', now: () => clock.at,
    });
    await assert.rejects(reports.report({ period: { kind: 'days', days: 7 } }, reader()), (e: unknown) => e instanceof ReportTooLarge && e.reason === 'budget' && e.ticketsRead === 4);
    assert.equal(sandbox.requests.filter((r) => r.path === '/tickets').length, 1);
  });

  it('this month starts on the 1st; a day period before the seed has no flow', async () => {
    const month = await reportsFor().report({ period: { kind: 'month' } }, reader());
    assert.equal(month.period.start, Date.parse('2026-11-01T00:00:00Z'));
    assert.equal(month.figures.created, 4); // T5, T2, T3, T4
    const today = await reportsFor().report({ period: { kind: 'days', days: 1 } }, reader());
    assert.deepEqual(today.figures.flow, [{ start: '2026-11-10', created: 0, resolved: 0 }]);
    assert.equal(today.figures.backlog.total, 3);
  });
});
