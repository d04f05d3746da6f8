import type { Activity, Ticket } from '../ticketing/types.js';
import { cut, dateTime, jsonBytes, numberLabel, personName, plain, resolutionLabel, titleText, type Clock } from './format.js';
import { render, type AdaptiveCard } from './render.js';

/** Enough entries to read a ticket's story, few enough for a card people scroll past in a chat. */
const MAX_ENTRIES = 15;
/**
 * What the entries' own text may take of the card, as JSON: fifteen comments cut to 500 characters
 * can still pass Teams' limit when written in CJK (3 bytes a character) or full of backslashes
 * (escaped twice), so older entries give way to it.
 */
const ENTRY_TEXT_BYTES = 18 * 1024;

/** One line for an activity, the same in the history card and on a compact event card. */
export function describeActivity(activity: Pick<Activity, 'type' | 'status' | 'resolution' | 'createdBy' | 'isPrivate'>): string {
  const who = personName(activity.createdBy) ?? 'Someone';
  if (activity.type === 'comment') return activity.isPrivate === true ? `${who} added an internal note (agents only)` : `${who} commented`;
  const to = activity.status ?? 'a new status';
  const resolution = activity.resolution ? ` (${resolutionLabel(activity.resolution)})` : '';
  return `${who} changed the status to ${to}${resolution}`;
}

/**
 * The ticket's timeline, newest first. Private comments are the agents' own notes: unless
 * `showPrivate` (an agent, where no requester reads along), they are left out, and the card says
 * how many; shown, each is marked as an internal note.
 */
export function historyCard(ticket: Ticket, activities: Activity[], clock: Clock, showPrivate = false): AdaptiveCard {
  const shown = showPrivate ? activities : activities.filter((a) => a.isPrivate !== true);
  const entries: Array<{ headline: string; when: string; text?: string }> = [];
  let budget = ENTRY_TEXT_BYTES;
  for (const a of shown.slice(0, MAX_ENTRIES)) {
    const entry = {
      headline: plain(describeActivity(a)),
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
    title: titleText(ticket.title, 300),
    entries,
    more: shown.length - entries.length,
    hidden: activities.length - shown.length,
  });
}
