/**
 * render(): every template bound by adaptivecards-templating itself. The template language's rules
 * are the library's; what is ours is that every expression in cards/ is one it can evaluate, that a
 * card over the size limit is refused, and that user text is never read as a template.
 */
import assert from 'node:assert/strict';
import { Expression } from 'adaptive-expressions';
import * as ACData from 'adaptivecards-templating';
import { MAX_CARD_BYTES, render, templateJson, templateNames } from '../../src/cards/render.js';
import { inEnglish } from '../../src/i18n/translate.js';
import { MAX_COMMENT_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_TEXT_FIELD_LENGTH, MAX_TITLE_LENGTH } from '../../src/ticketing/limits.js';
import { FIXTURES } from './fixtures.js';

/** Every string in a template that holds a `${…}` binding, with where it is. */
function bindings(node: unknown, path: string, out: Array<{ path: string; text: string }> = []): Array<{ path: string; text: string }> {
  if (typeof node === 'string' && node.includes('${')) out.push({ path, text: node });
  else if (Array.isArray(node)) node.forEach((item, i) => bindings(item, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) bindings(value, `${path}.${key}`, out);
  }
  return out;
}

/** The names of the functions an expression calls that adaptive-expressions does not define. */
function unknownFunctions(expression: Expression): string[] {
  // A constant is a value, not a call: the one node type that has no function.
  const own = expression.type === 'Constant' || Expression.lookup(expression.type) ? [] : [expression.type];
  return [...own, ...expression.children.flatMap(unknownFunctions)];
}

/**
 * Why the library cannot evaluate the binding (bad syntax, wrong arity, unknown function), or
 * undefined. The templating library parses an unknown function without complaint and fails only
 * when it is called, leaving the `${…}` text in the card: hence the walk over the parsed tree.
 */
function refusal(text: string): string | undefined {
  try {
    const parsed = ACData.Template.parseInterpolatedString(text);
    if (typeof parsed === 'string') return undefined;
    parsed.validate();
    const unknown = unknownFunctions(parsed);
    return unknown.length > 0 ? `unknown function ${unknown.join(', ')}` : undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('card templates: bound by adaptivecards-templating', () => {
  it('holds only expressions the library can evaluate, in every template', () => {
    const found: string[] = [];
    let count = 0;
    for (const name of templateNames()) {
      for (const { path, text } of bindings(templateJson(name), name)) {
        count++;
        const why = refusal(text);
        if (why) found.push(`${path}: ${JSON.stringify(text)}: ${why}`);
      }
    }
    assert.ok(count > 50, `only ${count} bindings found in cards/`);
    assert.deepEqual(found, []);
  });

  it('refuses, by that check, what the library cannot evaluate', () => {
    for (const text of ['${frobnicate(title)}', '${count(rows) > }', '${count(rows, 2)}', 'Open ${add(1)}']) {
      assert.ok(refusal(text), `${text} passed`);
    }
    assert.equal(refusal('Open ${numberLabel} (${count(rows)})'), undefined);
  });

  it('shows user text that looks like a binding as typed', () => {
    const typed = '${title} and ${count(x)}';
    const card = render('error', { headline: typed }, inEnglish);
    assert.ok(JSON.stringify(card).includes(JSON.stringify(typed)), JSON.stringify(card));
  });

  it('gives each card its own parts, so that changing one card changes no other', () => {
    type WithActions = { actions: Array<{ title: string; card?: { body: Array<Record<string, unknown>> } }> };
    const view = (id: string) => ({ id, numberLabel: '#1', title: 'T', facts: [], customFields: [], compact: false, canResolve: true });
    const resolveForm = (card: unknown) => (card as WithActions).actions.find((a) => a.title === 'Resolve')?.card;
    const first = resolveForm(render('ticket', view('t1'), inEnglish));
    assert.ok(first);
    const untouched = structuredClone(first.body);
    first.body.push({ type: 'TextBlock', text: 'added' });
    first.body[0]!.label = 'changed';
    assert.deepEqual(resolveForm(render('ticket', view('t2'), inEnglish))?.body, untouched);
  });

  it('takes every input\'s length limit from the API\'s limits, never from a number in a template', async () => {
    const written: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'maxLength' && !/^\$\{\$root\.limits\.\w+\}$/.test(String(value))) written.push(`${path}: ${JSON.stringify(value)}`);
          walk(value, `${path}.${key}`);
        }
      }
    };
    for (const name of templateNames()) walk(templateJson(name), name);
    assert.deepEqual(written, []);

    // Inputs by id (a custom field's id ends in its UUID): the limit each is held to.
    const expected: Array<[RegExp, number[]]> = [
      [/^(title|editTitle)$/, [MAX_TITLE_LENGTH]],
      [/^(description|editDescription)$/, [MAX_DESCRIPTION_LENGTH]],
      [/^(comment|resolutionComment|reopenReason|closeReason)$/, [MAX_COMMENT_LENGTH]],
      [/^(cf_|editField_)/, [MAX_TEXT_FIELD_LENGTH, MAX_DESCRIPTION_LENGTH]],
    ];
    const wrong: string[] = [];
    let inputs = 0;
    const check = (node: unknown, fixture: string): void => {
      if (Array.isArray(node)) node.forEach((item) => check(item, fixture));
      else if (node !== null && typeof node === 'object') {
        const input = node as { type?: unknown; id?: unknown; maxLength?: unknown };
        if (input.type === 'Input.Text') {
          inputs++;
          const limits = expected.find(([id]) => id.test(String(input.id)))?.[1];
          if (!limits?.includes(input.maxLength as number)) wrong.push(`${fixture} ${String(input.id)}: ${JSON.stringify(input.maxLength)}`);
        }
        Object.values(node).forEach((value) => check(value, fixture));
      }
    };
    for (const fixture of FIXTURES) check(await fixture.build(), `${fixture.template}-${fixture.name}`);
    assert.ok(inputs > 20, `only ${inputs} text inputs in the fixtures`);
    assert.deepEqual(wrong, []);
  });

  it('refuses a card over the limit, and measures a card as UTF-8', () => {
    assert.throws(() => render('error', { headline: 'x'.repeat(MAX_CARD_BYTES) }, inEnglish), /card error is \d+ bytes, over/);
    assert.doesNotThrow(() => render('error', { headline: 'é'.repeat(4000) }, inEnglish), '8,000 bytes of text is under the limit');
    assert.throws(() => render('error', { headline: 'é'.repeat(MAX_CARD_BYTES / 2) }, inEnglish), /over/, 'two bytes a character');
  });
});
