import assert from 'node:assert/strict';
import { parseCommand, tokenize } from '../../src/features/parseCommand.js';
import { MAX_COMMENT_LENGTH, MAX_DESCRIPTION_LENGTH } from '../../src/ticketing/limits.js';

describe('parseCommand: chat text → typed command', () => {
  const cases: Array<[string, unknown]> = [
    ['', { name: 'help' }],
    ['HELP', { name: 'help' }],
    ['?', { name: 'help' }],
    ['#123', { name: 'show', number: 123 }],
    ['42', { name: 'show', number: 42 }],
    ['show #7', { name: 'show', number: 7 }],
    ['View 7', { name: 'show', number: 7 }],
    ['list', { name: 'list', filters: {} }],
    ['list urgent open mine', { name: 'list', filters: { priority: 'Urgent', status: 'Open', mine: true } }],
    ['LIST Resolved low assigned to me', { name: 'list', filters: { status: 'Resolved', priority: 'Low', assignedToMe: true } }],
    ['list tag:VPN printer "floor 2"', { name: 'list', filters: { tag: 'VPN', search: 'printer floor 2' } }],
    ['list tag:"Seattle HQ" open', { name: 'list', filters: { tag: 'Seattle HQ', status: 'Open' } }],
    ['list open urgent open', { name: 'list', filters: { status: 'Open', priority: 'Urgent', search: 'open' } }],
    ['create Printer jammed | It shows E42', { name: 'create', title: 'Printer jammed', description: 'It shows E42' }],
    ['create   VPN drops  ', { name: 'create', title: 'VPN drops', description: undefined }],
    ['resolve 12', { name: 'status', number: 12, status: 'Resolved', resolution: undefined, comment: undefined }],
    ['move 12 Waiting for vendor', { name: 'move', number: 12, state: 'Waiting for vendor' }],
    ['MOVE #12   "Waiting  for vendor" ', { name: 'move', number: 12, state: 'Waiting  for vendor' }],
    ['move 12 hw-ordered', { name: 'move', number: 12, state: 'hw-ordered' }],
    ['resolve #12 Replaced the toner', { name: 'status', number: 12, status: 'Resolved', resolution: undefined, comment: 'Replaced the toner' }],
    ['resolve 12 resolution:cancelled duplicate of #11', { name: 'status', number: 12, status: 'Resolved', resolution: 'cancelled', comment: 'duplicate of #11' }],
    ['resolve 12 Resolution: cancelled duplicate of #11', { name: 'status', number: 12, status: 'Resolved', resolution: 'cancelled', comment: 'duplicate of #11' }],
    ['resolve 12 resolution:  fixed', { name: 'status', number: 12, status: 'Resolved', resolution: 'fixed', comment: undefined }],
    ['start 3', { name: 'status', number: 3, status: 'Started', resolution: undefined, comment: undefined }],
    ['close 3 done', { name: 'status', number: 3, status: 'Closed', resolution: undefined, comment: 'done' }],
    ['Reopen 3 still broken\nsecond line', { name: 'status', number: 3, status: 'Reopened', resolution: undefined, comment: 'still broken\nsecond line' }],
    ['comment 5 On my way', { name: 'comment', number: 5, text: 'On my way' }],
    ['assign 5 me', { name: 'assign', number: 5, to: 'me' }],
    ['assign 5 Adele.Vance@Contoso.com', { name: 'assign', number: 5, to: { email: 'adele.vance@contoso.com' } }],
    ['priority 5 IMPORTANT', { name: 'priority', number: 5, priority: 'Important' }],
    ['history 9', { name: 'history', number: 9 }],
    ['tags', { name: 'tags' }],
    ['assign 5 bob', { name: 'assign', number: 5, to: { name: 'bob' } }],
    ['assign 5 @Lee Gu', { name: 'assign', number: 5, to: { name: 'Lee Gu' } }],
    ['unassign #5', { name: 'unassign', number: 5 }],
  ];
  for (const [text, expected] of cases) {
    it(`"${text.replace(/\n/g, '\\n')}"`, () => assert.deepEqual(parseCommand(text), expected));
  }

  // The suggestion is the person's own command put right; it was the command's example, which
  // made people retype their command from scratch.
  const refused: Array<[string, RegExp, string | undefined]> = [
    ['show', /Which ticket\?/, 'show 123'],
    ['show abc', /"abc" is not a ticket number/, 'show 123'],
    ['resolve twelve', /not a ticket number/, 'resolve 123 Replaced the toner'],
    ['resolve 12 resolution:maybe', /resolution can be fixed, cannotResolve, cancelled/, 'resolve 12 resolution:cancelled'],
    ['resolve 12 resolution:', /resolution can be fixed, cannotResolve, cancelled/, 'resolve 12 resolution:cancelled'],
    ['resolve 12 resolution: maybe later', /resolution can be fixed, cannotResolve, cancelled/, 'resolve 12 resolution:cancelled later'],
    ['start 12 resolution:fixed', /only when resolving/, 'resolve 12 resolution:fixed'],
    ['resolve 264 resolution:fixd done', /resolution can be/, 'resolve 264 resolution:fixed done'],
    ['comment 5', /What should the comment say/, 'comment 123 I am on my way'],
    ['move 5', /Move it to which state\?/, 'move 123 Waiting for vendor'],
    ['move 5 ""', /Move it to which state\?/, 'move 123 Waiting for vendor'],
    ['move ordered', /"ordered" is not a ticket number/, 'move 123 Waiting for vendor'],
    ['assign 5', /Assign to "me", or to an agent by name or email address/, 'assign 5 me'],
    ['priority 5 huge', /priority can be Low, Medium, Important, Urgent/, 'priority 5 urgent'],
    ['priority 5 importnt', /priority can be/, 'priority 5 important'],
    ['create', /needs a title/, 'create Printer on floor 2 is jammed | It shows error E42'],
    ['create | only a description', /needs a title/, 'create Printer on floor 2 is jammed | It shows error E42'],
    ['lsit urgent', /I did not understand "lsit"/, 'list urgent'],
    ['please update the printer ticket', /I did not understand "please"/, undefined],
    ['resolv 12', /I did not understand "resolv"/, 'resolve 12'],
  ];
  for (const [text, problem, suggestion] of refused) {
    it(`refuses "${text}" with a sentence and a suggestion`, () => {
      const result = parseCommand(text);
      assert.equal(result.name, 'notUnderstood');
      assert.ok(result.name === 'notUnderstood');
      assert.match(result.problem, problem);
      assert.equal(result.suggestion, suggestion);
    });
  }

  it('suggests nothing for text far from every command, and cuts what it echoes', () => {
    const result = parseCommand('x'.repeat(500));
    assert.ok(result.name === 'notUnderstood');
    assert.equal(result.suggestion, undefined);
    assert.ok(result.problem.length < 80);
  });

  it('refuses an overlong comment rather than cutting it', () => {
    const result = parseCommand(`comment 5 ${'a'.repeat(MAX_COMMENT_LENGTH + 1)}`);
    assert.ok(result.name === 'notUnderstood');
    assert.match(result.problem, /characters long; the most is 4000/);
  });

  it('takes a typed description up to the API\'s own limit, longer than a comment\'s', () => {
    const longest = 'd'.repeat(MAX_DESCRIPTION_LENGTH);
    assert.deepEqual(parseCommand(`create Printer jams | ${longest}`), { name: 'create', title: 'Printer jams', description: longest });
    const refused = parseCommand(`create Printer jams | ${longest}d`);
    assert.ok(refused.name === 'notUnderstood');
    assert.match(refused.problem, /characters long; the most is 10000/);
  });

  it('keeps quoted phrases together, with straight and curly quotes', () => {
    assert.deepEqual(tokenize(`list "floor 2" “blue screen” tag:"Seattle HQ" can't c`), ['list', 'floor 2', 'blue screen', 'tag:Seattle HQ', "can't", 'c']);
    assert.deepEqual(tokenize('list tag:“Seattle HQ” “unclosed and “closed”'), ['list', 'tag:Seattle HQ', '“unclosed', 'and', 'closed']);
    // Quotes that never close are words: a message of thousands of them is read at once.
    assert.deepEqual(tokenize(`list ${'“'.repeat(20_000)}`), ['list', '“'.repeat(20_000)]);
    assert.deepEqual(tokenize(`list x${'“'.repeat(20_000)} "a b"`), ['list', `x${'“'.repeat(20_000)}`, 'a b']);
  });

  it('survives hostile text without throwing', () => {
    for (const text of ['"', '“', '#', '# 1', '#-1', '#1e3', 'show 9999999999', '\u0000\u202e', 'list tag:', '${x}', '<at>x</at>']) {
      assert.doesNotThrow(() => parseCommand(text), text);
    }
    assert.equal(parseCommand('show 9999999999').name, 'notUnderstood');
    // Words that name something every JavaScript object inherits are words like any other.
    for (const text of ['constructor', 'constructor 5', '__proto__ 5', 'toString', 'hasOwnProperty x', 'valueOf']) {
      const parsed = parseCommand(text);
      assert.equal(parsed.name, 'notUnderstood', text);
      assert.ok(parsed.name === 'notUnderstood' && (parsed.suggestion === undefined || typeof parsed.suggestion === 'string'), text);
    }
    // …also where a list filter is looked up: they are searched for, not taken for a status.
    assert.deepEqual(parseCommand('list constructor'), { name: 'list', filters: { search: 'constructor' } });
    assert.deepEqual(parseCommand('list __proto__ open'), { name: 'list', filters: { status: 'Open', search: '__proto__' } });
  });
});

describe('badge styles and labels: any label the API sends', () => {
  it('gives a label named like an inherited property the neutral style, and shows it as sent', async () => {
    const { priorityStyle, resolutionLabel, statusStyle } = await import('../../src/cards/format.js');
    for (const label of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(statusStyle(label), 'emphasis', label);
      assert.equal(priorityStyle(label), 'emphasis', label);
      assert.equal(resolutionLabel(label), label);
    }
    assert.equal(statusStyle('Resolved'), 'good');
    assert.equal(resolutionLabel('cannotResolve'), 'Cannot resolve');
  });
});

describe('plain: people\'s text in a TextBlock shows as written', () => {
  it('escapes Markdown marks and breaks card functions', async () => {
    const { plain } = await import('../../src/cards/format.js');
    assert.equal(plain('[Click](https://evil.example) **now** _x_ \\\\fs01\\share `c`'),
      '\\[Click\\](https://evil.example) \\*\\*now\\*\\* \\_x\\_ \\\\\\\\fs01\\\\share \\`c\\`');
    assert.equal(plain('# Heading\n- item\n1. first\n> quote\n#12 stays'), '\\# Heading\n\\- item\n1\\. first\n\\> quote\n#12 stays');
    assert.equal(plain('{{DATE(2026-01-01T00:00:00Z)}}'), '{\u200d{DATE(2026-01-01T00:00:00Z)}}');
  });
});
