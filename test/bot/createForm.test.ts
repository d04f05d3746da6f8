/**
 * Chat `create` and the help card's New ticket open the full create form when the helpdesk requires
 * fields a title cannot give (the seed requires a Category); the form, posted in the chat, creates
 * the ticket from a card action and takes its place. An agent may log the ticket for someone else:
 * a member of the conversation or one of the helpdesk's agents; a requester only for themselves.
 */
import assert from 'node:assert/strict';
import { AGENTS, CATEGORY, DIALECTS, FIELD, PEOPLE } from '../../src/sandbox/index.js';
import { ADELE, ALEX, cardAction, message, type Person } from '../support/activities.js';
import { type Card, cardIn, invokeCard, readable, startedBot, writeRequests } from './botAssertions.js';

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
/** A requester: a member of the conversation, not one of the helpdesk's agents. */
const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };
const LEE = AGENTS.find((a) => a.name === 'Lee Gu')!;

type Element = Record<string, any>;

function inputsOf(card: Card): Element[] {
  const found: Element[] = [];
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (typeof e.type === 'string' && e.type.startsWith('Input.')) found.push(e);
      if (Array.isArray(e.items)) walk(e.items);
      if (Array.isArray(e.columns)) walk(e.columns);
    }
  };
  walk(card.body as Element[]);
  return found;
}

const input = (card: Card, id: string) => inputsOf(card).find((i) => i.id === id);

for (const dialect of DIALECTS) describe(`the create form in a chat, and tickets for someone else (${dialect} dialect)`, () => {
  const { h, fresh } = startedBot({ sandbox: { dialect }, people: [ADELE, ALEX, MEGAN] });
  beforeEach(() => fresh());
  const where = { channel: true } as const;

  /** `who` says `text` in the channel; the one card answered, and the id Teams gave that message. */
  async function say(who: Person, text: string): Promise<{ card: Card; id: string }> {
    h.connector.clear();
    assert.equal((await h.post(message(who, text, { serviceUrl: h.serviceUrl, ...where }))).status, 200);
    const replies = h.connector.messages();
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return { card: cardIn(replies[0]), id: replies[0]!.answeredId! };
  }

  const send = async (who: Person, replyToId: string, data: Record<string, unknown>) =>
    invokeCard(await h.post(cardAction(who, 'createFromForm', data, { serviceUrl: h.serviceUrl, ...where, replyToId })));

  it('"create <title> | <description>" opens the full form with what was typed, calling no API', async () => {
    const { card } = await say(ADELE, 'create Printer on floor 2 is jammed | It shows error E42');
    assert.deepEqual(h.sandbox.requests, [], 'no API call: the instance is in the cache');
    assert.match(readable(card), /The helpdesk asks for more than a title: fill in the form to create "Printer on floor 2 is jammed"\./);
    assert.equal(input(card, 'title')?.value, 'Printer on floor 2 is jammed');
    assert.equal(input(card, 'description')?.value, 'It shows error E42');
    assert.equal(input(card, `cf_${FIELD.category}`)?.isRequired, true);
    const actions = card.actions as Element[];
    assert.deepEqual(actions.map((a) => [a.type, a.verb]), [['Action.Execute', 'createFromForm']], 'a card action in a chat, not a dialog submit');
  });

  it('creates the ticket from the form in one write, and the ticket takes the form\'s place for everyone', async () => {
    const { card, id } = await say(ADELE, 'create Printer on floor 3 is jammed');
    fresh();
    const values = Object.fromEntries(inputsOf(card).map((i) => [i.id, i.value ?? '']));
    const answer = await send(ADELE, id, { ...values, [`cf_${FIELD.category}`]: CATEGORY.Hardware.id });
    assert.deepEqual(writeRequests(h), [{ method: 'POST', path: '/tickets' }]);
    const made = h.sandbox.store.allTickets().find((t) => t.title === 'Printer on floor 3 is jammed');
    assert.ok(made, 'the ticket was created');
    assert.deepEqual(made.customFields?.[FIELD.category], [CATEGORY.Hardware.id]);
    assert.equal(made.requestor?.id, ADELE.aadObjectId);
    assert.match(readable(answer), /Adele Vance created this ticket/);
    const [update] = await h.connector.waitForUpdates(1);
    assert.equal(update!.activityId, id, 'the form message now shows the ticket');
  });

  it('gives the form back with the error beside its input when a required field is empty, writing nothing', async () => {
    const { id } = await say(ADELE, 'create Scanner is offline');
    fresh();
    const again = await send(ADELE, id, { title: 'Scanner is offline', requestor: 'me' });
    assert.deepEqual(writeRequests(h), []);
    assert.match(readable(again), /Please fill in Category\./);
    assert.equal(input(again, 'title')?.value, 'Scanner is offline', 'what was typed is kept');
  });

  it("opens the form from the help card's New ticket, as a new message", async () => {
    const res = await h.post(cardAction(ADELE, 'create', { title: 'Badge reader at the door' }, { serviceUrl: h.serviceUrl, ...where }));
    assert.equal(res.status, 200);
    const posted = cardIn(h.connector.messages()[0]);
    assert.equal(input(posted, 'title')?.value, 'Badge reader at the door');
    assert.deepEqual(writeRequests(h), []);
  });

  it('lets an agent log a ticket for a member of the conversation or one of the helpdesk\'s agents, as Teams and the helpdesk know them', async () => {
    const { card, id } = await say(ADELE, 'create Monitor flickers');
    const choices = (input(card, 'requestor')?.choices ?? []).map((c: Element) => c.value);
    assert.ok(choices.includes(MEGAN.aadObjectId), 'a member of the conversation');
    assert.ok(choices.includes(LEE.id), "one of the helpdesk's agents");
    fresh();
    await send(ADELE, id, { title: 'Monitor flickers', requestor: MEGAN.aadObjectId, [`cf_${FIELD.category}`]: CATEGORY.Hardware.id });
    const forMegan = h.sandbox.store.allTickets().find((t) => t.title === 'Monitor flickers')!;
    assert.deepEqual(forMegan.requestor, { id: MEGAN.aadObjectId, name: MEGAN.name, email: MEGAN.email });
    assert.equal(forMegan.createdBy?.id, ADELE.aadObjectId, 'created by the agent who sent the form');
    await send(ADELE, id, { title: 'Docking station', requestor: LEE.id, [`cf_${FIELD.category}`]: CATEGORY.Hardware.id });
    const forLee = h.sandbox.store.allTickets().find((t) => t.title === 'Docking station')!;
    assert.deepEqual(forLee.requestor, { id: LEE.id, name: LEE.name, email: LEE.email });
  });

  it('lets a requester create only for themselves: no choice offered, and a forged one refused with nothing written', async () => {
    const { card, id } = await say(MEGAN, 'create Keyboard missing keys');
    assert.equal(input(card, 'requestor'), undefined, 'no requestor choice');
    fresh();
    const refused = await send(MEGAN, id, { title: 'Keyboard missing keys', requestor: ALEX.aadObjectId, [`cf_${FIELD.category}`]: CATEGORY.Hardware.id });
    assert.match(readable(refused), /You can create tickets for yourself; the helpdesk's agents log tickets for others\./);
    assert.deepEqual(writeRequests(h), []);
    await send(MEGAN, id, { title: 'Keyboard missing keys', requestor: 'me', [`cf_${FIELD.category}`]: CATEGORY.Hardware.id });
    assert.equal(h.sandbox.store.allTickets().find((t) => t.title === 'Keyboard missing keys')?.requestor?.id, MEGAN.aadObjectId);
  });

  it('refuses a requestor who is neither in the conversation nor an agent, writing nothing', async () => {
    const { id } = await say(ADELE, 'create Mouse double-clicks');
    fresh();
    const refused = await send(ADELE, id, { title: 'Mouse double-clicks', requestor: '00000000-0000-0000-0000-00000000beef', [`cf_${FIELD.category}`]: CATEGORY.Hardware.id });
    assert.match(readable(refused), /Choose who the ticket is for\./);
    assert.deepEqual(writeRequests(h), []);
    assert.ok(!h.sandbox.store.allTickets().some((t) => t.title === 'Mouse double-clicks'), 'no ticket was created');
  });
});
