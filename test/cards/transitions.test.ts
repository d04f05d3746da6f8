import assert from 'node:assert/strict';
import { transitions } from '../../src/cards/ticketCard.js';
import type { Ticket } from '../../src/ticketing/types.js';

const workflow = [
  { id: 'new', label: 'New' }, { id: 'triage', label: 'Triage' }, { id: 'done', label: 'Done' }, { id: 'archived', label: 'Archived' },
];
const custom = (status: string): Ticket => ({ id: 'x', status, workflow, resolvedStatus: ['done', 'archived'] });
const buttons = (t: Ticket) => Object.entries(transitions(t)).filter(([, on]) => on).map(([name]) => name).sort();

describe('cards/ticketCard: the buttons a status offers', () => {
  it('follows the page\'s and the live default workflow\'s labels', () => {
    assert.deepEqual(buttons({ id: 'x', status: 'Open' }), ['canClose', 'canResolve', 'canStart']);
    assert.deepEqual(buttons({ id: 'x', status: 'In Progress' }), ['canClose', 'canResolve']);
    assert.deepEqual(buttons({ id: 'x', status: 'Started' }), ['canClose', 'canResolve']);
    assert.deepEqual(buttons({ id: 'x', status: 'Resolved', resolvedStatus: ['Resolved', 'Closed'] }), ['canClose', 'canReopen']);
    assert.deepEqual(buttons({ id: 'x', status: 'Closed' }), ['canReopen']);
  });

  it('follows a custom workflow: Start from its first state, Reopen from its resolved states', () => {
    assert.deepEqual(buttons(custom('New')), ['canClose', 'canResolve', 'canStart']);
    assert.deepEqual(buttons(custom('Triage')), ['canClose', 'canResolve']);
    assert.deepEqual(buttons(custom('Done')), ['canClose', 'canReopen']);
    assert.deepEqual(buttons(custom('Archived')), ['canClose', 'canReopen']);
  });
});
