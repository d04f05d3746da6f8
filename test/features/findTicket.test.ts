import assert from 'node:assert/strict';
import { ticketInLink } from '../../src/features/findTicket.js';
import { htmlToText } from '../../src/features/htmlToText.js';

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

describe('htmlToText', () => {
  it('keeps the text and its line breaks, decodes entities, drops tags and scripts', () => {
    assert.equal(htmlToText('<div>Hi&nbsp;<b>there</b> &amp; &lt;you&gt;</div><div>line 2<br/>line 3</div>'), 'Hi there & <you>\nline 2\nline 3');
    assert.equal(htmlToText('a &constructor; b &toString;'), 'a &constructor; b &toString;', 'an unknown entity stays as written');
    assert.equal(htmlToText('<ul><li>one</li><li>two</li></ul>'), '• one\n• two');
    assert.equal(htmlToText('<script>alert(1)</script>ok &#x1F600; &#65;'), 'ok 😀 A');
    assert.equal(htmlToText('&bogus; &#99999999;'), '&bogus; &#99999999;');
  });

  it('keeps a < or > that starts no tag, as people type them in comparisons and arrows', () => {
    assert.equal(htmlToText('VPN drops when MTU < 1400 and retries > 3'), 'VPN drops when MTU < 1400 and retries > 3');
    assert.equal(htmlToText('<p>a <= b, c <- d, 3<4 and x <1> y</p>'), 'a <= b, c <- d, 3<4 and x <1> y');
    assert.equal(htmlToText('<p>Hi <b>there</b><!-- note --></p><div>ok</div>'), 'Hi there\nok');
  });

  it('reads thousands of < or unclosed tags as text, whole', () => {
    assert.equal(htmlToText('<'.repeat(28_000)), '<'.repeat(28_000));
    assert.equal(htmlToText('<a'.repeat(14_000)), '<a'.repeat(14_000));
    assert.equal(htmlToText('<script>'.repeat(3_000) + 'x'), 'x');
  });
});
