import assert from 'node:assert/strict';
import { PRIORITIES, STATUSES } from '../../src/ticketing/types.js';
import { AGENTS, FIELD, PEOPLE, SEED_NOW, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, items } from './http.js';

describe('sandbox: the seeded instance', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ dialect: 'documented', port: 0, rateLimit: 100_000 });
  });
  after(() => sandbox.close());

  it('is the same on every start', async () => {
    const other = await startSandbox({ dialect: 'documented', port: 0 });
    try {
      for (const query of ['/tickets?limit=50', '/tickets?limit=20&orderBy=title', '/instance', '/tags']) {
        const [a, b] = await Promise.all([call(sandbox, query), call(other, query)]);
        assert.equal(a.status, 200);
        assert.deepEqual(a.json, b.json, query);
      }
      const activities = (s: Sandbox) => s.store.allTickets().slice(0, 30).map((t) => s.store.activities(t.id));
      assert.deepEqual(activities(sandbox), activities(other));
    } finally {
      await other.close();
    }
  });

  it('holds at least 250 tickets numbered 1..N, over every status, priority, requestor and agent', () => {
    const tickets = sandbox.store.allTickets();
    assert.ok(tickets.length >= 250, `${tickets.length} tickets`);
    assert.deepEqual(tickets.map((t) => t.ticketId), tickets.map((_, i) => i + 1));
    for (const status of STATUSES) assert.ok(tickets.filter((t) => t.status === status).length >= 5, status);
    for (const priority of PRIORITIES) assert.ok(tickets.filter((t) => t.priority === priority).length >= 5, priority);
    for (const agent of AGENTS) assert.ok(tickets.some((t) => t.assignee?.id === agent.id), agent.name);
    const requestors = new Set(tickets.map((t) => t.requestor.id));
    assert.ok(requestors.size >= 14);
    for (const id of requestors) assert.ok(PEOPLE.some((p) => p.id === id));
    assert.ok(tickets.some((t) => !t.assignee), 'some tickets are unassigned');
  });

  it('varies tags, custom fields, expected dates, SLA flags and descriptions', () => {
    const tickets = sandbox.store.allTickets();
    const share = (predicate: (t: (typeof tickets)[number]) => boolean) => tickets.filter(predicate).length / tickets.length;
    const between = (value: number, low: number, high: number, what: string) => assert.ok(value > low && value < high, `${what}: ${value}`);
    between(share((t) => t.tags.length > 0), 0.5, 1, 'tagged');
    between(share((t) => t.expectedDate !== undefined), 0.2, 0.6, 'with an expected date');
    between(share((t) => t.isFrtEscalated), 0.05, 0.95, 'first response escalated');
    between(share((t) => t.isRtEscalated), 0.05, 0.95, 'resolution escalated');
    for (const field of Object.values(FIELD)) between(share((t) => field in t.customFields), 0, 1.01, field);
    between(share((t) => FIELD.assetTag in t.customFields), 0.05, 0.6, 'asset tag');
    between(share((t) => (t.description ?? '').split('\n').length >= 4), 0.1, 0.6, 'multi-line descriptions');
    assert.ok(new Set(tickets.map((t) => t.title)).size > 120, 'titles vary');
  });

  it('keeps every date before the seed\'s now, and activities consistent with each ticket', () => {
    const now = SEED_NOW.toISOString();
    for (const ticket of sandbox.store.allTickets()) {
      const where = `#${ticket.ticketId}`;
      assert.ok(ticket.createdOn < now && ticket.lastUpdatedOn < now, where);
      assert.ok(ticket.createdOn <= ticket.lastUpdatedOn, where);
      const activities = sandbox.store.activities(ticket.id);
      const times = activities.map((a) => a.createdDateTime ?? '');
      assert.deepEqual(times, [...times].sort().reverse(), `${where}: newest first`);
      assert.equal(activities[0]?.createdDateTime ?? ticket.createdOn, ticket.lastUpdatedOn, where);
      const lastStatus = activities.find((a) => a.type === 'status');
      assert.equal(lastStatus?.status ?? 'Open', ticket.status, where);
      const resolved = ticket.status === 'Resolved';
      assert.equal(resolved, ticket.resolution !== undefined && resolved, where);
      if (resolved) assert.equal(lastStatus?.resolution, ticket.resolution, where);
      if (ticket.status === 'Open' || ticket.status === 'Started' || ticket.status === 'Reopened') assert.equal(ticket.resolution, undefined, where);
      for (const activity of activities) assert.equal(activity.ticketId, ticket.id, where);
      if (ticket.firstResponseOn) assert.ok(activities.some((a) => a.createdDateTime === ticket.firstResponseOn && a.createdBy?.id !== ticket.requestor.id), where);
    }
  });

  it('starts empty with seed: false, instance and tags still there', async () => {
    const empty = await startSandbox({ dialect: 'documented', port: 0, seed: false });
    try {
      assert.equal(empty.store.size, 0);
      assert.deepEqual(items(await call(empty, '/tickets')), []);
      assert.equal((await call(empty, '/instance')).status, 200);
      assert.ok(items(await call(empty, '/tags')).length >= 3);
      const created = await call(empty, '/tickets', {
        method: 'POST', body: { ticket: { title: 'First', requestor: PEOPLE[1] }, user: PEOPLE[1] },
      });
      assert.equal((created.json as { item: { ticketId: number } }).item.ticketId, 1);
    } finally {
      await empty.close();
    }
  });
});
