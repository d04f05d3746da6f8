/** Every endpoint, through the client, against the sandbox over loopback HTTP. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AGENTS, CATEGORY, FIELD, PEOPLE, TAG_CATEGORY, type Sandbox } from '../../src/sandbox/index.js';
import {
  isConflict, isInvalidInput, isNotFound, isReadOnly, isTicketingError, type NewTicket, type StatusChange, type TicketingClient,
} from '../../src/ticketing/index.js';
import { ACTOR, clientFor, reset, sandbox, storeTicket, storeTickets } from './support.js';

describe('ticketing client: every endpoint against the sandbox', () => {
  let sb: Sandbox;
  before(async () => { sb = await sandbox(); });
  after(async () => { await sb.close(); });
  beforeEach(() => reset(sb));

  const requestor = PEOPLE[3] ?? ACTOR;
  const agent = AGENTS[0] ?? ACTOR;
  const newTicket = (title: string): NewTicket => ({
    title, requestor, description: 'The printer on floor 3 jams.', priority: 'Important', assignee: agent,
    expectedDate: '2026-11-20T17:00:00Z',
    tags: [{ tagCategoryId: TAG_CATEGORY.product, text: 'Printers' }],
    customFields: { [FIELD.category]: [CATEGORY.Hardware.id], [FIELD.vip]: true, [FIELD.assetTag]: 'PR-0042' },
  });

  /** Runs every endpoint once, checking each answer against the sandbox's own state. */
  async function exerciseAll(client: TicketingClient): Promise<void> {
    const page = await client.listTickets();
    const newest = storeTickets(sb).sort((a, b) => (b.createdOn ?? '').localeCompare(a.createdOn ?? '') || (b.number ?? 0) - (a.number ?? 0));
    assert.deepEqual(page.items.map((t) => t.number), newest.slice(0, 10).map((t) => t.number), 'ten newest first');
    assert.ok(page.continuationToken, 'more pages');

    const someone = page.items[0];
    assert.ok(someone);
    assert.deepEqual(await client.getTicket(someone.id), storeTicket(sb, someone.id), 'every field read back');

    const created = await client.createTicket(newTicket(`Printer jam ${randomUUID()}`), ACTOR, { timezone: 9 });
    assert.ok(created, 'the sandbox answers the new ticket');
    assert.deepEqual(created, storeTicket(sb, created.id));
    assert.equal(created.expectedDate, '2026-11-21', 'the day at the caller\'s timezone, sent as YYYY-MM-DD');
    assert.equal(created.status, 'Open');

    const updated = await client.updateTicket(created.id, { title: 'Printer jam (floor 3)', priority: 'Urgent' }, ACTOR);
    assert.equal(updated.title, 'Printer jam (floor 3)');
    assert.equal(storeTicket(sb, created.id)?.priority, 'Urgent');

    const resolved = await client.changeStatus(created.id, { status: 'Resolved', resolution: 'fixed', comment: 'New roller.' }, ACTOR);
    assert.deepEqual([resolved.status, resolved.resolution, resolved.lastResolutionComment], ['Resolved', 'fixed', 'New roller.']);

    const comment = await client.addComment(created.id, 'Thanks!', ACTOR);
    assert.deepEqual([comment.ticketId, comment.comment, comment.createdBy], [created.id, 'Thanks!', ACTOR]);

    const activities = await client.listActivities(created.id);
    assert.deepEqual(activities, sb.store.activities(created.id));
    assert.deepEqual(activities.map((a) => a.type), ['comment', 'status']);

    client.invalidateCache();
    assert.deepEqual(await client.getInstance(), sb.store.instance());
    assert.deepEqual(await client.getTags(), sb.store.tagCategories());
  }

  it('with both keys: reads go with the read-only key, writes with the read/write key', async () => {
    const client = clientFor(sb);
    assert.equal(client.canWrite, true);
    await exerciseAll(client);
    const seen = sb.requests.map((r) => `${r.method} ${r.keyKind} ${r.status}`);
    assert.ok(sb.requests.length >= 9);
    for (const r of sb.requests) {
      assert.equal(r.keyKind, r.method === 'GET' ? 'secondary' : 'primary', seen.join('\n'));
      assert.ok(r.status >= 200 && r.status < 300, seen.join('\n'));
    }
  });

  it('says what busy copies need: the limit (a copy), whether reads share the write key, and the reads free now', async () => {
    const limit = { limit: 5, windowMs: 60_000 };
    const both = clientFor(sb, { rateLimit: limit });
    const shown = both.rateLimit;
    shown.limit = 1;
    assert.deepEqual(both.rateLimit, limit, 'changing what it gave changes nothing');
    assert.equal(both.readsShareWriteKey, false);
    assert.equal(both.freeReads(), 5);
    const [first] = (await both.listTickets({ limit: 1 })).items;
    assert.ok(first);
    assert.equal(both.freeReads(), 4, 'a read holds its slot for the window');
    await both.addComment(first.id, 'on the other key', ACTOR);
    assert.equal(both.freeReads(), 4, 'a write spends the read/write key, not the read key');

    const one = clientFor(sb, { rateLimit: limit, readOnlyKey: undefined });
    assert.equal(one.readsShareWriteKey, true);
    await one.addComment(first.id, 'on the shared key', ACTOR);
    assert.equal(one.freeReads(), 4, 'with one key, a write spends a read\'s turn');
  });

  it('writes a tag whose text holds a comma as given (the form offers such tags; only the list filter cannot)', async () => {
    const client = clientFor(sb);
    const tags = [{ tagCategoryId: sb.store.tagCategories()[0]?.id ?? 'category', text: 'Sales, EMEA' }];
    const created = await client.createTicket({ ...newTicket('comma tag'), tags }, ACTOR);
    assert.ok(created);
    assert.deepEqual(sb.store.ticketById(created.id)?.tags, tags);
  });

  it('with only the read/write key: it is used for reads and writes', async () => {
    const client = clientFor(sb, { readOnlyKey: undefined });
    await exerciseAll(client);
    assert.deepEqual([...new Set(sb.requests.map((r) => r.keyKind))], ['primary']);
  });

  it('with only the read-only key: reads work, and every write fails at once as readOnly without a request', async () => {
    const client = clientFor(sb, { apiKey: undefined });
    assert.equal(client.canWrite, false);
    const before = sb.store.size;
    const [first] = (await client.listTickets({ limit: 1 })).items;
    assert.ok(first);
    reset(sb);
    const writes: Promise<unknown>[] = [
      client.createTicket(newTicket('never sent'), ACTOR),
      client.updateTicket(first.id, { title: 'never sent' }, ACTOR),
      client.changeStatus(first.id, { status: 'Started' }, ACTOR),
      client.addComment(first.id, 'never sent', ACTOR),
    ];
    for (const write of writes) {
      await assert.rejects(write, (e: unknown) => {
        assert.ok(isReadOnly(e));
        assert.equal(e.status, undefined);
        return true;
      });
    }
    assert.equal(sb.requests.length, 0, 'no request reached the service');
    assert.equal(sb.store.size, before);
    assert.equal(storeTicket(sb, first.id)?.title, first.title);
  });

  it('sends `timezone` on list, get, create, update, status and instance (call option, else the default) and not elsewhere; custom values are checked against the instance (default zone, cached) first', async () => {
    const client = clientFor(sb, { timezoneDefault: -3 });
    const [first] = (await client.listTickets({ limit: 1 }, { timezone: 5 })).items;
    assert.ok(first);
    await client.getTicket(first.id);
    const created = await client.createTicket(newTicket('tz'), ACTOR, { timezone: 14 });
    assert.ok(created);
    await client.updateTicket(created.id, { title: 'tz 2' }, ACTOR, { timezone: -12 });
    await client.changeStatus(created.id, { status: 'Started' }, ACTOR);
    await client.listActivities(created.id, { timezone: 1 });
    await client.addComment(created.id, 'c', ACTOR, { timezone: 1 });
    await client.getInstance({ timezone: 2 });
    await client.getTags({ timezone: 1 });
    assert.deepEqual(sb.requests.map((r) => `${r.method} ${r.path.replace(created.id, ':id').replace(first.id, ':id')} ${r.query.timezone ?? '-'}`), [
      'GET /tickets 5',
      'GET /tickets/:id -3',
      'GET /instance -3',
      'POST /tickets 14',
      'PUT /tickets/:id -12',
      'PUT /tickets/:id/status -3',
      'GET /tickets/:id/activities -',
      'POST /tickets/:id/comments -',
      'GET /instance 2',
      'GET /tags -',
    ]);
  });

  it('maps an unknown ticket to a 404 error with the API code, and a conflicting status change to 409', async () => {
    const client = clientFor(sb);
    await assert.rejects(client.getTicket(randomUUID()), (e: unknown) => {
      assert.ok(isNotFound(e));
      assert.equal(e.code, 'TicketNotFound');
      return true;
    });
    const created = await client.createTicket(newTicket('conflict'), ACTOR);
    assert.ok(created);
    await assert.rejects(client.changeStatus(created.id, { status: 'Open' }, ACTOR), (e: unknown) => {
      assert.ok(isConflict(e));
      assert.equal(e.code, 'InvalidTransition');
      return true;
    });
  });

  it('lists with a select of flattened fields, as the seed\'s example does, and keeps what they say', async () => {
    const client = clientFor(sb);
    const page = await client.listTickets({ select: ['id', 'ticketId', 'title', 'requestorName', 'requestorEmail'], limit: 3 });
    assert.equal(page.items.length, 3);
    for (const t of page.items) {
      const stored = sb.store.ticketById(t.id)!;
      assert.deepEqual(t.requestor, { id: '', name: stored.requestor.name, email: stored.requestor.email });
    }
  });

  it('refuses, when made, a base URL it could not use safely: not http(s), a query, a fragment, a user name or password', () => {
    for (const baseUrl of ['not a url', 'ftp://x/ticketing/v1', 'https://x/v1?key=k', 'https://x/v1#top', 'https://user:s3cret@x/v1', 'https://user@x/v1']) {
      assert.throws(() => clientFor(sb, { baseUrl }), (e: unknown) => {
        assert.ok(isTicketingError(e) && e.kind === 'invalidInput', `${baseUrl}: ${String(e)}`);
        assert.ok(!e.message.includes('s3cret'), 'the password is not echoed');
        return true;
      });
    }
  });

  it('refuses an id that is not a UUID before any request', async () => {
    const client = clientFor(sb);
    for (const id of ['1234', '../instance', `${randomUUID()}/status`, '']) {
      await assert.rejects(client.getTicket(id), (e: unknown) => isInvalidInput(e));
      await assert.rejects(client.addComment(id, 'x', ACTOR), (e: unknown) => isInvalidInput(e));
    }
    assert.equal(sb.requests.length, 0);
  });

  it('refuses bad input to a write before any request', async () => {
    const client = clientFor(sb);
    const [first] = storeTickets(sb);
    assert.ok(first);
    await assert.rejects(client.createTicket({ ...newTicket('x'), expectedDate: 'tomorrow' }, ACTOR), (e: unknown) => isInvalidInput(e));
    await assert.rejects(client.changeStatus(first.id, { status: 'Resolved', resolution: 'done' } as unknown as StatusChange, ACTOR), (e: unknown) => isInvalidInput(e));
    await assert.rejects(client.addComment(first.id, '  ', ACTOR), (e: unknown) => isInvalidInput(e));
    await assert.rejects(client.listTickets({ limit: 1001 }), (e: unknown) => isTicketingError(e) && e.kind === 'invalidInput');
    assert.equal(sb.requests.length, 0);
  });
});
