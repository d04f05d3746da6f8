import assert from 'node:assert/strict';
import { ticketInLink } from '../../src/features/findTicket.js';

const ID = '573c5407-3e15-4431-8c2f-e8a8018bb18f';
const DOMAINS = ['*.teamswork.app', 'tickets.contoso.com'];

describe('ticket links', () => {
  it('finds the ticket a helpdesk link names', () => {
    assert.deepEqual(ticketInLink(`https://x.teamswork.app/a/${ID.toUpperCase()}`, DOMAINS), { id: ID });
    assert.deepEqual(ticketInLink(`https://teamswork.app/?ticketId=${ID}`, DOMAINS), { id: ID });
    assert.deepEqual(ticketInLink('https://tickets.contoso.com/tickets/42', DOMAINS), { number: 42 });
    assert.deepEqual(ticketInLink('https://tickets.contoso.com/view?ticketId=42', DOMAINS), { number: 42 });
    assert.deepEqual(ticketInLink('https://tickets.contoso.com/#42', DOMAINS), { number: 42 });
  });

  it('leaves other links alone', () => {
    for (const link of [
      `https://evil.com/x.teamswork.app/${ID}`, `https://teamswork.app.evil.com/${ID}`, 'https://tickets.contoso.com/about',
      'https://other.contoso.com/tickets/42', `javascript:alert('${ID}')`, 'not a url', `ftp://x.teamswork.app/${ID}`,
    ]) {
      assert.equal(ticketInLink(link, DOMAINS), undefined, link);
    }
  });
});
