import assert from 'node:assert/strict';
import { CATEGORY, FIELD, startSandbox, SYSTEM, TAG_CATEGORY, type Sandbox } from '../../src/sandbox/index.js';
import { call, errorCode, errorMessage, item, items, REQUESTOR, USER, type Json } from './http.js';

const AGENT = { id: '00000000-0000-0000-0000-0000000000a2', name: 'Alex Wilber', email: 'alex.wilber@contoso.com' };

describe('sandbox: writes', () => {
  let sandbox: Sandbox;
  let clock: Date;
  const tick = (minutes = 1): Date => (clock = new Date(clock.getTime() + minutes * 60_000));

  beforeEach(async () => {
    clock = new Date('2026-11-20T08:00:00Z');
    sandbox = await startSandbox({ dialect: 'documented', port: 0, rateLimit: 100_000, now: () => clock });
  });
  afterEach(() => sandbox.close());

  const create = (ticket: Json, user: unknown = USER, query = '') =>
    call(sandbox, `/tickets${query}`, { method: 'POST', body: { ticket, user } });

  async function newTicket(extra: Json = {}): Promise<Json> {
    const result = await create({ title: 'Docking station is dead', requestor: REQUESTOR, ...extra }, REQUESTOR);
    assert.equal(result.status, 201, result.text);
    return item(result);
  }

  describe('POST /tickets', () => {
    it('creates the seed\'s minimal ticket: 201, the next number, Open, Medium, createdBy the user', async () => {
      const highest = Math.max(...sandbox.store.allTickets().map((t) => t.ticketId));
      const result = await create({ title: 'My first ticket', requestor: REQUESTOR }, USER, '?timezone=0');
      assert.equal(result.status, 201);
      const ticket = item(result);
      assert.equal(ticket.ticketId, highest + 1);
      assert.equal(ticket.status, 'Open');
      assert.equal(ticket.priority, 'Medium');
      assert.deepEqual(ticket.requestor, REQUESTOR);
      assert.deepEqual(ticket.createdBy, USER);
      assert.deepEqual(ticket.lastUpdatedBy, USER);
      assert.equal(ticket.createdOn, clock.toISOString());
      assert.match(String(ticket.id), /^[0-9a-f-]{36}$/);
      assert.deepEqual(sandbox.store.ticketById(String(ticket.id)), ticket);
      const second = item(await create({ title: 'Another', requestor: REQUESTOR }));
      assert.equal(second.ticketId, highest + 2);
    });

    it('creates the seed\'s full example with every custom field kind', async () => {
      const customFields = {
        [FIELD.affectedUser]: [AGENT],
        [FIELD.affectedSystems]: [SYSTEM.vpn.id, SYSTEM.teams.id],
        [FIELD.stepsToReproduce]: 'long text area\nbla bla bla',
        [FIELD.assetTag]: 'CT-LAP-12345',
        [FIELD.vip]: true,
        [FIELD.category]: [CATEGORY.Network.id],
        [FIELD.neededBy]: '2026-12-01T17:00:00Z',
      };
      const tags = [{ tagCategoryId: TAG_CATEGORY.product, text: 'VPN' }, { tagCategoryId: TAG_CATEGORY.product, text: 'my tag' }];
      const ticket = await newTicket({
        description: 'ticket description\nline 1\nline 2', priority: 'Urgent', assignee: AGENT,
        expectedDate: '2026-12-01', customFields, tags,
      });
      assert.deepEqual(ticket.customFields, customFields);
      assert.deepEqual(ticket.tags, tags);
      assert.deepEqual(ticket.assignee, AGENT);
      assert.equal(ticket.priority, 'Urgent');
      assert.equal(ticket.expectedDate, '2026-12-01');
      const product = sandbox.store.tagCategories().find((c) => c.id === TAG_CATEGORY.product);
      assert.ok(product?.tags.some((t) => t.text === 'my tag'), 'a new tag joins its category');
    });

    it('stores a date-time expectedDate as the caller\'s calendar day', async () => {
      assert.equal((await newTicket({ expectedDate: '2026-12-01T17:00:00Z' })).expectedDate, '2026-12-01');
      const late = await create({ title: 't', requestor: REQUESTOR, expectedDate: '2026-12-01T17:00:00Z' }, USER, '?timezone=8');
      assert.equal(item(late).expectedDate, '2026-12-02');
    });

    const invalid: [string, unknown, string, string][] = [
      ['a missing title', { ticket: { requestor: REQUESTOR }, user: USER }, 'MissingField', 'ticket.title'],
      ['a blank title', { ticket: { title: '  ', requestor: REQUESTOR }, user: USER }, 'MissingField', 'ticket.title'],
      ['a title over 255 characters', { ticket: { title: 'x'.repeat(256), requestor: REQUESTOR }, user: USER }, 'InvalidParameter', 'ticket.title'],
      ['a missing requestor', { ticket: { title: 't' }, user: USER }, 'MissingField', 'ticket.requestor'],
      ['a requestor without email', { ticket: { title: 't', requestor: { id: '1', name: 'n' } }, user: USER }, 'MissingField', 'ticket.requestor.email'],
      ['a missing user', { ticket: { title: 't', requestor: REQUESTOR } }, 'MissingField', 'user'],
      ['a missing ticket', { user: USER }, 'MissingField', 'ticket'],
      ['a bad priority', { ticket: { title: 't', requestor: REQUESTOR, priority: 'High' }, user: USER }, 'InvalidParameter', 'ticket.priority'],
      ['a status', { ticket: { title: 't', requestor: REQUESTOR, status: 'Started' }, user: USER }, 'InvalidParameter', 'status'],
      ['an assignee that is not a user', { ticket: { title: 't', requestor: REQUESTOR, assignee: 'Alex' }, user: USER }, 'InvalidParameter', 'ticket.assignee'],
      ['a bad expectedDate', { ticket: { title: 't', requestor: REQUESTOR, expectedDate: 'next week' }, user: USER }, 'InvalidParameter', 'ticket.expectedDate'],
      ['a toggle given a string', { ticket: { title: 't', requestor: REQUESTOR, customFields: { [FIELD.vip]: 'yes' } }, user: USER }, 'InvalidParameter', FIELD.vip],
      ['a people picker given a string', { ticket: { title: 't', requestor: REQUESTOR, customFields: { [FIELD.affectedUser]: 'Alex' } }, user: USER }, 'InvalidParameter', FIELD.affectedUser],
      ['an item picker given another field\'s option', { ticket: { title: 't', requestor: REQUESTOR, customFields: { [FIELD.category]: [SYSTEM.vpn.id] } }, user: USER }, 'InvalidParameter', FIELD.category],
      ['two options on a single item picker', { ticket: { title: 't', requestor: REQUESTOR, customFields: { [FIELD.category]: [CATEGORY.Network.id, CATEGORY.Access.id] } }, user: USER }, 'InvalidParameter', FIELD.category],
      ['a date picker given a word', { ticket: { title: 't', requestor: REQUESTOR, customFields: { [FIELD.neededBy]: 'soon' } }, user: USER }, 'InvalidParameter', FIELD.neededBy],
      ['an unknown custom field', { ticket: { title: 't', requestor: REQUESTOR, customFields: { '00000000-0000-0000-0000-00000000dead': 'x' } }, user: USER }, 'InvalidParameter', '00000000-0000-0000-0000-00000000dead'],
      ['customFields that are not an object', { ticket: { title: 't', requestor: REQUESTOR, customFields: [] }, user: USER }, 'InvalidParameter', 'ticket.customFields'],
      ['a tag of an unknown category', { ticket: { title: 't', requestor: REQUESTOR, tags: [{ tagCategoryId: 'nope', text: 'x' }] }, user: USER }, 'InvalidParameter', 'tagCategoryId'],
      ['a tag of a deleted category', { ticket: { title: 't', requestor: REQUESTOR, tags: [{ tagCategoryId: TAG_CATEGORY.legacy, text: 'x' }] }, user: USER }, 'InvalidParameter', 'tagCategoryId'],
      ['tags that are not a list', { ticket: { title: 't', requestor: REQUESTOR, tags: 'VPN' }, user: USER }, 'InvalidParameter', 'ticket.tags'],
      ['an unknown field', { ticket: { title: 't', requestor: REQUESTOR, colour: 'red' }, user: USER }, 'InvalidParameter', 'ticket.colour'],
      ['malformed JSON', '{"ticket": {"title": ', 'MalformedBody', 'JSON'],
      ['an array body', [{ ticket: { title: 't', requestor: REQUESTOR }, user: USER }], 'MalformedBody', 'object'],
      ['an empty body', '', 'MalformedBody', 'empty'],
      ['a JSON string body', '"ticket"', 'MalformedBody', 'object'],
    ];
    for (const [what, body, code, named] of invalid) {
      it(`refuses ${what} with 400 ${code} naming it, and creates nothing`, async () => {
        const before = sandbox.store.size;
        const result = await call(sandbox, '/tickets', {
          method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' },
        });
        assert.equal(result.status, 400, result.text);
        assert.equal(errorCode(result), code);
        assert.ok(errorMessage(result).includes(named), `"${errorMessage(result)}" names ${named}`);
        assert.equal(sandbox.store.size, before);
      });
    }

    it('refuses a body over 1 MB with 413', async () => {
      const before = sandbox.store.size;
      const result = await create({ title: 't', requestor: REQUESTOR, description: 'x'.repeat(1_100_000) });
      assert.equal(result.status, 413);
      assert.equal(errorCode(result), 'PayloadTooLarge');
      assert.equal(sandbox.store.size, before);
    });

    it('refuses a chunked body over 1 MB with 413, though it declares no length', async () => {
      const before = sandbox.store.size;
      const chunk = new TextEncoder().encode(`{"ticket": {"title": "t", "description": "${'x'.repeat(300_000)}`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 5) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const response = await fetch(`${sandbox.baseUrl}/tickets?key=${sandbox.primaryKey}`, {
        method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half',
      } as RequestInit);
      assert.equal(response.status, 413);
      assert.equal(sandbox.store.size, before);
    });
  });

  describe('PUT /tickets/{id}', () => {
    it('changes only the fields given, and stamps who and when', async () => {
      const ticket = await newTicket({ description: 'keep me', priority: 'Low' });
      tick(5);
      const result = await call(sandbox, `/tickets/${ticket.id}`, { method: 'PUT', body: { updates: { priority: 'Urgent', assignee: AGENT }, user: USER } });
      assert.equal(result.status, 200, result.text);
      const updated = item(result);
      assert.equal(updated.priority, 'Urgent');
      assert.deepEqual(updated.assignee, AGENT);
      assert.equal(updated.description, 'keep me');
      assert.equal(updated.title, ticket.title);
      assert.equal(updated.createdOn, ticket.createdOn);
      assert.deepEqual(updated.lastUpdatedBy, USER);
      assert.equal(updated.lastUpdatedOn, clock.toISOString());
      assert.equal(updated.firstResponseOn, clock.toISOString(), 'a change by someone other than the requestor is the first response');
      assert.deepEqual(sandbox.store.ticketById(String(ticket.id)), updated);
    });

    it('refuses the live { ticket } form (each dialect refuses the other\'s), changing nothing', async () => {
      const ticket = await newTicket();
      const result = await call(sandbox, `/tickets/${ticket.id}`, { method: 'PUT', body: { ticket: { title: 'Renamed' }, user: REQUESTOR } });
      assert.equal(result.status, 400, result.text);
      assert.match(errorMessage(result), /"ticket" is not accepted/);
      assert.equal(sandbox.store.ticketById(String(ticket.id))?.title, 'Docking station is dead');
    });

    it('refuses a status change, naming the status endpoint', async () => {
      const ticket = await newTicket();
      const result = await call(sandbox, `/tickets/${ticket.id}`, { method: 'PUT', body: { updates: { status: 'Started' }, user: USER } });
      assert.equal(result.status, 400);
      assert.match(errorMessage(result), /\/status/);
      assert.equal(sandbox.store.ticketById(String(ticket.id))?.status, 'Open');
    });

    it('validates like create and changes nothing on a refusal', async () => {
      const ticket = await newTicket();
      for (const updates of [{ priority: 'High' }, { title: '' }, { tags: [{ tagCategoryId: 'x', text: 'y' }] }, {}]) {
        const result = await call(sandbox, `/tickets/${ticket.id}`, { method: 'PUT', body: { updates, user: USER } });
        assert.equal(result.status, 400, JSON.stringify(updates));
      }
      const missingUser = await call(sandbox, `/tickets/${ticket.id}`, { method: 'PUT', body: { updates: { title: 'x' } } });
      assert.equal(errorCode(missingUser), 'MissingField');
      assert.deepEqual(sandbox.store.ticketById(String(ticket.id)), ticket);
    });

    it('answers 404 TicketNotFound for an unknown or malformed id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '123']) {
        const result = await call(sandbox, `/tickets/${id}`, { method: 'PUT', body: { updates: { title: 'x' }, user: USER } });
        assert.equal(result.status, 404, id);
        assert.equal(errorCode(result), 'TicketNotFound');
      }
    });
  });

  describe('status changes', () => {
    for (const method of ['PUT', 'POST']) {
      it(`${method} /tickets/{id}/status moves the ticket and records an activity with the user`, async () => {
        const ticket = await newTicket();
        tick();
        const result = await call(sandbox, `/tickets/${ticket.id}/status`, { method, body: { status: 'Started', user: USER } });
        assert.equal(result.status, 200, result.text);
        assert.equal(item(result).status, 'Started');
        const [activity] = sandbox.store.activities(String(ticket.id));
        assert.deepEqual(activity && { ...activity, id: 'x' }, {
          id: 'x', ticketId: ticket.id, type: 'status', status: 'Started', previousStatus: 'Open',
          isPrivate: false, createdDateTime: clock.toISOString(), createdBy: USER,
        });
      });
    }

    it('resolves with a resolution and comment, then reopening clears the resolution', async () => {
      const ticket = await newTicket();
      tick(30);
      const resolved = item(await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: 'Resolved', resolution: 'fixed', comment: 'Great job!', user: USER } }));
      assert.equal(resolved.status, 'Resolved');
      assert.equal(resolved.resolution, 'fixed');
      assert.equal(resolved.lastResolutionComment, 'Great job!');
      assert.equal(resolved.firstResolutionOn, clock.toISOString());
      assert.equal(resolved.lastResolutionOn, clock.toISOString());
      const firstResolution = clock.toISOString();
      tick(30);
      const reopened = item(await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: 'Reopened', comment: 'Still broken', user: REQUESTOR } }));
      assert.equal(reopened.status, 'Reopened');
      assert.equal(reopened.resolution, undefined);
      tick(30);
      const again = item(await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: 'Resolved', resolution: 'cannotResolve', user: USER } }));
      assert.equal(again.firstResolutionOn, firstResolution);
      assert.equal(again.lastResolutionOn, clock.toISOString());
      const kinds = items(await call(sandbox, `/tickets/${ticket.id}/activities`)).map((a) => `${a.previousStatus}>${a.status}:${a.resolution ?? ''}:${a.comment ?? ''}`);
      assert.deepEqual(kinds, ['Reopened>Resolved:cannotResolve:', 'Resolved>Reopened::Still broken', 'Open>Resolved:fixed:Great job!']);
    });

    it('answers 409 InvalidTransition for the status the ticket already has', async () => {
      const ticket = await newTicket();
      const result = await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: 'Open', user: USER } });
      assert.equal(result.status, 409);
      assert.equal(errorCode(result), 'InvalidTransition');
      assert.deepEqual(sandbox.store.activities(String(ticket.id)), []);
    });

    it('refuses bad statuses and resolutions with 400, changing nothing', async () => {
      const ticket = await newTicket();
      const bodies: [Json, string][] = [
        [{ status: ' Closed', user: USER }, 'status'],
        [{ status: 'In Progress', user: USER }, 'status'],
        [{ user: USER }, 'status'],
        [{ status: 'Started', resolution: 'fixed', user: USER }, 'resolution'],
        [{ status: 'Resolved', resolution: 'done', user: USER }, 'resolution'],
        [{ status: 'Resolved' }, 'user'],
      ];
      for (const [body, named] of bodies) {
        const result = await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body });
        assert.equal(result.status, 400, JSON.stringify(body));
        assert.match(errorMessage(result), new RegExp(named));
      }
      assert.deepEqual(sandbox.store.ticketById(String(ticket.id)), ticket);
    });
  });

  describe('comments and activities', () => {
    {
      const path = 'comments';
      it(`POST /tickets/{id}/${path} adds a comment: 201 with the IComment`, async () => {
        const ticket = await newTicket();
        tick();
        const result = await call(sandbox, `/tickets/${ticket.id}/${path}`, { method: 'POST', body: { comment: 'comment from API', isPrivate: true, user: USER } });
        assert.equal(result.status, 201, result.text);
        const comment = item(result);
        assert.deepEqual({ ...comment, id: 'x' }, {
          id: 'x', ticketId: ticket.id, comment: 'comment from API', isPrivate: true, createdDateTime: clock.toISOString(), createdBy: USER,
        });
        const stored = sandbox.store.ticketById(String(ticket.id));
        assert.equal(stored?.lastUpdatedOn, clock.toISOString());
        assert.deepEqual(stored?.lastUpdatedBy, USER);
        assert.equal(stored?.firstResponseOn, clock.toISOString());
      });
    }

    it('has no POST /tickets/{id}/activities (the live route): 404, nothing added', async () => {
      const ticket = await newTicket();
      const result = await call(sandbox, `/tickets/${ticket.id}/activities`, { method: 'POST', body: { comment: 'hello', user: USER } });
      assert.equal(result.status, 404);
      assert.deepEqual(sandbox.store.activities(String(ticket.id)), []);
    });

    it('lists activities newest first, comments and status changes together', async () => {
      const ticket = await newTicket();
      tick();
      await call(sandbox, `/tickets/${ticket.id}/comments`, { method: 'POST', body: { comment: 'first', user: REQUESTOR } });
      tick();
      await call(sandbox, `/tickets/${ticket.id}/status`, { method: 'POST', body: { status: 'Started', user: USER } });
      tick();
      await call(sandbox, `/tickets/${ticket.id}/comments`, { method: 'POST', body: { comment: 'third', user: USER } });
      const listed = items(await call(sandbox, `/tickets/${ticket.id}/activities`));
      assert.deepEqual(listed.map((a) => [a.type, a.comment ?? a.status]), [['comment', 'third'], ['status', 'Started'], ['comment', 'first']]);
      assert.equal(listed[2]?.isPrivate, false);
    });

    it('refuses a blank, too long or non-string comment', async () => {
      const ticket = await newTicket();
      for (const body of [{ comment: '', user: USER }, { comment: 'x'.repeat(4001), user: USER }, { comment: 5, user: USER }, { comment: 'ok', isPrivate: 'yes', user: USER }, { comment: 'ok' }]) {
        const result = await call(sandbox, `/tickets/${ticket.id}/comments`, { method: 'POST', body });
        assert.equal(result.status, 400, JSON.stringify(body).slice(0, 80));
      }
      assert.deepEqual(sandbox.store.activities(String(ticket.id)), []);
    });

    it('answers 404 for the activities of an unknown ticket', async () => {
      const result = await call(sandbox, '/tickets/00000000-0000-4000-8000-000000000000/activities');
      assert.equal(result.status, 404);
      assert.equal(errorCode(result), 'TicketNotFound');
    });
  });
});
