import assert from 'node:assert/strict';
import { ADELE, ALEX, BOT, message, type Person } from '../support/activities.js';
import { buttonTitles, cardIn, current, readable, startedBot, textsOf, writeRequests } from './botAssertions.js';

/** How a French reader in Paris reads a moment, worked out by Intl in the zone itself (an oracle apart from the bot's). */
function parisFrench(iso: string): string {
  const parts = new Map(new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const offset = parts.get('timeZoneName')!.replace('UTC', '').replace('GMT', '');
  return `${parts.get('day')} ${parts.get('month')} ${parts.get('year')}, ${parts.get('hour')}:${parts.get('minute')} UTC${offset}`;
}

describe('a French person and an English person in the same channel, through the real server', () => {
  const { h, tickets, fresh } = startedBot();

  /** Says `text` in the channel as `who`, whose Teams is in `locale`; returns the one card answered. */
  async function say(who: Person, locale: string, text: string) {
    fresh();
    const res = await h.post({ ...message(who, text, { serviceUrl: h.serviceUrl, channel: true }), locale, localTimezone: 'Europe/Paris' });
    assert.equal(res.status, 200);
    const replies = h.connector.messages();
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return { card: cardIn(replies[0]), reply: replies[0]! };
  }

  it('answers "aide" with the help in French, and "help" from the English person in English', async () => {
    const french = await say(ADELE, 'fr-FR', 'aide');
    const text = readable(french.card);
    for (const shown of ['Ce que je sais faire', 'Mentionnez-moi avant une commande', 'liste urgent ouvert moi', 'résoudre 123']) {
      assert.ok(text.includes(shown), `the French help shows "${shown}"`);
    }
    assert.deepEqual(buttonTitles(french.card), ['Mes tickets', 'Urgents', 'Rapport', 'Nouveau ticket']);
    assert.doesNotMatch(text, /What I can do/);
    assert.equal(french.reply.body.summary, 'Ce que je sais faire');

    const english = await say(ALEX, 'en-US', 'help');
    assert.match(readable(english.card), /What I can do/);
    assert.doesNotMatch(readable(english.card), /Ce que je sais faire/);
    assert.deepEqual(h.apiCalls(), []);
  });

  it('shows each date in the reader\'s zone at that date: a summer date in Paris is UTC+2 in French, whenever it is read', async () => {
    // Paris is on UTC+2 until the last Sunday of October: a ticket created before then shows +2 even when read in winter.
    const ticket = tickets.take('created in Paris summer time', (t) => Date.parse(t.createdOn) < Date.parse('2026-10-25T01:00:00Z'));
    const { card } = await say(ADELE, 'fr-CA', `afficher ${ticket.ticketId}`);
    const created = textsOf(card).find((t) => t.startsWith('Created: '));
    assert.equal(created, `Created: ${parisFrench(ticket.createdOn)}`);
    assert.match(created!, /UTC\+2$/);
    assert.match(created!, /^Created: \d{1,2} [a-zéû]+\.? 2026, \d{2}:\d{2} UTC\+2$/, 'the month in French');

    const english = await say(ALEX, 'en-GB', `show ${ticket.ticketId}`);
    assert.ok(textsOf(english.card).some((t) => /^Created: \d{1,2} [A-Z][a-z]{2} 2026, \d{2}:\d{2} UTC\+2$/.test(t)), readable(english.card));
  });

  it('takes a French command with its accents or without, and writes as the English one would', async () => {
    const ticket = tickets.inStatus('Started');
    await say(ADELE, 'fr-FR', `résoudre ${ticket.ticketId} résolution:annulé Doublon d'une autre demande`);
    let after = current(h, ticket.id);
    assert.equal(after.status, 'Resolved');
    assert.equal(after.resolution, 'cancelled');
    assert.equal(after.lastResolutionComment, 'Doublon d\'une autre demande');
    assert.equal(writeRequests(h).length, 1);

    await say(ADELE, 'fr-FR', `priorite ${ticket.ticketId} urgente`);
    after = current(h, ticket.id);
    assert.equal(after.priority, 'Urgent');
  });

  it('says a ticket does not exist in the reader\'s language', async () => {
    const french = await say(ADELE, 'fr-FR', 'afficher 99999');
    assert.match(readable(french.card), /Il n'y a pas de ticket n° 99999\./);
    assert.deepEqual(buttonTitles(french.card), ['Aide'], 'the error card\'s button in French');
    const english = await say(ALEX, 'en-US', 'show 99999');
    assert.match(readable(english.card), /There is no ticket #99999\./);
    assert.equal(writeRequests(h).length, 0);
  });

  it('welcomes a French Teams in French', async () => {
    fresh();
    const res = await h.post({
      ...message(ADELE, '', { serviceUrl: h.serviceUrl, channel: true }), type: 'conversationUpdate', text: undefined, locale: 'fr-BE', membersAdded: [{ id: BOT.id }],
    });
    assert.equal(res.status, 200);
    const [hello] = h.connector.messages();
    assert.equal(hello?.body.summary, 'Bonjour ! Voici ce que je sais faire.');
    assert.match(readable(cardIn(hello)), /Ce que je sais faire/);
  });
});
