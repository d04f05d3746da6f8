import type { Sentence } from '../i18n/sentence.js';
import { inEnglish } from '../i18n/translate.js';
import type { Ticket } from '../ticketing/types.js';
import { MAX_TAG_LENGTH } from '../ticketing/limits.js';

/** What a channel or chat subscribes to: tickets created, urgent ones, ones with a tag, or every change. */
export type NotifyFilter =
  | { kind: 'new' }
  | { kind: 'urgent' }
  | { kind: 'tag'; tag: string }
  | { kind: 'all' };

/** The `notify` command, parsed: see or change this conversation's subscription, or the speaker's own notifications. */
export type NotifyRequest =
  | { what: 'show' }
  | { what: 'off' }
  | { what: 'subscribe'; filter: NotifyFilter }
  | { what: 'me'; on?: boolean };


/** `notify` arguments (after the word) → a request, or the sentence saying what is wrong (`problem` its English). */
export function parseNotify(args: readonly string[]): NotifyRequest | { problem: string; said: Sentence } {
  const [first, second, ...rest] = args.map((a) => a.toLowerCase());
  if (first === undefined) return { what: 'show' };
  if (first === 'me' && rest.length === 0) {
    if (second === undefined) return { what: 'me' };
    if (second === 'on' || second === 'off') return { what: 'me', on: second === 'on' };
  }
  if (args.length === 1) {
    if (first === 'off') return { what: 'off' };
    if (first === 'new' || first === 'urgent' || first === 'all') return { what: 'subscribe', filter: { kind: first } };
    const tag = args[0]!.slice(4).trim();
    if (first.startsWith('tag:') && tag !== '' && tag.length <= MAX_TAG_LENGTH) return { what: 'subscribe', filter: { kind: 'tag', tag } };
  }
  const said = { key: 'command.notifyWhat', vars: { usage: { key: 'command.notifyUsage' } } };
  return { problem: inEnglish(said.key, said.vars), said };
}

/** Whether a stored value is a filter this version knows (settings outlive releases). */
export function isNotifyFilter(value: unknown): value is NotifyFilter {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'tag') return typeof (value as { tag?: unknown }).tag === 'string';
  return kind === 'new' || kind === 'urgent' || kind === 'all';
}

/** A change as a subscription sees it: the ticket now, and whether it is new or changed state. */
export interface ChangeForSubscription {
  ticket: Ticket;
  created: boolean;
  stateChanged: boolean;
  /** Any other change the detector saw (assignee, priority, escalation). */
  otherChange: boolean;
}

/** Whether a subscription with `filter` posts this change: created or changed state, and matching. */
export function filterMatches(filter: NotifyFilter, change: ChangeForSubscription): boolean {
  const news = change.created || change.stateChanged;
  switch (filter.kind) {
    case 'new': return change.created;
    case 'urgent': return change.ticket.priority === 'Urgent' && (news || change.otherChange);
    case 'tag': return news && (change.ticket.tags ?? []).some((t) => t.text.toLowerCase() === filter.tag.toLowerCase());
    case 'all': return news || change.otherChange;
  }
}
