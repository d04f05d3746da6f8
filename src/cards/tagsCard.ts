import type { TagCategory } from '../ticketing/types.js';
import { cut, plain } from './format.js';
import { inEnglish, type Translate } from '../i18n/translate.js';
import { render, type AdaptiveCard } from './render.js';

/** The helpdesk's tags by category; words in the language of `t`. */
export function tagsCard(categories: TagCategory[], t: Translate = inEnglish): AdaptiveCard {
  const shown = categories
    .filter((c) => !c.deleted)
    .map((c) => ({
      title: plain(c.text),
      value: plain(cut(c.tags.filter((tag) => !tag.deleted).map((tag) => tag.text).join(', ') || t('card.none'), 600).text),
    }))
    .slice(0, 30);
  // FactSet rows as the card has them: one binding for the whole list.
  return render('tags', { categories: shown }, t);
}
