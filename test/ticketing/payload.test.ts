import assert from 'node:assert/strict';
import { isTicketingError } from '../../src/ticketing/errors.js';
import { commentBody, createTicketBody, statusChangeBody, updateTicketBody } from '../../src/ticketing/payload.js';
import type { NewTicket, StatusChange, User } from '../../src/ticketing/types.js';

const user: User = { id: 'u-1', name: 'Jason Doe', email: 'jason.doe@example.com' };
const invalid = (e: unknown) => isTicketingError(e) && e.kind === 'invalidInput';

describe('ticketing/payload: write bodies', () => {
  it('sends expectedDate as YYYY-MM-DD: a zoned date-time becomes its day at the timezone', () => {
    const at = (expectedDate: string, timezone: number) =>
      createTicketBody({ title: 'T', requestor: user, expectedDate }, user, timezone).ticket.expectedDate;
    assert.equal(at('2023-07-26', 9), '2023-07-26');
    assert.equal(at('2023-07-26T17:00:00Z', 0), '2023-07-26');
    assert.equal(at('2023-07-26T17:00:00Z', 7), '2023-07-27');
    assert.equal(at('2023-07-26T01:00:00Z', -5), '2023-07-25');
    assert.equal(at('2023-07-26T23:30:00', 7), '2023-07-26', 'no zone: the date as written');
    assert.equal(updateTicketBody({ expectedDate: '2024-02-29T23:30:00+02:00' }, user, 2, 'live').ticket?.expectedDate, '2024-02-29');
    assert.throws(() => at('2023-02-30', 0), invalid);
    assert.throws(() => at('next week', 0), invalid);
  });

  it('builds the seed forms', () => {
    const ticket: NewTicket = {
      title: 'Printer', requestor: user, priority: 'Urgent', tags: [{ tagCategoryId: 'c1', text: 'hw' }],
      customFields: { f1: [user], f2: ['i1'], f3: 'text', f4: true },
    };
    assert.deepEqual(createTicketBody(ticket, user, 0), { ticket, user });
    assert.deepEqual(updateTicketBody({ title: 'New' }, user, 0, 'documented'), { updates: { title: 'New' }, user });
    assert.deepEqual(updateTicketBody({ title: 'New' }, user, 0, 'live'), { ticket: { title: 'New' }, user }, 'live: the changes go in `ticket`');
    assert.deepEqual(statusChangeBody({ status: 'Resolved', resolution: 'fixed', comment: 'Great job!' }, user),
      { status: 'Resolved', resolution: 'fixed', comment: 'Great job!', user });
    assert.deepEqual(commentBody('hello', user), { comment: 'hello', user });
  });

  it('takes any tag text in a write body, commas included (only the list filter joins tags with commas)', () => {
    const tags = [{ tagCategoryId: 'c_1', text: 'Sales, EMEA' }];
    assert.deepEqual(createTicketBody({ title: 'T', requestor: user, tags }, user, 0).ticket.tags, tags);
    assert.deepEqual(updateTicketBody({ tags }, user, 0, 'live').ticket?.tags, tags);
    assert.throws(() => updateTicketBody({ tags: [{ tagCategoryId: 'c1', text: ' ' }] }, user, 0, 'live'), invalid);
  });

  it('sends a resolution with the state named: a custom workflow\'s resolved state has its own id', () => {
    assert.deepEqual(statusChangeBody({ status: 'hw-delivered', resolution: 'fixed' }, user), { status: 'hw-delivered', resolution: 'fixed', user });
  });

  it('refuses bad writes before any request', () => {
    assert.throws(() => createTicketBody({ title: '', requestor: user }, user, 0), invalid);
    assert.throws(() => createTicketBody({ title: 'T' } as NewTicket, user, 0), invalid);
    assert.throws(() => createTicketBody({ title: 'T', requestor: user, priority: 'High' } as unknown as NewTicket, user, 0), invalid);
    assert.throws(() => createTicketBody({ title: 'T', requestor: user, colour: 'red' } as unknown as NewTicket, user, 0), invalid);
    assert.throws(() => createTicketBody({ title: 'T', requestor: user }, { id: 'x' } as User, 0), invalid);
    assert.throws(() => createTicketBody({ title: 'T', requestor: user, customFields: { f: 3 } } as unknown as NewTicket, user, 0), invalid);
    assert.throws(() => updateTicketBody({}, user, 0, 'live'), invalid);
    assert.throws(() => statusChangeBody({ status: ' ' }, user), invalid);
    assert.throws(() => statusChangeBody({ status: 7 } as unknown as StatusChange, user), invalid);
    assert.throws(() => statusChangeBody({ status: 'Resolved', resolution: 'done' } as unknown as StatusChange, user), invalid);
    assert.throws(() => commentBody('   ', user), invalid);
  });
});
