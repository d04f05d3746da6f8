/**
 * The ticket card stays small: it is sent at every show, Resolve, Comment and create, while the
 * Edit form (every agent, tag and custom field as inputs) is a card of its own, opened on demand.
 */
import assert from 'node:assert/strict';
import { ticketCard, type TicketCardOptions } from '../../src/cards/ticketCard.js';
import { instanceAgents, instanceFields } from '../../src/ticketing/instance.js';
import { SEED_NOW } from '../../src/sandbox/seedTickets.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { readInstance, readTagCategory, readTicket } from '../../src/ticketing/normalize.js';
import type { TagCategory, Ticket } from '../../src/ticketing/types.js';

/** What the ticket card weighed with the Edit form inline was about 10 KB; back to what it was before. */
const MAX_TICKET_CARD_BYTES = 5 * 1024;

/** Wire JSON → the bot's types, as TicketingClient reads the API. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe("the ticket card's size", () => {
  const store = new SandboxStore(true, () => SEED_NOW);
  const instance = readInstance(wire(store.instance()));
  const tagCategories = store.tagCategories().map((c) => readTagCategory(wire(c))).filter((c): c is TagCategory => c !== undefined);
  const tickets = store.allTickets().map((t) => readTicket(wire(t))).filter((t): t is Ticket => t !== undefined);

  it('reads the seeded helpdesk: its agents, custom fields, tags and tickets', () => {
    assert.ok(instanceAgents(instance).length > 3 && instanceFields(instance).length > 5, 'a realistic instance');
    assert.equal(tagCategories.length, store.tagCategories().length);
    assert.ok(tickets.length > 100 && tickets.length === store.allTickets().length, 'every seeded ticket reads');
  });

  for (const [view, language] of [['agent', 'en'], ['agent', 'fr'], ['requester', 'en']] as const) {
    it(`is under 5 KB for every seeded ticket, in ${view}s' view (${language})`, () => {
      const options: TicketCardOptions = { clock: { language, zone: { fixedHours: 1 } }, instance, tagCategories, view };
      const sizes = tickets.map((t) => ({ number: t.number, bytes: Buffer.byteLength(JSON.stringify(ticketCard(t, options))) }));
      const over = sizes.filter((s) => s.bytes > MAX_TICKET_CARD_BYTES);
      assert.deepEqual(over, [], 'cards over 5 KB');
      assert.ok(sizes.length === tickets.length && sizes.every((s) => s.bytes > 1024), 'every card was measured');
    });
  }

  it('carries the Edit button, not the form', () => {
    const card = JSON.stringify(ticketCard(tickets[0]!, { clock: { language: 'en', zone: { fixedHours: 1 } }, instance, tagCategories }));
    assert.ok(card.includes('"verb":"editForm"'), 'the Edit button opens the form');
    assert.ok(!card.includes('"editTitle"') && !card.includes('"verb":"edit"'), 'no inline form');
  });
});
