import assert from 'node:assert/strict';
import {
  instanceStateNamed, isInState, stateFor, stateNamed, statusIdFor, statusLabelFor, statusValue, takesResolution,
} from '../../src/features/workflowStatus.js';
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

  it('gives a resolution to the state the workflow records it with, else to the state Resolve moves to', () => {
    const marked: Ticket = { ...custom, workflow: custom.workflow!.map((s) => ({ ...s, recordsResolution: s.id === 'archived' })) };
    const byId = (ticket: Ticket, id: string) => ticket.workflow!.find((s) => s.id === id)!;
    assert.equal(takesResolution(byId(marked, 'archived'), marked, 'live'), true);
    assert.equal(takesResolution(byId(marked, 'done'), marked, 'live'), false, 'resolved, but not where the workflow records it');
    assert.equal(takesResolution(byId(custom, 'done'), custom, 'live'), true, 'unmarked: the first resolved state');
    assert.equal(takesResolution(byId(custom, 'archived'), custom, 'live'), false);
    assert.equal(takesResolution(stateFor('Resolved', undefined, 'live'), undefined, 'live'), true);
    assert.equal(takesResolution(stateFor('Closed', undefined, 'documented'), undefined, 'documented'), false);
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

  it('sends a state\'s id live (a custom state goes by id), its label documented', () => {
    const waiting = { id: 'hw-waiting', label: 'Waiting for vendor' };
    assert.equal(statusValue(waiting, 'live'), 'hw-waiting');
    assert.equal(statusValue(waiting, 'documented'), 'Waiting for vendor');
    assert.equal(statusValue(stateFor('Started', undefined, 'live'), 'live'), 'In Progress', 'the default workflow\'s ids are its labels');
  });

  it('finds a state a person named, by label or id, whatever the case and spaces; nothing for another workflow\'s', () => {
    assert.deepEqual(stateNamed(custom, ' being FIXED ', 'live'), { id: 'fixing', label: 'Being fixed' });
    assert.deepEqual(stateNamed(custom, 'triage', 'live'), { id: 'triage', label: 'Triage' });
    assert.equal(stateNamed(custom, 'In Progress', 'live'), undefined);
    assert.equal(stateNamed(undefined, 'in progress', 'live')?.id, 'In Progress', 'no workflow: the dialect\'s default');
    assert.equal(stateNamed(undefined, 'Started', 'documented')?.label, 'Started');
  });

  it('reads a ticket as in a state when its status is the state\'s label or its id', () => {
    const state = { id: 'fixing', label: 'Being fixed' };
    assert.ok(isInState({ id: ID, status: 'Being fixed' }, state));
    assert.ok(isInState({ id: ID, status: 'FIXING' }, state));
    assert.ok(!isInState({ id: ID, status: 'Triage' }, state));
    assert.ok(!isInState({ id: ID }, state));
  });

  it('reads resolvedStatus by label (as live says it) as well as by id', () => {
    const byLabel: Ticket = { ...custom, resolvedStatus: ['Done', 'Archived'] };
    assert.equal(statusLabelFor('Resolved', byLabel, 'live'), 'Done');
    assert.equal(statusLabelFor('Closed', byLabel, 'live'), 'Archived');
    assert.equal(statusLabelFor('Started', byLabel, 'live'), 'Triage');
  });

  it('finds a named state in any of the instance\'s workflows, for lists; nothing without workflows', () => {
    const instance = {
      workflows: [
        { id: 'default', name: 'Default', states: [{ id: 'Open', label: 'Open' }, { id: 'In Progress', label: 'In Progress' }] },
        { id: 'hw', name: 'Hardware', states: [{ id: 'hw-waiting', label: 'Waiting for vendor' }] },
      ],
    };
    assert.deepEqual(instanceStateNamed(instance, 'waiting for vendor'), { id: 'hw-waiting', label: 'Waiting for vendor' });
    assert.equal(instanceStateNamed(instance, 'in progress')?.id, 'In Progress');
    assert.equal(instanceStateNamed(instance, 'printer'), undefined);
    assert.equal(instanceStateNamed({}, 'Open'), undefined);
    assert.equal(instanceStateNamed(undefined, 'Open'), undefined);
  });
});
