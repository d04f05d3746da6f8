import assert from 'node:assert/strict';
import { lastUpdateAfter } from '../../src/notify/poller.js';
import { detectChanges, snapshotOf, unchanged } from '../../src/notify/ticketChanges.js';
import type { Ticket } from '../../src/ticketing/types.js';

const LEE = { id: 'AAA', name: 'Lee Gu', email: 'lee@contoso.com' };
const base: Ticket = {
  id: 't1', number: 1021, status: 'Open', priority: 'Medium', isFrtEscalated: false, isRtEscalated: false,
  lastUpdatedOn: '2026-12-05T08:00:00.000Z',
};

describe('notify: what changed in a ticket between two reads', () => {
  it('sees each watched change: state, assignee, priority, an escalation turning on', () => {
    const before = snapshotOf(base);
    const after: Ticket = { ...base, status: 'In Progress', assignee: LEE, priority: 'Urgent', isFrtEscalated: true, isRtEscalated: true, lastUpdatedOn: '2026-12-05T08:01:00.000Z' };
    assert.deepEqual(detectChanges(before, after), [
      { kind: 'status', from: 'Open', to: 'In Progress' },
      { kind: 'assigned', to: LEE },
      { kind: 'priority', from: 'Medium', to: 'Urgent' },
      { kind: 'escalated', which: 'firstResponse' },
      { kind: 'escalated', which: 'resolution' },
    ]);
  });

  it('an assignee named in other letters is the same person; an escalation turning off is no news', () => {
    const before = snapshotOf({ ...base, assignee: LEE, isRtEscalated: true });
    assert.deepEqual(detectChanges(before, { ...base, assignee: { ...LEE, id: 'aaa' }, isRtEscalated: false }), []);
  });

  it('the same read again is unchanged; a new time with nothing watched changed is a change with no field (a comment, perhaps)', () => {
    assert.equal(unchanged(snapshotOf(base), { ...base }), true);
    const later = { ...base, lastUpdatedOn: '2026-12-05T08:05:00.000Z' };
    assert.equal(unchanged(snapshotOf(base), later), false);
    assert.deepEqual(detectChanges(snapshotOf(base), later), []);
  });

  it('a ticket new to the poller is "created", and "assigned" when it came with an assignee', () => {
    assert.deepEqual(detectChanges(undefined, base), [{ kind: 'created' }]);
    assert.deepEqual(detectChanges(undefined, { ...base, assignee: LEE }), [{ kind: 'created' }, { kind: 'assigned', to: LEE }]);
  });

  it('asks the API from a second before the cursor, in its YYYY-MM-DDTHH:mm:ss form (UTC, a time without a zone read as UTC)', () => {
    assert.equal(lastUpdateAfter('2026-12-05T08:00:00.750Z'), '2026-12-05T07:59:59');
    assert.equal(lastUpdateAfter('2026-12-05T08:00:00'), '2026-12-05T07:59:59');
    assert.equal(lastUpdateAfter('2026-12-05T09:00:00+01:00'), '2026-12-05T07:59:59');
  });
});
