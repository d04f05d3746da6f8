import assert from 'node:assert/strict';
import { cutToBytes, plain } from '../../src/cards/format.js';

/** What the text takes inside a JSON string (without the quotes). */
const inJson = (text: string) => Buffer.byteLength(JSON.stringify(text)) - 2;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('cards/format cutToBytes: text cut to a size inside a card\'s JSON', () => {
  it('keeps text that fits, and cuts the rest with room for the "…"', () => {
    assert.deepEqual(cutToBytes('abc', 3), { text: 'abc', wasCut: false, bytes: 3 });
    assert.deepEqual(cutToBytes('abcdef', 4), { text: 'a…', wasCut: true, bytes: 4 });
    assert.deepEqual(cutToBytes('経経経経', 10), { text: '経経…', wasCut: true, bytes: 9 });
    assert.equal(cutToBytes('a"b\\c', 4).text, 'a…', 'a quote and a backslash take two bytes each');
    assert.equal(cutToBytes('😀😀😀', 15).text, '😀…', 'never half of a surrogate pair');
  });

  it('never gives more than asked, whole characters only, for mixed text', () => {
    const parts = ['a', 'é', '経', '😀', '"', '\\', '\n', '\u0001', '\ud800'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: Math.floor(next() * 60) }, () => parts[Math.floor(next() * parts.length)]).join('');
      const max = 3 + Math.floor(next() * 80);
      const cut = cutToBytes(text, max);
      assert.ok(inJson(cut.text) <= cut.bytes && cut.bytes <= max, `${JSON.stringify(text)} at ${max}: ${JSON.stringify(cut)}`);
      if (cut.wasCut) {
        assert.ok(text.startsWith(cut.text.slice(0, -1)) && cut.text.endsWith('…'));
        assert.ok(!LONE_SURROGATE.test(cut.text.slice(0, -1)) || LONE_SURROGATE.test(text), 'no pair split by the cut');
      } else assert.equal(cut.text, text);
    }
  });
});

describe('cards/format plain: text shown as written', () => {
  // The four escapes plain() makes, each applied to all text: what its shortcut must never skip.
  const escapedEverywhere = (text: string) => text
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
    .replace(/\{\{/g, '{\u200d{');

  it('escapes as the full escapes do, for every character of the Basic Multilingual Plane in the places a mark matters', () => {
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `${c} x`, `1${c} x`, `${c}${c}`, `a\n${c} b`, ` 2${c}\tz`]) {
        assert.equal(plain(text), escapedEverywhere(text), JSON.stringify(text));
      }
    }
  });
});
