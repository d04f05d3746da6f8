import assert from 'node:assert/strict';
import { parseCommand } from '../../src/features/parseCommand.js';
import { filterMatches, parseNotify } from '../../src/notify/notifySetting.js';
import type { Ticket } from '../../src/ticketing/types.js';

describe('notify: what a channel subscribes to', () => {
  it('reads every form the help card shows, in any case', () => {
    assert.deepEqual(parseCommand('notify'), { name: 'notify', request: { what: 'show' } });
    assert.deepEqual(parseCommand('Notify NEW'), { name: 'notify', request: { what: 'subscribe', filter: { kind: 'new' } } });
    assert.deepEqual(parseCommand('notify urgent'), { name: 'notify', request: { what: 'subscribe', filter: { kind: 'urgent' } } });
    assert.deepEqual(parseCommand('notify all'), { name: 'notify', request: { what: 'subscribe', filter: { kind: 'all' } } });
    assert.deepEqual(parseCommand('notify tag:VPN'), { name: 'notify', request: { what: 'subscribe', filter: { kind: 'tag', tag: 'VPN' } } });
    assert.deepEqual(parseCommand('notify tag:"Seattle HQ"'), { name: 'notify', request: { what: 'subscribe', filter: { kind: 'tag', tag: 'Seattle HQ' } } });
    assert.deepEqual(parseCommand('notify off'), { name: 'notify', request: { what: 'off' } });
    assert.deepEqual(parseCommand('notify me off'), { name: 'notify', request: { what: 'me', on: false } });
    assert.deepEqual(parseCommand('notify me ON'), { name: 'notify', request: { what: 'me', on: true } });
    assert.deepEqual(parseCommand('notify me'), { name: 'notify', request: { what: 'me' } });
  });

  it('answers anything else with what it can be, never a guess', () => {
    for (const text of ['notify everything', 'notify tag:', 'notify urgent new', 'notify me maybe', 'notify off now', `notify tag:${'x'.repeat(101)}`]) {
      const parsed = parseCommand(text);
      assert.equal(parsed.name, 'notUnderstood', text);
      assert.match('problem' in parsed ? parsed.problem : '', /notify new, notify urgent, notify tag:VPN, notify all, notify off, or notify me off/);
    }
  });

  const ticket = (fields: Partial<Ticket>): Ticket => ({ id: 't1', number: 1, ...fields });
  const change = (t: Ticket, kind: 'created' | 'state' | 'other') => ({
    ticket: t, created: kind === 'created', stateChanged: kind === 'state', otherChange: kind === 'other',
  });

  it('posts a ticket created or changing state when it matches; "new" only new ones', () => {
    const urgentVpn = ticket({ priority: 'Urgent', tags: [{ text: 'vpn' }] });
    const low = ticket({ priority: 'Low' });
    assert.equal(filterMatches({ kind: 'new' }, change(low, 'created')), true);
    assert.equal(filterMatches({ kind: 'new' }, change(low, 'state')), false);
    assert.equal(filterMatches({ kind: 'urgent' }, change(urgentVpn, 'state')), true);
    assert.equal(filterMatches({ kind: 'urgent' }, change(urgentVpn, 'other')), true, 'a ticket becoming urgent');
    assert.equal(filterMatches({ kind: 'urgent' }, change(low, 'created')), false);
    assert.equal(filterMatches({ kind: 'tag', tag: 'VPN' }, change(urgentVpn, 'created')), true, 'tags compare without case');
    assert.equal(filterMatches({ kind: 'tag', tag: 'VPN' }, change(urgentVpn, 'other')), false);
    assert.equal(filterMatches({ kind: 'tag', tag: 'VPN' }, change(low, 'state')), false);
    assert.equal(filterMatches({ kind: 'all' }, change(low, 'other')), true);
  });
});
