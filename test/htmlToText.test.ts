import assert from 'node:assert/strict';
import { htmlToText } from '../src/htmlToText.js';

describe('htmlToText', () => {
  it('keeps the text and its line breaks, decodes entities, drops tags and scripts', () => {
    assert.equal(htmlToText('<div>Hi&nbsp;<b>there</b> &amp; &lt;you&gt;</div><div>line 2<br/>line 3</div>'), 'Hi there & <you>\nline 2\nline 3');
    assert.equal(htmlToText('a &constructor; b &toString;'), 'a &constructor; b &toString;', 'an unknown entity stays as written');
    assert.equal(htmlToText('<ul><li>one</li><li>two</li></ul>'), '• one\n• two');
    assert.equal(htmlToText('<script>alert(1)</script>ok &#x1F600; &#65;'), 'ok 😀 A');
    // HTML's rule, as a browser shows it: a code point out of range is the replacement character.
    assert.equal(htmlToText('&bogus; &#99999999;'), '&bogus; \ufffd');
  });

  it('keeps a < or > that starts no tag, as people type them in comparisons and arrows', () => {
    assert.equal(htmlToText('VPN drops when MTU < 1400 and retries > 3'), 'VPN drops when MTU < 1400 and retries > 3');
    assert.equal(htmlToText('<p>a <= b, c <- d, 3<4 and x <1> y</p>'), 'a <= b, c <- d, 3<4 and x <1> y');
    assert.equal(htmlToText('<p>Hi <b>there</b><!-- note --></p><div>ok</div>'), 'Hi there\nok');
  });

  it('reads thousands of < or unclosed tags at once, showing what a browser shows', () => {
    const started = performance.now();
    assert.equal(htmlToText('<'.repeat(28_000)), '<'.repeat(28_000));
    // Teams escapes a typed <, so these only come from a hostile sender: an unclosed tag shows nothing.
    assert.equal(htmlToText('<a'.repeat(14_000)), '');
    assert.equal(htmlToText('<script>'.repeat(3_000) + 'x'), '');
    assert.ok(performance.now() - started < 1000, `${Math.round(performance.now() - started)} ms`);
  });

  it('keeps the lines of plain chat text, which has no tags', () => {
    assert.equal(htmlToText('create Printer jams | Since Monday\nTried a restart'), 'create Printer jams | Since Monday\nTried a restart');
  });

  describe('Teams message HTML', () => {
    it('decodes named and numeric entities, and turns non-breaking spaces into spaces', () => {
      assert.equal(
        htmlToText('<p>Caf&eacute; Wi&#8209;Fi isn&rsquo;t working: &quot;no internet&quot; since 9&nbsp;am</p>'),
        'Café Wi\u2011Fi isn’t working: "no internet" since 9 am',
      );
    });

    it('keeps a link\'s URL after its text, once when the text is the URL', () => {
      const html = '<p>Hi team,</p><p>The printer on floor 3 shows <strong>E42</strong> again&nbsp;&ndash; see '
        + '<a href="https://contoso.sharepoint.com/sites/IT/wiki/Printers" rel="noreferrer noopener" target="_blank" '
        + 'title="https://contoso.sharepoint.com/sites/IT/wiki/Printers">the printer wiki</a>.</p>';
      assert.equal(htmlToText(html), 'Hi team,\nThe printer on floor 3 shows E42 again – see the printer wiki [https://contoso.sharepoint.com/sites/IT/wiki/Printers].');
      assert.equal(
        htmlToText('<p>Down? <a href="https://status.contoso.com" rel="noreferrer noopener" target="_blank">https://status.contoso.com</a></p>'),
        'Down? https://status.contoso.com',
      );
    });

    it('puts list items on their own lines, bulleted or numbered', () => {
      const html = '<p>What I tried:</p><ul><li>Restarted the laptop</li><li>Reinstalled the <em>driver</em></li></ul>'
        + '<p>Steps:</p><ol><li><p>Open Settings</p></li><li><p>Click Update</p></li></ol>';
      assert.equal(htmlToText(html), 'What I tried:\n• Restarted the laptop\n• Reinstalled the driver\n\nSteps:\n 1. Open Settings\n 2. Click Update');
    });

    it('lays a pasted table out in columns, a row a line', () => {
      const html = '<table itemprop="copy-paste-table"><tbody><tr><td><p>Host</p></td><td><p>Status</p></td></tr>'
        + '<tr><td><p>srv-01</p></td><td><p>down since Monday</p></td></tr></tbody></table>';
      assert.equal(htmlToText(html), 'Host     Status\nsrv-01   down since Monday');
    });

    it('keeps line breaks and a blank line, and shows mentions as the names', () => {
      assert.equal(htmlToText('<div><div>First line<br>Second line<br><br>After a blank line</div></div>'), 'First line\nSecond line\n\nAfter a blank line');
      assert.equal(
        htmlToText('<p><at id="0">Megan Bowen</at> and <at id="1">IT Support</at>, the VPN drops every hour</p>'),
        'Megan Bowen and IT Support, the VPN drops every hour',
      );
    });
  });
});
