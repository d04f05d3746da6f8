/**
 * The API's own values as a person reads them: the default workflow's states and the four
 * priorities are words of the bot's, said in the reader's language (resolutions: `resolutionLabel`);
 * anything else (a custom workflow's states, which the instance names) is shown as the API gives it.
 */
import type { Ticket } from '../ticketing/types.js';
import type { Said, Translate } from './translate.js';

/** A value to put in a sentence's variables or a badge: a word by key, or text shown as given. */
export type Word = Said | string;

// Maps, not objects: the values come from the API, and "constructor" must not find Object's.
const STATUS_KEYS = new Map(Object.entries({
  open: 'open', reopened: 'reopened', started: 'started', 'in progress': 'inProgress', resolved: 'resolved', closed: 'closed',
}));
const PRIORITY_KEYS = new Map(Object.entries({ low: 'low', medium: 'medium', important: 'important', urgent: 'urgent' }));

function wordOf(value: string, keys: Map<string, string>, prefix: string): Word {
  const key = keys.get(value.trim().toLowerCase());
  return key === undefined ? value : { key: `${prefix}.${key}` };
}

/** The key of a state of the default workflow (`inProgress` for "In Progress"); undefined for any other label. */
export function defaultStateKey(label: string): string | undefined {
  return STATUS_KEYS.get(label.trim().toLowerCase());
}

/**
 * A ticket's status: a state of the default workflow in the reader's words; a state of a custom
 * workflow (`ticket.isCustomWorkflow`), or one the bot does not know, as the instance names it.
 */
export function statusWord(status: string, ticket?: Pick<Ticket, 'isCustomWorkflow'>): Word {
  return ticket?.isCustomWorkflow === true ? status : wordOf(status, STATUS_KEYS, 'values.status');
}

/** A priority: the four in the reader's words, any other as the API gives it. */
export function priorityWord(priority: string): Word {
  return wordOf(priority, PRIORITY_KEYS, 'values.priority');
}

/** A word as text, in the words of `t`. */
export function say(word: Word, t: Translate): string {
  return typeof word === 'string' ? word : t(word.key, word.vars);
}
