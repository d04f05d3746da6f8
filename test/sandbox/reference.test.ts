import assert from 'node:assert/strict';
import { CUSTOM_FIELD_TYPES } from '../../src/ticketing/types.js';
import { AGENTS, BASE_PATH, PEOPLE, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, errorCode, item, items, type Json } from './http.js';

describe('sandbox: instance, tags, single tickets and unknown routes', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ dialect: 'documented', port: 0, rateLimit: 100_000 });
  });
  after(() => sandbox.close());

  it('answers GET /instance with the IInstance: custom fields of every kind, split left and right, and custom assignees', async () => {
    const result = await call(sandbox, '/instance?timezone=0');
    assert.equal(result.status, 200);
    assert.match(result.headers.get('content-type') ?? '', /application\/json/);
    const instance = item(result);
    assert.equal(instance.name, 'Contoso IT Helpdesk');
    const fields = instance.customFields as Json[];
    for (const type of CUSTOM_FIELD_TYPES) assert.ok(fields.some((f) => f.type === type), type);
    assert.ok(fields.some((f) => f.type === 'itempicker' && f.multiple === true));
    assert.ok(fields.some((f) => f.type === 'itempicker' && f.multiple === false));
    for (const field of fields) assert.match(String(field.id), /^[0-9a-f-]{36}$/);
    const split = [...(instance.customFieldsLeft as Json[]), ...(instance.customFieldsRight as Json[])].map((f) => f.id).sort();
    assert.deepEqual(split, fields.map((f) => f.id).sort());
    const assignees = instance.assignees as { type: string; peoples: Json[] };
    assert.equal(assignees.type, 'customAssignee');
    assert.deepEqual(assignees.peoples.map((p) => p.secondaryText), AGENTS.map((a) => a.email));
  });

  it('keeps the playground users Adele Vance and Alex Wilber, Alex as a requestor and an assignee', () => {
    const adele = { id: '00000000-0000-0000-0000-0000000000a1', name: 'Adele Vance', email: 'adele.vance@contoso.com' };
    const alex = { id: '00000000-0000-0000-0000-0000000000a2', name: 'Alex Wilber', email: 'alex.wilber@contoso.com' };
    assert.deepEqual(PEOPLE.filter((p) => p.id === adele.id || p.id === alex.id), [adele, alex]);
    assert.ok(AGENTS.some((a) => a.id === adele.id) && AGENTS.some((a) => a.id === alex.id));
    const tickets = sandbox.store.allTickets();
    assert.ok(tickets.some((t) => t.requestor.id === alex.id));
    assert.ok(tickets.some((t) => t.assignee?.id === alex.id));
    assert.ok(tickets.some((t) => t.assignee?.id === adele.id));
  });

  it('answers GET /tags with ITagCategory items, some tags deleted', async () => {
    const categories = items(await call(sandbox, '/tags'));
    assert.ok(categories.length >= 3);
    for (const category of categories) {
      assert.deepEqual(Object.keys(category).sort(), ['color', 'deleted', 'id', 'instanceId', 'tags', 'text']);
      for (const tag of category.tags as Json[]) assert.deepEqual(Object.keys(tag).sort(), ['deleted', 'text']);
    }
    const live = categories.filter((c) => c.deleted === false);
    assert.ok(live.length >= 3);
    assert.ok(live.every((c) => (c.tags as Json[]).some((t) => t.deleted === true)));
  });

  it('answers GET /tickets/{id} with the full ticket, its number as ticketId', async () => {
    const stored = sandbox.store.ticketByNumber(42);
    assert.ok(stored);
    const ticket = item(await call(sandbox, `/tickets/${stored.id}?timezone=3`));
    assert.deepEqual(ticket, stored);
    assert.equal(ticket.ticketId, 42);
    assert.ok(!('number' in ticket), 'the number is named ticketId only');
    assert.equal(item(await call(sandbox, `/tickets/${stored.id.toUpperCase()}`)).id, stored.id, 'ids are case-insensitive');
  });

  it('answers 404 TicketNotFound for an unknown or malformed ticket id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'abc', '%E0%A4%A', '42']) {
      const result = await call(sandbox, `/tickets/${id}`);
      assert.equal(result.status, 404, id);
      assert.equal(errorCode(result), 'TicketNotFound');
    }
  });

  it('answers 404 NotFound with the error body for any other route or method', async () => {
    const cases: [string, string][] = [
      ['GET', '/nothing'], ['DELETE', '/tickets'], ['PATCH', `/tickets/${sandbox.store.allTickets()[0]?.id}`],
      ['GET', '/tickets/x/y/z'], ['GET', ''], ['POST', '/instance'],
    ];
    for (const [method, path] of cases) {
      const result = await call(sandbox, path, { method });
      assert.equal(result.status, 404, `${method} ${path}`);
      assert.equal(errorCode(result), 'NotFound');
    }
  });

  it('answers 404 NotFound outside the base path, and does not record it', async () => {
    sandbox.requests.length = 0;
    const origin = new URL(sandbox.baseUrl).origin;
    for (const path of ['/', '/tickets', `${BASE_PATH}x/tickets`, '/ticketing/v2/tickets']) {
      const response = await fetch(`${origin}${path}?key=${sandbox.primaryKey}`);
      assert.equal(response.status, 404, path);
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'NotFound');
    }
    assert.deepEqual(sandbox.requests, []);
  });

  it('survives hostile input: odd URLs, bodies and headers all get a JSON answer', async () => {
    const id = sandbox.store.allTickets()[0]?.id ?? '';
    const attempts: [string, string, string | undefined][] = [
      ['GET', '/tickets?search=%ZZ&title=%', undefined],
      ['GET', `/tickets?select=${'id,'.repeat(2000)}id`, undefined],
      ['POST', '/tickets', '\u0000\u0001'],
      ['POST', '/tickets', '{"ticket": {"title": "t", "requestor": {"id": "1", "name": "n", "email": "e"}, "__proto__": {"x": 1}}, "user": null}'],
      ['PUT', `/tickets/${id}`, 'null'],
      ['POST', `/tickets/${id}/comments`, '{"comment": {"nested": true}, "user": []}'],
      ['POST', `/tickets/${id}/status`, '[]'],
    ];
    for (const [method, path, body] of attempts) {
      const result = await call(sandbox, path, { method, ...(body !== undefined ? { body } : {}) });
      assert.ok(result.status === 200 || result.status === 400, `${method} ${path}: ${result.status}`);
      assert.ok(result.json !== undefined);
    }
    assert.equal((await call(sandbox, '/tags')).status, 200, 'still serving');
  });
});
