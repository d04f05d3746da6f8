import i18next, { type TFunction } from 'i18next';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

/** The languages the bot speaks; English is the default for every other locale. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The strings of each language, one JSON file per language beside this one. */
export const STRINGS: Record<Language, object> = { en, fr };

/** Finds a sentence by key (`errors.noTicket`) with its variables (`{ number: 12 }`); plurals by `count`. */
export type Translate = TFunction;

// An instance of our own: the global one is the process's, and a library could configure it too.
const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // The resources are in memory: ready before init returns, so the first turn needs no await.
  initAsync: false,
  // Strings go into cards and Teams messages, not HTML; card text that quotes people is escaped
  // for Markdown where the card is built.
  interpolation: { escapeValue: false },
});

/** `fr`, `fr-FR`, `fr-CA`, `fr-BE`… → French; anything else, or none → English. */
export function languageOf(locale: string | undefined): Language {
  return /^fr(?:[-_]|$)/i.test(locale ?? '') ? 'fr' : 'en';
}

const translators = new Map<Language, Translate>(LANGUAGES.map((language) => [language, i18n.getFixedT(language)]));

/** The sentences of one language. */
export function translatorFor(language: Language): Translate {
  return translators.get(language)!;
}

/** English: what logs and error messages (`Error.message`) carry. */
export const inEnglish: Translate = translatorFor('en');
