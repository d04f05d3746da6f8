/**
 * The history card shows every event the API gives, with who and when, down to the ticket's
 * creation (which no activity records: it comes from the ticket). The API records status changes,
 * comments and notes; an assignment or a priority change leaves no activity on the page's API nor
 * in any live answer seen, so those are read only if a live activity's `changes` names them.
 */
import assert from 'node:assert/strict';
import { historyCard } from '../../src/cards/historyCard.js';
import { localeOf } from '../../src/i18n/locale.js';
import { readActivity } from '../../src/ticketing/normalize.js';
import { AGENTS, DIALECTS, PEOPLE } from '../../src/sandbox/index.js';
import { ADELE, ALEX, message, type Person } from '../support/activities.js';
import { WHEN, cardIn, startedBot, textsOf } from './botAssertions.js';

const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };
const userOf = (p: Person) => ({ id: p.aadObjectId, name: p.name, email: p.email });

for (const dialect of DIALECTS) describe(`the history card, every event with who and when (${dialect} dialect)`, () => {
  const { h, fresh } = startedBot({ sandbox: { dialect }, people: [ADELE, ALEX, MEGAN] });
  beforeEach(() => fresh());

  async function say(who: Person, text: string): Promise<string[]> {
    h.connector.clear();
    assert.equal((await h.post(message(who, text, { serviceUrl: h.serviceUrl }))).status, 200);
    const replies = h.connector.messages();
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return textsOf(cardIn(replies[0]));
  }

  it('lists the note, the comment and the status change newest first, and ends with who created the ticket for whom', async () => {
    const ticket = h.sandbox.store.create({ title: 'Laptop fan is loud', requestor: userOf(MEGAN) }, userOf(ADELE));
    await say(ADELE, `start ${ticket.number}`);
    await say(ALEX, `comment ${ticket.number} Ordered a new fan`);
    await say(ADELE, `note ${ticket.number} Warranty runs out next month`);
    fresh();
    const texts = await say(ADELE, `history ${ticket.number}`);
    assert.equal(h.sandbox.requests.length, 1, 'one API call: the activities (the ticket is in the cache)');
    const headlines = texts.filter((t) => / (added an internal note|commented|changed the status to|created the ticket)/.test(t));
    assert.deepEqual(headlines, [
      'Adele Vance added an internal note (agents only)',
      'Alex Wilber commented',
      `Adele Vance changed the status to ${dialect === 'live' ? 'In Progress' : 'Started'}`,
      'Adele Vance created the ticket for Megan Bowen',
    ]);
    const created = texts.indexOf('Adele Vance created the ticket for Megan Bowen');
    assert.match(texts[created + 1]!, WHEN, 'when it was created');
  });

  it('says a requester created their own ticket, in French too', async () => {
    const ticket = h.sandbox.store.create({ title: 'Badge does not open the door', requestor: userOf(MEGAN) }, userOf(MEGAN));
    const texts = await say(ADELE, `history ${ticket.number}`);
    assert.ok(texts.includes('Megan Bowen created the ticket'));
    h.connector.clear();
    await h.post({ ...message(ADELE, `historique ${ticket.number}`, { serviceUrl: h.serviceUrl }), locale: 'fr-FR' });
    assert.ok(textsOf(cardIn(h.connector.messages()[0])).includes('Megan Bowen a créé le ticket'));
  });
});

describe('the history card reads any other change a live activity names', () => {
  const lee = AGENTS.find((a) => a.name === 'Lee Gu')!;
  const adele = AGENTS.find((a) => a.name === 'Adele Vance')!;
  const clock = localeOf({ locale: 'en-US' }, 0);

  it('describes a priority and an assignee change with their values, and keeps the status reading as it was', () => {
    const changed = readActivity({
      id: 'a1', createdDateTime: '2026-12-01T10:00:00Z', createdBy: lee,
      changes: [{ name: 'priority', oldValue: 'Low', newValue: 'Urgent' }, { name: 'assignee', oldValue: null, newValue: adele }],
    }, 't1')!;
    assert.deepEqual(changed.changes, [{ name: 'priority', from: 'Low', to: 'Urgent' }, { name: 'assignee', to: 'Adele Vance' }]);
    const status = readActivity({ id: 'a2', createdBy: lee, changes: [{ name: 'status', oldValue: 'Open', newValue: 'Resolved' }, { name: 'resolution', oldValue: null, newValue: 'fixed' }] }, 't1')!;
    assert.equal(status.type, 'status');
    assert.equal(status.changes, undefined, 'the status and resolution are the status change itself');
    const texts = textsOf(historyCard({ id: 't1', number: 7, title: 'Printer', createdOn: '2026-11-30T09:00:00Z', createdBy: lee, requestor: lee }, [status, changed], clock));
    assert.ok(texts.includes('Lee Gu changed the priority from Low to Urgent, the assignee to Adele Vance'), texts.join(' | '));
    assert.ok(texts.includes('Lee Gu changed the status to Resolved (Fixed)'));
    assert.equal(texts.at(-2), 'Lee Gu created the ticket');
  });
});
