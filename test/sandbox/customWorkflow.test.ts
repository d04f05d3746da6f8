/**
 * The live sandbox's custom workflow: the seeded hardware requests go through "Hardware
 * requests", whose states have ids of their own; the documented sandbox has none of it.
 */
import assert from 'node:assert/strict';
import { HARDWARE_STATE, HARDWARE_WORKFLOW, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, item, items, USER, type Json } from './http.js';

describe('sandbox: a custom workflow (live dialect)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, rateLimit: 100_000 });
  });
  after(() => sandbox.close());

  const inState = (status: string) => sandbox.store.allTickets().filter((t) => t.status === status);
  const take = (status: string) => {
    const found = inState(status)[0];
    assert.ok(found, `a seeded ticket is ${status}`);
    return found;
  };

  it('seeds hardware requests in every state of it', () => {
    for (const state of HARDWARE_WORKFLOW.states) assert.ok(inState(state.id).length >= 1, state.label);
    assert.ok(inState('Started').length > 10, 'the other tickets keep the default workflow');
  });

  it('lists its workflows in the instance, the default one first', async () => {
    const workflows = item(await call(sandbox, '/instance')).workflows as Json[];
    assert.deepEqual(workflows.map((w) => [w.id, w.name, w.isDefault]), [['default', 'Default', true], [HARDWARE_WORKFLOW.id, 'Hardware requests', false]]);
    const states = workflows[1]!.states as Json[];
    assert.deepEqual(states.map((s) => [s.id, s.label]), HARDWARE_WORKFLOW.states.map((s) => [s.id, s.label]));
  });

  it('reads a ticket of it with its label as status, its workflow, and the labels that count as resolved', async () => {
    const stored = take(HARDWARE_STATE.waiting);
    const ticket = item(await call(sandbox, `/tickets/${stored.id}`));
    assert.equal(ticket.status, 'Waiting for vendor');
    assert.equal(ticket.isCustomWorkflow, true);
    assert.deepEqual((ticket.workflow as Json[]).map((s) => s.id), HARDWARE_WORKFLOW.states.map((s) => s.id));
    assert.deepEqual(ticket.resolvedStatus, ['Delivered', 'Closed']);
    const history = items(await call(sandbox, `/tickets/${stored.id}/activities`));
    const labels = new Set(HARDWARE_WORKFLOW.states.map((s) => s.label));
    const changes = history.flatMap((a) => (a.changes as Json[]).filter((c) => c.name === 'status'));
    assert.ok(changes.length > 0 && changes.every((c) => labels.has(String(c.newValue))), 'its history names its own states');
  });

  it('moves a ticket by state id only, refusing labels and the default workflow\'s states, and filters by statusId', async () => {
    const stored = take(HARDWARE_STATE.ordered);
    for (const status of ['Waiting for vendor', 'In Progress']) {
      const refused = await call(sandbox, `/tickets/${stored.id}/status`, { method: 'PUT', body: { status, user: USER } });
      assert.equal(refused.status, 400, status);
      assert.match(String((refused.json as Json).message), /hw-waiting-for-vendor \(Waiting for vendor\)/);
    }
    const moved = await call(sandbox, `/tickets/${stored.id}/status`, { method: 'PUT', body: { status: HARDWARE_STATE.waiting, user: USER } });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(item(moved).status, 'Waiting for vendor');
    const listed = items(await call(sandbox, `/tickets?limit=100&statusId=${HARDWARE_STATE.waiting}`));
    assert.deepEqual(listed.map((t) => t.id).sort(), inState(HARDWARE_STATE.waiting).map((t) => t.id).sort());
    assert.ok(listed.some((t) => t.id === stored.id));
  });

  it('records a resolution only with its first resolved state, and counts both resolved ones as resolved', async () => {
    const stored = take(HARDWARE_STATE.new);
    const closing = await call(sandbox, `/tickets/${stored.id}/status`, { method: 'PUT', body: { status: HARDWARE_STATE.closed, resolution: 'fixed', user: USER } });
    assert.equal(closing.status, 400);
    const delivered = await call(sandbox, `/tickets/${stored.id}/status`, { method: 'PUT', body: { status: HARDWARE_STATE.delivered, resolution: 'fixed', user: USER } });
    assert.equal(delivered.status, 200, delivered.text);
    assert.equal(item(delivered).resolution, 'fixed');
    const resolved = items(await call(sandbox, '/tickets?limit=1000&isResolved=true&select=id'));
    assert.ok(resolved.some((t) => t.id === stored.id));
  });
});

describe('sandbox: no custom workflow in the documented dialect', () => {
  it('keeps every seeded ticket in the page\'s five statuses, and refuses a custom state', async () => {
    const sandbox = await startSandbox({ port: 0, dialect: 'documented' });
    try {
      const statuses = new Set(sandbox.store.allTickets().map((t) => t.status));
      assert.deepEqual([...statuses].sort(), ['Closed', 'Open', 'Reopened', 'Resolved', 'Started']);
      const ticket = sandbox.store.allTickets()[0]!;
      const refused = await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: HARDWARE_STATE.ordered, user: USER } });
      assert.equal(refused.status, 400);
      assert.equal(item(await call(sandbox, '/instance')).workflows, undefined);
    } finally {
      await sandbox.close();
    }
  });
});
