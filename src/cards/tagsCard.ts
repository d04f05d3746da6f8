import type { TagCategory } from '../ticketing/types.js';
import { cut, plain } from './format.js';
import { render, type AdaptiveCard } from './render.js';

export function tagsCard(categories: TagCategory[]): AdaptiveCard {
  const shown = categories
    .filter((c) => !c.deleted)
    .map((c) => ({
      title: plain(c.text),
      value: plain(cut(c.tags.filter((t) => !t.deleted).map((t) => t.text).join(', ') || '(none)', 600).text),
    }))
    .slice(0, 30);
  // FactSet rows as the card has them: one binding for the whole list.
  return render('tags', { categories: shown });
}
