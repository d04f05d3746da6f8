import assert from 'node:assert/strict';
import { BadActionError, parseAction } from '../../src/features/parseAction.js';

const ID = '573c5407-3e15-4431-8c2f-e8a8018bb18f';

describe('parseAction: card data → typed action', () => {
  it('accepts each verb with its data, lower-casing the UUID and dropping unknown fields', () => {
    assert.deepEqual(parseAction('start', { ticketId: ID.toUpperCase(), user: { id: 'forged' } }), { verb: 'start', ticketId: ID });
    assert.deepEqual(parseAction('resolve', { ticketId: ID, resolution: 'cancelled', resolutionComment: '  dup  ', comment: 'from the Comment form' }), { verb: 'resolve', ticketId: ID, resolution: 'cancelled', comment: 'dup' });
    assert.deepEqual(parseAction('resolve', { ticketId: ID, resolutionComment: '' }), { verb: 'resolve', ticketId: ID, resolution: 'fixed', comment: undefined });
    assert.deepEqual(parseAction('priority', { ticketId: ID, priority: 'Urgent' }), { verb: 'priority', ticketId: ID, priority: 'Urgent' });
    assert.deepEqual(parseAction('listPage', { filters: { priority: 'Urgent', mine: true, evil: 1 }, token: 'abc', page: 2 }), {
      verb: 'listPage', filters: { priority: 'Urgent', mine: true }, token: 'abc', skip: undefined, page: 2,
    });
    assert.deepEqual(parseAction('move', { ticketId: ID, moveTo: ' hw-ordered ', state: 'forged' }), { verb: 'move', ticketId: ID, state: 'hw-ordered' });
    assert.deepEqual(parseAction('help', undefined), { verb: 'help' });
    // A description may be as long as the API takes, longer than a comment.
    const longest = 'd'.repeat(10_000);
    assert.equal((parseAction('create', { title: 'Printer jams', description: longest }) as { description?: string }).description, longest);
  });

  const forged: Array<[unknown, unknown, RegExp]> = [
    ['drop-tables', { ticketId: ID }, /not one I know/],
    [42, {}, /not one I know/],
    ['start', {}, /does not name a ticket/],
    ['start', { ticketId: '../../instance' }, /does not name a ticket/],
    ['start', { ticketId: `${ID}?key=x` }, /does not name a ticket/],
    ['resolve', { ticketId: ID, resolution: 'wontfix' }, /resolution must be one of/],
    ['priority', { ticketId: ID, priority: 'urgent!' }, /priority must be one of/],
    ['comment', { ticketId: ID, comment: '   ' }, /write the comment/],
    ['comment', { ticketId: ID, comment: { text: 'x' } }, /must be text/],
    ['comment', { ticketId: ID, comment: 'x'.repeat(4001) }, /the most is 4000/],
    ['move', { ticketId: ID }, /write the state to move to/],
    ['move', { ticketId: ID, moveTo: ['a'] }, /must be text/],
    ['move', { ticketId: ID, moveTo: 'x'.repeat(256) }, /the most is 255/],
    ['listPage', { token: 7 }, /damaged/],
    ['listPage', { skip: -1 }, /damaged/],
    ['listPage', { filters: { status: ' Closed' } }, /status must be one of/],
    ['listPage', { filters: 'urgent' }, /damaged/],
    ['create', { title: '' }, /write the title/],
    ['create', { title: 'Printer jams', description: 'x'.repeat(10_001) }, /the most is 10000/],
    ['edit', { ticketId: ID, editDescription: 'x'.repeat(10_001) }, /the most is 10000/],
  ];
  for (const [verb, data, message] of forged) {
    it(`refuses ${JSON.stringify(verb)} with ${JSON.stringify(data).slice(0, 60)}`, () => {
      assert.throws(() => parseAction(verb, data), (e: unknown) => e instanceof BadActionError && message.test(e.message));
    });
  }
});
