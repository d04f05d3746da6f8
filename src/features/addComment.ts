import { errorCard } from '../cards/errorCard.js';
import { cut, dateTime, numberLabel, plain } from '../cards/format.js';
import type { Answer, FeatureContext } from './context.js';
import type { Origin } from './changeStatus.js';
import { callOptions, loadTicket, ticketId, type TicketRef } from './ticketRef.js';
import { ticketAnswer } from './ticketAnswer.js';
import { beforeWrite, since, writeOrFind, writeOptions } from './unknownOutcome.js';

/**
 * One API call to comment. A comment changes no field the card shows, so the card is redrawn from
 * the bot's last read of the ticket, however old: every card this bot draws comes from a read it
 * remembers, so the redraw is never older than the card that was clicked. Only a ticket the bot
 * has not read since it started is read again.
 */
export async function addComment(ctx: FeatureContext, ref: TicketRef, text: string, origin: Origin, isPrivate = false): Promise<Answer> {
  const { t } = ctx.locale;
  const actor = await ctx.actor();
  const id = await ticketId(beforeWrite(ctx), ref);
  const sentAt = Date.now();
  const comment = await writeOrFind(
    () => ctx.client.addComment(id, text, actor, writeOptions(ctx), isPrivate),
    async () => {
      const found = (await ctx.client.listActivities(id, callOptions(ctx)))
        .find((a) => a.comment === text && a.createdBy?.id.toLowerCase() === actor.id.toLowerCase() && since(a.createdDateTime, sentAt));
      return found && { ...found, comment: text };
    },
    { key: 'comment.notSaved' },
  );
  const ticket = (await ctx.tickets.copy(id))?.value ?? (await loadTicket(ctx, { id }).catch(() => undefined));
  if (!ticket) {
    // The comment is in. Whatever stopped the read (a busy helpdesk, most likely), the answer must
    // say so, or the person would add it again; the card for everyone stays as it was.
    const headline = t('comment.added');
    return { card: errorCard({ headline, detail: t('comment.unreadable'), ticketId: id }, t), summary: headline };
  }
  const when = dateTime(comment.createdDateTime ?? new Date().toISOString(), ctx.locale) ?? '';
  if (isPrivate) {
    // An internal note is the agents' own: its text is shown only where no requester can read it
    // (a personal chat, or the clicker's own view of the card), and the shared card is not redrawn.
    const shared = origin === 'command' && ctx.mustMention;
    const headline = t('comment.noteHeadline', { name: actor.name, ticket: numberLabel(ticket.number) });
    const answer = await ticketAnswer(ctx, ticket, { event: { headline, when, ...(shared ? {} : { text }) } });
    return { ...answer, summary: `${headline}.` };
  }
  const event = { headline: t('comment.headline', { name: actor.name, ticket: numberLabel(ticket.number) }), when, text };
  // The card shows the comment just added, for everyone: on a button's card as its top line.
  const answer = await ticketAnswer(ctx, ticket, origin === 'command' ? { event } : { note: plain(t('comment.note', { name: actor.name, text: cut(text, 300).text })), noteStyle: 'good' });
  return { ...answer, summary: t('comment.summary', { ticket: numberLabel(ticket.number) }), changed: true };
}
