import assert from 'node:assert/strict';
import {
  continuationTokenOf, envelopeItem, envelopeItems, readActivity, readComment, readCustomField, readInstance,
  readTagCategory, readTicket, readUser,
} from '../../src/ticketing/normalize.js';

const ID = '9f0b1d8e-3c1f-4d55-9a51-0a6f5f4c2b11';

describe('ticketing/normalize: reading the wire tolerantly', () => {
  it('takes the number from ticketNo (live) or ticketId (seed), number or numeric string', () => {
    assert.equal(readTicket({ id: ID, ticketNo: 1234 })?.number, 1234);
    assert.equal(readTicket({ id: ID, ticketId: 77 })?.number, 77);
    assert.equal(readTicket({ id: ID, ticketId: '0042' })?.number, 42);
    assert.equal(readTicket({ id: ID, ticketNo: '12', ticketId: 13 })?.number, 12);
    assert.equal(readTicket({ id: ID, ticketId: 'abc' })?.number, undefined);
    assert.equal(readTicket({ id: ID, ticketId: 1.5 })?.number, undefined);
  });

  it('keeps status labels outside the seed list, trimmed', () => {
    assert.equal(readTicket({ id: ID, status: 'In Progress' })?.status, 'In Progress');
    assert.equal(readTicket({ id: ID, status: ' Closed' })?.status, 'Closed');
    assert.equal(readTicket({ id: ID, priority: 'Critical ' })?.priority, 'Critical');
  });

  it('reads the requestor and assignee from the flattened fields a `select` names, when the objects are not there', () => {
    assert.deepEqual(readTicket({ id: ID, requestorName: 'Jason Doe', requestorEmail: 'jason@x.com', assigneeEmail: 'al@x.com' }), {
      id: ID, requestor: { id: '', name: 'Jason Doe', email: 'jason@x.com' }, assignee: { id: '', name: 'al@x.com', email: 'al@x.com' },
    });
    const both = readTicket({ id: ID, requestor: { id: 'r', name: 'R', email: 'r@x' }, requestorName: 'Other' });
    assert.deepEqual(both?.requestor, { id: 'r', name: 'R', email: 'r@x' }, 'the object wins');
    assert.equal(readTicket({ id: ID, requestorName: 7 })?.requestor, undefined);
  });

  it('reads a ticket with only an id, and drops wrong-typed optional fields without failing', () => {
    assert.deepEqual(readTicket({ id: ID }), { id: ID });
    const t = readTicket({
      id: ID, title: 42, description: null, requestor: 'bob', assignee: { id: 'a', name: 'Al' },
      tags: [{ tagCategoryId: 'c', text: 't' }, { text: 'no category' }, 7], isFrtEscalated: 'yes',
      customFields: { a: 'x', b: true, c: ['i1', 'i2'], d: [{ id: 'u', name: 'U', email: 'u@x' }], e: 12, f: [1, 2] },
      expectedDate: '2024-05-01', createdOn: 17,
    });
    assert.deepEqual(t, {
      id: ID,
      assignee: { id: 'a', name: 'Al', email: '' },
      tags: [{ tagCategoryId: 'c', text: 't' }, { text: 'no category' }],
      customFields: { a: 'x', b: true, c: ['i1', 'i2'], d: [{ id: 'u', name: 'U', email: 'u@x' }] },
      expectedDate: '2024-05-01',
    });
  });

  it('has no ticket without an id string', () => {
    assert.equal(readTicket({ ticketId: 5, title: 'x' }), undefined);
    assert.equal(readTicket({ id: 5 }), undefined);
    assert.equal(readTicket(null), undefined);
    assert.equal(readTicket([]), undefined);
  });

  it('tolerates users with a missing email, or a displayName', () => {
    assert.deepEqual(readUser({ id: 'u1', name: 'Ann' }), { id: 'u1', name: 'Ann', email: '' });
    assert.deepEqual(readUser({ id: 'u1', displayName: 'Ann' }), { id: 'u1', name: 'Ann', email: '' });
    assert.equal(readUser({}), undefined);
  });

  it('infers the activity type when the service leaves it out', () => {
    assert.equal(readActivity({ id: 'a1', status: 'Resolved', comment: 'done' }, ID)?.type, 'status');
    assert.equal(readActivity({ id: 'a2', comment: 'hello' }, ID)?.type, 'comment');
    assert.equal(readActivity({ id: 'a3', type: 'StatusChange' }, ID)?.type, 'status');
    assert.equal(readActivity({ id: 'a4', type: 'comment', status: 'Open' }, ID)?.type, 'comment');
    assert.deepEqual(readActivity({ id: 'a5', comment: 'x', isPrivate: true, createdBy: { id: 'u', name: 'U' } }, ID), {
      id: 'a5', ticketId: ID, type: 'comment', comment: 'x', isPrivate: true, createdBy: { id: 'u', name: 'U', email: '' },
    });
    assert.equal(readActivity({ comment: 'no id' }, ID), undefined);
  });

  it('reads a comment, its ticket id falling back to the one asked about', () => {
    assert.deepEqual(readComment({ id: 'c1', comment: 'hi' }, ID), { id: 'c1', ticketId: ID, comment: 'hi' });
    assert.equal(readComment({ comment: 'hi' }, ID), undefined);
  });

  it('reads an instance, dropping custom fields without an id and unknown assignee types', () => {
    const i = readInstance({
      id: 'inst', name: 'Helpdesk', enabled: true, dayBeforeTicketsIdle: 'three',
      customFields: [{ id: 'f1', type: 'text', label: 'Room' }, { type: 'toggle' }, { id: 'f2', type: 'itempicker', name: 'Site', multiple: false, options: [{ id: 'o1', text: 'Paris' }, { text: 'no id' }] }],
      assignees: { type: 'somethingElse', peoples: [] },
    });
    assert.deepEqual(i, {
      id: 'inst', name: 'Helpdesk', enabled: true,
      customFields: [
        { id: 'f1', type: 'text', label: 'Room' },
        { id: 'f2', type: 'itempicker', label: 'Site', multiple: false, options: [{ id: 'o1', text: 'Paris' }] },
      ],
    });
    assert.deepEqual(readInstance({ assignees: { type: 'customAssignee', peoples: [{ id: 'p', text: 'P' }, 3] } })?.assignees,
      { type: 'customAssignee', peoples: [{ id: 'p', text: 'P' }] });
  });

  it('reads tag categories, filling the required fields it can', () => {
    assert.deepEqual(readTagCategory({ id: 'c', text: 'Area', tags: [{ text: 'net' }, { deleted: true }] }), {
      id: 'c', instanceId: '', text: 'Area', color: '', tags: [{ text: 'net', deleted: false }], deleted: false,
    });
    assert.equal(readTagCategory({ id: 'c' }), undefined);
  });

  it('finds items, item and the continuation token in either place', () => {
    assert.deepEqual(envelopeItems({ items: [1] }), [1]);
    assert.deepEqual(envelopeItems([2]), [2]);
    assert.equal(envelopeItems({ item: {} }), undefined);
    assert.deepEqual(envelopeItem({ item: { id: 'x' } }), { id: 'x' });
    assert.deepEqual(envelopeItem({ id: 'y' }), { id: 'y' });
    assert.equal(continuationTokenOf({ continuationToken: 'b' }, 'h'), 'b');
    assert.equal(continuationTokenOf({ items: [] }, 'h'), 'h');
    assert.equal(continuationTokenOf({ continuationToken: '' }, null), undefined);
    assert.equal(continuationTokenOf({}, ''), undefined);
  });

  describe('the live shapes (live-API notes), beside the page\'s', () => {
    it('tags: plain texts, or {tagCategoryId, text}; blanks dropped', () => {
      assert.deepEqual(readTicket({ id: ID, tags: ['intune', ' ', 'monthly'] })?.tags, [{ text: 'intune' }, { text: 'monthly' }]);
      assert.deepEqual(readTicket({ id: ID, tags: [{ tagCategoryId: 'c', text: 'hw' }] })?.tags, [{ tagCategoryId: 'c', text: 'hw' }]);
    });

    it('workflow: states {id, label, recordResolutionSLA, nextSteps: [{targetId}]} and resolvedStatus', () => {
      const t = readTicket({
        id: ID, status: 'Triage', isCustomWorkflow: true, resolvedStatus: ['done'],
        workflow: [
          { id: 'new', label: 'New', recordResolutionSLA: false, nextSteps: [{ targetId: 'triage', transitionLabel: 'Take' }] },
          { id: 'triage', recordResolutionSLA: 'yes' }, { label: 'no id', recordResolutionSLA: true }, 5,
        ],
      });
      assert.deepEqual(t?.workflow, [
        { id: 'new', label: 'New', next: ['triage'], recordsResolution: false }, { id: 'triage', label: 'triage' }, { id: 'no id', label: 'no id', recordsResolution: true },
      ]);
      assert.deepEqual(t?.resolvedStatus, ['done']);
      assert.equal(t?.isCustomWorkflow, true);
      assert.equal(readTicket({ id: ID, workflow: [] })?.workflow, undefined);
      assert.equal(readTicket({ id: ID, isCustomWorkflow: 'yes' })?.isCustomWorkflow, undefined, 'a flag of the wrong type is dropped');
    });

    it('workflow states: a name or text stands in for the label, and the label for the id', () => {
      const t = readTicket({ id: ID, workflow: [{ id: 'w1', name: 'Waiting' }, { text: 'Shipped' }, { id: ' ', label: ' ' }] });
      assert.deepEqual(t?.workflow, [{ id: 'w1', label: 'Waiting' }, { id: 'Shipped', label: 'Shipped' }]);
    });

    it('instance workflows: {id, name, isDefault, states}, the states under states, workflow or steps', () => {
      const instance = readInstance({
        workflows: [
          { id: 'default', name: 'Default', isDefault: true, states: [{ id: 'Open', label: 'Open' }] },
          { id: 'hw', title: 'Hardware', workflow: [{ id: 'hw-new', label: 'New', nextSteps: [{ targetId: 'hw-done' }] }, { id: 'hw-done', label: 'Done' }] },
          { id: 'steps', steps: [{ id: 's1' }] },
          { id: 'empty', states: [] },
          { name: 'no id', states: [{ id: 'x' }] },
          'junk',
        ],
      });
      assert.deepEqual(instance?.workflows, [
        { id: 'default', name: 'Default', isDefault: true, states: [{ id: 'Open', label: 'Open' }] },
        { id: 'hw', name: 'Hardware', states: [{ id: 'hw-new', label: 'New', next: ['hw-done'] }, { id: 'hw-done', label: 'Done' }] },
        { id: 'steps', name: 'steps', states: [{ id: 's1', label: 's1' }] },
      ]);
      assert.deepEqual(readInstance({ workflows: { items: [{ id: 'w', states: [{ id: 'a' }] }] } })?.workflows, [{ id: 'w', name: 'w', states: [{ id: 'a', label: 'a' }] }]);
      assert.equal(readInstance({ workflows: 'none' })?.workflows, undefined, 'no list: left out, the rest still read');
    });

    it('custom fields: {title, type: {key}, isMandatory, isMultiple, options: [{key, text}]}, or {type, label}', () => {
      assert.deepEqual(readCustomField({
        id: 'f', title: 'Category', type: { key: 'list', text: 'Items picker', data: null }, isMandatory: true, isMultiple: false,
        status: 'active', options: [{ key: 'k1', text: 'Hardware' }],
      }), { id: 'f', type: 'itempicker', label: 'Category', required: true, multiple: false, options: [{ id: 'k1', text: 'Hardware' }] });
      assert.equal(readCustomField({ id: 'f', title: 'Due', type: { key: 'date' } })?.type, 'datepicker');
      assert.equal(readCustomField({ id: 'f', title: 'Who', type: { key: 'peoplepicker' }, isMultiple: true })?.multiple, true);
      assert.equal(readCustomField({ id: 'f', title: 'Optional', type: 'toggle' })?.type, 'toggle', 'optional fields carry a plain string type');
      assert.deepEqual(readCustomField({ id: 'f', type: 'text', label: 'Asset' }), { id: 'f', type: 'text', label: 'Asset' });
    });

    it('people: {id, name, email}, or {id, text, secondaryText}', () => {
      const instance = readInstance({ assignees: { type: 'customAssignee', peoples: [{ id: 'u1', name: 'Ann', email: 'ann@x' }, { id: 'u2', text: 'Bob', secondaryText: 'bob@x' }] } });
      assert.deepEqual(instance?.assignees?.peoples, [{ id: 'u1', text: 'Ann', secondaryText: 'ann@x' }, { id: 'u2', text: 'Bob', secondaryText: 'bob@x' }]);
    });

    it('activities: `changes` with no `type`; `activityId` for the id', () => {
      const change = readActivity({
        activityId: 'a1', comment: 'Duplicate', createdBy: { id: 'u', name: 'U', email: 'u@x' }, attachments: [],
        changes: [{ name: 'Status', oldValue: 'Open', newValue: 'Resolved' }, { name: 'resolution', oldValue: null, newValue: 'cancelled' }],
      }, ID);
      assert.deepEqual(change, {
        id: 'a1', ticketId: ID, type: 'status', status: 'Resolved', previousStatus: 'Open', resolution: 'cancelled', comment: 'Duplicate',
        createdBy: { id: 'u', name: 'U', email: 'u@x' },
      });
      assert.equal(readActivity({ id: 'a2', comment: 'hi', changes: [{ name: 'priority', oldValue: 'Low', newValue: 'Urgent' }] }, ID)?.type, 'comment');
      assert.equal(readActivity({ id: 'a3', changes: [] }, ID)?.type, 'comment');
    });

    it('the comment a POST /activities answers: {activityId, ticketId, ticketNo, comment, user}', () => {
      assert.deepEqual(readComment({ activityId: 'a1', ticketId: ID, ticketNo: 5, comment: 'hi', attachments: [], user: { id: 'u', name: 'U', email: 'u@x' } }, 'other'), {
        id: 'a1', ticketId: ID, comment: 'hi', createdBy: { id: 'u', name: 'U', email: 'u@x' },
      });
    });
  });
});
