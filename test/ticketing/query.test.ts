import assert from 'node:assert/strict';
import { isTicketingError, type TicketingError } from '../../src/ticketing/errors.js';
import { checkContinuationToken, ticketQueryParams } from '../../src/ticketing/query.js';
import type { TicketQuery } from '../../src/ticketing/types.js';

const CAT = '2283653a-8d36-40eb-9a68-73eb3b331811';

function refused(query: unknown): TicketingError {
  try {
    ticketQueryParams(query as TicketQuery);
  } catch (e) {
    assert.ok(isTicketingError(e), 'a TicketingError');
    assert.equal(e.kind, 'invalidInput');
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(query)}`);
}

describe('ticketing/query: TicketQuery → query string', () => {
  it('writes every seed filter in the wire form', () => {
    const params = ticketQueryParams({
      search: 'printer', title: 'paper', status: 'Open', priority: 'Urgent',
      tags: [{ tagCategoryId: CAT, text: 'my tag' }, { tagCategoryId: CAT, text: 'b_c' }],
      orderBy: 'createdDateTime', order: 'ASC', select: ['id', 'ticketId', 'title', 'ticketId'],
      offset: 20, limit: 50,
    }, 'listTickets', 'documented');
    assert.deepEqual(Object.fromEntries(params), {
      search: 'printer', title: 'paper', status: 'Open', priority: 'Urgent',
      tags: `${CAT}_my tag,${CAT}_b_c`,
      orderBy: 'createdDateTime', order: 'ASC', select: 'id,ticketId,title', offset: '20', limit: '50',
    });
  });

  it('takes only resolved or unresolved as the live `status` filter (an exact state goes by statusId)', () => {
    assert.equal(ticketQueryParams({ status: 'unresolved' }).get('status'), 'unresolved');
    assert.equal(ticketQueryParams({ status: 'resolved' }, 'listTickets', 'live').get('status'), 'resolved');
    assert.throws(() => ticketQueryParams({ status: 'Open' }), (e: unknown) => isTicketingError(e) && e.kind === 'invalidInput');
    assert.throws(() => ticketQueryParams({ status: 'unresolved' }, 'listTickets', 'documented'), (e: unknown) => isTicketingError(e) && e.kind === 'invalidInput');
  });

  it('writes the live filters, dates as YYYY-MM-DDTHH:mm:ss', () => {
    const params = ticketQueryParams({
      statusId: 'st-1', isResolved: false,
      createdAfter: '2024-01-31T08:05:00', createdBefore: '2024-02-29',
      expectedDateAfter: '2024-03-01T00:00:00', expectedDateBefore: '2024-03-02T23:59:59',
      lastUpdateAfter: '2023-12-31T23:00:00', lastUpdateBefore: '2024-01-01T01:00:00',
    });
    assert.deepEqual(Object.fromEntries(params), {
      statusId: 'st-1', isResolved: 'false',
      createdAfter: '2024-01-31T08:05:00', createdBefore: '2024-02-29T00:00:00',
      expectedDateAfter: '2024-03-01T00:00:00', expectedDateBefore: '2024-03-02T23:59:59',
      lastUpdateAfter: '2023-12-31T23:00:00', lastUpdateBefore: '2024-01-01T01:00:00',
    });
  });

  it('sends nothing for an empty query, undefined fields, blank search or no tags', () => {
    assert.equal(ticketQueryParams().toString(), '');
    assert.equal(ticketQueryParams({ search: '  ', tags: [], status: undefined }).toString(), '');
  });

  it('accepts limit 1 and 1000 and offset 0', () => {
    assert.equal(ticketQueryParams({ limit: 1, offset: 0 }).toString(), 'offset=0&limit=1');
    assert.equal(ticketQueryParams({ limit: 1000 }).get('limit'), '1000');
  });

  const bad: [string, unknown][] = [
    ['unknown status', { status: 'Pending' }],
    ["the seed's stray-space status", { status: ' Closed' }],
    ['unknown priority', { priority: 'High' }],
    ['unknown orderBy', { orderBy: 'createdOn' }],
    ['lower-case order', { order: 'asc' }],
    ['limit 0', { limit: 0 }],
    ['limit 1001', { limit: 1001 }],
    ['fractional limit', { limit: 2.5 }],
    ['negative offset', { offset: -1 }],
    ['fractional offset', { offset: 1.5 }],
    ['string offset', { offset: '3' }],
    ['bad date', { createdAfter: '2024-02-30T00:00:00' }],
    ['date with a zone', { createdAfter: '2024-02-01T00:00:00Z' }],
    ['hour 24', { lastUpdateBefore: '2024-02-01T24:00:00' }],
    ['tag text with a comma', { tags: [{ tagCategoryId: CAT, text: 'a,b' }] }],
    ['tag category with an underscore', { tags: [{ tagCategoryId: 'a_b', text: 'x' }] }],
    ['tag without text', { tags: [{ tagCategoryId: CAT, text: '' }] }],
    ['empty select', { select: [] }],
    ['unknown select field', { select: ['id', 'password'] }],
    ['non-boolean isResolved', { isResolved: 'yes' }],
    ['empty statusId', { statusId: '' }],
    ['an unknown filter (typo)', { state: 'Open' }],
  ];
  for (const [what, query] of bad) {
    it(`refuses ${what} with kind invalidInput`, () => {
      const e = refused(query);
      assert.ok(e.message.length > 0);
    });
  }

  it('names the field in the message, never the value given', () => {
    const e = refused({ limit: 123456 });
    assert.match(e.message, /limit/);
    assert.doesNotMatch(e.message, /123456/);
  });

  it('accepts only header-safe continuation tokens', () => {
    assert.equal(checkContinuationToken('eyJvIjoxMH0=', 'x'), 'eyJvIjoxMH0=');
    assert.throws(() => checkContinuationToken('a\r\nX-Evil: 1', 'x'), (e) => isTicketingError(e) && e.kind === 'invalidInput');
    assert.throws(() => checkContinuationToken('', 'x'), (e) => isTicketingError(e) && e.kind === 'invalidInput');
  });
});
