/**
 * Node-side checks of a bound card: the official Adaptive Cards SDK's parse and validation, and the
 * Teams rules the SDK does not know (version, size, leftovers of templating, verbs, input ids).
 *
 * The SDK is loaded from `adaptivecards/dist/adaptivecards.js` (the UMD bundle): the package's
 * `main`, `lib/adaptivecards.js`, is ES module code with extensionless relative imports, which
 * Node's loader cannot resolve. Parsing and `validateProperties()` never touch the DOM, so no
 * `document` shim is needed: `globalThis.document` stays undefined and any DOM access would throw.
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCardsSdk from 'adaptivecards';
import { isVerb, parseAction } from '../../src/features/parseAction.js';
import { TEAMS_HOST_CONFIG } from './teamsHostConfig.js';

const require = createRequire(import.meta.url);
export const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsSdk;

/** Teams' limit for a message is about 28 KB; the card must fit below it. */
export const MAX_CARD_BYTES = 28 * 1024;
/** The newest schema the bot may use (Teams desktop and mobile). */
export const MAX_VERSION = '1.5';

export interface SdkEvent {
  phase: string;
  event: string;
  message: string;
  /** The element or action type the SDK blamed, when it said. */
  source?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function describeSource(source: unknown): string | undefined {
  if (!source || typeof source !== 'object') return undefined;
  const s = source as { getJsonTypeName?: () => string; id?: string };
  const type = typeof s.getJsonTypeName === 'function' ? s.getJsonTypeName() : undefined;
  return [type, s.id ? `#${s.id}` : undefined].filter((x) => x).join(' ') || undefined;
}

function versionOf(text: unknown): { major: number; minor: number } | undefined {
  const m = typeof text === 'string' ? /^(\d+)\.(\d+)$/.exec(text) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}
const compareVersions = (a: { major: number; minor: number }, b: { major: number; minor: number }) =>
  a.major - b.major || a.minor - b.minor;

/**
 * Parses the card with the SDK, targeting the card's own declared version (so a feature newer than
 * the declared version is reported), with the Teams host config (so e.g. maxActions applies), and
 * returns every parse event and every `validateProperties()` failure.
 */
/** Teams' chart elements: newer than the SDK, so it parses them as unknown; cardProblems checks each has a text fallback. */
export const TEAMS_CHARTS = ['Chart.Donut', 'Chart.Pie', 'Chart.VerticalBar', 'Chart.VerticalBar.Grouped', 'Chart.HorizontalBar', 'Chart.HorizontalBar.Stacked', 'Chart.Line', 'Chart.Gauge'];

export function sdkEvents(card: object): SdkEvent[] {
  const declared = isObject(card) ? card.version : undefined;
  const events: SdkEvent[] = [];
  const context = new AC.SerializationContext();
  const target = AC.Version.parse(typeof declared === 'string' ? declared : '', context);
  if (target?.isValid) context.targetVersion = target;
  const sdkCard = new AC.AdaptiveCard();
  sdkCard.hostConfig = new AC.HostConfig(TEAMS_HOST_CONFIG);
  sdkCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    if (AC.ValidationEvent[e.event] === 'UnknownElementType' && TEAMS_CHARTS.some((chart) => e.message.includes(`"${chart}"`))) continue;
    events.push({ phase: AC.ValidationPhase[e.phase] ?? String(e.phase), event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message, source: describeSource(e.source) });
  }
  for (const e of sdkCard.validateProperties().validationEvents) {
    events.push({ phase: AC.ValidationPhase[e.phase] ?? String(e.phase), event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message, source: describeSource(e.source) });
  }
  return events;
}

export const formatEvent = (e: SdkEvent): string => `${e.phase}/${e.event}${e.source ? ` (${e.source})` : ''}: ${e.message}`;

interface Visit {
  node: JsonObject;
  path: string;
  /** The (Show)card this node belongs to, innermost first; the root card last. */
  cards: JsonObject[];
}

/** Every object in the card, with its JSON path and the chain of cards around it. */
function visitObjects(root: JsonObject): Visit[] {
  const out: Visit[] = [];
  const walk = (value: Json, path: string, cards: JsonObject[]): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`, cards));
    if (!isObject(value)) return;
    const inner = value.type === 'AdaptiveCard' ? [value, ...cards] : cards;
    out.push({ node: value, path, cards: inner });
    for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, inner);
  };
  walk(root, '$', []);
  return out;
}

/** Every string value (and key) in the card, with its path. */
function strings(root: Json): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (value: Json, path: string): void => {
    if (typeof value === 'string') out.push({ path, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        out.push({ path: `${path} (key)`, text: key });
        walk(child, `${path}.${key}`);
      }
    }
  };
  walk(root, '$');
  return out;
}

/** Properties the SDK parses itself rather than through a schema entry (collections, fallback, Teams' extension). */
const COLLECTION_KEYS = new Set(['body', 'actions', 'items', 'columns', 'facts', 'choices', 'card', 'fallback', 'inlines', 'images', 'rows', 'cells', 'msteams']);

function schemaNames(object: { getSchema(): { getCount(): number; getItemAt(i: number): { name: string } } }): Set<string> {
  const schema = object.getSchema();
  const names = new Set<string>(COLLECTION_KEYS);
  for (let i = 0; i < schema.getCount(); i++) names.add(schema.getItemAt(i).name);
  return names;
}

const knownByType = new Map<string, Set<string> | undefined>();
function knownProperties(type: string): Set<string> | undefined {
  if (!knownByType.has(type)) {
    const registration = type === 'AdaptiveCard' ? { objectType: AC.AdaptiveCard }
      : AC.GlobalRegistry.elements.findByName(type) ?? AC.GlobalRegistry.actions.findByName(type);
    knownByType.set(type, registration ? schemaNames(new registration.objectType()) : undefined);
  }
  return knownByType.get(type);
}
/** Untyped objects, by the key that holds them. */
const UNTYPED: Record<string, () => Set<string>> = {
  facts: () => schemaNames(new AC.Fact()),
  choices: () => schemaNames(new AC.Choice()),
  refresh: () => schemaNames(new AC.RefreshDefinition()),
  backgroundImage: () => schemaNames(new AC.BackgroundImage()),
};

/**
 * Properties the SDK does not know for the object they are on: it drops them silently (a typo such
 * as "colour", or a property on the wrong element). `data` payloads are free-form and not checked.
 */
function unknownProperties(root: JsonObject): string[] {
  const problems: string[] = [];
  const walk = (value: Json, path: string, key: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`, key));
    if (!isObject(value)) return;
    const known = typeof value.type === 'string' ? knownProperties(value.type) : UNTYPED[key]?.();
    if (known) {
      for (const k of Object.keys(value)) {
        if (!known.has(k)) problems.push(`${path}: "${k}" is not a property of ${typeof value.type === 'string' ? value.type : key}; the SDK drops it`);
      }
    }
    for (const [k, child] of Object.entries(value)) if (k !== 'data') walk(child, `${path}.${k}`, k);
  };
  walk(root, '$', '');
  return problems;
}

const isInput = (node: JsonObject) => typeof node.type === 'string' && node.type.startsWith('Input.');

/** What an input would send when a person submits it untouched (or types the least it needs). */
function sampleValue(input: JsonObject): string {
  const choices = Array.isArray(input.choices) ? input.choices.filter(isObject) : [];
  switch (input.type) {
    case 'Input.ChoiceSet':
      return typeof input.value === 'string' ? input.value : String(choices[0]?.value ?? '');
    case 'Input.Toggle':
      return typeof input.value === 'string' ? input.value : 'false';
    case 'Input.Number':
      return '1';
    case 'Input.Date':
      return '2026-11-20';
    case 'Input.Time':
      return '10:00';
    default:
      return typeof input.value === 'string' ? input.value : 'A short text typed by a person';
  }
}

/**
 * The Teams and bot rules the SDK does not check. Returns one sentence per problem; empty when the
 * card is fine. `literals` are user texts that legitimately contain `${`.
 */
export function cardProblems(card: object, literals: readonly string[] = []): string[] {
  const problems: string[] = [];
  const root = JSON.parse(JSON.stringify(card)) as Json;
  if (!isObject(root) || root.type !== 'AdaptiveCard') return ['the card is not an object of type AdaptiveCard'];

  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes >= MAX_CARD_BYTES) problems.push(`the card is ${bytes} bytes; it must stay under ${MAX_CARD_BYTES}`);

  const version = versionOf(root.version);
  const max = versionOf(MAX_VERSION)!;
  if (!version) problems.push(`version ${JSON.stringify(root.version)} is not a "major.minor" string`);
  else if (compareVersions(version, max) > 0) problems.push(`version ${String(root.version)} is newer than ${MAX_VERSION}`);

  for (const { node, path } of visitObjects(root)) {
    if (typeof node.type === 'string' && TEAMS_CHARTS.includes(node.type) && !isObject(node.fallback)) {
      problems.push(`${path}: ${node.type} has no fallback element for clients that draw no charts`);
    }
  }

  const visits = visitObjects(root);
  const universal = visits.filter((v) => v.node.type === 'Action.Execute').map((v) => v.path);
  if (isObject(root.refresh)) universal.push('$.refresh');
  if (universal.length > 0 && root.version !== '1.5') {
    problems.push(`Action.Execute / refresh (${universal.join(', ')}) need version "1.5", not ${JSON.stringify(root.version)}`);
  }

  for (const { node, path, cards } of visits) {
    if (node.type === 'AdaptiveCard' && path !== '$' && node.version !== undefined) {
      const inner = versionOf(node.version);
      if (!inner || !version || compareVersions(inner, version) > 0) problems.push(`${path}: nested card version ${JSON.stringify(node.version)} is newer than the card's`);
    }
    for (const key of Object.keys(node)) {
      if (key.startsWith('$') && key !== '$schema') problems.push(`${path}: template key "${key}" survived binding`);
    }
    if (node.type === 'Action.Execute') {
      if (typeof node.verb !== 'string' || node.verb.trim() === '') {
        problems.push(`${path}: Action.Execute has no verb`);
      } else if (!isVerb(node.verb)) {
        problems.push(`${path}: verb "${node.verb}" is not one the bot handles (parseAction's VERBS)`);
      } else {
        // What Teams would send: the action's data plus the inputs of its card and the cards around it.
        const data: Record<string, unknown> = isObject(node.data) ? { ...node.data } : {};
        for (const scope of cards) {
          for (const input of visitObjects(scope).filter((v) => isInput(v.node) && v.cards[0] === scope)) {
            if (typeof input.node.id === 'string') data[input.node.id] ??= sampleValue(input.node);
          }
        }
        try {
          parseAction(node.verb, data);
        } catch (error) {
          problems.push(`${path}: the bot refuses what "${node.verb}" sends (${JSON.stringify(data)}): ${(error as Error).message}`);
        }
      }
    }
    if (isInput(node) && (typeof node.id !== 'string' || node.id.trim() === '')) problems.push(`${path}: ${String(node.type)} has no id`);
    // An empty value means "nothing chosen yet"; any other default must be one of the choices.
    if (node.type === 'Input.ChoiceSet' && typeof node.value === 'string' && node.value !== '' && node.isMultiSelect !== true) {
      const values = (Array.isArray(node.choices) ? node.choices.filter(isObject) : []).map((c) => c.value);
      if (!values.includes(node.value)) problems.push(`${path}: default value ${JSON.stringify(node.value)} is not one of the choices (${values.join(', ')})`);
    }
  }

  problems.push(...unknownProperties(root));

  for (const { path, text } of strings(root)) {
    let rest = text;
    for (const literal of literals) rest = rest.split(literal).join('');
    if (rest.includes('${')) problems.push(`${path}: unbound template expression in ${JSON.stringify(text.slice(0, 80))}`);
  }
  return problems;
}
