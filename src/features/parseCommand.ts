import { PRIORITIES, RESOLUTIONS, type Priority, type Resolution, type Status } from '../ticketing/types.js';
import type { ReportRequest } from '../reports/reportRequest.js';
import { isReportProblem, parseReportArgs } from './parseReport.js';
import { FRENCH_COMMAND_WORDS, inEnglishWords } from './frenchCommands.js';
import { parseNotify, type NotifyRequest } from '../notify/notifySetting.js';
import { MAX_COMMENT_LENGTH, MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from '../ticketing/limits.js';
import type { Sentence } from '../i18n/sentence.js';
import { inEnglish } from '../i18n/translate.js';

export interface ListFilters {
  status?: Status;
  priority?: Priority;
  /** Tickets the speaker requested. */
  mine?: boolean;
  /** Tickets assigned to the speaker. */
  assignedToMe?: boolean;
  tag?: string;
  search?: string;
  /** Tickets with no assignee. */
  unassigned?: boolean;
  /** Escalated, or past their expected date. */
  overdue?: boolean;
  /** Resolved and closed tickets too; without it, and without a status, a list is the work not yet resolved. */
  all?: boolean;
}

/** A chat command, parsed. Features see only these, never the raw text. */
export type Command =
  | { name: 'help' }
  | { name: 'list'; filters: ListFilters }
  | { name: 'show'; number: number }
  | { name: 'create'; title: string; description?: string }
  | { name: 'status'; number: number; status: Status; resolution?: Resolution; comment?: string }
  /** A state of the ticket's workflow by name (label or id), as typed: the feature knows the workflow. */
  | { name: 'move'; number: number; state: string }
  /** `isPrivate`: an internal note (`note 12 …`), shown to agents only. */
  | { name: 'comment'; number: number; text: string; isPrivate?: boolean }
  /** `name`: an agent's name, whole or its first word(s), as typed or @mentioned. */
  | { name: 'assign'; number: number; to: 'me' | { email: string } | { name: string } }
  | { name: 'priority'; number: number; priority: Priority }
  /** Asked for by agents; the API has no way to do it, and the answer says what to do instead. */
  | { name: 'unassign'; number: number }
  | { name: 'history'; number: number }
  | { name: 'tags' }
  | { name: 'report'; request: ReportRequest }
  | { name: 'notify'; request: NotifyRequest };

/** Why a text is not a command, and what to suggest. */
export interface NotUnderstood {
  name: 'notUnderstood';
  /** What went wrong, as a sentence for the person, in English. */
  problem: string;
  /** The same sentence, to say in the reader's language; absent when only the English is known. */
  said?: Sentence;
  /** The person's own command, corrected where we can tell how; else an example of the command. In English. */
  suggestion?: string;
  /** When `suggestion` is a command's example, that command: the help's example says it in the reader's language. */
  example?: string;
  /** Text that reads as no command at all ("My laptop will not connect"): perhaps a problem to log. */
  sentence?: string;
}

const STATUS_VERBS = { start: 'Started', resolve: 'Resolved', close: 'Closed', reopen: 'Reopened' } as const;

const LIST_STATUS_WORDS = new Map<string, Status>(Object.entries({
  open: 'Open', opened: 'Open', reopened: 'Reopened', started: 'Started', 'in-progress': 'Started',
  resolved: 'Resolved', closed: 'Closed',
}));

/** Every command word, with the example the help card and the suggestions use. */
export const COMMAND_EXAMPLES: Record<string, string> = {
  help: 'help',
  list: 'list urgent open mine',
  show: 'show 123',
  create: 'create Printer on floor 2 is jammed | It shows error E42',
  start: 'start 123',
  resolve: 'resolve 123 Replaced the toner',
  close: 'close 123',
  reopen: 'reopen 123 Still broken',
  move: 'move 123 Waiting for vendor',
  comment: 'comment 123 I am on my way',
  note: 'note 123 Waiting for the part from Dell',
  assign: 'assign 123 me',
  priority: 'priority 123 urgent',
  history: 'history 123',
  tags: 'tags',
  report: 'report 30d',
  notify: 'notify urgent',
};

// Maps, not objects: a typed word such as "constructor" must not find something inherited.
const ALIASES = new Map([['?', 'help'], ['ls', 'list'], ['view', 'show'], ['new', 'create']]);

/** The example of a command by name, for a command name that exists. */
function exampleOf(command: string): string | undefined {
  return Object.hasOwn(COMMAND_EXAMPLES, command) ? COMMAND_EXAMPLES[command] : undefined;
}

/**
 * Splits on spaces, keeping "quoted phrases" (straight or curly double quotes) together, also after
 * a prefix: `tag:"Seattle HQ"` is one token. Single quotes are apostrophes in ordinary text.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  // No part may scan past a quote it cannot close: a long run of unclosed quotes stays linear.
  const pattern = /([^\s"“]*)"([^"]*)"|([^\s"“]*)“([^“”]*)”|(\S+)/g;
  for (const m of text.matchAll(pattern)) {
    tokens.push(m[5] ?? (m[1] !== undefined ? m[1] + (m[2] ?? '') : (m[3] ?? '') + (m[4] ?? '')));
  }
  return tokens.filter((t) => t !== '');
}

/** `#123` or `123` → 123; anything else → undefined. */
export function parseTicketNumber(token: string | undefined): number | undefined {
  const m = token?.match(/^#?(\d{1,9})$/);
  return m ? Number(m[1]) : undefined;
}

/** Edits between two words, a swap of two neighbours counting as one ("lsit" is one from "list"). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The word of `words` nearest to `word` (case-insensitive), when it is near enough to be a typo. */
function nearest<T extends string>(word: string, words: readonly T[]): T | undefined {
  let best: { name: T; distance: number } | undefined;
  for (const name of words) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  // One slip in a short word, two in a longer one: "please" is no typo of "create".
  return best && best.distance <= (best.name.length <= 4 ? 1 : 2) ? best.name : undefined;
}

/** `corrected`: the person's command put right; without it, the command's example. */
function notUnderstood(problem: string | Sentence, command?: string, corrected?: string): NotUnderstood {
  // The English for logs and tests; the sentence, when there is one, for the reader's language.
  const said = typeof problem === 'string' ? { problem } : { problem: inEnglish(problem.key, problem.vars), said: problem };
  const example = corrected === undefined && command !== undefined && exampleOf(command) !== undefined ? { example: command } : {};
  return { name: 'notUnderstood', ...said, suggestion: corrected ?? (command ? exampleOf(command) : undefined), ...example };
}

/** The text after the first `count` words, with its own spacing and line breaks kept. */
function restAfterWords(text: string, count: number): string {
  const m = text.match(new RegExp(`^\\s*(?:\\S+\\s+){${count}}([\\s\\S]*)$`));
  return m?.[1]?.trim() ?? '';
}

function enumWord<T extends string>(word: string | undefined, values: readonly T[]): T | undefined {
  return values.find((v) => v.toLowerCase() === word?.toLowerCase());
}

/** `what`: the field, as `tooLong.*` names it. */
function checkLength(text: string, max: number, what: 'title' | 'description' | 'comment' | 'searchText' | 'state'): NotUnderstood | undefined {
  return text.length > max ? notUnderstood({ key: `tooLong.${what}`, vars: { length: text.length, max } }) : undefined;
}

function parseList(args: string[]): Command | NotUnderstood {
  const filters: ListFilters = {};
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lower = word.toLowerCase();
    const status = LIST_STATUS_WORDS.get(lower);
    const priority = enumWord(word, PRIORITIES);
    if (status && !filters.status) filters.status = status;
    else if (priority && !filters.priority) filters.priority = priority;
    else if (lower === 'mine' || lower === 'my') filters.mine = true;
    else if (lower === 'unassigned') filters.unassigned = true;
    else if (lower === 'overdue' || lower === 'late') filters.overdue = true;
    else if (lower === 'all') filters.all = true;
    else if (lower === 'assigned' && args[i + 1]?.toLowerCase() === 'to' && args[i + 2]?.toLowerCase() === 'me') {
      filters.assignedToMe = true;
      i += 2;
    } else if (lower.startsWith('tag:') && word.length > 4 && !filters.tag) filters.tag = word.slice(4);
    else words.push(word);
  }
  if (words.length > 0) filters.search = words.join(' ');
  return checkLength(filters.search ?? '', MAX_TITLE_LENGTH, 'searchText') ?? { name: 'list', filters };
}

/**
 * Turns what a person typed (mention already removed) into a command, or says why it is not one.
 * Case-insensitive; `#123` and `123` both name ticket 123; a bare ticket number shows it.
 */
export function parseCommand(text: string): Command | NotUnderstood {
  // French command words are read as the English ones (frenchCommands.ts).
  const clean = inEnglishWords(text.replace(/\u00a0/g, ' ').trim());
  const tokens = tokenize(clean);
  const first = tokens[0];
  if (first === undefined) return { name: 'help' };
  const bare = parseTicketNumber(first);
  if (bare !== undefined && tokens.length === 1) return { name: 'show', number: bare };

  const word = ALIASES.get(first.toLowerCase()) ?? first.toLowerCase();
  const args = tokens.slice(1);
  const number = parseTicketNumber(args[0]);
  const needsNumber = (): NotUnderstood =>
    notUnderstood(args[0] === undefined ? { key: 'command.whichTicket' } : { key: 'command.notANumber', vars: { text: args[0].slice(0, 40) } }, word);

  switch (word) {
    case 'help':
      return { name: 'help' };
    case 'tags':
      return { name: 'tags' };
    case 'report': {
      const request = parseReportArgs(args);
      return isReportProblem(request) ? notUnderstood(request, 'report') : { name: 'report', request };
    }
    case 'list':
      return parseList(args);
    case 'show':
    case 'history':
      return number === undefined ? needsNumber() : { name: word, number };
    case 'create': {
      const rest = restAfterWords(clean, 1);
      const bar = rest.indexOf('|');
      const title = (bar === -1 ? rest : rest.slice(0, bar)).trim();
      const description = bar === -1 ? undefined : rest.slice(bar + 1).trim() || undefined;
      if (title === '') return notUnderstood({ key: 'command.needsTitle' }, 'create');
      return (
        checkLength(title, MAX_TITLE_LENGTH, 'title') ??
        checkLength(description ?? '', MAX_DESCRIPTION_LENGTH, 'description') ?? { name: 'create', title, description }
      );
    }
    case 'start':
    case 'resolve':
    case 'close':
    case 'reopen': {
      if (number === undefined) return needsNumber();
      let skip = 2;
      let resolution: Resolution | undefined;
      const option = args[1]?.match(/^resolution:(\S*)$/i);
      if (option) {
        // "resolution:fixed", or "resolution: fixed" with a space.
        const value = option[1] || args[2];
        skip = option[1] ? 3 : 4;
        resolution = enumWord(value, RESOLUTIONS);
        if (word !== 'resolve' || !resolution) {
          const fixed = `resolve ${number} resolution:${nearest(value ?? '', RESOLUTIONS) ?? 'cancelled'} ${restAfterWords(clean, skip)}`.trim();
          return notUnderstood({ key: 'command.resolution', vars: { resolutions: { key: 'command.resolutionWords' } } }, 'resolve', fixed);
        }
      }
      const comment = restAfterWords(clean, skip) || undefined;
      return checkLength(comment ?? '', MAX_COMMENT_LENGTH, 'comment') ?? { name: 'status', number, status: STATUS_VERBS[word], resolution, comment };
    }
    case 'move': {
      if (number === undefined) return needsNumber();
      // A state's name may hold spaces; quotes around it are not part of it.
      const state = restAfterWords(clean, 2).replace(/^["“](.*)["”]$/s, '$1').trim();
      if (state === '') return notUnderstood({ key: 'command.whichState' }, 'move');
      return checkLength(state, MAX_TITLE_LENGTH, 'state') ?? { name: 'move', number, state };
    }
    case 'note':
    case 'comment': {
      if (number === undefined) return needsNumber();
      const body = restAfterWords(clean, 2);
      if (body === '') return notUnderstood({ key: 'command.whatComment' }, 'comment');
      return checkLength(body, MAX_COMMENT_LENGTH, 'comment') ?? { name: 'comment', number, text: body, ...(word === 'note' ? { isPrivate: true } : {}) };
    }
    case 'assign': {
      if (number === undefined) return needsNumber();
      const who = args[1];
      if (who?.toLowerCase() === 'me' && args.length === 2) return { name: 'assign', number, to: 'me' };
      if (who && args.length === 2 && /^[^\s@<>]{1,64}@[^\s@<>]{1,190}\.[^\s@<>]{2,}$/.test(who)) {
        return { name: 'assign', number, to: { email: who.toLowerCase() } };
      }
      // A name, or an @mention (its text is the name once the mention's tags are gone).
      const named = restAfterWords(clean, 2).replace(/^@/, '').replace(/^["“](.*)["”]$/s, '$1').trim();
      if (named !== '' && named.length <= 100 && !named.includes('@')) return { name: 'assign', number, to: { name: named } };
      return notUnderstood({ key: 'command.assignTo' }, 'assign', `assign ${number} me`);
    }
    case 'unassign':
      return number === undefined ? needsNumber() : { name: 'unassign', number };
    case 'notify': {
      const request = parseNotify(args);
      return 'problem' in request ? notUnderstood(request.said, 'notify') : { name: 'notify', request };
    }
    case 'priority': {
      if (number === undefined) return needsNumber();
      const priority = enumWord(args[1], PRIORITIES);
      if (!priority || args.length !== 2) {
        const likely = nearest(args[1] ?? '', PRIORITIES)?.toLowerCase() ?? 'urgent';
        return notUnderstood({ key: 'command.priority', vars: { priorities: { key: 'command.priorityWords' } } }, 'priority', `priority ${number} ${likely}`);
      }
      return { name: 'priority', number, priority };
    }
    default: {
      const shown = first.length > 40 ? `${first.slice(0, 40)}…` : first;
      // A slip in a French command word is put right too, in English like every suggestion.
      const near = nearest(word, [...Object.keys(COMMAND_EXAMPLES), ...FRENCH_COMMAND_WORDS]);
      const meant = near === undefined ? undefined : inEnglishWords(near);
      const corrected = meant === undefined ? undefined : `${meant} ${restAfterWords(clean, 1)}`.trim();
      const tooLong = corrected !== undefined && corrected.length > MAX_TITLE_LENGTH;
      const suggestion = tooLong ? exampleOf(meant!) : corrected;
      const sentence = suggestion === undefined && clean.length <= MAX_DESCRIPTION_LENGTH ? clean : undefined;
      const said = { key: 'command.notUnderstood', vars: { text: shown } };
      return {
        name: 'notUnderstood', problem: inEnglish(said.key, said.vars), said, suggestion, ...(tooLong ? { example: meant } : {}), ...(sentence === undefined ? {} : { sentence }),
      };
    }
  }
}
