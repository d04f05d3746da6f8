import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { PROJECT_ROOT } from '../projectRoot.js';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARDS_DIR = join(PROJECT_ROOT, 'cards');

/** Teams refuses a message over about 28 KB; we stay under this with room for the activity around it. */
export const MAX_CARD_BYTES = 27 * 1024;

/** Parsed templates by name: the library parses a template's expressions once, when it is made. */
const templates = new Map<string, ACData.Template>();

/** The JSON of a template: its name is the file name in cards/ without `.json`. */
export function templateJson(name: string): unknown {
  return JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8'));
}

function template(name: string): ACData.Template {
  let found = templates.get(name);
  if (!found) {
    found = new ACData.Template(templateJson(name));
    templates.set(name, found);
  }
  return found;
}

export function templateNames(): string[] {
  return readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
}

/**
 * Binds a view model into a card template with adaptivecards-templating. View models are plain
 * data: strings are never re-read as template expressions, so user text like `${x}` shows as typed.
 */
export function render(name: string, data: object): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > MAX_CARD_BYTES) {
    // View models cut long text and lists before this; reaching here is our bug, not the user's.
    throw new Error(`card ${name} is ${size} bytes, over ${MAX_CARD_BYTES}`);
  }
  return card;
}
