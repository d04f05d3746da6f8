/**
 * The sandbox's live dialect, over real HTTP: the service as it runs today
 * (reference/live-api-notes.md), strict, refusing the documented write forms, so that a client
 * passing against it speaks live.
 */
import assert from 'node:assert/strict';
import { AGENTS, CATEGORY, FIELD, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, item, items, REQUESTOR, USER, type CallResult, type Json } from './http.js';

const ROUTE_MISSING = { statusCode: 404, message: 'Resource not found' };

/** The live service's own error body. */
function serviceError(result: CallResult, status: number): string {
  const body = result.json as Json;
  assert.equal(result.status, status, result.text);
  assert.equal(body.error, true, result.text);
  assert.equal(body.statusCode, status);
  assert.equal(typeof body.message, 'string');
  return String(body.message);
}

describe('sandbox: the live dialect', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, rateLimit: 100_000 });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.faults.clear());

  async function newTicket(extra: Json = {}): Promise<Json> {
    const result = await call(sandbox, '/tickets', { method: 'POST', body: { ticket: { title: 'Live ticket', requestor: REQUESTOR, ...extra }, user: USER } });
    assert.equal(result.status, 200, result.text);
    return item(result);
  }

  it('is the default dialect', () => {
    assert.equal(sandbox.dialect, 'live');
  });

  it('writes tickets as live does: ticketNo, plain-text tags, the workflow\'s label and the workflow itself', async () => {
    const started = sandbox.store.allTickets().find((t) => t.status === 'Started' && t.tags.length > 0);
    assert.ok(started);
    const ticket = item(await call(sandbox, `/tickets/${started.id}`));
    assert.equal(ticket.ticketNo, started.ticketId);
    assert.equal(ticket.ticketId, undefined);
    assert.equal(ticket.status, 'In Progress');
    assert.deepEqual(ticket.tags, started.tags.map((t) => t.text));
    const workflow = ticket.workflow as Json[];
    assert.deepEqual(workflow.map((s) => s.label), ['Open', 'Reopened', 'In Progress', 'Resolved', 'Closed']);
    assert.deepEqual(ticket.resolvedStatus, ['Resolved', 'Closed']);
    const listed = items(await call(sandbox, '/tickets?limit=3&select=ticketId,status,tags'));
    assert.ok(listed.every((t) => typeof t.ticketNo === 'number' && t.ticketId === undefined));
  });

  it('answers the instance with live custom fields and people', async () => {
    const instance = item(await call(sandbox, '/instance'));
    const fields = instance.customFields as Json[];
    const category = fields.find((f) => f.id === FIELD.category)!;
    assert.equal(category.title, 'Category');
    assert.deepEqual(category.type && (category.type as Json).key, 'list');
    assert.equal(category.isMandatory, true);
    assert.equal(category.isMultiple, false);
    assert.deepEqual((category.options as Json[])[0], { key: CATEGORY.Hardware.id, text: CATEGORY.Hardware.text });
    assert.equal((fields.find((f) => f.id === FIELD.neededBy)!.type as Json).key, 'date');
    assert.equal(category.label, undefined);
    const people = (instance.assignees as Json).peoples as Json[];
    assert.deepEqual(people[0], { id: AGENTS[0]!.id, name: AGENTS[0]!.name, email: AGENTS[0]!.email });
  });

  it('takes updates as { ticket } and refuses the documented { updates }', async () => {
    const ticket = await newTicket();
    const refused = await call(sandbox, `/tickets/${ticket.id}`, { method: 'PUT', body: { updates: { priority: 'Urgent' }, user: USER } });
    assert.match(serviceError(refused, 400), /"updates" is not accepted/);
    assert.equal(sandbox.store.ticketById(String(ticket.id))?.priority, 'Medium');
    const done = await call(sandbox, `/tickets/${ticket.id}`, { method: 'PUT', body: { ticket: { priority: 'Urgent' }, user: USER } });
    assert.equal(done.status, 200, done.text);
    assert.equal(item(done).priority, 'Urgent');
  });

  it('takes comments on POST /activities only: /comments is the gateway\'s 404', async () => {
    const ticket = await newTicket();
    const missing = await call(sandbox, `/tickets/${ticket.id}/comments`, { method: 'POST', body: { comment: 'hello', user: USER } });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, ROUTE_MISSING);
    const added = await call(sandbox, `/tickets/${ticket.id}/activities`, { method: 'POST', body: { comment: 'hello', isPrivate: false, user: USER } });
    assert.equal(added.status, 201, added.text);
    const body = added.json as Json;
    assert.equal(body.error, false);
    const comment = body.item as Json;
    assert.equal(typeof comment.activityId, 'string');
    assert.equal(comment.ticketId, ticket.id);
    assert.equal(comment.ticketNo, ticket.ticketNo);
    assert.deepEqual(comment.user, USER);
    assert.equal(sandbox.store.activities(String(ticket.id))[0]?.comment, 'hello');
  });

  it('changes the status by PUT with the workflow\'s labels: In Progress, not Started; POST is the gateway\'s 404', async () => {
    const ticket = await newTicket();
    const path = `/tickets/${ticket.id}/status`;
    assert.match(serviceError(await call(sandbox, path, { method: 'PUT', body: { status: 'Started', user: USER } }), 400), /In Progress/);
    const posted = await call(sandbox, path, { method: 'POST', body: { status: 'In Progress', user: USER } });
    assert.deepEqual([posted.status, posted.json], [404, ROUTE_MISSING]);
    assert.equal(sandbox.store.ticketById(String(ticket.id))?.status, 'Open');
    const moved = await call(sandbox, path, { method: 'PUT', body: { status: 'In Progress', user: USER } });
    assert.equal(item(moved).status, 'In Progress');
    assert.equal(sandbox.store.ticketById(String(ticket.id))?.status, 'Started');
  });

  it('answers the status a ticket already has with 200 and the ticket unchanged', async () => {
    const ticket = await newTicket();
    const before = sandbox.store.activities(String(ticket.id)).length;
    const again = await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: 'Open', user: REQUESTOR } });
    assert.equal(again.status, 200);
    assert.equal(item(again).lastUpdatedOn, ticket.lastUpdatedOn);
    assert.equal(sandbox.store.activities(String(ticket.id)).length, before);
  });

  it('lists activities with `changes` and no `type`', async () => {
    const ticket = await newTicket();
    await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: 'Resolved', resolution: 'fixed', user: USER } });
    const [change] = items(await call(sandbox, `/tickets/${ticket.id}/activities`));
    assert.ok(change);
    assert.equal(change.type, undefined);
    assert.deepEqual(change.changes, [
      { name: 'status', oldValue: 'Open', newValue: 'Resolved' },
      { name: 'resolution', oldValue: null, newValue: 'fixed' },
    ]);
  });

  it('filters `status` by resolved/unresolved only, and exact states by statusId (ids are the labels)', async () => {
    const unresolved = items(await call(sandbox, '/tickets?status=unresolved&limit=50'));
    assert.ok(unresolved.length > 0 && unresolved.every((t) => !['Resolved', 'Closed'].includes(String(t.status))));
    const inProgress = items(await call(sandbox, `/tickets?statusId=${encodeURIComponent('In Progress')}&limit=50`));
    assert.ok(inProgress.length > 0 && inProgress.every((t) => t.status === 'In Progress'));
    serviceError(await call(sandbox, '/tickets?status=Open'), 400);
    serviceError(await call(sandbox, '/tickets?statusId=started'), 400);
  });

  it('ignores the priority on create (S3 sets it with an update after)', async () => {
    const ticket = await newTicket({ priority: 'Urgent' });
    assert.equal(ticket.priority, 'Medium');
  });

  for (const [what, extra] of [
    ['a toggle sent as "true"', { customFields: { [FIELD.vip]: 'true' } }],
    ['a list value not among its options', { customFields: { [FIELD.category]: ['not-an-option'] } }],
    ['a date-time expectedDate with custom fields', { expectedDate: '2026-12-01T10:00:00Z', customFields: { [FIELD.vip]: true } }],
  ] as const) {
    it(`answers a create with ${what} 200 with no ticket, and creates nothing`, async () => {
      const before = sandbox.store.allTickets().length;
      const result = await call(sandbox, '/tickets', { method: 'POST', body: { ticket: { title: 'Dropped', requestor: REQUESTOR, ...extra }, user: USER } });
      assert.equal(result.status, 200);
      assert.equal((result.json as Json).item, undefined);
      assert.equal(sandbox.store.allTickets().length, before);
    });
  }

  it('answers keys, rate limit and missing routes as the gateway does, the rest as the service does', async () => {
    const noKey = await call(sandbox, '/tickets', { key: 'none' });
    assert.equal(noKey.status, 401);
    assert.deepEqual(Object.keys(noKey.json as Json).sort(), ['message', 'statusCode']);
    assert.match(String((noKey.json as Json).message), /missing subscription key/);
    const badKey = await call(sandbox, '/tickets', { key: { literal: 'wrong' } });
    assert.match(String((badKey.json as Json).message), /invalid subscription key/);
    assert.deepEqual((await call(sandbox, '/nowhere')).json, ROUTE_MISSING);
    serviceError(await call(sandbox, '/tickets/00000000-0000-4000-8000-000000000000'), 404);
    serviceError(await call(sandbox, '/tickets', { method: 'POST', key: 'secondary', body: {} }), 403);

    sandbox.setRateLimit(1, 60);
    try {
      await call(sandbox, '/tags');
      const limited = await call(sandbox, '/tags');
      assert.equal(limited.status, 429);
      const seconds = limited.headers.get('retry-after');
      assert.ok(seconds);
      assert.deepEqual(limited.json, { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` });
    } finally {
      sandbox.setRateLimit(100_000, 60);
    }
  });
});
