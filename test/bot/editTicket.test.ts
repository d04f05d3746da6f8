/**
 * Edit after creation: the ticket card's Edit button opens the Edit form, a card of its own with the
 * current values, for the person who clicked; Save writes what changed in one update, as the agent
 * who clicked; Cancel shows the ticket again; a requester is refused.
 */
import assert from 'node:assert/strict';
import { AGENTS, CATEGORY, DIALECTS, FIELD, PEOPLE, SYSTEM, TAG_CATEGORY } from '../../src/sandbox/index.js';
import { ADELE, ALEX, cardAction, type Person } from '../support/activities.js';
import { current, invokeCard, isErrorCard, readable, startedBot, textsOf, writeRequests } from './botAssertions.js';

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };

type Element = Record<string, any>;
type Click = (verb: string, data: unknown) => Promise<Record<string, unknown>>;

/** The ticket card's Edit button: in the card's body (an ActionSet), as the card's own actions are at Teams' limit of six. */
function editButton(card: Record<string, unknown>): { verb: string; data: Record<string, unknown> } | undefined {
  const set = (card.body as Element[]).find((e) => e.type === 'ActionSet');
  return set?.actions.find((a: Element) => a.title === 'Edit' || a.title === 'Modifier');
}

/** The Edit form's card: each input's id and the value it shows, and its Save and Cancel buttons. */
function editForm(card: Record<string, unknown>): {
  values: Record<string, string>; inputs: Element[]; save: { verb: string; data: Record<string, unknown> }; cancel: { verb: string; data: Record<string, unknown> };
} {
  const inputs: Element[] = [];
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (typeof e.type === 'string' && e.type.startsWith('Input.')) inputs.push(e);
      if (Array.isArray(e.items)) walk(e.items);
    }
  };
  walk(card.body as Element[]);
  assert.ok(inputs.length > 0, 'the card is a form');
  const values = Object.fromEntries(inputs.map((i) => [i.id as string, (i.value ?? '') as string]));
  const actions = card.actions as Array<{ title: string; verb: string; data: Record<string, unknown> }>;
  const save = actions.find((a) => a.verb === 'edit');
  const cancel = actions.find((a) => a.title === 'Cancel' || a.title === 'Annuler');
  assert.ok(save && cancel, 'the form has Save and Cancel');
  return { values, inputs, save, cancel };
}

/** Shows the ticket's card, then clicks its Edit button: the form's card. */
async function openedForm(click: Click, ticketId: string) {
  const button = editButton(await click('show', { ticketId }));
  assert.ok(button, 'the card has an Edit button');
  return click(button.verb, button.data);
}

describe('edit after creation', () => {
  const { h, tickets, fresh } = startedBot({ people: [ADELE, ALEX, MEGAN] });
  beforeEach(() => fresh());
  const clickAs = async (who: Person, verb: string, data: unknown) => invokeCard(await h.post(cardAction(who, verb, data, { serviceUrl: h.serviceUrl, channel: true })));
  const click: Click = (verb, data) => clickAs(ADELE, verb, data);

  it('opens with the current values and saves title, description and expected date in one update', async () => {
    const ticket = tickets.inStatus('Open');
    const card = await openedForm(click, ticket.id);
    const json = JSON.stringify(card);
    assert.ok(json.includes(`"id":"editTitle","label":"Title","value":${JSON.stringify(ticket.title)}`), 'the form holds the current title');
    assert.deepEqual(textsOf(card).slice(0, 2), [`#${ticket.ticketId}`, ticket.title], "the ticket's number and title as a heading");
    const { save } = editForm(card);
    fresh();
    const saved = await click(save.verb, { ...save.data, editTitle: 'Projector in room 4 flickers', editDescription: 'Since Monday.', editExpectedDate: '2026-12-24' });
    const now = current(h, ticket.id);
    assert.equal(now.title, 'Projector in room 4 flickers');
    assert.equal(now.description, 'Since Monday.');
    assert.equal(now.expectedDate?.slice(0, 10), '2026-12-24');
    assert.deepEqual(now.lastUpdatedBy, { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email });
    assert.match(readable(saved), new RegExp(`Adele Vance edited #${ticket.ticketId}\\.`));
    assert.deepEqual(writeRequests(h), [{ method: 'PUT', path: `/tickets/${ticket.id}` }]);
  });

  it('opens the form for the clicker only, at no API call for a ticket the bot has read', async () => {
    const ticket = tickets.inStatus('Open');
    const button = editButton(await click('show', { ticketId: ticket.id }));
    assert.ok(button);
    assert.deepEqual(button.data, { ticketId: ticket.id });
    fresh();
    const res = await h.post(cardAction(ADELE, button.verb, button.data, { serviceUrl: h.serviceUrl, channel: true, replyToId: 'msg-edit-1' }));
    assert.ok(editForm(invokeCard(res)).values.editTitle === ticket.title);
    assert.deepEqual(h.sandbox.requests.map((r) => `${r.method} ${r.path}`), [], 'no API call at all');
    assert.deepEqual(h.connector.calls, [], 'the card others see is left as it is');
  });

  it('reads a ticket the bot has not read once, and only it', async () => {
    const who = { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email };
    const unseen = h.sandbox.store.create({ title: 'Badge reader at the side door', requestor: who }, who);
    fresh();
    const form = editForm(await click('editForm', { ticketId: unseen.id }));
    assert.equal(form.values.editTitle, 'Badge reader at the side door');
    assert.deepEqual(h.sandbox.requests.map((r) => `${r.method} ${r.path}`), [`GET /tickets/${unseen.id}`]);
  });

  it('Cancel shows the ticket card again, writing nothing', async () => {
    const ticket = tickets.inStatus('Open');
    const { cancel } = editForm(await openedForm(click, ticket.id));
    fresh();
    const back = await click(cancel.verb, cancel.data);
    assert.ok(textsOf(back).includes(`#${ticket.ticketId}`), 'the ticket card');
    assert.ok(editButton(back), 'with its Edit button');
    assert.ok(!JSON.stringify(back).includes('"editTitle"'), 'and no form');
    assert.deepEqual(writeRequests(h), []);
  });

  it('answers a forged or unknown ticket id briefly, with no form', async () => {
    for (const ticketId of ['../../instance', 'x'.repeat(5000), 42, '0f8fad5b-d9cb-469f-a165-70867728950e']) {
      const answer = await click('editForm', { ticketId });
      assert.ok(isErrorCard(answer), `an error card for ${String(ticketId).slice(0, 20)}`);
      assert.ok(!JSON.stringify(answer).includes('"editTitle"'), 'no form');
      assert.ok(readable(answer).length < 300, `short: ${readable(answer)}`);
    }
    assert.deepEqual(writeRequests(h), []);
  });

  it('refuses a requester the form and the save, even on their own ticket, writing nothing', async () => {
    const who = { id: MEGAN.aadObjectId, name: MEGAN.name, email: MEGAN.email };
    const own = h.sandbox.store.create({ title: 'Keyboard', requestor: who }, who);
    fresh();
    const form = await clickAs(MEGAN, 'editForm', { ticketId: own.id });
    assert.match(readable(form), /Only the helpdesk's agents can/);
    assert.ok(!JSON.stringify(form).includes('"editTitle"'), 'no form');
    assert.match(readable(await clickAs(MEGAN, 'edit', { ticketId: own.id, editTitle: 'Keyboard and mouse' })), /Only the helpdesk's agents can/);
    assert.deepEqual(writeRequests(h), []);
    assert.equal(current(h, own.id).title, 'Keyboard');
  });
});

for (const dialect of DIALECTS) describe(`edit everything the create form sets (${dialect} dialect)`, () => {
  const { h, tickets, fresh } = startedBot({ sandbox: { dialect } });
  beforeEach(() => fresh());
  const click: Click = async (verb, data) => invokeCard(await h.post(cardAction(ADELE, verb, data, { serviceUrl: h.serviceUrl, channel: true })));
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
    const card = await openedForm(click, ticket.id);
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
    // The saved answer is the ticket card; the form, opened again, shows the new values (from the copy just saved).
    assert.ok(editButton(saved), 'the ticket card, with its Edit button');
    fresh();
    assert.equal(editForm(await click('editForm', { ticketId: ticket.id })).values.editPriority, 'Urgent', 'the form shows the new values');
    assert.deepEqual(h.sandbox.requests, [], 'read from the copy the save left');
  });

  describe('when the API does not confirm the edit, it is looked for on the ticket', () => {
    afterEach(() => h.sandbox.faults.clear());
    const MAY_NOT = /did not confirm the change, and the ticket does not show it: it was most likely not saved/;

    it('a description alone, answered without the ticket and not saved: "most likely not saved", never "edited"', async () => {
      const { ticket, form } = await shownTicket();
      h.sandbox.faults.inject({ kind: 'emptySuccess', match: { method: 'PUT' } });
      const text = readable(await click(form.save.verb, { ...form.save.data, ...form.values, editDescription: 'Drops it every hour.' }));
      assert.match(text, MAY_NOT);
      assert.doesNotMatch(text, /edited/);
      assert.equal(current(h, ticket.id).description, ticket.description);
    });

    it('tags alone, not saved: "most likely not saved"', async () => {
      const { ticket, form } = await shownTicket();
      h.sandbox.faults.inject({ kind: 'emptySuccess', match: { method: 'PUT' } });
      assert.match(readable(await click(form.save.verb, { ...form.save.data, ...form.values, [`editTag_${TAG_CATEGORY.product}`]: 'Windows,VPN' })), MAY_NOT);
      assert.deepEqual(current(h, ticket.id).tags, ticket.tags);
    });

    it('priority, assignee, tags and a custom field saved, the answer lost: found on the ticket, and reported as edited', async () => {
      const { ticket, form } = await shownTicket();
      h.sandbox.faults.inject({ kind: 'dropAfterApply', match: { method: 'PUT' } });
      const saved = await click(form.save.verb, {
        ...form.save.data, ...form.values, editDescription: 'Drops it every hour.', editPriority: 'Urgent', editAssignee: megan.id,
        [`editTag_${TAG_CATEGORY.product}`]: 'Windows,VPN', [`editField_${FIELD.category}`]: CATEGORY.Network.id,
      });
      assert.match(readable(saved), new RegExp(`Adele Vance edited #${ticket.number}\\.`));
      assert.equal(current(h, ticket.id).priority, 'Urgent');
    });
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

  it("refuses emptying a date field, and names the priorities in the reader's language, writing nothing", async () => {
    const ticket = h.sandbox.store.create({ title: 'Monitor arm', requestor: adeleUser, customFields: { [FIELD.neededBy]: '2026-12-24' } }, adeleUser);
    const form = editForm(await openedForm(click, ticket.id));
    assert.equal(form.values[`editField_${FIELD.neededBy}`], '2026-12-24');
    fresh();
    const emptied = await click(form.save.verb, { ...form.save.data, ...form.values, [`editField_${FIELD.neededBy}`]: '' });
    assert.match(readable(emptied), /Needed by cannot be emptied here; choose another date\./);
    const inFrench = { ...cardAction(ADELE, form.save.verb, { ...form.save.data, ...form.values, editPriority: 'Whenever' }, { serviceUrl: h.serviceUrl, channel: true }), locale: 'fr-FR' };
    assert.match(readable(invokeCard(await h.post(inFrench))), /basse, moyenne, importante, urgente/);
    assert.deepEqual(writeRequests(h), []);
    assert.match(String(current(h, ticket.id).customFields?.[FIELD.neededBy]), /^2026-12-24/);
  });
});
