import { freshOrCopy } from '../cache/busyCopy.js';
import { copyAge, copyNote, numberLabel, personName } from '../cards/format.js';
import type { AdaptiveCard } from '../cards/render.js';
import type { Ticket } from '../ticketing/types.js';
import { UUID_IN_TEXT } from '../ticketing/validate.js';
import type { FeatureContext } from './context.js';
import { parseTicketNumber } from './parseCommand.js';
import { isAgent, isOwnTicket, refused } from './permissions.js';
import { cardExtras, callOptions, loadTicket } from './ticketRef.js';
import { ticketCard } from '../cards/ticketCard.js';
import { priorityWord, say, statusWord } from '../i18n/apiWords.js';

/** Teams asks for 25 results a page by default; we never send more than this many cards at once. */
export const MAX_RESULTS = 25;

export interface SearchQuery {
  /** Absent on the initial run (the box is empty). */
  text?: string;
  skip: number;
  count: number;
}

/** A search result: the card it inserts, and the short preview Teams lists. */
export interface SearchResult {
  card: AdaptiveCard;
  preview: { title: string; text: string };
}

/** The results' cards; `copiedAt` when the tickets are a copy shown because the API was busy (said on each). */
async function results(ctx: FeatureContext, tickets: Ticket[], copiedAt?: number): Promise<SearchResult[]> {
  const extras = await cardExtras(ctx);
  const note = copiedAt === undefined ? undefined : copyNote(copiedAt, Date.now(), ctx.locale.t);
  const asOf = copiedAt === undefined ? undefined : ctx.locale.t('find.asOf', { age: copyAge(copiedAt) });
  if (note === undefined) await Promise.all(tickets.map((ticket) => ctx.tickets.remember(ticket)));
  return tickets.map((ticket) => {
    return {
      card: ticketCard(ticket, { clock: ctx.locale, ...extras, ...(note === undefined ? {} : { note }) }),
      preview: {
        title: `${numberLabel(ticket.number)} ${ticket.title ?? ''}`.trim(),
        text: [asOf, ticket.status && say(statusWord(ticket.status, ticket), ctx.locale.t), ticket.priority && say(priorityWord(ticket.priority), ctx.locale.t),
          personName(ticket.assignee) ?? ctx.locale.t('card.unassigned')]
          .filter(Boolean).join(' · '),
      },
    };
  });
}

/**
 * "Find ticket": with text, tickets whose number, title or text match (a typed number first);
 * empty, the newest unresolved tickets. One API call a page, paged by Teams' skip and count.
 */
export async function findTickets(ctx: FeatureContext, query: SearchQuery): Promise<SearchResult[]> {
  const count = Math.min(Math.max(query.count, 1), MAX_RESULTS);
  const text = query.text?.trim();
  const key = JSON.stringify(['find', text ?? null, query.skip, count, ctx.utcOffset]);
  const read = await freshOrCopy(ctx, await ctx.pages.get(key), (c) => ctx.pages.load(key, async () => ({
    tickets: (await c.client.listTickets(
      text ? { search: text, offset: query.skip, limit: count } : { isResolved: false, offset: query.skip, limit: count },
      callOptions(c),
    )).items,
  })));
  const number = text === undefined ? undefined : parseTicketNumber(text);
  // A requester finds their own tickets only.
  const agent = await isAgent(ctx);
  const tickets = read.value.tickets.filter((t) => agent || isOwnTicket(ctx, t));
  const items = number === undefined ? tickets : [...tickets].sort((a, b) => Number(b.number === number) - Number(a.number === number));
  return results(ctx, items, read.copiedAt);
}


/** A host matches `*.example.com` (any subdomain, or the domain itself) or an exact name. */
function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return host === p.slice(2) || host.endsWith(p.slice(1));
  return host === p;
}

/**
 * The ticket a pasted link names, if it is on one of the helpdesk's domains: a ticket UUID
 * anywhere in it, else a number after `tickets/`, `ticket/`, `ticketId=` or `#`.
 */
export function ticketInLink(link: string, domains: readonly string[]): { id: string } | { number: number } | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!domains.some((d) => hostMatches(url.hostname.toLowerCase(), d))) return undefined;
  const uuid = (url.pathname + url.search + url.hash).match(UUID_IN_TEXT);
  if (uuid) return { id: uuid[0].toLowerCase() };
  const number = (url.pathname + url.search + url.hash).match(/(?:tickets?\/|ticketId=|#)(\d{1,9})\b/i);
  return number ? { number: Number(number[1]) } : undefined;
}

/** Link unfurling: a helpdesk link becomes the ticket's card; any other link is left alone. */
export async function unfurlLink(ctx: FeatureContext, link: string, domains: readonly string[]): Promise<SearchResult[]> {
  const ref = ticketInLink(link, domains);
  if (!ref) return [];
  const ticket = await loadTicket(ctx, ref);
  if (!isOwnTicket(ctx, ticket) && !(await isAgent(ctx))) throw refused('see');
  return results(ctx, [ticket]);
}
