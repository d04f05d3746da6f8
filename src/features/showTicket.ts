import { historyCard } from '../cards/historyCard.js';
import { copyNote, numberLabel } from '../cards/format.js';
import { freshOrCopy } from '../cache/busyCopy.js';
import type { Answer, FeatureContext } from './context.js';
import { isAgent } from './permissions.js';
import { callOptions, lastReadTicket, loadTicket, recentTicket, ticketId, type TicketRef } from './ticketRef.js';
import { ticketAnswer } from './ticketAnswer.js';

/** The ticket as it is now; when the API is too busy to answer soon, as the bot last read it, saying so. */
export async function showTicket(ctx: FeatureContext, ref: TicketRef): Promise<Answer> {
  const id = 'id' in ref ? ref.id : await ctx.tickets.idOf(ref.number);
  const read = await freshOrCopy(ctx, id === undefined ? undefined : await ctx.tickets.copy(id), (c) => loadTicket(c, ref));
  return ticketAnswer(ctx, read.value, read.copiedAt === undefined ? {} : { note: copyNote(read.copiedAt, Date.now(), ctx.locale.t) });
}

export async function refreshTicket(ctx: FeatureContext, id: string): Promise<Answer> {
  const recent = await recentTicket(ctx, id);
  return recent ? ticketAnswer(ctx, recent) : showTicket(ctx, { id });
}

/**
 * The activity timeline: one API call. The header shows only the number and the title, so they come
 * from the bot's last read of the ticket, however old; only a ticket not read since the bot started
 * is read too.
 */
export async function showHistory(ctx: FeatureContext, ref: TicketRef): Promise<Answer> {
  const id = await ticketId(ctx, ref);
  const [activities, ticket] = await Promise.all([
    ctx.client.listActivities(id, callOptions(ctx)),
    lastReadTicket(ctx, id),
  ]);
  // Internal notes are shown to an agent in a personal chat only: elsewhere others read along.
  const showPrivate = !ctx.mustMention && (await isAgent(ctx));
  return { card: historyCard(ticket, activities, ctx.locale, showPrivate), summary: ctx.locale.t('card.historyOf', { ticket: numberLabel(ticket.number) }) };
}
