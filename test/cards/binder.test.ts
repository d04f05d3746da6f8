/**
 * The compiled binder (src/cards/binder.ts) must give exactly the card adaptivecards-templating's
 * own Template.expand gives: for every fixture of every template, and for the corners of the
 * template language the library defines (missing fields, nulls, `$when` that is not a boolean,
 * `$data` with nothing in it, keys that differ only in case…).
 */
import assert from 'node:assert/strict';
import * as ACData from 'adaptivecards-templating';
import { compileTemplate } from '../../src/cards/binder.js';
import { MAX_CARD_BYTES, bindWith, render, watchBounds } from '../../src/cards/render.js';
import { FIXTURES, fixtureId } from './fixtures.js';

function both(template: unknown, data: object): { compiled: unknown; library: unknown } {
  return {
    compiled: compileTemplate(template, 'test').expand(data).card,
    library: new ACData.Template(template).expand({ $root: data }),
  };
}

describe('card binder: the same cards as adaptivecards-templating', () => {
  afterEach(() => bindWith('compiled'));

  for (const fixture of FIXTURES) {
    it(`${fixtureId(fixture)}: the same card both ways`, async () => {
      bindWith('library');
      const library = await fixture.build();
      bindWith('compiled');
      const compiled = await fixture.build();
      assert.deepEqual(compiled, library);
    });
  }

  const cases: Array<[string, unknown, object]> = [
    ['a field, a nested field, a number and a boolean', { a: '${title}', b: '${event.when}', n: '${count}', f: '${flag}' }, { title: 'T', event: { when: 'now' }, count: 3, flag: false }],
    ['a missing field, a missing parent and a null', { a: '${nope}', b: '${event.when}', c: '${empty}' }, { empty: null }],
    ['a field whose key differs in case', { a: '${title}' }, { Title: 'from Title' }],
    ['inherited names', { a: '${constructor}', b: '${toString}', c: '${__proto__}' }, {}],
    ['a field of an array or a string', { a: '${rows.length}', b: '${name.length}' }, { rows: [1, 2], name: 'abc' }],
    ['text around fields, with a number and a missing field', { t: 'Open ${label} (${n}) ${gone}' }, { label: '#7', n: 2 }],
    ['text around a boolean, an object, an array, a case-different and a missing field', { t: 'a ${b} ${o} ${arr} ${Label} ${gone}.' }, { b: true, o: { x: 1 }, arr: [1, 2], label: 'L' }],
    ['user text that looks like a binding', { t: '${text}', u: 'Say ${text}' }, { text: '${secret} and $' + '{x}' }],
    ['an object or array bound whole', { facts: '${facts}', data: '${next}' }, { facts: [{ title: 'a', value: 'b' }], next: { page: 2 } }],
    ['$when true, false, missing, a string, a number', {
      items: [
        { $when: '${yes}', t: 'yes' }, { $when: '${no}', t: 'no' }, { $when: '${gone}', t: 'gone' },
        { $when: '${word}', t: 'word' }, { $when: '${one}', t: 'one' }, { $when: '${note != null}', t: 'note' },
        { $when: '${count(rows) == 0}', t: 'none' }, { $when: '${!compact}', t: 'full' },
      ],
    }, { yes: true, no: false, word: 'true', one: 1, note: 'n', rows: [], compact: false }],
    ['$when tests the binder answers itself, over values only the library can judge', {
      items: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'gone'].flatMap((k) => [
        `!${k}`, `${k}`, `${k} != null`, `${k}.x != null`, `count(${k}) > 0`, `count(${k}) == 0`, `count(${k}) == 1`,
        `${k} == 'text'`, `${k} == 0`, `${k} == 1`, `${k} > 0`, `${k} > 'a'`, `${k}.x == 'y'`,
      ].map((test) => ({ $when: `\${${test}}`, t: test }))),
    }, {
      a: true, b: undefined, c: null, d: 'text', e: '', f: [], g: [0], h: 0, i: { x: null }, j: new Map([['x', 1]]), K: false,
      l: 1e-17, m: { x: 'y', X: 'z' }, n: '5',
    }],
    ['$when that is not an expression', { items: [{ $when: true, t: 'a' }, { $when: false, t: 'b' }, { $when: 'x', t: 'c' }, { $when: '', t: 'd' }] }, {}],
    ['$data over rows, empty rows, one object, a missing list', {
      rows: [{ $data: '${rows}', t: '${name}', tip: 'Open ${name}' }],
      none: [{ $data: '${empty}', t: '${name}' }],
      inKey: { $data: '${empty}', t: 'x' },
      one: { $data: '${person}', t: '${name}' },
      gone: [{ $data: '${missing}', t: '${name}' }],
    }, { rows: [{ name: 'a' }, { name: 'b' }, {}], empty: [], person: { name: 'p' } }],
    ['$data with $when per row, and rows with undefined items', {
      rows: [{ $data: '${rows}', $when: '${show}', t: '${name}' }],
    }, { rows: [{ name: 'a', show: true }, { name: 'b', show: false }, undefined, null] }],
    ['nested $data sees the row, not the root', {
      groups: [{ $data: '${groups}', title: '${title}', items: [{ $data: '${items}', t: '${title}' }] }],
    }, { title: 'root', groups: [{ title: 'g1', items: [{ title: 'i1' }, { title: 'i2' }] }, { title: 'g2', items: [] }] }],
    ['constant arrays inside arrays are spliced, nulls dropped', { a: [[1, 2], null, 3, { k: [null, 'v'] }], b: null, $root: 'dropped' }, {}],
    ['a non-string $data is used as it is', { rows: [{ $data: [{ n: 1 }, { n: 2 }], t: '${n}' }] }, {}],
  ];
  for (const [what, template, data] of cases) {
    it(`${what}: as the library binds it`, () => {
      const { compiled, library } = both(template, data);
      assert.deepEqual(compiled, library);
    });
  }

  it('fails as the library does on text around a null field', () => {
    const template = { t: 'a ${nil}' };
    assert.throws(() => new ACData.Template(template).expand({ $root: { nil: null } }), TypeError);
    assert.throws(() => compileTemplate(template, 'test').expand({ nil: null }).card, TypeError);
  });

  it('refuses, when compiled, a template that names a context: $root, $index, $host', () => {
    for (const text of ['${$root.title}', '${$index}', 'Row ${$index}', '${$host.x}', '${$data.name}']) {
      assert.throws(() => compileTemplate({ t: text }, 'bad'), /bind view-model fields only/, text);
    }
  });

  it('gives each card its own parts, so that changing one card changes no other', () => {
    type WithActions = { actions: Array<{ title: string; card?: { body: Array<Record<string, unknown>> } }> };
    const view = (id: string) => ({ id, numberLabel: '#1', title: 'T', facts: [], customFields: [], compact: false, canResolve: true });
    const resolveForm = (card: unknown) => (card as WithActions).actions.find((a) => a.title === 'Resolve')?.card;
    const first = resolveForm(render('ticket', view('t1')));
    assert.ok(first);
    const untouched = structuredClone(first.body);
    first.body.push({ type: 'TextBlock', text: 'added' });
    first.body[0]!.label = 'changed';
    assert.deepEqual(resolveForm(render('ticket', view('t2')))?.body, untouched);
  });
});

describe('card binder: the size bound that spares measuring each card', () => {
  afterEach(() => watchBounds(undefined));
  const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card));

  it('is never under the card\'s real size, for every fixture of every template', async () => {
    const seen: Array<{ name: string; exact: number; maxBytes: number }> = [];
    watchBounds((name, card, maxBytes) => seen.push({ name, exact: bytes(card), maxBytes }));
    for (const fixture of FIXTURES) await fixture.build();
    assert.deepEqual(new Set(seen.map((s) => s.name)), new Set(FIXTURES.map((f) => f.template)), 'every template seen');
    for (const { name, exact, maxBytes } of seen) assert.ok(maxBytes >= exact, `${name}: bound ${maxBytes} under ${exact}`);
    // The fixtures lean to the heaviest cards; one under a third of the limit is always spared.
    const light = seen.filter((s) => s.exact < MAX_CARD_BYTES / 3);
    assert.ok(light.length > seen.length / 2, `${light.length} light cards of ${seen.length}`);
    for (const { name, exact, maxBytes } of light) assert.ok(maxBytes <= MAX_CARD_BYTES, `${name} (${exact} bytes) is measured again: bound ${maxBytes}`);
  });

  it('holds for text with escapes, emoji, lone surrogates and control characters, and for whole objects bound', () => {
    const nasty = '"\\\n\u0001\u001f\u2028 é 漢字 😀 \ud800 </script>'.repeat(20);
    const template = {
      t: '${s}', u: 'Say ${s} now', n: '${num}', f: '${facts}', d: '${when}', m: '${missing}',
      rows: [{ $data: '${rows}', $when: '${show}', v: '${s}' }],
    };
    const data = {
      s: nasty, num: -1.2345678901234567e-308, when: new Date(0),
      facts: [{ title: nasty, value: nasty }, { 'k\u0000"': [nasty, null, true, 7] }],
      rows: [{ s: nasty, show: true }, { s: nasty, show: false }, { s: 'x', show: true }],
    };
    const { card, maxBytes } = compileTemplate(template, 'test').expand(data);
    assert.deepEqual(card, new ACData.Template(template).expand({ $root: data }));
    assert.ok(maxBytes >= bytes(card), `bound ${maxBytes} under ${bytes(card)}`);
  });

  it('still refuses a card over the limit, which it then measures', () => {
    assert.throws(() => render('error', { headline: 'x'.repeat(MAX_CARD_BYTES) }), /card error is \d+ bytes, over/);
    assert.doesNotThrow(() => render('error', { headline: 'é'.repeat(4000) }), 'a bound over the limit, a card under it');
  });
});
