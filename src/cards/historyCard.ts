import type { Activity, FieldChange, Ticket } from '../ticketing/types.js';
import { cut, dateTime, jsonBytes, numberLabel, personName, plain, resolutionLabel, titleText, type Clock } from './format.js';
import { inEnglish, translatorFor, type Translate } from '../i18n/translate.js';
import { say, statusWord } from '../i18n/apiWords.js';
import { render, type AdaptiveCard } from './render.js';

/** Enough entries to read a ticket's story, few enough for a card people scroll past in a chat. */
const MAX_ENTRIES = 15;
/**
 * What the entries' own text may take of the card, as JSON: fifteen comments cut to 500 characters
 * can still pass Teams' limit when written in CJK (3 bytes a character) or full of backslashes
 * (escaped twice), so older entries give way to it.
 */
const ENTRY_TEXT_BYTES = 18 * 1024;

/** The fields people know by a name of their own; any other is called what the API calls it. */
const FIELD_WORDS = new Map([['assignee', 'card.field.assignee'], ['priority', 'card.field.priority'], ['title', 'card.field.title'], ['expecteddate', 'card.field.expectedDate']]);

/** "the priority from Low to Urgent", "the assignee to Adele Vance", "the title (cleared)". */
function changePart(change: FieldChange, t: Translate): string {
  const key = FIELD_WORDS.get(change.name.toLowerCase());
  const field = key === undefined ? change.name : t(key);
  if (change.to === undefined) return t('card.changeCleared', { field });
  return change.from === undefined ? t('card.changeTo', { field, to: change.to }) : t('card.changeFromTo', { field, from: change.from, to: change.to });
}

/** One line for an activity, the same in the history card and on a compact event card; `ticket` tells a custom workflow's states. */
export function describeActivity(
  activity: Pick<Activity, 'type' | 'status' | 'resolution' | 'createdBy' | 'isPrivate' | 'changes'>, t: Translate = inEnglish, ticket?: Pick<Ticket, 'isCustomWorkflow'>,
): string {
  const who = personName(activity.createdBy) ?? t('card.someone');
  if (activity.type !== 'status' && activity.changes !== undefined && activity.changes.length > 0) {
    return t('card.changed', { who, changes: activity.changes.map((c) => changePart(c, t)).join(', ') });
  }
  if (activity.type === 'comment') return t(activity.isPrivate === true ? 'card.notedPrivately' : 'card.commented', { who });
  const status = activity.status === undefined ? t('card.newStatus') : say(statusWord(activity.status, ticket), t);
  return activity.resolution
    ? t('card.statusChangedResolution', { who, status, resolution: resolutionLabel(activity.resolution, t) })
    : t('card.statusChanged', { who, status });
}

interface Entry {
  headline: string;
  when: string;
  text?: string;
}

/** The ticket's first event, from the ticket itself (no activity records it): who created it, for whom, when. */
function creationEntry(ticket: Ticket, clock: Clock, t: Translate): Entry | undefined {
  if (ticket.createdOn === undefined) return undefined;
  const who = personName(ticket.createdBy) ?? personName(ticket.requestor) ?? t('card.someone');
  const requestor = personName(ticket.requestor);
  const forSomeoneElse = ticket.createdBy !== undefined && requestor !== undefined && ticket.requestor?.id.toLowerCase() !== ticket.createdBy.id.toLowerCase();
  return {
    headline: plain(forSomeoneElse ? t('card.createdTicketFor', { who, requestor }) : t('card.createdTicket', { who })),
    when: dateTime(ticket.createdOn, clock) ?? '',
  };
}

/**
 * The ticket's timeline, newest first: status changes, comments and notes, and any other change
 * the API records (see Activity.changes), with who and when; its creation always at the end,
 * after the line that says how many older entries are left out. Private comments are the agents'
 * own notes: unless `showPrivate` (an agent, where no requester reads along), they are left out,
 * and the card says how many; shown, each is marked as an internal note.
 */
export function historyCard(ticket: Ticket, activities: Activity[], clock: Clock, showPrivate = false): AdaptiveCard {
  const t = translatorFor(clock.language);
  const shown = showPrivate ? activities : activities.filter((a) => a.isPrivate !== true);
  const entries: Entry[] = [];
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
    created: creationEntry(ticket, clock, t),
    hidden: activities.length - shown.length,
    hiddenText: t('card.hiddenComments', { count: activities.length - shown.length }),
  }, t);
}
