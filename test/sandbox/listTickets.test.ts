import assert from 'node:assert/strict';
import { PRIORITIES, STATUSES } from '../../src/ticketing/types.js';
import { startSandbox, TAG_CATEGORY, type Sandbox, type WireTicket } from '../../src/sandbox/index.js';
import { call, errorCode, errorMessage, items, type Json } from './http.js';

describe('sandbox: GET /tickets filters, order and select', () => {
  let sandbox: Sandbox;
  let all: WireTicket[];

  before(async () => {
    sandbox = await startSandbox({ dialect: 'documented', port: 0, rateLimit: 100_000 });
    all = sandbox.store.allTickets();
  });
  after(() => sandbox.close());

  /** Every ticket a query returns (limit 1000 covers the seed). */
  async function list(query: string): Promise<Json[]> {
    const result = await call(sandbox, `/tickets?limit=1000&${query}`);
    assert.equal(result.status, 200, result.text);
    return items(result);
  }
  const numbers = (tickets: Json[]): number[] => tickets.map((t) => Number(t.ticketId));
  const expectNumbers = (predicate: (t: WireTicket) => boolean): number[] =>
    all.filter(predicate).map((t) => t.ticketId).sort((a, b) => a - b);
  const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);

  async function refused(query: string, parameter: string): Promise<void> {
    const result = await call(sandbox, `/tickets?${query}`);
    assert.equal(result.status, 400, `${query} → ${result.status}`);
    assert.equal(errorCode(result), 'InvalidParameter');
    assert.match(errorMessage(result), new RegExp(parameter));
  }

  describe('limit and offset', () => {
    it('answers 10 tickets by default', async () => {
      assert.equal(items(await call(sandbox, '/tickets')).length, 10);
    });

    it('answers up to 1000, and the whole seed with no token at 1000', async () => {
      const result = await call(sandbox, '/tickets?limit=1000');
      assert.equal(items(result).length, all.length);
      assert.equal((result.json as Json).continuationToken, undefined);
      assert.equal(result.headers.get('continuationToken'), null);
    });

    it('refuses a limit outside 1..1000 and a bad offset', async () => {
      for (const limit of ['1001', '0', '-1', 'ten', '2.5', '']) await refused(`limit=${limit}`, 'limit');
      for (const offset of ['-1', 'x', '1e3']) await refused(`offset=${offset}`, 'offset');
    });

    it('skips `offset` tickets', async () => {
      const first = numbers(items(await call(sandbox, '/tickets?limit=5')));
      const next = numbers(items(await call(sandbox, '/tickets?limit=5&offset=3')));
      assert.deepEqual(next.slice(0, 2), first.slice(3));
      assert.deepEqual(items(await call(sandbox, '/tickets?offset=5000')), []);
    });
  });

  describe('order', () => {
    it('is reverse chronological by default', async () => {
      const tickets = await list('');
      const created = tickets.map((t) => Date.parse(String(t.createdOn)));
      assert.deepEqual(created, [...created].sort((a, b) => b - a));
      const newest = [...all].sort((a, b) => b.createdOn.localeCompare(a.createdOn))[0];
      assert.equal(tickets[0]?.id, newest?.id);
    });

    it('is chronological with order=ASC and no orderBy', async () => {
      const created = (await list('order=ASC')).map((t) => Date.parse(String(t.createdOn)));
      assert.deepEqual(created, [...created].sort((a, b) => a - b));
    });

    it('orders by ticketId, ascending by default when orderBy is given', async () => {
      assert.deepEqual(numbers(items(await call(sandbox, '/tickets?orderBy=ticketId&limit=5'))), [1, 2, 3, 4, 5]);
      const last = all.length;
      assert.deepEqual(numbers(items(await call(sandbox, '/tickets?orderBy=ticketId&order=DESC&limit=3'))), [last, last - 1, last - 2]);
    });

    it('orders by title case-insensitively', async () => {
      const titles = (await list('orderBy=title')).map((t) => String(t.title).toLowerCase());
      assert.deepEqual(titles, [...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('orders priority and status by their workflow order, not alphabetically', async () => {
      const priorities = (await list('orderBy=priority&order=DESC')).map((t) => PRIORITIES.indexOf(t.priority as never));
      assert.deepEqual(priorities, [...priorities].sort((a, b) => b - a));
      assert.equal(priorities[0], PRIORITIES.indexOf('Urgent'));
      const statuses = (await list('orderBy=status')).map((t) => STATUSES.indexOf(t.status as never));
      assert.deepEqual(statuses, [...statuses].sort((a, b) => a - b));
      assert.equal(statuses[0], 0);
    });

    it('orders by nested requestor and assignee fields, unassigned first ascending', async () => {
      const names = (await list('orderBy=requestorName')).map((t) => String((t.requestor as Json).name).toLowerCase());
      assert.deepEqual(names, [...names].sort());
      const assignees = (await list('orderBy=assigneeName')).map((t) => (t.assignee ? String((t.assignee as Json).name) : ''));
      assert.equal(assignees[0], '', 'an unassigned ticket comes first');
      assert.deepEqual(assignees, [...assignees].sort());
    });

    it('orders by lastInteraction (lastUpdatedOn) and expectedDate', async () => {
      const updated = (await list('orderBy=lastInteraction&order=DESC')).map((t) => Date.parse(String(t.lastUpdatedOn)));
      assert.deepEqual(updated, [...updated].sort((a, b) => b - a));
      const expected = (await list('orderBy=expectedDate&order=DESC')).map((t) => String(t.expectedDate ?? ''));
      assert.deepEqual(expected, [...expected].sort().reverse());
      assert.notEqual(expected[0], '');
    });

    it('refuses an unknown orderBy or order', async () => {
      await refused('orderBy=number', 'orderBy');
      await refused('orderBy=ticketId&order=asc', 'order');
    });
  });

  describe('filters', () => {
    it('search matches title or description, case-insensitively', async () => {
      const found = await list('search=VPN');
      const expected = expectNumbers((t) => `${t.title}\n${t.description ?? ''}`.toLowerCase().includes('vpn'));
      assert.ok(expected.length > 3);
      assert.deepEqual(sorted(numbers(found)), expected);
    });

    it('search matches a ticket number, with or without #', async () => {
      for (const text of ['123', '%23123']) {
        const found = numbers(await list(`search=${text}`));
        assert.ok(found.includes(123), text);
        const others = found.filter((n) => n !== 123);
        for (const n of others) {
          const ticket = all.find((t) => t.ticketId === n);
          assert.match(`${ticket?.title} ${ticket?.description}`, /123/);
        }
      }
    });

    it('title matches the title only', async () => {
      const found = await list('title=printer');
      assert.deepEqual(sorted(numbers(found)), expectNumbers((t) => t.title.toLowerCase().includes('printer')));
      assert.ok(found.length > 0);
    });

    it('status is exact, one of the five; " Closed" and lowercase are refused', async () => {
      for (const status of STATUSES) {
        const found = await list(`status=${status}`);
        assert.deepEqual(sorted(numbers(found)), expectNumbers((t) => t.status === status), status);
        assert.ok(found.length > 0, status);
      }
      await refused('status=%20Closed', 'status');
      await refused('status=closed', 'status');
      await refused('status=In%20Progress', 'status');
    });

    it('priority is exact', async () => {
      const found = await list('priority=Urgent');
      assert.deepEqual(sorted(numbers(found)), expectNumbers((t) => t.priority === 'Urgent'));
      await refused('priority=urgent', 'priority');
    });

    it('statusId takes the lowercased status names', async () => {
      const found = await list('statusId=started');
      assert.deepEqual(sorted(numbers(found)), expectNumbers((t) => t.status === 'Started'));
      await refused('statusId=Started', 'statusId');
    });

    it('isResolved splits Resolved and Closed from the rest', async () => {
      const resolved = numbers(await list('isResolved=true'));
      const unresolved = numbers(await list('isResolved=false'));
      assert.deepEqual(sorted(resolved), expectNumbers((t) => t.status === 'Resolved' || t.status === 'Closed'));
      assert.equal(resolved.length + unresolved.length, all.length);
      await refused('isResolved=yes', 'isResolved');
    });

    it('tags: a ticket must carry every tag named', async () => {
      const sample = all.find((t) => t.tags.length >= 2);
      const [first, second] = sample?.tags ?? [];
      assert.ok(first && second, 'the seed has tickets with two tags');
      const carries = (t: WireTicket, tag: { tagCategoryId: string; text: string }) =>
        t.tags.some((g) => g.tagCategoryId === tag.tagCategoryId && g.text === tag.text);
      const query = (tags: { tagCategoryId: string; text: string }[]) =>
        `tags=${encodeURIComponent(tags.map((g) => `${g.tagCategoryId}_${g.text}`).join(','))}`;
      const both = await list(query([first, second]));
      assert.deepEqual(sorted(numbers(both)), expectNumbers((t) => carries(t, first) && carries(t, second)));
      assert.ok(numbers(both).includes(sample?.ticketId ?? -1));
      const one = await list(query([first]));
      assert.deepEqual(sorted(numbers(one)), expectNumbers((t) => carries(t, first)));
      assert.ok(one.length > both.length, 'one tag matches more tickets than two');
    });

    it('refuses a malformed tags entry', async () => {
      for (const bad of ['Finance', '_Finance', `${TAG_CATEGORY.department}_`, `${TAG_CATEGORY.department}_Finance,`]) {
        await refused(`tags=${encodeURIComponent(bad)}`, 'tags');
      }
    });

    it('date filters: created, expected date and last update, After inclusive and Before exclusive', async () => {
      const from = '2026-10-01T00:00:00';
      const to = '2026-10-15';
      const created = await list(`createdAfter=${from}&createdBefore=${to}`);
      const inRange = (iso: string | undefined, a: string, b: string) => iso !== undefined && iso >= a && iso < b;
      assert.deepEqual(sorted(numbers(created)), expectNumbers((t) => inRange(t.createdOn, '2026-10-01T00:00:00', '2026-10-15T00:00:00')));
      assert.ok(created.length > 0);

      const expected = await list('expectedDateAfter=2026-10-10&expectedDateBefore=2026-10-20T00:00:00Z');
      assert.deepEqual(sorted(numbers(expected)), expectNumbers((t) => inRange(t.expectedDate, '2026-10-10', '2026-10-20')));
      assert.ok(expected.length > 0);

      const updated = await list('lastUpdateAfter=2026-10-25T12:00:00Z');
      assert.deepEqual(sorted(numbers(updated)), expectNumbers((t) => t.lastUpdatedOn >= '2026-10-25T12:00:00'));
    });

    it('reads a date filter without a zone in the caller\'s timezone', async () => {
      const local = numbers(await list('timezone=2&createdAfter=2026-10-01T10:00:00'));
      const utc = numbers(await list('timezone=2&createdAfter=2026-10-01T08:00:00Z'));
      const utcOnly = numbers(await list('createdAfter=2026-10-01T10:00:00'));
      assert.deepEqual(local, utc);
      assert.ok(local.length >= utcOnly.length);
    });

    it('refuses a bad date filter', async () => {
      for (const bad of ['yesterday', '2026-13-01', '2026-02-30', '2026-10-01T25:00:00', '01/10/2026']) {
        await refused(`createdAfter=${encodeURIComponent(bad)}`, 'createdAfter');
      }
    });

    it('combines filters', async () => {
      const found = await list('status=Closed&priority=Low&title=laptop');
      assert.deepEqual(sorted(numbers(found)), expectNumbers((t) => t.status === 'Closed' && t.priority === 'Low' && t.title.toLowerCase().includes('laptop')));
    });
  });

  describe('select', () => {
    it('answers only the fields named, plus id, with flat requestor and assignee names', async () => {
      const found = items(await call(sandbox, '/tickets?select=ticketId,title,requestorName,assigneeEmail&orderBy=ticketId&limit=50'));
      for (const t of found) {
        const keys = Object.keys(t).sort();
        const ticket = all.find((a) => a.id === t.id);
        assert.ok(ticket);
        assert.deepEqual(keys, (ticket.assignee ? ['assigneeEmail', 'id', 'requestorName', 'ticketId', 'title'] : ['id', 'requestorName', 'ticketId', 'title']));
        assert.equal(t.requestorName, ticket.requestor.name);
        assert.equal(t.ticketId, ticket.ticketId);
      }
    });

    it('refuses an unknown field', async () => {
      await refused('select=id,ticketNo', 'ticketNo');
      await refused('select=', 'select');
    });
  });
});
