import type { TicketCardOptions } from '../cards/ticketCard.js';
import type { Ticket } from '../ticketing/types.js';
import type { FeatureContext } from './context.js';
import { FeatureError } from './featureError.js';

/** A ticket as a person names it (its number) or as a card does (its UUID). */
export type TicketRef = { id: string } | { number: number };

/** How many tickets a number search reads first: the number also matches as text in other tickets. */
const NUMBER_SEARCH_LIMIT = 50;
/** When those miss, one more search reads this many, ids and numbers only (the API's maximum page). */
const NUMBER_SCAN_LIMIT = 1000;

export function callOptions(ctx: FeatureContext) {
  // The API's timezone is a whole number of hours.
  return { timezone: Math.round(ctx.utcOffset), deadline: ctx.deadline, log: ctx.apiLog };
}

/**
 * For the instance and tags: their fields, people and tags do not depend on the reader's
 * timezone, so every user shares the client's one cached copy (kept per timezone otherwise).
 */
export function catalogOptions(ctx: FeatureContext) {
  return { deadline: ctx.deadline, log: ctx.apiLog };
}

/**
 * The ticket with this number: one search, whose results are whole tickets, in number order. A
 * number holding these digits is at least this one, so only older tickets holding them in their
 * text come before it (newest first, thousands of newer ones could). When more than a page of
 * those do, a second search of ids and numbers only finds it, and a third call reads it.
 */
async function findByNumber(ctx: FeatureContext, number: number): Promise<Ticket> {
  const search = { search: String(number), orderBy: 'ticketId', order: 'ASC' } as const;
  const page = await ctx.client.listTickets({ ...search, limit: NUMBER_SEARCH_LIMIT }, callOptions(ctx));
  await Promise.all(page.items.map((t) => ctx.tickets.remember(t)));
  const ticket = page.items.find((t) => t.number === number);
  if (ticket) return ticket;
  if (page.continuationToken) {
    const scan = await ctx.client.listTickets({ ...search, limit: NUMBER_SCAN_LIMIT, select: ['id', 'ticketId'] }, callOptions(ctx));
    const found = scan.items.find((t) => t.number === number);
    if (found) return ctx.client.getTicket(found.id, callOptions(ctx));
  }
  throw new FeatureError({ key: 'errors.noTicket', vars: { number } });
}

/** The ticket's UUID: free when a card gave it or the number was seen before, else one search. */
export async function ticketId(ctx: FeatureContext, ref: TicketRef): Promise<string> {
  if ('id' in ref) return ref.id;
  return (await ctx.tickets.idOf(ref.number)) ?? (await findByNumber(ctx, ref.number)).id;
}

/** The ticket with this id as it is now: one API call, shared with anyone reading it at that moment. */
function readById(ctx: FeatureContext, id: string): Promise<Ticket> {
  return ctx.tickets.load(id, () => ctx.client.getTicket(id, callOptions(ctx)));
}

/** A refresh reuses a ticket read this recently: a card seen by a busy channel costs few API calls. */
const REFRESH_REUSE_MS = 15 * 1000;

/** The ticket as read in the last few seconds, if it was: what every viewer's refresh of a card shares. */
export function recentTicket(ctx: FeatureContext, id: string): Promise<Ticket | undefined> {
  return ctx.tickets.fresh(id, REFRESH_REUSE_MS);
}

/** The ticket as the bot last read it, when it has (no API call); else read once. */
export async function lastReadTicket(ctx: FeatureContext, id: string): Promise<Ticket> {
  return (await ctx.tickets.copy(id))?.value ?? loadTicket(ctx, { id });
}

/** The ticket as it is now: one API call. */
export async function loadTicket(ctx: FeatureContext, ref: TicketRef): Promise<Ticket> {
  if ('id' in ref) return readById(ctx, ref.id);
  const known = await ctx.tickets.idOf(ref.number);
  if (known !== undefined) return readById(ctx, known);
  const found = await findByNumber(ctx, ref.number);
  await ctx.tickets.remember(found);
  return found;
}

/**
 * Instance (custom field labels) and tags make the card readable; both come from the client's cache.
 * If they cannot be had, the card is still shown, with fewer labels, rather than an error.
 */
export async function cardExtras(ctx: FeatureContext): Promise<Pick<TicketCardOptions, 'instance' | 'tagCategories'>> {
  const [instance, tagCategories] = await Promise.all([
    ctx.client.getInstance(catalogOptions(ctx)).catch(() => undefined),
    ctx.client.getTags(catalogOptions(ctx)).catch(() => undefined),
  ]);
  return { instance, tagCategories };
}
