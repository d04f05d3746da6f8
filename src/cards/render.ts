import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { PROJECT_ROOT } from '../projectRoot.js';
import { compileTemplate, type CompiledTemplate } from './binder.js';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARDS_DIR = join(PROJECT_ROOT, 'cards');

/** Teams refuses a message over about 28 KB; we stay under this with room for the activity around it. */
export const MAX_CARD_BYTES = 27 * 1024;

interface Loaded {
  compiled: CompiledTemplate;
  /** adaptivecards-templating's own Template, made when first asked for. */
  library?: ACData.Template;
  json: unknown;
}

const templates = new Map<string, Loaded>();

/** Template names are the file names in cards/ without `.json`; they are read and compiled once. */
function template(name: string): Loaded {
  let found = templates.get(name);
  if (!found) {
    const json: unknown = JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8'));
    found = { compiled: compileTemplate(json, name), json };
    templates.set(name, found);
  }
  return found;
}

export function templateNames(): string[] {
  return readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
}

/**
 * How render binds: 'compiled' (binder.ts) always, but for the tests, which build every card both
 * ways and compare them with 'library', adaptivecards-templating's own `Template.expand`.
 */
export type Binding = 'compiled' | 'library';
let binding: Binding = 'compiled';

export function bindWith(way: Binding): void {
  binding = way;
}

type BoundWatcher = (name: string, card: AdaptiveCard, maxBytes: number) => void;
let watcher: BoundWatcher | undefined;

/** For the tests, which check the binder's size bound on every card: sees each card it builds. */
export function watchBounds(watch: BoundWatcher | undefined): void {
  watcher = watch;
}

/**
 * Binds a view model into a card template. View models are plain data: strings are never
 * re-read as template expressions, so user text like `${x}` shows as typed.
 */
export function render(name: string, data: object): AdaptiveCard {
  const loaded = template(name);
  let card: AdaptiveCard;
  let maxBytes = Infinity;
  if (binding === 'compiled') {
    const expanded = loaded.compiled.expand(data);
    card = expanded.card as AdaptiveCard;
    maxBytes = expanded.maxBytes;
    watcher?.(name, card, maxBytes);
  } else {
    loaded.library ??= new ACData.Template(loaded.json);
    card = loaded.library.expand({ $root: data }) as AdaptiveCard;
  }
  // Serializing a card to measure it costs a third of building it: only one that might be too big is.
  const size = maxBytes <= MAX_CARD_BYTES ? 0 : Buffer.byteLength(JSON.stringify(card));
  if (size > MAX_CARD_BYTES) {
    // View models cut long text and lists before this; reaching here is our bug, not the user's.
    throw new Error(`card ${name} is ${size} bytes, over ${MAX_CARD_BYTES}`);
  }
  return card;
}
