/**
 * Queues: `list` is open work unless asked; assigned to me, mine, unassigned and overdue; a total
 * where it is known, Previous page as well as Next, an end-of-list line, and words that are a
 * search said to be one.
 */
import assert from 'node:assert/strict';
import type { WireTicket } from '../../src/sandbox/index.js';
import { HARDWARE_WORKFLOW, isResolvedStatus } from '../../src/sandbox/workflows.js';
import { ADELE, ALEX, cardAction, message, type Person } from '../support/activities.js';
import { buttonsOf, cardIn, invokeCard, listedIds, readable, startedBot, writeRequests, type Card } from './botAssertions.js';

const newestFirst = (a: WireTicket, b: WireTicket) => b.createdOn.localeCompare(a.createdOn);
/** Resolved or closed in its own workflow (a custom workflow's "Delivered" too). */
const done = (t: WireTicket) => isResolvedStatus(t.status.startsWith('hw-') ? HARDWARE_WORKFLOW.id : undefined, t.status);

describe('queues', () => {
  const { h, sent, fresh } = startedBot();

  async function say(text: string, who: Person = ADELE): Promise<Card> {
    fresh();
    await h.post(message(who, text, { serviceUrl: h.serviceUrl }));
    const replies = h.connector.messages();
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return cardIn(replies[0]);
  }
  async function click(verb: string, data: unknown, who: Person = ADELE): Promise<Card> {
    fresh();
    const res = await h.post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl }));
    sent.fromInvoke(res);
    return invokeCard(res);
  }
  const button = (card: Card, title: string) => buttonsOf(card).find((b) => b.title === title);
  const store = (filter: (t: WireTicket) => boolean) => h.sandbox.store.allTickets().filter(filter).sort(newestFirst);

  it('"list" is the work not yet resolved; "list all" adds resolved and closed', async () => {
    const open = store((t) => !done(t));
    const card = await say('list');
    assert.match(readable(card), /^Open tickets/);
    assert.deepEqual(listedIds(card), open.slice(0, 10).map((t) => t.id));
    const all = await say('list all');
    assert.match(readable(all), /^All tickets, resolved and closed too/);
    assert.deepEqual(listedIds(all), store(() => true).slice(0, 10).map((t) => t.id));
  });

  it('"list unassigned" and "list overdue": open work with no assignee, or escalated or late, with their totals', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const unassigned = store((t) => !done(t) && !t.assignee);
    assert.ok(unassigned.length > 0, 'the seed has unassigned open tickets');
    let card = await say('list unassigned');
    assert.match(readable(card), /^Open unassigned tickets/);
    assert.match(readable(card), new RegExp(`· ${unassigned.length} tickets? ·`));
    assert.deepEqual(listedIds(card), unassigned.slice(0, 10).map((t) => t.id));

    const overdue = store((t) => !done(t)
      && (t.isFrtEscalated === true || t.isRtEscalated === true || (t.expectedDate !== undefined && t.expectedDate.slice(0, 10) < today)));
    assert.ok(overdue.length > 0, 'the seed has overdue tickets');
    card = await say('list overdue');
    assert.match(readable(card), /^Overdue open tickets/);
    assert.deepEqual(listedIds(card), overdue.slice(0, 10).map((t) => t.id));
    assert.equal(h.apiCalls().length, 1, 'one API call');
  });

  it('goes back with Previous page, one API call a page, and ends with an end-of-list line', async () => {
    const resolved = store((t) => t.status === 'Resolved');
    assert.ok(resolved.length > 20, 'three pages of resolved tickets');
    const first = await say('list resolved');
    assert.equal(button(first, 'Previous page'), undefined, 'none on page 1');
    const second = await click('listPage', button(first, 'Next page')!.data);
    assert.match(readable(second), /Page 2/);
    const back = await click('listPage', button(second, 'Previous page')!.data);
    assert.match(readable(back), /Page 1/);
    assert.deepEqual(listedIds(back), listedIds(first));
    assert.equal(h.apiCalls().length, 1);

    let card = first;
    while (button(card, 'Next page')) card = await click('listPage', button(card, 'Next page')!.data);
    assert.match(readable(card), /End of the list\.$/);
    const mine = await say('list mine all', ALEX);
    if (!button(mine, 'Next page')) assert.match(readable(mine), /End of the list: \d+ tickets?\./);
    assert.deepEqual(writeRequests(h), []);
  });

  it('says when words are a search, and which words are filters', async () => {
    const card = await say('list printer jam');
    assert.match(readable(card), /matching "printer jam"/);
    assert.match(readable(card), /Words that are not filters are a search of titles and descriptions\. Filters: open, resolved, closed, all, urgent, mine, assigned to me, unassigned, overdue/);
    assert.doesNotMatch(readable(await say('list urgent')), /Words that are not filters/);
  });

  it('the help card\'s My tickets is what is assigned to an agent', async () => {
    const help = await say('help');
    const mine = await click('listPage', button(help, 'My tickets')!.data, ALEX);
    assert.match(readable(mine), /^Open tickets assigned to you/);
    const expected = store((t) => !done(t) && t.assignee?.id === ALEX.aadObjectId);
    assert.deepEqual(listedIds(mine), expected.slice(0, 10).map((t) => t.id));
  });
});
