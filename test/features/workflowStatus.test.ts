import assert from 'node:assert/strict';
import { statusIdFor, statusLabelFor } from '../../src/features/workflowStatus.js';
import type { Ticket } from '../../src/ticketing/types.js';

const ID = '7d3f2a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b';

/** A custom workflow whose in-progress state is called neither In Progress nor Started. */
const custom: Ticket = {
  id: ID,
  status: 'New',
  workflow: [
    { id: 'new', label: 'New' }, { id: 'triage', label: 'Triage' }, { id: 'fixing', label: 'Being fixed' },
    { id: 'done', label: 'Done' }, { id: 'archived', label: 'Archived' },
  ],
  resolvedStatus: ['done', 'archived'],
};

describe('features/workflowStatus: statuses from the ticket\'s workflow', () => {
  it('without a workflow, uses the dialect\'s default labels: In Progress live, Started documented', () => {
    assert.equal(statusLabelFor('Started', undefined, 'live'), 'In Progress');
    assert.equal(statusLabelFor('Started', undefined, 'documented'), 'Started');
    for (const intent of ['Open', 'Reopened', 'Resolved', 'Closed'] as const) {
      assert.equal(statusLabelFor(intent, undefined, 'live'), intent);
      assert.equal(statusLabelFor(intent, undefined, 'documented'), intent);
    }
  });

  it('takes the ticket\'s own default workflow when it carries one', () => {
    const ticket: Ticket = { id: ID, workflow: ['Open', 'Reopened', 'In Progress', 'Resolved', 'Closed'].map((l) => ({ id: l, label: l })) };
    assert.equal(statusLabelFor('Started', ticket, 'documented'), 'In Progress', 'the workflow wins over the setting');
  });

  it('finds the in-progress, resolved, closing and reopening states of a custom workflow, whatever their labels', () => {
    assert.equal(statusLabelFor('Started', custom, 'live'), 'Triage', 'the first state that is neither the first, Reopened nor resolved');
    assert.equal(statusLabelFor('Resolved', custom, 'live'), 'Done', 'the first resolved state');
    assert.equal(statusLabelFor('Closed', custom, 'live'), 'Archived', 'the last resolved state');
    assert.equal(statusLabelFor('Reopened', custom, 'live'), 'New', 'no Reopened: back to the first state');
    assert.equal(statusLabelFor('Open', custom, 'live'), 'New');
  });

  it('matches state names without regard to case or spaces', () => {
    const ticket: Ticket = { id: ID, workflow: [{ id: 'a', label: 'open' }, { id: 'b', label: ' in progress ' }, { id: 'c', label: 'resolved' }] };
    assert.equal(statusLabelFor('Started', ticket, 'live'), ' in progress ');
    assert.equal(statusLabelFor('Resolved', ticket, 'live'), 'resolved');
  });

  it('filters exact states by the default workflow\'s ids: labels live, lowercase documented', () => {
    assert.equal(statusIdFor('Started', 'live'), 'In Progress');
    assert.equal(statusIdFor('Started', 'documented'), 'started');
    assert.equal(statusIdFor('Closed', 'documented'), 'closed');
  });
});
