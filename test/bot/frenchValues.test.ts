/**
 * The API's values (statuses, priorities) inside sentences, badges, list rows and histories in the
 * reader's language, through the real server (notifications: french.test.ts); a custom workflow's
 * states stay as the instance names them.
 */
import assert from 'node:assert/strict';
import { HARDWARE_STATE } from '../../src/sandbox/index.js';
import { ADELE, ALEX, message, type Person } from '../support/activities.js';
import { cardIn, current, readable, startedBot, textsOf } from './botAssertions.js';

describe('statuses and priorities in the reader\'s language, through the real server (live dialect)', () => {
  const { h, tickets, fresh } = startedBot({ sandbox: { dialect: 'live' } });

  /** The one card and summary answered to `text`, said by `who` in a personal chat whose Teams is in `locale`. */
  async function say(who: Person, locale: string, text: string) {
    fresh();
    const res = await h.post({ ...message(who, text, { serviceUrl: h.serviceUrl }), locale });
    assert.equal(res.status, 200);
    const replies = h.connector.messages();
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return { card: cardIn(replies[0]), summary: String(replies[0]!.body.summary) };
  }

  it('says a new status in French in the sentence and the badge, and in English word for word', async () => {
    const one = tickets.inStatus('Open');
    const french = await say(ADELE, 'fr-FR', `résoudre ${one.ticketId}`);
    assert.equal(current(h, one.id).status, 'Resolved');
    assert.equal(french.summary, `#${one.ticketId} est maintenant Résolu.`);
    assert.ok(textsOf(french.card).includes('Résolu'), readable(french.card));
    assert.match(readable(french.card), /a passé le statut à Résolu/);
    assert.doesNotMatch(readable(french.card), /\bResolved\b/);

    const two = tickets.inStatus('Open');
    const started = await say(ADELE, 'fr-FR', `démarrer ${two.ticketId}`);
    // The live default workflow's Start state is "In Progress".
    assert.equal(started.summary, `#${two.ticketId} est maintenant En cours.`);

    const three = tickets.inStatus('Open');
    const english = await say(ALEX, 'en-US', `resolve ${three.ticketId}`);
    assert.equal(english.summary, `#${three.ticketId} is now Resolved.`);
    assert.ok(textsOf(english.card).includes('Resolved'));
  });

  it('says a priority in French in the note and the badge', async () => {
    const ticket = tickets.take('not urgent', (t) => t.status === 'Open' && t.priority !== 'Urgent');
    const french = await say(ADELE, 'fr-FR', `priorité ${ticket.ticketId} urgente`);
    assert.equal(current(h, ticket.id).priority, 'Urgent');
    assert.equal(french.summary, `${ADELE.name} a passé la priorité de #${ticket.ticketId} à Urgente.`);
    assert.ok(textsOf(french.card).includes('Urgente'), readable(french.card));
    assert.ok(!textsOf(french.card).includes('Urgent'));
    const english = await say(ALEX, 'en-US', `show ${ticket.ticketId}`);
    assert.ok(textsOf(english.card).includes('Urgent'));
  });

  it('shows each list row\'s status and priority in French', async () => {
    const french = textsOf((await say(ADELE, 'fr-FR', 'liste urgente ouverts')).card);
    assert.ok(french.includes('Urgente') && french.includes('Ouvert'), french.join(' | '));
    assert.ok(!french.includes('Urgent') && !french.includes('Open'), french.join(' | '));
    const english = textsOf((await say(ALEX, 'en-US', 'list urgent open')).card);
    assert.ok(english.includes('Urgent') && english.includes('Open'));
  });

  it('keeps a custom workflow\'s state as the instance names it, even one named like a default state', async () => {
    const custom = tickets.take('delivered hardware', (t) => t.status === HARDWARE_STATE.delivered || t.status === 'Delivered');
    const french = await say(ADELE, 'fr-FR', `fermer ${custom.ticketId}`);
    assert.equal(french.summary, `#${custom.ticketId} est maintenant Closed.`);
    assert.ok(textsOf(french.card).includes('Closed'), readable(french.card));

    const plain = tickets.inStatus('Resolved');
    assert.equal((await say(ADELE, 'fr-FR', `fermer ${plain.ticketId}`)).summary, `#${plain.ticketId} est maintenant Fermé.`);
  });

  it('tells each status change in a French history', async () => {
    const ticket = tickets.take('resolved with a history', (t) => t.status === 'Resolved');
    const { card } = await say(ADELE, 'fr-FR', `historique ${ticket.ticketId}`);
    assert.match(readable(card), /a passé le statut à Résolu/);
    assert.doesNotMatch(readable(card), /statut à (Resolved|Open|In Progress|Closed)\b/);
  });
});
