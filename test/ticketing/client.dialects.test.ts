/**
 * The client set for the live dialect against the sandbox's live dialect (strict: it refuses the
 * documented forms), and a client set for the documented dialect meeting the live service.
 */
import assert from 'node:assert/strict';
import { AGENTS, CATEGORY, FIELD, PEOPLE, type Sandbox } from '../../src/sandbox/index.js';
import { instanceAgents, instanceFields } from '../../src/ticketing/instance.js';
import {
  isNotFound, isTicketingError, type NewTicket, type TicketingError,
} from '../../src/ticketing/index.js';
import { isRouteMissing } from '../../src/ticketing/errors.js';
import { ACTOR, clientFor, reset, sandbox } from './support.js';

const kind = (expected: TicketingError['kind']) => (e: unknown) => {
  assert.ok(isTicketingError(e), String(e));
  assert.equal(e.kind, expected, e.message);
  return true;
};

describe('ticketing client, live dialect against the live sandbox', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox({ dialect: 'live' });
  });
  after(() => sb.close());
  beforeEach(() => reset(sb));

  const draft = (extra: Partial<NewTicket> = {}): NewTicket => ({ title: 'Live client', requestor: ACTOR, ...extra });

  it('is the default dialect', () => {
    assert.equal(clientFor(sb, { dialect: undefined }).dialect, 'live');
  });

  it('creates, then sets the priority live ignored on create: two calls, the ticket as asked', async () => {
    const client = clientFor(sb);
    const ticket = await client.createTicket(draft({ priority: 'Urgent' }), ACTOR);
    assert.equal(ticket.priority, 'Urgent');
    assert.equal(sb.store.ticketById(ticket.id)?.priority, 'Urgent');
    assert.deepEqual(sb.requests.map((r) => `${r.method} ${r.path.replace(ticket.id, ':id')}`), ['POST /tickets', 'PUT /tickets/:id']);
    assert.deepEqual(sb.requests[1]?.body, { ticket: { priority: 'Urgent' }, user: ACTOR });
  });

  it('creates with one call when the priority is the one live gives (Medium) or none is asked', async () => {
    const client = clientFor(sb);
    await client.createTicket(draft({ priority: 'Medium' }), ACTOR);
    await client.createTicket(draft(), ACTOR);
    assert.deepEqual(sb.requests.map((r) => r.method), ['POST', 'POST'], 'no update after either');
  });

  it('refuses custom values live would drop, before sending anything', async () => {
    const client = clientFor(sb);
    await client.getInstance();
    reset(sb);
    const bad: Array<[string, NewTicket['customFields']]> = [
      ['a toggle as text', { [FIELD.vip]: 'true' }],
      ['a list value not among its options', { [FIELD.category]: ['nope'] }],
      ['two values for a single list', { [FIELD.category]: [CATEGORY.Hardware.id, CATEGORY.Software.id] }],
      ['a date-time for a date', { [FIELD.neededBy]: '2026-12-05T10:00:00Z' }],
      ['someone not of the instance', { [FIELD.affectedUser]: [{ id: 'x', name: 'Mallory', email: 'm@evil.example' }] }],
      ['a field the instance does not have', { 'no-such-field': 'x' }],
    ];
    for (const [what, customFields] of bad) {
      await assert.rejects(client.createTicket(draft({ customFields }), ACTOR), kind('invalidInput'), what);
    }
    assert.deepEqual(sb.requests, [], 'nothing sent');
    const ok = await client.createTicket(draft({ customFields: { [FIELD.vip]: true, [FIELD.category]: [CATEGORY.Hardware.id], [FIELD.neededBy]: '2026-12-05', [FIELD.affectedUser]: [AGENTS[0]!] } }), ACTOR);
    assert.deepEqual(sb.store.ticketById(ok.id)?.customFields[FIELD.vip], true);
  });

  it('updates with { ticket }, changes status with the workflow\'s label, comments on /activities', async () => {
    const client = clientFor(sb);
    const ticket = await client.createTicket(draft(), ACTOR);
    reset(sb);
    await client.updateTicket(ticket.id, { title: 'Renamed' }, ACTOR);
    assert.deepEqual(sb.requests[0]?.body, { ticket: { title: 'Renamed' }, user: ACTOR });
    const started = await client.changeStatus(ticket.id, { status: 'In Progress' }, ACTOR);
    assert.equal(started.status, 'In Progress');
    await assert.rejects(client.changeStatus(ticket.id, { status: 'Started' }, ACTOR), (e: unknown) => isTicketingError(e) && e.status === 400);
    const comment = await client.addComment(ticket.id, 'On it', ACTOR);
    assert.equal(sb.requests.at(-1)?.path, `/tickets/${ticket.id}/activities`);
    assert.equal(comment.id, sb.store.activities(ticket.id)[0]?.id, 'the id from activityId');
    assert.deepEqual(comment.createdBy, ACTOR, 'the author from the live item\'s user');
  });

  it('reads a live ticket: number, plain-text tags, workflow and resolved states', async () => {
    const wire = sb.store.allTickets().find((t) => t.tags.length > 0 && t.status === 'Started')!;
    const ticket = await clientFor(sb).getTicket(wire.id);
    assert.equal(ticket.number, wire.ticketId);
    assert.equal(ticket.status, 'In Progress');
    assert.deepEqual(ticket.tags, wire.tags.map((t) => ({ text: t.text })));
    assert.deepEqual(ticket.workflow?.map((s) => s.id), ['Open', 'Reopened', 'In Progress', 'Resolved', 'Closed']);
    assert.deepEqual(ticket.workflow?.[0]?.next, ['Reopened', 'In Progress', 'Resolved', 'Closed']);
    assert.deepEqual(ticket.resolvedStatus, ['Resolved', 'Closed']);
  });

  it('reads live activities: a `changes` entry for the status makes a status change', async () => {
    const client = clientFor(sb);
    const ticket = await client.createTicket(draft(), ACTOR);
    await client.changeStatus(ticket.id, { status: 'Resolved', resolution: 'cancelled', comment: 'Duplicate' }, ACTOR);
    await client.addComment(ticket.id, 'Closing note', ACTOR);
    const [comment, change] = await client.listActivities(ticket.id);
    assert.deepEqual([comment?.type, comment?.comment], ['comment', 'Closing note']);
    assert.deepEqual([change?.type, change?.previousStatus, change?.status, change?.resolution, change?.comment], ['status', 'Open', 'Resolved', 'cancelled', 'Duplicate']);
  });

  it('reads the live instance: labelled custom fields of known kinds, options, and people with emails', async () => {
    const instance = await clientFor(sb).getInstance();
    const fields = instanceFields(instance);
    const byId = (id: string) => fields.find((f) => f.id === id)!;
    assert.deepEqual(byId(FIELD.category), {
      id: FIELD.category, type: 'itempicker', label: 'Category', required: true, multiple: false,
      options: Object.values(CATEGORY).map((o) => ({ id: o.id, text: o.text })),
    });
    assert.equal(byId(FIELD.neededBy).type, 'datepicker');
    assert.equal(byId(FIELD.vip).type, 'toggle');
    assert.deepEqual(instanceAgents(instance), AGENTS);
    assert.ok(PEOPLE.length >= AGENTS.length);
  });

  it('rejects a write answered without its object as unconfirmed, for update, status and comment', async () => {
    const client = clientFor(sb);
    const ticket = await client.createTicket(draft(), ACTOR);
    for (const write of [
      () => client.updateTicket(ticket.id, { title: 'x' }, ACTOR),
      () => client.changeStatus(ticket.id, { status: 'In Progress' }, ACTOR),
      () => client.addComment(ticket.id, 'x', ACTOR),
    ]) {
      sb.faults.inject({ kind: 'emptySuccess' });
      await assert.rejects(write(), kind('unconfirmed'));
    }
    assert.equal(sb.store.ticketById(ticket.id)?.title, 'Live client');
  });
});

describe('ticketing client, documented dialect meeting the live service', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox({ dialect: 'live' });
  });
  after(() => sb.close());

  it('reads the gateway\'s 404 for /comments as a missing route, never as a missing ticket', async () => {
    const client = clientFor(sb, { dialect: 'documented' });
    const [ticket] = (await client.listTickets({ limit: 1 })).items;
    assert.ok(ticket);
    await assert.rejects(client.addComment(ticket.id, 'hello', ACTOR), (e: unknown) => {
      assert.ok(isRouteMissing(e));
      assert.ok(!isNotFound(e));
      assert.ok(isTicketingError(e) && !/No such ticket/.test(e.message), 'not "no such ticket"');
      return true;
    });
    await assert.rejects(client.getTicket('00000000-0000-4000-8000-000000000000'), (e: unknown) => isNotFound(e));
  });
});
