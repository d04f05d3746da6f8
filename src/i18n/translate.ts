import { IntlMessageFormat } from 'intl-messageformat';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

/** The languages the bot speaks; English is the default for every other locale. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The strings of each language, one JSON file per language beside this one, in ICU MessageFormat. */
export const STRINGS: Record<Language, object> = { en, fr };

/**
 * A word or sentence by key with its variables, said in each reader's language when it is read;
 * a variable may itself be one (a status inside a sentence: `{ status: { key: 'values.status.resolved' } }`).
 */
export interface Said {
  key: string;
  vars?: Vars;
}
export type Vars = Record<string, string | number | Said>;

/**
 * A sentence by key (`errors.noTicket`) with its variables (`{ number: 12 }`); plurals and the
 * like are written in the message itself (`{count, plural, one {# ticket} other {# tickets}}`).
 */
export type Translate = (key: string, vars?: Vars) => string;

/** The text at a dotted key, or undefined. */
function textAt(strings: object, key: string): string | undefined {
  let value: unknown = strings;
  for (const part of key.split('.')) {
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * One message of a language, compiled. `ignoreTag`: texts such as "assign <number> me" are
 * words, not the rich-text tags FormatJS would otherwise read in them.
 */
export function compileMessage(text: string, language: Language): IntlMessageFormat {
  return new IntlMessageFormat(text, language, undefined, { ignoreTag: true });
}

/** Messages are compiled once, on first use: parsing costs more than formatting. */
const compiled = new Map<string, IntlMessageFormat>();

function translator(language: Language): Translate {
  return (key, vars) => {
    const id = `${language}:${key}`;
    let message = compiled.get(id);
    if (message === undefined) {
      // A key missing in French says it in English; one missing everywhere shows as itself (the strings test forbids both).
      const text = textAt(STRINGS[language], key) ?? textAt(STRINGS.en, key);
      if (text === undefined) return key;
      message = compileMessage(text, language);
      compiled.set(id, message);
    }
    return String(message.format(vars === undefined ? undefined : sayVars(vars, language)));
  };
}

/** Variables that are words by key, said in `language`. */
function sayVars(vars: Vars, language: Language): Record<string, string | number> {
  return Object.fromEntries(Object.entries(vars).map(([name, value]) => [
    name, typeof value === 'object' ? translatorFor(language)(value.key, value.vars) : value,
  ]));
}

/** `fr`, `fr-FR`, `fr-CA`, `fr-BE`… → French; anything else, or none → English. */
export function languageOf(locale: string | undefined): Language {
  return /^fr(?:[-_]|$)/i.test(locale ?? '') ? 'fr' : 'en';
}

const translators = new Map<Language, Translate>(LANGUAGES.map((language) => [language, translator(language)]));

/** The sentences of one language. */
export function translatorFor(language: Language): Translate {
  return translators.get(language)!;
}

/** English: what logs and error messages (`Error.message`) carry. */
export const inEnglish: Translate = translatorFor('en');
