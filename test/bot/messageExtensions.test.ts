import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AGENTS, CATEGORY, DIALECTS, FIELD, SYSTEM, TAG_CATEGORY } from '../../src/sandbox/index.js';
import { ADELE, ALEX, createFormData, extensionInvoke, messagePayload, type Person } from '../support/activities.js';
import { Harness, type PostResult } from '../support/harness.js';

type Json = Record<string, any>;

/** Every element of a card, depth first (body, columns, containers, actions' cards). */
function elements(node: unknown): Json[] {
  const out: Json[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (typeof o.type === 'string') out.push(o);
      for (const value of Object.values(o)) walk(value);
    }
  };
  walk(node);
  return out;
}

function formOf(res: PostResult): Json {
  assert.equal(res.status, 200);
  const body = res.body as Json;
  assert.equal(body.task?.type, 'continue', `a form, got ${JSON.stringify(body).slice(0, 300)}`);
  assert.equal(body.task.value.card.contentType, 'application/vnd.microsoft.card.adaptive');
  return body.task.value.card.content as Json;
}

function input(form: Json, id: string): Json {
  const found = elements(form).find((e) => e.id === id);
  assert.ok(found, `the form has input ${id}`);
  return found;
}

function texts(card: Json): string {
  return elements(card).filter((e) => e.type === 'TextBlock').map((e) => String(e.text)).join('\n');
}

for (const dialect of DIALECTS) describe(`message extensions, through the real server (${dialect} dialect)`, () => {
  const h = new Harness({ sandbox: { dialect } });
  before(async () => {
    await h.start();
    await h.app.client.getInstance();
    await h.app.client.getTags();
  });
  after(() => h.stop());
  beforeEach(() => {
    h.sandbox.faults.clear();
    h.resetCounts();
  });

  const where = () => ({ serviceUrl: h.serviceUrl });
  const fetchTask = (value: Json, who: Person = ADELE) => h.post(extensionInvoke(who, 'composeExtension/fetchTask', { commandId: 'createTicket', ...value }, where()));
  const submit = (data: Json, extra: Json = {}, who: Person = ADELE) =>
    h.post(extensionInvoke(who, 'composeExtension/submitAction', { commandId: 'createTicket', commandContext: 'compose', data, ...extra }, where()));
  const search = (parameters: Json[], queryOptions: Json = { skip: 0, count: 25 }) =>
    h.post(extensionInvoke(ADELE, 'composeExtension/query', { commandId: 'findTicket', parameters, queryOptions }, where()));

  describe('"Create ticket" form', () => {
    for (const commandContext of ['compose', 'commandBox']) {
      it(`opens from the ${commandContext} with one input per field kind, from the cache (no API call)`, async () => {
        const form = formOf(await fetchTask({ commandContext }));
        assert.equal(form.version, '1.5');
        assert.equal(input(form, 'title').isRequired, true);
        assert.equal(input(form, 'description').isMultiline, true);
        assert.deepEqual(input(form, 'priority').choices.map((c: Json) => c.value), ['Low', 'Medium', 'Important', 'Urgent']);
        assert.deepEqual(input(form, 'assignee').choices.map((c: Json) => c.value), AGENTS.map((a) => a.id));
        assert.equal(input(form, 'expectedDate').type, 'Input.Date');
        const department = input(form, `tag_${TAG_CATEGORY.department}`);
        assert.equal(department.isMultiSelect, true);
        assert.ok(!department.choices.some((c: Json) => c.title === 'Facilities'), 'deleted tags are not offered');
        assert.ok(!elements(form).some((e) => e.id === `tag_${TAG_CATEGORY.legacy}`), 'a deleted category is not offered');
        assert.equal(input(form, `cf_${FIELD.assetTag}`).type, 'Input.Text');
        assert.equal(input(form, `cf_${FIELD.stepsToReproduce}`).isMultiline, true);
        assert.equal(input(form, `cf_${FIELD.vip}`).type, 'Input.Toggle');
        assert.equal(input(form, `cf_${FIELD.vip}`).title, 'VIP', 'custom fields are labelled (live: from `title`)');
        assert.equal(input(form, `cf_${FIELD.category}`).label, 'Category');
        assert.equal(input(form, `cf_${FIELD.neededBy}`).label, 'Needed by');
        assert.equal(input(form, `cf_${FIELD.neededBy}`).type, 'Input.Date');
        assert.equal(input(form, `cf_${FIELD.affectedSystems}`).isMultiSelect, true);
        assert.equal(input(form, `cf_${FIELD.category}`).isMultiSelect, false);
        assert.equal(input(form, `cf_${FIELD.category}`).isRequired, true);
        assert.deepEqual(input(form, `cf_${FIELD.affectedUser}`).choices.map((c: Json) => c.value), AGENTS.map((a) => a.id));
        // Adele is an agent: she may log the ticket for a member of the conversation or one of the helpdesk's agents.
        const requestors = input(form, 'requestor').choices.map((c: Json) => c.value);
        assert.equal(requestors[0], 'me');
        assert.ok(requestors.includes(ALEX.aadObjectId), 'a member of the conversation is offered');
        for (const agent of AGENTS.filter((a) => a.id !== ADELE.aadObjectId)) assert.ok(requestors.includes(agent.id), `${agent.name} is offered`);
        assert.deepEqual(h.sandbox.requests, []);
      });
    }

    it('opens prefilled from a message: first line as title, text as description, author offered as requestor', async () => {
      const html = '<p>Printer on floor 2 shows E42 &amp; jams</p><p>Since this morning.<br>Tried a restart.</p>';
      const form = formOf(await fetchTask({ commandContext: 'message', messagePayload: messagePayload(ALEX, html) }));
      assert.equal(input(form, 'title').value, 'Printer on floor 2 shows E42 & jams');
      assert.equal(input(form, 'description').value, 'Printer on floor 2 shows E42 & jams\nSince this morning.\nTried a restart.');
      const requestor = input(form, 'requestor');
      assert.deepEqual(requestor.choices.slice(0, 2).map((c: Json) => c.value), ['me', 'author']);
      assert.ok(!requestor.choices.some((c: Json) => c.value === ALEX.aadObjectId), 'the author is offered once');
      assert.match(requestor.choices[1].title, /Alex Wilber/);
      assert.equal(requestor.value, 'me');
      assert.match(texts(form), /From a message by Alex Wilber/);
    });

    it('prefills the description as a person reads the message: entities, a link with its URL, a list', async () => {
      const html = '<p>Caf&eacute; Wi&#8209;Fi isn&rsquo;t working&nbsp;&ndash; see <a href="https://status.contoso.com/wifi" '
        + 'rel="noreferrer noopener" target="_blank">the status page</a></p><ul><li>Restarted the laptop</li><li>Forgot the network</li></ul>';
      const form = formOf(await fetchTask({ commandContext: 'message', messagePayload: messagePayload(ALEX, html) }));
      assert.equal(input(form, 'title').value, 'Café Wi\u2011Fi isn’t working – see the status page [https://status.contoso.com/wifi]');
      assert.equal(input(form, 'description').value, 'Café Wi\u2011Fi isn’t working – see the status page [https://status.contoso.com/wifi]\n• Restarted the laptop\n• Forgot the network');
    });

    it('opens from a message too long for a card (9,000 CJK characters): the description cut to fit, and said so', async () => {
      const text = '請求書の処理が遅れています。'.repeat(650).slice(0, 9000);
      const res = await fetchTask({ commandContext: 'message', messagePayload: messagePayload(ALEX, `<p>${text}</p>`) });
      const form = formOf(res);
      const description = String(input(form, 'description').value);
      assert.ok(description.endsWith('…') && text.startsWith(description.slice(0, -1)), 'the start of the text, cut');
      assert.match(texts(form), /Long text was cut to fit the form/);
      assert.ok(Buffer.byteLength(JSON.stringify(res.body)) < 28 * 1024, 'the answer fits Teams\' limit');
    });

    it('in a chat the bot is not in, says so before the form is filled in, unless Teams told it who the person is elsewhere', async () => {
      const cold = await new Harness().start();
      try {
        const open = () => extensionInvoke(ADELE, 'composeExtension/fetchTask', { commandId: 'createTicket', commandContext: 'compose' }, { serviceUrl: cold.serviceUrl });
        const first = open();
        cold.connector.conversationsWithoutBot.add(first.conversation.id);
        const refused = (await cold.post(first)).body as Json;
        assert.equal(refused.task?.type, 'message');
        assert.match(refused.task.value, /I am not in this chat.*Add me to this chat, or do this from your own chat with me/);
        assert.deepEqual(cold.apiCalls(), []);

        // Adele talks to the bot in another conversation (her own chat with it, say), then comes back.
        const elsewhere = extensionInvoke(ADELE, 'composeExtension/fetchTask', { commandId: 'createTicket', commandContext: 'compose' }, { serviceUrl: cold.serviceUrl });
        const otherChat = { ...elsewhere, conversation: { ...elsewhere.conversation, id: 'a:her-own-chat-with-the-bot' } };
        formOf(await cold.post(otherChat));
        formOf(await cold.post(open()));
        const created = await cold.post(extensionInvoke(ADELE, 'composeExtension/submitAction', {
          commandId: 'createTicket', commandContext: 'compose', data: createFormData('Made in a chat without the bot'),
        }, { serviceUrl: cold.serviceUrl }));
        assert.equal((created.body as Json).composeExtension?.type, 'result');
      } finally {
        await cold.stop();
      }
    });

    // It was cut at about 80 characters with a literal "…" that the ticket then stored.
    it('keeps a first line whole up to the API\'s title limit, and cuts a longer one at a word with no mark', async () => {
      const line = 'word '.repeat(40).trim();
      const form = formOf(await fetchTask({ commandContext: 'message', messagePayload: messagePayload(ALEX, `<p>${line}</p>`) }));
      assert.equal(input(form, 'title').value, line);
      const long = 'printer '.repeat(40).trim();
      const cut = String(input(formOf(await fetchTask({ commandContext: 'message', messagePayload: messagePayload(ALEX, `<p>${long}</p>`) })), 'title').value);
      assert.ok(cut.length <= 255 && cut.length > 240 && long.startsWith(cut) && cut.endsWith('printer') && !cut.includes('…'), cut);
    });

    it('answers a clear message, inside the deadline, when the helpdesk is slow and nothing is cached', async () => {
      const cold = await new Harness().start();
      try {
        cold.sandbox.faults.inject({ kind: 'delay', ms: 8000, times: 4 });
        cold.app.client.invalidateCache();
        const started = Date.now();
        const res = await cold.post(extensionInvoke(ADELE, 'composeExtension/fetchTask', { commandId: 'createTicket', commandContext: 'compose' }, { serviceUrl: cold.serviceUrl }));
        const took = Date.now() - started;
        const body = res.body as Json;
        assert.equal(body.task?.type, 'message');
        assert.match(body.task.value, /helpdesk .*(time|reached)|form could not be opened/i);
        assert.ok(took < 5000, `answered in ${took} ms`);
      } finally {
        cold.sandbox.faults.clear();
        await cold.stop();
      }
    });
  });

  describe('"Create ticket" submit', () => {
    const good = (): Json => createFormData('Laptop will not boot');

    it('creates the ticket with every field as typed, requested and created by the acting user, in one API call (two live: it ignores the priority on create)', async () => {
      const before = h.sandbox.store.allTickets().length;
      const res = await submit(good());
      const body = res.body as Json;
      assert.equal(body.composeExtension?.type, 'result', JSON.stringify(body).slice(0, 300));
      const attachment = body.composeExtension.attachments[0];
      assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.ok(attachment.preview, 'with a preview');
      const created = h.sandbox.store.allTickets().find((t) => t.title === 'Laptop will not boot');
      assert.ok(created);
      assert.equal(h.sandbox.store.allTickets().length, before + 1);
      assert.equal(created.priority, 'Important');
      assert.equal(created.expectedDate, '2026-12-03');
      assert.deepEqual(created.assignee, AGENTS[2]);
      assert.deepEqual(created.requestor, { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email });
      assert.deepEqual(created.createdBy, { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email });
      assert.deepEqual(created.tags, [{ tagCategoryId: TAG_CATEGORY.product, text: 'Windows' }, { tagCategoryId: TAG_CATEGORY.product, text: 'Microsoft 365' }]);
      assert.deepEqual(created.customFields, {
        [FIELD.category]: [CATEGORY.Hardware.id],
        [FIELD.affectedSystems]: [SYSTEM.teams.id, SYSTEM.vpn.id],
        [FIELD.affectedUser]: [AGENTS[1]],
        [FIELD.assetTag]: 'LT-0042',
        [FIELD.vip]: true,
        [FIELD.neededBy]: '2026-12-05',
        [FIELD.stepsToReproduce]: '1. Power on\n2. Wait',
      });
      assert.match(JSON.stringify(attachment.content), new RegExp(`#${created.ticketId}`));
      const setPriority = { method: 'PUT', path: `/tickets/${created.id}` };
      assert.deepEqual(h.apiCalls(), [{ method: 'POST', path: '/tickets' }, ...(dialect === 'live' ? [setPriority] : [])]);
    });

    it('makes the message author the requestor when chosen: the author Teams attaches to the submit, looked up in Teams, with the acting user as creator', async () => {
      const fromMessage = { commandContext: 'message', messagePayload: messagePayload(ALEX, '<p>My laptop will not boot</p>') };
      const res = await submit({ ...good(), title: 'For Alex', requestor: 'author' }, fromMessage);
      assert.equal((res.body as Json).composeExtension?.type, 'result');
      const created = h.sandbox.store.allTickets().find((t) => t.title === 'For Alex')!;
      assert.deepEqual(created.requestor, { id: ALEX.aadObjectId, name: ALEX.name, email: ALEX.email });
      assert.deepEqual(created.createdBy, { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email });
    });

    it('never takes the requestor from the form\'s data: an author named there, with no message or another message, is refused or ignored', async () => {
      const before = h.sandbox.store.allTickets().length;
      const forged = await submit({ ...good(), title: 'Forged for Alex', requestor: 'author', authorId: ALEX.aadObjectId, authorName: 'Alex' });
      assert.match(texts(formOf(forged)), /Choose who the ticket is for/);
      assert.equal(h.sandbox.store.allTickets().length, before, 'nothing created');

      const fromAdele = { commandContext: 'message', messagePayload: messagePayload(ADELE, '<p>Printer jam</p>') };
      const res = await submit({ ...good(), title: 'Not for Alex', requestor: 'author', authorId: ALEX.aadObjectId }, fromAdele);
      assert.equal((res.body as Json).composeExtension?.type, 'result');
      const created = h.sandbox.store.allTickets().find((t) => t.title === 'Not for Alex')!;
      assert.deepEqual(created.requestor, { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email }, 'the author of the message, not the one in the data');
    });

    it('sends the form back with a problem even when its long texts would not fit a card: cut, and said so', async () => {
      const long = '経費精算の申請が承認されません。'.repeat(700).slice(0, 10_000);
      const values = { ...good(), title: '', description: long, [`cf_${FIELD.stepsToReproduce}`]: long };
      const res = await submit(values);
      const form = formOf(res);
      assert.match(texts(form), /A ticket needs a title/);
      assert.match(texts(form), /Long text was cut to fit the form/);
      assert.ok(long.startsWith(String(input(form, 'description').value).slice(0, -1)));
      assert.ok(Buffer.byteLength(JSON.stringify(res.body)) < 28 * 1024, 'the answer fits Teams\' limit');
    });

    it('answers from the command box with a sentence (there is no compose box to insert into)', async () => {
      // Teams spells the context "commandbox" in the invoke, as Bot Framework's schema does; the manifest "commandBox".
      for (const commandContext of ['commandbox', 'commandBox']) {
        const res = await submit({ ...good(), title: `From the ${commandContext}` }, { commandContext });
        const body = res.body as Json;
        assert.equal(body.composeExtension?.type, 'message');
        assert.match(body.composeExtension.text, new RegExp(`Created #\\d+: From the ${commandContext}`));
      }
    });

    const bad: Array<[string, Json, string, RegExp]> = [
      ['no title', { title: '  ' }, 'title', /needs a title/],
      ['a title over 255 characters', { title: 't'.repeat(256) }, 'title', /the most is 255/],
      ['a description over 10,000 characters', { description: 'd'.repeat(10_001) }, 'description', /the most is 10000/],
      ['an unknown priority', { priority: 'Critical' }, 'priority', /priority can be/],
      ['a date that does not exist', { expectedDate: '2026-02-30' }, 'expectedDate', /Choose a date/],
      ['an assignee who is not an agent', { assignee: '00000000-0000-0000-0000-0000000000b4' }, 'assignee', /agents/],
      ['a tag that is not in the category', { [`tag_${TAG_CATEGORY.product}`]: 'Lotus%20Notes' }, `tag_${TAG_CATEGORY.product}`, /Product list/],
      ['a missing required item', { [`cf_${FIELD.category}`]: '' }, `cf_${FIELD.category}`, /Please fill in Category/],
      ['two items in a single picker', { [`cf_${FIELD.category}`]: `${CATEGORY.Hardware.id},${CATEGORY.Network.id}` }, `cf_${FIELD.category}`, /Choose one Category/],
      ['an item that is not an option', { [`cf_${FIELD.affectedSystems}`]: CATEGORY.Hardware.id }, `cf_${FIELD.affectedSystems}`, /Affected systems list/],
      ['a person who is not in the list', { [`cf_${FIELD.affectedUser}`]: 'nobody' }, `cf_${FIELD.affectedUser}`, /Affected user list/],
      ['a toggle that is neither on nor off', { [`cf_${FIELD.vip}`]: 'maybe' }, `cf_${FIELD.vip}`, /on or off/],
      ['a bad date in a date field', { [`cf_${FIELD.neededBy}`]: 'tomorrow' }, `cf_${FIELD.neededBy}`, /must be a date/],
      ['an asset tag over 255 characters', { [`cf_${FIELD.assetTag}`]: 'a'.repeat(256) }, `cf_${FIELD.assetTag}`, /the most is 255/],
      ['the author as requestor without an author', { requestor: 'author' }, 'requestor', /Choose who/],
    ];
    for (const [what, change, field, message] of bad) {
      it(`answers ${what} with the form again, values kept, the error shown, nothing created`, async () => {
        const before = h.sandbox.store.allTickets().length;
        const values: Json = { ...good(), title: 'Kept title', ...change };
        const form = formOf(await submit(values));
        assert.match(texts(form), /Please fix the fields marked below/);
        assert.match(texts(form), message);
        if (field !== 'title') assert.equal(input(form, 'title').value, 'Kept title');
        assert.equal(input(form, `cf_${FIELD.assetTag}`).value, values[`cf_${FIELD.assetTag}`]);
        assert.equal(h.sandbox.store.allTickets().length, before);
        assert.deepEqual(h.apiCalls(), []);
        assert.ok(field in values);
      });
    }

    it('keeps the form and says why when the helpdesk refuses the create', async () => {
      h.sandbox.faults.inject({ kind: 'status', status: 400, match: { method: 'POST' } });
      const form = formOf(await submit({ ...good(), title: 'Refused' }));
      assert.match(texts(form), /helpdesk refused/);
      assert.equal(input(form, 'title').value, 'Refused');
      assert.ok(!h.sandbox.store.allTickets().some((t) => t.title === 'Refused'));
    });

    // A 5xx may come after the service acted: the bot looks for the ticket before it says anything.
    it('keeps the form and says "most likely not saved" when the create fails with a 503 and is not found', async () => {
      h.sandbox.faults.inject({ kind: 'status', status: 503, match: { method: 'POST' } });
      const form = formOf(await submit({ ...good(), title: 'While down' }));
      assert.match(texts(form), /did not confirm the ticket "While down".*most likely not saved/);
      assert.equal(input(form, 'title').value, 'While down');
      assert.ok(!h.sandbox.store.allTickets().some((t) => t.title === 'While down'));
    });

    it('refuses when the acting user cannot be established, and sends nothing', async () => {
      const stranger: Person = { id: '29:stranger', aadObjectId: '00000000-0000-0000-0000-00000000ffff', name: 'Stranger', email: 's@x.com' };
      const form = formOf(await submit({ ...good(), title: 'By a stranger' }, {}, stranger));
      assert.match(texts(form), /could not look up your Teams account|changed nothing/);
      assert.deepEqual(h.apiCalls(), []);
    });
  });

  describe('"Find ticket" search', () => {
    it('shows the newest unresolved tickets on the initial run, in one API call', async () => {
      const res = await search([{ name: 'initialRun', value: 'true' }], { skip: 0, count: 10 });
      const body = res.body as Json;
      assert.equal(body.composeExtension.type, 'result');
      const attachments = body.composeExtension.attachments as Json[];
      assert.equal(attachments.length, 10);
      const unresolved = h.sandbox.store.allTickets().filter((t) => !['Resolved', 'Closed'].includes(t.status))
        .sort((a, b) => b.createdOn.localeCompare(a.createdOn)).slice(0, 10);
      assert.deepEqual(attachments.map((a) => a.preview.content.title), unresolved.map((t) => `#${t.ticketId} ${t.title}`));
      assert.deepEqual(h.apiCalls(), [{ method: 'GET', path: '/tickets' }]);
    });

    it('finds by text and pages with skip and count', async () => {
      const matching = h.sandbox.store.allTickets().filter((t) => /vpn/i.test(`${t.title} ${t.description ?? ''}`));
      assert.ok(matching.length > 5, 'the seed has VPN tickets');
      const first = ((await search([{ name: 'search', value: 'VPN' }], { skip: 0, count: 3 })).body as Json).composeExtension.attachments as Json[];
      const second = ((await search([{ name: 'search', value: 'VPN' }], { skip: 3, count: 3 })).body as Json).composeExtension.attachments as Json[];
      assert.equal(first.length, 3);
      assert.equal(second.length, 3);
      const titles = [...first, ...second].map((a) => a.preview.content.title);
      assert.equal(new Set(titles).size, 6, 'no ticket twice across pages');
    });

    it('puts the ticket with a typed number first, and inserts its card', async () => {
      const ticket = h.sandbox.store.ticketByNumber(12)!;
      const attachments = ((await search([{ name: 'search', value: '#12' }])).body as Json).composeExtension.attachments as Json[];
      assert.equal(attachments[0]!.preview.content.title, `#12 ${ticket.title}`);
      assert.match(JSON.stringify(attachments[0]!.content), /"verb":"refresh"/);
    });

    it('answers a short message, not a time-out, when the helpdesk is down', async () => {
      h.sandbox.faults.inject({ kind: 'status', status: 500, times: 3 });
      const body = (await search([{ name: 'search', value: 'printer' }])).body as Json;
      assert.equal(body.composeExtension.type, 'message');
      assert.match(body.composeExtension.text, /helpdesk has a problem/);
    });
  });

  describe('link unfurling', () => {
    const unfurl = (url: string) => h.post(extensionInvoke(ADELE, 'composeExtension/queryLink', { url }, where()));

    it('turns a helpdesk link with a ticket id into the ticket card', async () => {
      const ticket = h.sandbox.store.ticketByNumber(7)!;
      const body = (await unfurl(`https://contoso.teamswork.app/ticketing/tickets/${ticket.id}?tab=activity`)).body as Json;
      assert.equal(body.composeExtension.attachments.length, 1);
      assert.match(JSON.stringify(body.composeExtension.attachments[0].content), /#7/);
    });

    it('turns a helpdesk link with a ticket number into the ticket card', async () => {
      const body = (await unfurl('https://contoso.teamswork.app/tickets/7')).body as Json;
      assert.match(JSON.stringify(body.composeExtension.attachments[0].content), /#7/);
    });

    // An empty result list turned the Agents Playground's page white: a small hero card says why instead.
    const noTicket = (body: Json) => {
      assert.equal(body.composeExtension.type, 'result');
      assert.equal(body.composeExtension.attachments.length, 1);
      const [attachment] = body.composeExtension.attachments;
      assert.equal(attachment.contentType, 'application/vnd.microsoft.card.hero');
      assert.equal(attachment.content.title, 'No ticket to show');
      return attachment.content.text as string;
    };

    it('answers a link to a ticket that does not exist, or one the API cannot read now, with a card saying so', async () => {
      for (const url of ['https://contoso.teamswork.app/tickets/999999', `https://contoso.teamswork.app/tickets/${randomUUID()}`]) {
        assert.match(noTicket((await unfurl(url)).body as Json), /does not exist|no ticket #999999/i, url);
      }
      assert.match(noTicket((await unfurl('https://contoso.teamswork.app/settings/general')).body as Json), /does not name a ticket/);
      h.sandbox.faults.inject({ kind: 'status', status: 503, times: 10 });
      try {
        assert.match(noTicket((await unfurl('https://contoso.teamswork.app/tickets/7')).body as Json), /helpdesk has a problem/);
      } finally {
        h.sandbox.faults.clear();
      }
    });

    it('answers a link on another domain with the same card, without calling the API', async () => {
      const ticket = h.sandbox.store.ticketByNumber(7)!;
      const body = (await unfurl(`https://evil.example.com/teamswork.app/tickets/${ticket.id}`)).body as Json;
      assert.match(noTicket(body), /does not name a ticket/);
      assert.deepEqual(h.apiCalls(), []);
    });
  });

  it('answers an unknown command with a typed 400 error', async () => {
    for (const [name, value] of [
      ['composeExtension/fetchTask', { commandId: 'deleteEverything' }],
      ['composeExtension/query', { commandId: 'createTicket', parameters: [] }],
      ['composeExtension/queryLink', { url: 42 }],
      // A forged object whose toString is no function: repeating it back must not throw.
      ['composeExtension/query', { commandId: { toString: true }, parameters: [] }],
    ] as const) {
      const res = await h.post(extensionInvoke(ADELE, name, value, where()));
      assert.equal(res.status, 400, name);
      assert.equal((res.body as Json).type, 'application/vnd.microsoft.error');
    }
    assert.deepEqual(h.sandbox.requests, []);
  });
});

describe('message extensions with the helpdesk unreachable and nothing cached', () => {
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('answers a submit with a sentence, creates nothing, and the server keeps serving', async () => {
    h.sandbox.faults.inject({ kind: 'status', status: 500, times: 20 });
    h.app.client.invalidateCache();
    const res = await h.post(extensionInvoke(ADELE, 'composeExtension/submitAction',
      { commandId: 'createTicket', commandContext: 'compose', data: { title: 'Never' } }, { serviceUrl: h.serviceUrl }));
    h.sandbox.faults.clear();
    assert.equal(res.status, 200);
    const body = res.body as Json;
    assert.equal(body.task?.type, 'message');
    assert.match(body.task.value, /helpdesk has a problem.*No ticket was created/);
    assert.ok(!h.sandbox.store.allTickets().some((t) => t.title === 'Never'));
    assert.equal((await fetch(`${h.app.server.url}/healthz`)).status, 200);
  });
});
