/**
 * Binds a view model into a card template with the same result as adaptivecards-templating's
 * `Template.expand`, at about a quarter of its CPU. The library rebuilds every node of the template
 * and evaluates each `${…}` with a fresh memory and a case-insensitive key search; on a busy bot that
 * was the largest cost of a turn after the API call itself.
 *
 * A template is compiled once into a tree where:
 *  - parts with no binding are constants, copied into each card (a card is its own: changing one
 *    changes no other; frozen shared parts would be safe too, but V8 serializes frozen objects at
 *    about half speed, and each card is serialized twice);
 *  - a binding that is a plain field path (`${title}`, `${event.when}`) reads the field, and text
 *    around such paths (`Open ${numberLabel}`) joins the fields' strings and numbers;
 *  - a `$when` test of a field against a constant (`${note != null}`, `${count(rows) > 0}`, see
 *    Quick) is answered from the field when its value leaves no doubt of the library's answer;
 *  - everything else (`${format(x)}`), and a path whose value is missing, null, not an own field
 *    or (in text) not a string, number or boolean, is evaluated by the library itself.
 * So the library still parses every binding and decides every case but these plain ones, and the
 * tests check that both ways give the same card for every fixture and for the values where the
 * two could part.
 *
 * Templates bind view-model fields only: `$root`, `$index` and `$host` are refused when the template
 * is compiled, since the library would resolve them in a context this binder does not build.
 *
 * Binding also adds up a bound on the card's size as JSON, from sizes known when compiling and the
 * length of each bound value, so that render() serializes a card to measure it only when it might
 * be too big.
 */
import * as ACData from 'adaptivecards-templating';
import { jsonBytes } from './format.js';

type Expression = Exclude<ReturnType<typeof ACData.Template.parseInterpolatedString>, string>;

/**
 * A `$when` test the binder answers from the data when it can (else the library does): a field,
 * or `count(field)` of an array, alone or tested with `!`, or compared by `!=`, `==` or `>` with a
 * constant: `${canStart}`, `${!compact}`, `${note != null}`, `${kind == 'text'}`, `${count(rows) > 0}`.
 */
interface Quick {
  path: string[];
  /** `count(path)`: the array's length. */
  count: boolean;
  test: 'is' | 'not' | '!=' | '==' | '>';
  constant?: unknown;
}

type When = { kind: 'drop' } | { kind: 'test'; expression: Expression; quick?: Quick };

type Bound =
  /** `bytes`: the value's size as JSON (UTF-8). */
  | { kind: 'constant'; value: unknown; bytes: number }
  | { kind: 'field'; path: string[]; expression: Expression }
  /** Text with fields in it: each part is a constant string or a field path. */
  | { kind: 'text'; parts: Array<string | string[]>; expression: Expression }
  | { kind: 'expression'; expression: Expression }
  | { kind: 'array'; items: Bound[] }
  /** `frame`: the braces, and each key with its quotes, colon and comma, in bytes. */
  | { kind: 'object'; when?: When; data?: Bound; entries: Array<[string, Bound]>; frame: number };

export interface Expanded {
  /** What `new Template(json).expand({ $root: data })` gives. */
  card: unknown;
  /** The card's size as JSON in UTF-8 bytes is at most this. */
  maxBytes: number;
}

export interface CompiledTemplate {
  expand(data: object): Expanded;
}

/** Bytes counted while binding one card. */
interface Tally {
  bytes: number;
}

/** Keys the library reads as instructions and never copies into the card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const CONTEXT_NAME = /\$(?:root|index|host|data|_acTemplateVersion)\b/;

export function compileTemplate(json: unknown, name: string): CompiledTemplate {
  const root = compile(json, name);
  return {
    expand: (data) => {
      const tally = { bytes: 0 };
      return { card: expand(root, data, tally), maxBytes: tally.bytes };
    },
  };
}

function constant(value: unknown): Bound {
  return { kind: 'constant', value, bytes: jsonBytes(value) };
}

/**
 * At least the size as JSON of a bound value: 6 bytes per UTF-16 unit covers the longest escape
 * (`\u001f`) and any UTF-8 sequence; plain objects and arrays are walked, anything else measured.
 */
function valueBytes(value: unknown): number {
  switch (typeof value) {
    case 'string': return 2 + 6 * value.length;
    case 'number': return 24;
    case 'boolean': return 5;
    case 'undefined': return 4;
    default: break;
  }
  if (value === null) return 4;
  if (Array.isArray(value)) {
    let bytes = 2;
    for (const item of value) bytes += valueBytes(item) + 1;
    return bytes;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return jsonBytes(value);
  let bytes = 2;
  for (const key of Object.keys(value as object)) bytes += 6 * key.length + 4 + valueBytes((value as Record<string, unknown>)[key]);
  return bytes;
}

/** A constant's own copy for one card: plain JSON, so arrays and own keys are all there is. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: Record<string, unknown> = {};
  // for…in, not Object.entries: no array of pairs per object (template JSON has no inherited keys).
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key]);
  return out;
}

function compile(node: unknown, name: string): Bound {
  if (typeof node === 'string') return compileString(node, name);
  if (Array.isArray(node)) {
    const items = node.map((item) => compile(item, name));
    if (!items.every((item) => item.kind === 'constant')) return { kind: 'array', items };
    const joined: unknown[] = [];
    for (const item of items) joinItem(joined, (item as { value: unknown }).value);
    return constant(joined);
  }
  if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const entries = Object.keys(record).filter((key) => !RESERVED.has(key)).map((key): [string, Bound] => [key, compile(record[key], name)]);
    const when = compileWhen(record.$when, name);
    // A `$data` that is not a string is used as it is, unbound, as the library does.
    const data = record.$data === undefined ? undefined
      : typeof record.$data === 'string' ? compileString(record.$data, name) : constant(record.$data);
    if (!when && !data && entries.every(([, bound]) => bound.kind === 'constant')) {
      return constant(Object.fromEntries(entries.map(([key, bound]) => [key, (bound as { value: unknown }).value])));
    }
    const frame = entries.reduce((sum, [key]) => sum + jsonBytes(key) + 2, 2);
    return { kind: 'object', ...(when ? { when } : {}), ...(data ? { data } : {}), entries, frame };
  }
  return constant(node);
}

function compileString(text: string, name: string): Bound {
  const parsed = ACData.Template.parseInterpolatedString(text);
  if (typeof parsed === 'string') return constant(parsed);
  if (CONTEXT_NAME.test(text)) throw new Error(`card template ${name}: "${text}" names a context ($root, $index…); bind view-model fields only`);
  const path = fieldPath(parsed);
  if (path) return { kind: 'field', path, expression: parsed };
  const parts = textParts(parsed);
  return parts ? { kind: 'text', parts, expression: parsed } : { kind: 'expression', expression: parsed };
}

function compileWhen(when: unknown, name: string): When | undefined {
  if (when === undefined) return undefined;
  const bound = typeof when === 'string' ? compileString(when, name) : undefined;
  if (bound?.kind === 'field') return { kind: 'test', expression: bound.expression, quick: { test: 'is', path: bound.path, count: false } };
  if (bound?.kind === 'expression') {
    const quick = quickTest(bound.expression);
    return { kind: 'test', expression: bound.expression, ...(quick ? { quick } : {}) };
  }
  if (bound?.kind === 'text') return { kind: 'test', expression: bound.expression };
  // The library drops an object whose $when is set but is not an expression (`"$when": true` included).
  return when ? { kind: 'drop' } : undefined;
}

/** The Quick form of a test, if it has one. */
function quickTest(expression: Expression): Quick | undefined {
  const { type, children } = expression;
  const operand = children[0];
  const counted = operand?.type === 'count' && operand.children.length === 1 ? fieldPath(operand.children[0]!) : undefined;
  const path = counted ?? (operand && fieldPath(operand));
  if (!path) return undefined;
  const count = counted !== undefined;
  if (type === '!' && children.length === 1) return { path, count, test: 'not' };
  const second = children[1];
  if (children.length !== 2 || second?.type !== 'Constant') return undefined;
  const constant = (second as { value?: unknown }).value;
  if (type === '!=' && constant === null) return { path, count, test: '!=', constant };
  if ((type === '==' || type === '>') && (typeof constant === 'string' || Number.isInteger(constant))) return { path, count, test: type, constant };
  return undefined;
}

function fieldPath(expression: Expression): string[] | undefined {
  if (expression.type !== 'Accessor') return undefined;
  const text = expression.toString();
  return FIELD_PATH.test(text) ? text.split('.') : undefined;
}

/** The parts of an interpolated string whose every expression is a field path; undefined otherwise. */
function textParts(expression: Expression): Array<string | string[]> | undefined {
  if (expression.type !== 'concat') return undefined;
  const parts: Array<string | string[]> = [];
  for (const child of expression.children) {
    const value: unknown = (child as { value?: unknown }).value;
    const path = fieldPath(child);
    if (child.type === 'Constant' && typeof value === 'string') parts.push(value);
    else if (path) parts.push(path);
    else return undefined;
  }
  return parts;
}

/** What ownValue gives when the library might read the path otherwise than as own fields. */
const UNSURE = Symbol('unsure');

/**
 * The field the library reads at the path, or UNSURE. The library finds a key without regard to
 * case; a key is read here when it is an own key, or taken as missing when no key matches it in
 * any case (view models never hold two keys differing only in case). A missing or null parent
 * gives undefined, as in the library; a parent other than a plain object is UNSURE.
 */
function ownValue(path: string[], data: unknown): unknown {
  let value = data;
  for (const key of path) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Map) return UNSURE;
    if (Object.hasOwn(value, key)) {
      value = (value as Record<string, unknown>)[key];
      continue;
    }
    const lower = key.toLowerCase();
    if (Object.keys(value).some((k) => k.toLowerCase() === lower)) return UNSURE;
    value = undefined;
  }
  return value;
}

/** An own field along the path; undefined when it is undefined or the library might read it otherwise. */
function read(path: string[], data: unknown): unknown {
  const value = ownValue(path, data);
  return value === UNSURE ? undefined : value;
}

function evaluate(expression: Expression, data: unknown, allowSubstitutions: boolean): { value: unknown; error?: unknown } {
  return ACData.Template.tryEvaluateExpression(expression, { $root: data }, allowSubstitutions);
}

function valueOf(expression: Expression, data: unknown): unknown {
  const result = evaluate(expression, data, true);
  if (result.error) throw new Error(String(result.error));
  return result.value;
}

/** The Quick test's answer, the library's for these values; undefined when only the library can tell. */
function quickAnswer({ path, count, test, constant }: Quick, data: unknown): boolean | undefined {
  let value = ownValue(path, data);
  if (value === UNSURE) return undefined;
  if (count) {
    if (!Array.isArray(value)) return undefined;
    value = value.length;
  }
  switch (test) {
    case 'is': return typeof value === 'boolean' ? value : undefined;
    case 'not': return typeof value === 'boolean' ? !value : undefined;
    case '!=': return value !== undefined && value !== null;
    // Strings and whole numbers only: the library takes numbers within Number.EPSILON as equal.
    case '==': return typeof value === 'string' || Number.isInteger(value) ? value === constant : undefined;
    case '>': return typeof value === typeof constant && (typeof value === 'string' || Number.isInteger(value)) ? (value as number) > (constant as number) : undefined;
  }
}

function passes(when: When, data: unknown): boolean {
  if (when.kind === 'drop') return false;
  const quick = when.quick && quickAnswer(when.quick, data);
  if (quick !== undefined) return quick;
  const result = evaluate(when.expression, data, false);
  return !result.error && result.value === true;
}

/** The library's rule for array items: a null is left out, an array is spliced in. */
function joinItem(out: unknown[], value: unknown): void {
  if (value === null) return;
  if (Array.isArray(value)) out.push(...value);
  else out.push(value);
}

/** Takes the bytes of the list a `$data` binding reads: the list is not copied into the card. */
const UNCOUNTED: Tally = { bytes: 0 };

function expand(bound: Bound, data: unknown, tally: Tally): unknown {
  switch (bound.kind) {
    case 'constant':
      tally.bytes += bound.bytes;
      return copy(bound.value);
    case 'field': {
      const direct = read(bound.path, data);
      const value = direct === undefined || direct === null ? valueOf(bound.expression, data) : direct;
      tally.bytes += valueBytes(value);
      return value;
    }
    case 'text': {
      let text = '';
      for (const part of bound.parts) {
        const value = typeof part === 'string' ? part : read(part, data);
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          const whole = valueOf(bound.expression, data);
          tally.bytes += valueBytes(whole);
          return whole;
        }
        text += String(value);
      }
      tally.bytes += valueBytes(text);
      return text;
    }
    case 'expression': {
      const value = valueOf(bound.expression, data);
      tally.bytes += valueBytes(value);
      return value;
    }
    case 'array': {
      tally.bytes += 2 + bound.items.length;
      const out: unknown[] = [];
      for (const item of bound.items) joinItem(out, expand(item, data, tally));
      return out;
    }
    case 'object': {
      if (bound.data === undefined) return bound.when && !passes(bound.when, data) ? null : bindObject(bound, data, tally);
      // `$data` repeats the object once per item of an array, each item its data; one object stays one.
      const scoped = expand(bound.data, data, UNCOUNTED);
      const out: object[] = [];
      for (const scope of Array.isArray(scoped) ? scoped : [scoped]) {
        const inner = scope === undefined ? data : scope;
        if (bound.when && !passes(bound.when, inner)) continue;
        out.push(bindObject(bound, inner, tally));
      }
      // Repeated objects become a list (or join their parent's): its brackets and commas.
      if (out.length > 1) tally.bytes += 2 + out.length;
      return out.length === 0 ? null : out.length === 1 ? out[0] : out;
    }
  }
}

function bindObject(bound: Extract<Bound, { kind: 'object' }>, data: unknown, tally: Tally): object {
  tally.bytes += bound.frame;
  const object: Record<string, unknown> = {};
  for (const [key, value] of bound.entries) {
    const expanded = expand(value, data, tally);
    if (expanded !== undefined) object[key] = expanded;
  }
  return object;
}
