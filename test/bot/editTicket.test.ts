/**
 * Edit after creation: the ticket card's Edit form (title, description, expected date, with the
 * current values) saves in one update, as the agent who clicked; a requester is refused.
 */
import assert from 'node:assert/strict';
import { AGENTS, CATEGORY, DIALECTS, FIELD, PEOPLE, SYSTEM, TAG_CATEGORY } from '../../src/sandbox/index.js';
import { ADELE, ALEX, cardAction, type Person } from '../support/activities.js';
import { current, invokeCard, readable, startedBot, writeRequests } from './botAssertions.js';

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };

describe('edit after creation', () => {
  const { h, tickets, fresh } = startedBot({ people: [ADELE, ALEX, MEGAN] });
  beforeEach(() => fresh());
  const click = async (who: Person, verb: string, data: unknown) => invokeCard(await h.post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl, channel: true })));

  it('opens with the current values and saves title, description and expected date in one update', async () => {
    const ticket = tickets.inStatus('Open');
    const card = await click(ADELE, 'show', { ticketId: ticket.id });
    const json = JSON.stringify(card);
    assert.ok(json.includes(`"id":"editTitle","label":"Title","value":${JSON.stringify(ticket.title)}`), 'the form holds the current title');
    // The Edit form is in the card's body (an ActionSet): the card's own actions are at Teams' limit of six.
    const set = (card.body as Array<Record<string, any>>).find((e) => e.type === 'ActionSet');
    const edit = set?.actions.find((a: Record<string, unknown>) => a.title === 'Edit');
    assert.ok(edit, 'the card has an Edit form');
    const save = edit.card.actions[0] as { verb: string; data: object };
    fresh();
    const saved = await click(ADELE, save.verb, { ...(save.data as object), editTitle: 'Projector in room 4 flickers', editDescription: 'Since Monday.', editExpectedDate: '2026-12-24' });
    const now = current(h, ticket.id);
    assert.equal(now.title, 'Projector in room 4 flickers');
    assert.equal(now.description, 'Since Monday.');
    assert.equal(now.expectedDate?.slice(0, 10), '2026-12-24');
    assert.deepEqual(now.lastUpdatedBy, { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email });
    assert.match(readable(saved), new RegExp(`Adele Vance edited #${ticket.ticketId}\\.`));
    assert.deepEqual(writeRequests(h), [{ method: 'PUT', path: `/tickets/${ticket.id}` }]);
  });

  it('refuses a requester, even on their own ticket, writing nothing', async () => {
    const who = { id: MEGAN.aadObjectId, name: MEGAN.name, email: MEGAN.email };
    const own = h.sandbox.store.create({ title: 'Keyboard', requestor: who }, who);
    fresh();
    assert.match(readable(await click(MEGAN, 'edit', { ticketId: own.id, editTitle: 'Keyboard and mouse' })), /Only the helpdesk's agents can/);
    assert.deepEqual(writeRequests(h), []);
  });
});

type Element = Record<string, any>;

/** The Edit form of a ticket card: each input's id and the value it shows, and its Save button. */
function editForm(card: Record<string, unknown>): { values: Record<string, string>; inputs: Element[]; save: { verb: string; data: Record<string, unknown> } } {
  const set = (card.body as Element[]).find((e) => e.type === 'ActionSet');
  const edit = set?.actions.find((a: Element) => a.title === 'Edit' || a.title === 'Modifier');
  assert.ok(edit, 'the card has an Edit form');
  const inputs: Element[] = [];
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (typeof e.type === 'string' && e.type.startsWith('Input.')) inputs.push(e);
      if (Array.isArray(e.items)) walk(e.items);
    }
  };
  walk(edit.card.body);
  const values = Object.fromEntries(inputs.map((i) => [i.id as string, (i.value ?? '') as string]));
  return { values, inputs, save: edit.card.actions[0] };
}

for (const dialect of DIALECTS) describe(`edit everything the create form sets (${dialect} dialect)`, () => {
  const { h, tickets, fresh } = startedBot({ sandbox: { dialect } });
  beforeEach(() => fresh());
  const click = async (verb: string, data: unknown) => invokeCard(await h.post(cardAction(ADELE, verb, data, { serviceUrl: h.serviceUrl, channel: true })));
  const lee = AGENTS.find((a) => a.name === 'Lee Gu')!;
  const megan = AGENTS.find((a) => a.name !== 'Lee Gu')!;
  const adeleUser = { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email };

  /** A ticket with a value in every kind of input, shown on a card: the card and its form. */
  async function shownTicket() {
    const ticket = h.sandbox.store.create({
      title: 'Docking station drops the screen', requestor: adeleUser, priority: 'Low', assignee: lee,
      tags: [{ tagCategoryId: TAG_CATEGORY.product, text: 'Windows' }],
      customFields: { [FIELD.category]: [CATEGORY.Hardware.id], [FIELD.vip]: true, [FIELD.assetTag]: 'AT-1001', [FIELD.affectedSystems]: [SYSTEM.teams.id, SYSTEM.vpn.id] },
    }, adeleUser);
    const card = await click('show', { ticketId: ticket.id });
    return { ticket, card, form: editForm(card) };
  }

  it('shows the current priority, assignee, tags and custom fields, beside title, description and expected date', async () => {
    const { form } = await shownTicket();
    assert.equal(form.values.editPriority, 'Low');
    assert.equal(form.values.editAssignee, lee.id);
    assert.equal(form.values[`editTag_${TAG_CATEGORY.product}`], 'Windows');
    assert.equal(form.values[`editTag_${TAG_CATEGORY.department}`], '');
    assert.equal(form.values[`editField_${FIELD.category}`], CATEGORY.Hardware.id);
    assert.equal(form.values[`editField_${FIELD.vip}`], 'true');
    assert.equal(form.values[`editField_${FIELD.assetTag}`], 'AT-1001');
    assert.deepEqual(form.values[`editField_${FIELD.affectedSystems}`]!.split(',').sort(), [SYSTEM.teams.id, SYSTEM.vpn.id].sort());
    const category = form.inputs.find((i) => i.id === `editField_${FIELD.category}`)!;
    assert.equal(category.isRequired, true, 'a required field is required here too, as on the create form');
    assert.deepEqual(category.choices.map((c: Element) => c.title), Object.values(CATEGORY).map((c) => c.text));
    const assignee = form.inputs.find((i) => i.id === 'editAssignee')!;
    assert.deepEqual(assignee.choices.map((c: Element) => c.value), AGENTS.map((a) => a.id), "the instance's agents");
    for (const id of ['editTitle', 'editDescription', 'editExpectedDate']) assert.ok(id in form.values, `${id} is still there`);
  });

  it('saves only what changed, in one update', async () => {
    const { ticket, form } = await shownTicket();
    fresh();
    const saved = await click(form.save.verb, {
      ...form.save.data, ...form.values,
      editPriority: 'Urgent', editAssignee: megan.id,
      [`editTag_${TAG_CATEGORY.product}`]: 'Windows,VPN',
      [`editField_${FIELD.category}`]: CATEGORY.Network.id,
      // The same systems, in another order: not a change.
      [`editField_${FIELD.affectedSystems}`]: `${SYSTEM.vpn.id},${SYSTEM.teams.id}`,
    });
    assert.deepEqual(writeRequests(h), [{ method: 'PUT', path: `/tickets/${ticket.id}` }]);
    const put = h.sandbox.requests.find((r) => r.method === 'PUT')!;
    const fields = (dialect === 'live' ? put.body!.ticket : put.body!.updates) as Record<string, unknown>;
    assert.deepEqual(Object.keys(fields).sort(), ['assignee', 'customFields', 'priority', 'tags']);
    assert.deepEqual(Object.keys(fields.customFields as object), [FIELD.category], 'only the field that changed');
    const now = current(h, ticket.id);
    assert.equal(now.priority, 'Urgent');
    assert.equal(now.assignee?.id, megan.id);
    assert.deepEqual(now.customFields?.[FIELD.category], [CATEGORY.Network.id]);
    assert.equal(now.customFields?.[FIELD.assetTag], 'AT-1001');
    assert.deepEqual((now.tags as Array<string | { text: string }>).map((t) => (typeof t === 'string' ? t : t.text)).sort(), ['VPN', 'Windows']);
    assert.match(readable(saved), new RegExp(`Adele Vance edited #${ticket.number}\\.`));
    assert.equal(editForm(saved).values.editPriority, 'Urgent', 'the form shows the new values');
  });

  it('makes no API call when nothing changed, and says so', async () => {
    const { ticket, form } = await shownTicket();
    fresh();
    const answer = await click(form.save.verb, { ...form.save.data, ...form.values });
    assert.deepEqual(h.sandbox.requests, [], 'no API call at all');
    assert.match(readable(answer), new RegExp(`Nothing to save: #${ticket.number} already holds these values\\.`));
  });

  it('refuses an emptied required field, an agent not of the helpdesk and an emptied assignee, writing nothing', async () => {
    const { form } = await shownTicket();
    fresh();
    const answer = await click(form.save.verb, {
      ...form.save.data, ...form.values, [`editField_${FIELD.category}`]: '', editAssignee: '',
    });
    assert.deepEqual(writeRequests(h), []);
    const text = readable(answer);
    assert.match(text, /^Nothing was saved: /);
    assert.match(text, /Please fill in Category\./);
    assert.match(text, /no way to leave a ticket with nobody assigned/);
    const forged = await click(form.save.verb, { ...form.save.data, ...form.values, editAssignee: '00000000-0000-0000-0000-00000000dead', editPriority: 'Whenever' });
    assert.match(readable(forged), /The priority can be Low, Medium, Important, Urgent\./);
    assert.match(readable(forged), /Choose one of the helpdesk's agents\./);
    assert.deepEqual(writeRequests(h), []);
  });
});
