import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Translate } from '../i18n/translate.js';
import { PROJECT_ROOT } from '../projectRoot.js';
import { MAX_COMMENT_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_TEXT_FIELD_LENGTH, MAX_TITLE_LENGTH } from '../ticketing/limits.js';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARDS_DIR = join(PROJECT_ROOT, 'cards');

/** Teams refuses a message over about 28 KB; we stay under this with room for the activity around it. */
export const MAX_CARD_BYTES = 27 * 1024;

/** The API's limits, which a template's inputs hold a person to: `"maxLength": "${$root.limits.title}"`. */
const LIMITS = { title: MAX_TITLE_LENGTH, description: MAX_DESCRIPTION_LENGTH, comment: MAX_COMMENT_LENGTH, textField: MAX_TEXT_FIELD_LENGTH };

/** A template's literal words: `${$root.labels.<key>}` is the word `cards.<template>.<key>` of the strings files. */
const WORD = /\$\{\$root\.labels\.(\w+)\}/g;

/** The template's JSON with its words in the reader's language, so that expanding a card binds only its data. */
function withWords(json: unknown, name: string, t: Translate): unknown {
  if (typeof json === 'string') {
    return json.replace(WORD, (_, key: string) => {
      const word = t(`cards.${name}.${key}`);
      // A word is put into the template itself, where "${" would start an expression.
      if (word.includes('${')) throw new Error(`cards.${name}.${key} holds "\${"`);
      return word;
    });
  }
  if (Array.isArray(json)) return json.map((item) => withWords(item, name, t));
  if (json !== null && typeof json === 'object') return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, withWords(value, name, t)]));
  return json;
}

/** Parsed templates by language (its translator) and name: the library parses a template's expressions once, when it is made. */
const templates = new WeakMap<Translate, Map<string, ACData.Template>>();

/** The JSON of a template: its name is the file name in cards/ without `.json`. */
export function templateJson(name: string): unknown {
  return JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8'));
}

function template(name: string, t: Translate): ACData.Template {
  let inLanguage = templates.get(t);
  if (!inLanguage) {
    inLanguage = new Map();
    templates.set(t, inLanguage);
  }
  let found = inLanguage.get(name);
  if (!found) {
    found = new ACData.Template(withWords(templateJson(name), name, t));
    inLanguage.set(name, found);
  }
  return found;
}

export function templateNames(): string[] {
  return readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
}

/**
 * Binds a view model into a card template with adaptivecards-templating, the template's words in
 * the language of `t`. View models are plain data: strings are never re-read as template
 * expressions, so user text like `${x}` shows as typed.
 */
export function render(name: string, data: object, t: Translate): AdaptiveCard {
  const card = template(name, t).expand({ $root: { ...data, limits: LIMITS } }) as AdaptiveCard;
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > MAX_CARD_BYTES) {
    // View models cut long text and lists before this; reaching here is our bug, not the user's.
    throw new Error(`card ${name} is ${size} bytes, over ${MAX_CARD_BYTES}`);
  }
  return card;
}
