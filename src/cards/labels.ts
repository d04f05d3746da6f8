import { STRINGS, type Translate } from '../i18n/translate.js';

/** The templates' own words, `cards.<template>.<key>` in the strings files. */
const CARD_WORDS = (STRINGS.en as { cards: Record<string, Record<string, string>> }).cards;

/**
 * The literal words of a card template (its titles, buttons, placeholders) in the reader's
 * language, for the template's `${$root.labels.<key>}`.
 */
export function cardLabels(template: string, t: Translate): Record<string, string> {
  return Object.fromEntries(Object.keys(CARD_WORDS[template] ?? {}).map((key) => [key, t(`cards.${template}.${key}`)]));
}
