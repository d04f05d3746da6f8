/**
 * What the bot suggests after a mistake, in the words the reader types, through the real server:
 * a French person is offered a French command, and typing it back does what it says.
 */
import assert from 'node:assert/strict';
import { ADELE, ALEX, message, type Person } from '../support/activities.js';
import { cardIn, current, readable, startedBot, writeRequests } from './botAssertions.js';

/** The suggestion a mistake card offers, from its "Did you mean **…**?" line in either language. */
function suggestionIn(text: string): string {
  const m = /(?:Vouliez-vous dire|Did you mean) \*\*(.+?)\*\* ?\?/.exec(text);
  assert.ok(m, `a suggestion in: ${text}`);
  // The card escapes Markdown in what it shows; a person types the words they see.
  return m[1]!.replace(/\\(.)/g, '$1');
}

describe('suggestions in the reader\'s language, typed back, through the real server', () => {
  const { h, tickets, fresh } = startedBot();

  async function say(who: Person, locale: string, text: string): Promise<string> {
    fresh();
    const res = await h.post({ ...message(who, text, { serviceUrl: h.serviceUrl }), locale });
    assert.equal(res.status, 200);
    const replies = h.connector.messages();
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return readable(cardIn(replies[0]));
  }

  it('puts a French slip right in French, and the suggestion typed back resolves the ticket', async () => {
    const ticket = tickets.inStatus('Open');
    const mistake = await say(ADELE, 'fr-FR', `resoudr ${ticket.ticketId} résolution:annulé Doublon`);
    assert.match(mistake, /Je n'ai pas compris « resoudr »/);
    const suggestion = suggestionIn(mistake);
    assert.equal(suggestion, `résoudre ${ticket.ticketId} résolution:annulé Doublon`);
    assert.equal(writeRequests(h).length, 0, 'a mistake writes nothing');

    await say(ADELE, 'fr-FR', suggestion);
    assert.equal(current(h, ticket.id).status, 'Resolved');
    assert.equal(current(h, ticket.id).resolution, 'cancelled');
  });

  it('names the priorities a French person may type, and offers a French command that sets one', async () => {
    const ticket = tickets.take('not urgent', (t) => t.status === 'Open' && t.priority !== 'Urgent');
    const french = await say(ADELE, 'fr-FR', `priorité ${ticket.ticketId} urgnte`);
    assert.match(french, /La priorité peut être basse, moyenne, importante, urgente\./);
    const suggestion = suggestionIn(french);
    assert.equal(suggestion, `priorité ${ticket.ticketId} urgente`);
    await say(ADELE, 'fr-FR', suggestion);
    assert.equal(current(h, ticket.id).priority, 'Urgent');

    const english = await say(ALEX, 'en-US', `priority ${ticket.ticketId} urgnt`);
    assert.match(english, /The priority can be Low, Medium, Important, Urgent\./);
    assert.equal(suggestionIn(english), `priority ${ticket.ticketId} urgent`);
  });

  it('gives the help\'s French example when it cannot put the command right, and the resolutions in French', async () => {
    assert.equal(suggestionIn(await say(ADELE, 'fr-FR', 'afficher')), 'afficher 123');
    assert.equal(suggestionIn(await say(ALEX, 'en-US', 'show')), 'show 123');
    const resolution = await say(ADELE, 'fr-FR', 'résoudre 12 résolution:bof');
    assert.match(resolution, /La résolution peut être corrigé, impossible, annulé, et seulement en résolvant\./);
    assert.match(suggestionIn(resolution), /^résoudre 12 résolution:(corrigé|annulé|impossible)$/);
  });

  it('suggests a report in French words that run', async () => {
    const mistake = await say(ADELE, 'fr-FR', 'rapport hier');
    assert.equal(suggestionIn(mistake), 'rapport 30j');
    assert.match(await say(ADELE, 'fr-FR', suggestionIn(mistake)), /Rapport du service d'assistance · 30 derniers jours/);
  });
});
