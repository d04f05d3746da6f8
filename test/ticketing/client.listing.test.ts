/** GET /tickets through the client: every filter as the sandbox receives it, and whole walks by token and by offset. */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { Ticket, TicketQuery, TicketTag, TicketingClient } from '../../src/ticketing/index.js';
import { clientFor, requestsTo, reset, sandbox, storeTickets } from './support.js';

const lower = (s: string | undefined): string => (s ?? '').toLowerCase();
const byNumber = (tickets: readonly Ticket[]): number[] => tickets.map((t) => t.number ?? -1).sort((a, b) => a - b);
const at = (iso: string): number => Date.parse(`${iso}Z`);
/** `YYYY-MM-DDTHH:mm:ss` of an ISO instant, as the live date filters take it. */
const wall = (iso: string | undefined): string => (iso ?? '').slice(0, 19);

describe('ticketing client: listing tickets against the sandbox', () => {
  let sb: Sandbox;
  let client: TicketingClient;
  let all: Ticket[];
  before(async () => {
    sb = await sandbox();
    client = clientFor(sb);
    all = storeTickets(sb);
  });
  after(async () => { await sb.close(); });
  beforeEach(() => reset(sb));

  /** Lists with `query` (all matches on one page), checks what reached the server, returns the items. */
  async function list(query: TicketQuery, wire: Record<string, string>): Promise<Ticket[]> {
    reset(sb);
    const page = await client.listTickets({ ...query, limit: 1000 }, { timezone: 0 });
    const [request] = sb.requests;
    assert.equal(sb.requests.length, 1);
    assert.deepEqual(request?.query, { timezone: '0', ...wire, limit: '1000' });
    assert.equal(request?.status, 200);
    assert.equal(page.continuationToken, undefined);
    return page.items;
  }

  function expectSame(got: readonly Ticket[], want: readonly Ticket[], what: string): void {
    assert.ok(want.length > 0 && want.length < all.length, `${what}: a filter that selects some (${want.length} of ${all.length})`);
    assert.deepEqual(byNumber(got), byNumber(want), what);
  }

  it('search (title, description or number) and title', async () => {
    const word = 'vpn';
    expectSame(await list({ search: 'VPN' }, { search: 'VPN' }),
      all.filter((t) => lower(t.title).includes(word) || lower(t.description).includes(word)), 'search');
    expectSame(await list({ title: 'VPN' }, { title: 'VPN' }), all.filter((t) => lower(t.title).includes(word)), 'title');
  });

  it('status, priority, statusId and isResolved', async () => {
    expectSame(await list({ status: 'Resolved' }, { status: 'Resolved' }), all.filter((t) => t.status === 'Resolved'), 'status');
    expectSame(await list({ priority: 'Urgent' }, { priority: 'Urgent' }), all.filter((t) => t.priority === 'Urgent'), 'priority');
    expectSame(await list({ statusId: 'started' }, { statusId: 'started' }), all.filter((t) => t.status === 'Started'), 'statusId');
    expectSame(await list({ isResolved: true }, { isResolved: 'true' }),
      all.filter((t) => t.status === 'Resolved' || t.status === 'Closed'), 'isResolved');
  });

  it('tags, as tagCategoryId_text comma-joined: tickets carrying every tag named', async () => {
    const tagged = all.find((t) => (t.tags?.length ?? 0) >= 2);
    assert.ok(tagged?.tags);
    // The documented dialect's tags carry their category.
    const [a, b] = tagged.tags as TicketTag[];
    assert.ok(a && b);
    const carries = (t: Ticket, tag: typeof a) => (t.tags ?? []).some((x) => x.tagCategoryId === tag.tagCategoryId && lower(x.text) === lower(tag.text));
    expectSame(await list({ tags: [a] }, { tags: `${a.tagCategoryId}_${a.text}` }), all.filter((t) => carries(t, a)), 'one tag');
    const both = await list({ tags: [a, b] }, { tags: `${a.tagCategoryId}_${a.text},${b.tagCategoryId}_${b.text}` });
    assert.deepEqual(byNumber(both), byNumber(all.filter((t) => carries(t, a) && carries(t, b))));
    assert.ok(both.some((t) => t.id === tagged.id));
  });

  it('orderBy and order', async () => {
    const got = await list({ orderBy: 'title', order: 'DESC' }, { orderBy: 'title', order: 'DESC' });
    const want = [...all].sort((x, y) => (lower(y.title) < lower(x.title) ? -1 : lower(y.title) > lower(x.title) ? 1 : (y.number ?? 0) - (x.number ?? 0)));
    assert.deepEqual(got.map((t) => t.number), want.map((t) => t.number));
    const asc = await list({ orderBy: 'ticketId' }, { orderBy: 'ticketId' });
    assert.deepEqual(asc.map((t) => t.number), byNumber(all));
  });

  it('select: only the fields named come back (plus id)', async () => {
    const items = await list({ select: ['ticketId', 'title', 'status'] }, { select: 'ticketId,title,status' });
    assert.equal(items.length, all.length);
    for (const t of items) assert.deepEqual(Object.keys(t).sort(), ['id', 'number', 'status', 'title']);
  });

  it('offset and limit', async () => {
    const page = await client.listTickets({ offset: 5, limit: 7 }, { timezone: 0 });
    assert.deepEqual(sb.requests[0]?.query, { timezone: '0', offset: '5', limit: '7' });
    const newest = [...all].sort((x, y) => Date.parse(y.createdOn ?? '') - Date.parse(x.createdOn ?? '') || (y.number ?? 0) - (x.number ?? 0));
    assert.deepEqual(page.items.map((t) => t.number), newest.slice(5, 12).map((t) => t.number));
  });

  it('createdAfter/Before, expectedDateAfter/Before, lastUpdateAfter/Before as YYYY-MM-DDTHH:mm:ss', async () => {
    const created = all.map((t) => t.createdOn ?? '').sort();
    const [from, to] = [wall(created[40]), wall(created[120])];
    expectSame(await list({ createdAfter: from, createdBefore: to }, { createdAfter: from, createdBefore: to }),
      all.filter((t) => Date.parse(t.createdOn ?? '') >= at(from) && Date.parse(t.createdOn ?? '') < at(to)), 'created');

    const days = all.flatMap((t) => (t.expectedDate ? [t.expectedDate] : [])).sort();
    const [dayFrom, dayTo] = [`${days[10] ?? ''}T00:00:00`, `${days[60] ?? ''}T00:00:00`];
    expectSame(await list({ expectedDateAfter: dayFrom, expectedDateBefore: dayTo }, { expectedDateAfter: dayFrom, expectedDateBefore: dayTo }),
      all.filter((t) => t.expectedDate !== undefined && at(`${t.expectedDate}T00:00:00`) >= at(dayFrom) && at(`${t.expectedDate}T00:00:00`) < at(dayTo)),
      'expected date');

    const updated = all.map((t) => t.lastUpdatedOn ?? '').sort();
    const since = wall(updated[200]);
    expectSame(await list({ lastUpdateAfter: since }, { lastUpdateAfter: since }),
      all.filter((t) => Date.parse(t.lastUpdatedOn ?? '') >= at(since)), 'last update');
    expectSame(await list({ lastUpdateBefore: since }, { lastUpdateBefore: since }),
      all.filter((t) => Date.parse(t.lastUpdatedOn ?? '') < at(since)), 'last update before');
  });

  it(`walks every ticket exactly once by continuation token (${'the seeded 250+'})`, async () => {
    assert.ok(all.length >= 250, `${all.length} tickets`);
    const seen: Ticket[] = [];
    for await (const t of client.iterateTickets({ limit: 37 })) seen.push(t);
    assert.equal(seen.length, all.length);
    assert.equal(new Set(seen.map((t) => t.id)).size, all.length, 'no ticket twice');
    assert.deepEqual(byNumber(seen), byNumber(all));
    const gets = requestsTo(sb, 'GET', '/tickets');
    assert.equal(gets.length, Math.ceil(all.length / 37));
    assert.ok(gets.every((r) => r.status === 200 && r.query.limit === '37' && r.query.offset === undefined));
  });

  it('walks a filtered list by token, sending the filters again with each token', async () => {
    const urgent = all.filter((t) => t.priority === 'Urgent');
    const seen: Ticket[] = [];
    for await (const t of client.iterateTickets({ priority: 'Urgent', orderBy: 'title', limit: 4 })) seen.push(t);
    assert.deepEqual(byNumber(seen), byNumber(urgent));
    assert.ok(sb.requests.length > 2);
    assert.ok(sb.requests.every((r) => r.query.priority === 'Urgent' && r.query.orderBy === 'title' && r.status === 200));
  });

  it('walks every ticket exactly once by offset', async () => {
    const seen: Ticket[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await client.listTickets({ orderBy: 'ticketId', order: 'ASC', offset, limit: 50 });
      seen.push(...page.items);
      if (page.items.length < 50) break;
    }
    assert.equal(seen.length, all.length);
    assert.deepEqual(seen.map((t) => t.number), byNumber(all), 'in order, none twice');
    assert.deepEqual(sb.requests.map((r) => r.query.offset), ['0', '50', '100', '150', '200', '250']);
  });
});
