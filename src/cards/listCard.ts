import type { Ticket } from '../ticketing/types.js';
import { cut, numberLabel, personName, plain, priorityStyle, statusStyle, titleText } from './format.js';
import { inEnglish, type Translate } from '../i18n/translate.js';
import { priorityWord, say, statusWord } from '../i18n/apiWords.js';
import { render, type AdaptiveCard } from './render.js';

export interface ListCardOptions {
  heading: string;
  subheading: string;
  /** What to say when there are no rows. */
  empty: string;
  /** The data of the Next page button; absent on the last page. */
  next?: object;
  /** The data of the Previous page button; absent on the first page. */
  previous?: object;
  /** The line under the last row of the last page. */
  end?: string;
  /** Said when the words typed are a search, with the filters there are. */
  searchNote?: string;
  /** A line above the list, e.g. that it is a copy from a minute ago. */
  note?: string;
}

function row(ticket: Ticket, t: Translate) {
  // Badges, as on the ticket card: coloured text is too faint on white or on Teams' dark theme.
  return {
    id: ticket.id,
    numberLabel: numberLabel(ticket.number),
    title: titleText(ticket.title, 150, t),
    detail: plain(cut(`${personName(ticket.requestor) ?? t('card.unknownRequestor')} → ${personName(ticket.assignee) ?? t('card.unassignedLower')}`, 120).text),
    status: ticket.status === undefined ? '' : say(statusWord(ticket.status, ticket), t),
    statusStyle: statusStyle(ticket.status),
    priority: ticket.priority === undefined ? '' : say(priorityWord(ticket.priority), t),
    priorityStyle: priorityStyle(ticket.priority),
  };
}

/** The heading holds what the person searched for: shown as typed, never as a link or a heading. Words in the language of `t`. */
export function listCard(tickets: Ticket[], options: ListCardOptions, t: Translate = inEnglish): AdaptiveCard {
  return render('list', { ...options, heading: plain(options.heading), rows: tickets.map((ticket) => row(ticket, t)) }, t);
}
