import assert from 'node:assert/strict';
import { startServer } from '../../src/server.js';
import { createLogger } from '../../src/log.js';
import { ADELE, ALEX, BOT, CHANNEL, message } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { Harness } from '../support/harness.js';

describe('bot edges', () => {
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());
  beforeEach(() => h.resetCounts());

  it('stays quiet when someone shares a card inserted by the message extension (text only an HTML placeholder)', async () => {
    const shared = {
      ...message(ADELE, '', { serviceUrl: h.serviceUrl }),
      text: '\n<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n  <span content="0" itemprop="cardId"></span>\n</span>\n',
      textFormat: 'xml',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } }],
    };
    const res = await h.post(shared);
    assert.equal(res.status, 200);
    assert.deepEqual(h.connector.messages(), []);
    assert.deepEqual(h.apiCalls(), []);
  });

  it('stays quiet, with nothing logged as failing, when a card is shared in a channel with no text at all', async () => {
    const shared = {
      ...message(ADELE, '', { serviceUrl: h.serviceUrl, channel: true }),
      text: undefined,
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } }],
    };
    const logged = h.logs.length;
    const res = await h.post(shared);
    assert.equal(res.status, 200);
    assert.deepEqual(h.connector.messages(), []);
    assert.deepEqual(h.logs.slice(logged).filter((r) => r.level === 'error'), []);
  });

  it('reads a command sent as rich text (HTML) like the same command typed plainly', async () => {
    const res = await h.post({ ...message(ADELE, '', { serviceUrl: h.serviceUrl }), text: '<p>show&nbsp;#7</p>' });
    assert.equal(res.status, 200);
    assert.match(JSON.stringify(cardOf(h.connector.messages()[0])), /"#7"/);
  });

  it('does not flag a resolved ticket as overdue', async () => {
    const resolved = h.sandbox.store.allTickets().find((t) => t.status === 'Resolved' && (t.isFrtEscalated || t.isRtEscalated));
    assert.ok(resolved, 'the seed has a resolved ticket that was escalated');
    await h.post(message(ADELE, `show ${resolved.ticketId}`, { serviceUrl: h.serviceUrl }));
    const card = JSON.stringify(cardOf(h.connector.messages()[0]));
    assert.match(card, new RegExp(`#${resolved.ticketId}`));
    assert.doesNotMatch(card, /overdue/);
  });

  it('refuses to start on a port in use with one line that says so', async () => {
    const port = Number(new URL(h.app.server.url).port);
    await assert.rejects(
      startServer({ port, host: '127.0.0.1', bot: undefined as never, log: createLogger({ format: 'json', level: 'silent' }) }),
      (error: Error) => error.message === `port ${port} is already in use (set PORT to another)`,
    );
  });
});

describe('finding a ticket by number among many that mention it', () => {
  const h = new Harness({ sandbox: { seed: false } });
  before(() => h.start());
  after(() => h.stop());
  const requestor = { id: ADELE.aadObjectId, name: ADELE.name, email: ADELE.email };
  const searches = () => h.sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/tickets');

  it('"show 7" finds #7 with one search when more than a thousand newer tickets hold a 7 in their text', async () => {
    for (let i = 1; i <= 1100; i++) h.sandbox.store.create({ title: `Printer queue stuck on floor 7, desk ${i}`, requestor }, requestor);
    const seventh = h.sandbox.store.ticketByNumber(7)!;
    h.resetCounts();
    await h.post(message(ADELE, 'show 7', { serviceUrl: h.serviceUrl }));
    const card = JSON.stringify(cardOf(h.connector.messages()[0]));
    assert.match(card, /"#7"/);
    assert.match(card, new RegExp(seventh.title));
    assert.deepEqual(h.apiCalls().map((c) => c.method + ' ' + c.path), ['GET /tickets']);
    assert.deepEqual([searches()[0]!.query.orderBy, searches()[0]!.query.order], ['ticketId', 'ASC'], 'in number order: newer tickets come after it');
  });

  it('reads ids and numbers a second time when more than a page of older tickets hold the number in their text', async () => {
    // 70 tickets mention the number of the 80th made from now, before it exists.
    const number = h.sandbox.store.all().length + 80;
    for (let i = 1; i <= 80; i++) h.sandbox.store.create({ title: i <= 70 ? `Room ${number} projector, report ${i}` : `Other ${i}`, requestor }, requestor);
    const wanted = h.sandbox.store.ticketByNumber(number)!;
    h.resetCounts();
    await h.post(message(ADELE, `show ${number}`, { serviceUrl: h.serviceUrl }));
    assert.match(JSON.stringify(cardOf(h.connector.messages()[0])), new RegExp(`"#${number}"`));
    assert.deepEqual(h.apiCalls().map((c) => c.method + ' ' + c.path), ['GET /tickets', 'GET /tickets', `GET /tickets/${wanted.id}`]);
  });
});

describe('the bot joining a conversation', () => {
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());
  beforeEach(() => h.resetCounts());

  const update = (membersAdded: Array<{ id: string }>) => ({
    ...message(ADELE, '', { serviceUrl: h.serviceUrl }),
    type: 'conversationUpdate',
    text: undefined,
    membersAdded,
  });

  it('says hello with the help card when the bot itself is added', async () => {
    const res = await h.post(update([{ id: BOT.id }]));
    assert.equal(res.status, 200);
    const [hello] = h.connector.messages();
    assert.equal(hello?.body.summary, 'Hello! Here is what I can do.');
    assert.match(JSON.stringify(cardOf(hello)), /What I can do/);
    assert.deepEqual(h.apiCalls(), []);
  });

  it('takes a refused hello calmly: a moderated channel where bots may not post answers 403', async () => {
    h.connector.refusals.set(CHANNEL, { status: 403, times: 1 });
    const res = await h.post({ ...message(ADELE, '', { serviceUrl: h.serviceUrl, channel: true }), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: BOT.id }] });
    assert.equal(res.status, 200);
    assert.equal(h.connector.refused.length, 1);
    assert.deepEqual(h.connector.messages(), [], 'no apology either');
    assert.deepEqual(h.logs.filter((r) => r.level === 'error'), []);
    assert.ok(h.logs.some((r) => r.level === 'warn' && r.msg === 'welcome refused' && r.error === 'RestError'));
  });

  it('says nothing when someone else joins', async () => {
    await h.post(update([{ id: ALEX.id }]));
    assert.deepEqual(h.connector.messages(), []);
  });
});
