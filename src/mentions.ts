import type { Activity } from 'botbuilder';
import { isRecord } from './ticketing/validate.js';

/** A mention's name as Teams may write it: inside `<at>` tags or not, with or without a leading @. */
function bareName(text: string): string {
  return text.replace(/<\/?at[^>]*>/gi, '').trim().replace(/^@/, '').trim().toLowerCase();
}

/**
 * The activity's text with every mention of the bot taken out. The mention is found by its
 * entity's `mentioned.id`, whatever its text: Teams' own examples give the entity
 * `<at>@Pranav Smith</at>` for `<at>Pranav Smith</at>` in the text, so matching the entity's text
 * as written (as botbuilder's `removeRecipientMention` does) leaves the mention in the command.
 */
export function textWithoutBotMention(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  if (!botId) return text;
  const names = new Set<string>();
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention' || !isRecord(entity.mentioned) || entity.mentioned.id !== botId) continue;
    if (typeof entity.text === 'string' && entity.text !== '') {
      text = text.split(entity.text).join(' ');
      names.add(bareName(entity.text));
    }
    if (typeof entity.mentioned.name === 'string') names.add(bareName(entity.mentioned.name));
  }
  if (names.size === 0) return text;
  return text.replace(/<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi, (whole, inner: string) => (names.has(bareName(inner)) ? ' ' : whole)).trim();
}
