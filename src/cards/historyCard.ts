import type { Activity, Ticket } from '../ticketing/types.js';
import { cut, dateTime, jsonBytes, numberLabel, personName, plain, resolutionLabel, titleText, type Clock } from './format.js';
import { inEnglish, translatorFor, type Translate } from '../i18n/translate.js';
import { say, statusWord } from '../i18n/apiWords.js';
import { cardLabels } from './labels.js';
import { render, type AdaptiveCard } from './render.js';

/** Enough entries to read a ticket's story, few enough for a card people scroll past in a chat. */
const MAX_ENTRIES = 15;
/**
 * What the entries' own text may take of the card, as JSON: fifteen comments cut to 500 characters
 * can still pass Teams' limit when written in CJK (3 bytes a character) or full of backslashes
 * (escaped twice), so older entries give way to it.
 */
const ENTRY_TEXT_BYTES = 18 * 1024;

/** One line for an activity, the same in the history card and on a compact event card; `ticket` tells a custom workflow's states. */
export function describeActivity(
  activity: Pick<Activity, 'type' | 'status' | 'resolution' | 'createdBy' | 'isPrivate'>, t: Translate = inEnglish, ticket?: Pick<Ticket, 'isCustomWorkflow'>,
): string {
  const who = personName(activity.createdBy) ?? t('card.someone');
  if (activity.type === 'comment') return t(activity.isPrivate === true ? 'card.notedPrivately' : 'card.commented', { who });
  const status = activity.status === undefined ? t('card.newStatus') : say(statusWord(activity.status, ticket), t);
  return activity.resolution
    ? t('card.statusChangedResolution', { who, status, resolution: resolutionLabel(activity.resolution, t) })
    : t('card.statusChanged', { who, status });
}

/**
 * The ticket's timeline, newest first. Private comments are the agents' own notes: unless
 * `showPrivate` (an agent, where no requester reads along), they are left out, and the card says
 * how many; shown, each is marked as an internal note.
 */
export function historyCard(ticket: Ticket, activities: Activity[], clock: Clock, showPrivate = false): AdaptiveCard {
  const t = translatorFor(clock.language);
  const shown = showPrivate ? activities : activities.filter((a) => a.isPrivate !== true);
  const entries: Array<{ headline: string; when: string; text?: string }> = [];
  let budget = ENTRY_TEXT_BYTES;
  for (const a of shown.slice(0, MAX_ENTRIES)) {
    const entry = {
      headline: plain(describeActivity(a, t, ticket)),
      when: dateTime(a.createdDateTime, clock) ?? '',
      text: a.comment?.trim() ? plain(cut(a.comment.trim(), 500).text) : undefined,
    };
    budget -= jsonBytes(entry.headline) + jsonBytes(entry.when) + (entry.text === undefined ? 0 : jsonBytes(entry.text));
    if (budget < 0) break;
    entries.push(entry);
  }
  return render('history', {
    id: ticket.id,
    numberLabel: numberLabel(ticket.number),
    title: titleText(ticket.title, 300, t),
    entries,
    more: shown.length - entries.length,
    moreText: t('card.olderEntries', { count: shown.length - entries.length }),
    hidden: activities.length - shown.length,
    hiddenText: t('card.hiddenComments', { count: activities.length - shown.length }),
    labels: cardLabels('history', t),
  });
}
