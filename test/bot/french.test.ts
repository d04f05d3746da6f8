import assert from 'node:assert/strict';
import { PEOPLE } from '../../src/sandbox/index.js';
import { ADELE, ALEX, BOT, extensionInvoke, message, personalChatOf, type Person } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { Harness } from '../support/harness.js';
import { LEE, NOTIFY_ENV, ROOMY_LIMIT, atSandbox, notificationsSince, poll, userOf } from '../notify/notifySupport.js';
import { TicketPicker, buttonTitles, cardIn, current, readable, startedBot, textsOf, warmedUp, writeRequests } from './botAssertions.js';

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

  it('says sorry in French when the turn fails: Teams refused the answer in the personal chat, the apology goes through', async () => {
    fresh();
    h.connector.refusals.set(personalChatOf(ADELE), { status: 403, times: 1 });
    const res = await h.post({ ...message(ADELE, 'aide', { serviceUrl: h.serviceUrl }), locale: 'fr-FR' });
    assert.equal(res.status, 200, 'the turn error handler answered Teams');
    assert.equal(h.connector.refused.at(-1)!.body.summary, 'Ce que je sais faire', 'the help was refused');
    assert.deepEqual(h.connector.messages().map((m) => m.body.text),
      ['Quelque chose s\'est mal passé de mon côté. Réessayez ; si cela se reproduit, prévenez la personne qui gère ce bot.']);
  });

  it('shows each date in the reader\'s zone at that date: a summer date in Paris is UTC+2 in French, whenever it is read', async () => {
    // Paris is on UTC+2 until the last Sunday of October: a ticket created before then shows +2 even when read in winter.
    const ticket = tickets.take('created in Paris summer time', (t) => Date.parse(t.createdOn) < Date.parse('2026-10-25T01:00:00Z'));
    const { card } = await say(ADELE, 'fr-CA', `afficher ${ticket.ticketId}`);
    const created = textsOf(card).find((t) => t.startsWith('Créé: '));
    assert.equal(created, `Créé: ${parisFrench(ticket.createdOn)}`);
    assert.match(created!, /UTC\+2$/);
    assert.match(created!, /^Créé: \d{1,2} [a-zéû]+\.? 2026, \d{2}:\d{2} UTC\+2$/, 'the month in French');

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

/** The French reader of each kind of card, beside an English one: the same server, the same tickets. */
describe('every kind of card in French for a French reader, in English for an English one', function () {
  this.timeout(60_000);
  const seedMegan = PEOPLE.find((p) => p.name === 'Megan Bowen')!;
  /** A requester: in the seed's people, not among its agents. */
  const MEGAN: Person = { id: '29:megan', aadObjectId: seedMegan.id, name: seedMegan.name, email: seedMegan.email };
  const h = new Harness({ people: [ADELE, ALEX, MEGAN] });
  before(async () => {
    await h.start();
    await warmedUp(h);
  });
  after(() => h.stop());
  const tickets = new TicketPicker(h);

  /** The one card answered to `text`, said by `who` in a personal chat whose Teams is in `locale`. */
  async function say(who: Person, locale: string, text: string) {
    const before = h.connector.messages().length;
    const res = await h.post({ ...message(who, text, { serviceUrl: h.serviceUrl }), locale });
    assert.equal(res.status, 200);
    const replies = h.connector.messages().slice(before);
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return { card: cardIn(replies[0]), summary: String(replies[0]!.body.summary) };
  }

  it('a ticket card: its facts, its buttons and its forms in French', async () => {
    const ticket = tickets.inStatus('Open');
    const { card } = await say(ADELE, 'fr-FR', `afficher ${ticket.ticketId}`);
    const texts = textsOf(card);
    assert.ok(texts.some((t) => t.startsWith('Demandeur: ')), readable(card));
    assert.ok(texts.some((t) => /^Créé: \d{1,2} [a-zéû]+\.? \d{4}, \d{2}:\d{2} UTC/.test(t)), readable(card));
    const buttons = buttonTitles(card);
    for (const title of ['Démarrer', 'Résoudre', 'Commentaire', 'Fermer', 'Priorité']) assert.ok(buttons.includes(title), `${title} in ${buttons.join(', ')}`);
    assert.match(readable(card), /Historique ›/);
    assert.doesNotMatch(buttons.join(' '), /\b(Start|Resolve|Close|Priority)\b/);

    const english = await say(ALEX, 'en-US', `show ${ticket.ticketId}`);
    assert.ok(textsOf(english.card).some((t) => t.startsWith('Requestor: ')));
    assert.ok(buttonTitles(english.card).includes('Resolve'));
  });

  it('a list: heading, page line and buttons in French', async () => {
    const { card, summary } = await say(ADELE, 'fr-FR', 'liste tous');
    const text = readable(card);
    assert.match(text, /Tous les tickets, résolus et fermés compris/);
    assert.match(text, /Page 1 · plus récents d'abord/);
    assert.ok(buttonTitles(card).includes('Page suivante'), buttonTitles(card).join(', '));
    assert.match(summary, /^Tous les tickets, résolus et fermés compris : \d+ en page 1$/);
    const english = await say(ALEX, 'en-US', 'list all');
    assert.match(readable(english.card), /All tickets, resolved and closed too/);
    // The priority and the default states are French words too, after "Tickets".
    assert.match(readable((await say(ADELE, 'fr-FR', 'liste urgente résolus')).card), /Tickets urgents résolus/);
    assert.match(readable((await say(ALEX, 'en-US', 'list urgent resolved')).card), /Urgent resolved tickets/);
  });

  it('a history in French', async () => {
    const ticket = tickets.inStatus('Resolved');
    const { card, summary } = await say(ADELE, 'fr-FR', `historique ${ticket.ticketId}`);
    assert.equal(summary, `Historique de #${ticket.ticketId}`);
    assert.match(readable(card), new RegExp(`#${ticket.ticketId} · Historique`));
    assert.match(readable(card), / a passé le statut à | a commenté/);
    assert.ok(buttonTitles(card).includes('Retour au ticket'));
  });

  it('the Create ticket form in French, from the message extension', async () => {
    const res = await h.post({ ...extensionInvoke(ADELE, 'composeExtension/fetchTask', { commandId: 'createTicket', commandContext: 'compose' }, { serviceUrl: h.serviceUrl }), locale: 'fr-FR' });
    assert.equal(res.status, 200);
    const task = (res.body as { task: { type: string; value: { title: string; card: { content: unknown } } } }).task;
    assert.equal(task.type, 'continue');
    assert.equal(task.value.title, 'Créer un ticket');
    const shown = JSON.stringify(task.value.card.content);
    for (const label of ['"Titre"', '"Priorité"', '"Agent assigné"', '"Urgente"', '"Créer le ticket"']) assert.ok(shown.includes(label), label);
    assert.doesNotMatch(shown, /"(Title|Priority|Create ticket)"/);
  });

  it('a report in French', async () => {
    const { card, summary } = await say(ADELE, 'fr-FR', 'rapport 30d');
    const text = readable(card);
    assert.match(text, /Rapport du service d'assistance · /);
    assert.match(text, /Tickets ouverts/);
    assert.match(text, /Chiffres au \d{1,2} [a-zéû]+\.? \d{4}/);
    assert.ok(buttonTitles(card).includes('Télécharger le CSV'), buttonTitles(card).join(', '));
    assert.match(summary, /^Rapport du service d'assistance, .*: \d+ ouverts, \d+ créés, \d+ résolus$/);
  });

  it('a command not understood, in French', async () => {
    const { card } = await say(ADELE, 'fr-FR', 'notifier bidule');
    assert.match(readable(card), /Notifier de quoi \? Essayez notifier nouveaux, notifier urgent, notifier étiquette:VPN, /);
    assert.match(readable((await say(ADELE, 'fr-FR', 'afficher douze')).card), /« douze » n'est pas un numéro de ticket\./);
  });

  it('a refusal in French, writing nothing', async () => {
    const { card } = await say(MEGAN, 'fr-FR', 'rapport 30d');
    assert.match(readable(card), /Seuls les agents du service d'assistance peuvent voir ses rapports\./);
    const english = await say(MEGAN, 'en-US', 'report 30d');
    assert.match(readable(english.card), /Only the helpdesk's agents can see the helpdesk's reports\./);
    assert.equal(writeRequests(h).length, 0);
  });
});

describe('a notification in the language of the chat it goes to', function () {
  this.timeout(60_000);
  const h = new Harness({ env: NOTIFY_ENV, ...ROOMY_LIMIT });
  before(async () => {
    await h.start();
    // Each has a personal chat with the bot, whose locale is saved with it: Adele's in French.
    await h.post({ ...message(ADELE, 'aide', { serviceUrl: h.serviceUrl }), locale: 'fr-FR' });
    await h.post(message(ALEX, 'help', { serviceUrl: h.serviceUrl }));
    await poll(h);
  });
  after(() => h.stop());

  it('tells the French assignee in French and the English one in English', async () => {
    const mark = h.connector.calls.length;
    const one = await atSandbox.create(h.sandbox, LEE, { title: 'Imprimante bloquée', requestor: userOf(ALEX) });
    const two = await atSandbox.create(h.sandbox, LEE, { title: 'Printer jammed', requestor: userOf(ADELE) });
    await poll(h);
    await atSandbox.update(h.sandbox, LEE, one.id, { assignee: userOf(ADELE) });
    await atSandbox.update(h.sandbox, LEE, two.id, { assignee: userOf(ALEX) });
    await poll(h);
    const sent = notificationsSince(h, mark);
    const toAdele = sent.find((s) => s.to === personalChatOf(ADELE));
    const toAlex = sent.find((s) => s.to === personalChatOf(ALEX));
    assert.equal(toAdele?.headline, `${LEE.name} vous a assigné #${one.number}`);
    assert.equal(toAlex?.headline, `${LEE.name} assigned #${two.number} to you`);
    const card = cardOf(toAdele!.call);
    assert.match(readable(card), /Historique ›/);
    assert.ok(buttonTitles(card).includes('Résoudre'), buttonTitles(card).join(', '));
    assert.ok(buttonTitles(cardOf(toAlex!.call)).includes('Resolve'));
  });

  it('tells a French requester "à Résolu", an English one "to Resolved"', async () => {
    const one = await atSandbox.create(h.sandbox, LEE, { title: 'Écran noir', requestor: userOf(ADELE) });
    const two = await atSandbox.create(h.sandbox, LEE, { title: 'Black screen', requestor: userOf(ALEX) });
    await poll(h);
    const mark = h.connector.calls.length;
    await atSandbox.status(h.sandbox, LEE, one.id, 'Resolved');
    await atSandbox.status(h.sandbox, LEE, two.id, 'Resolved');
    await poll(h);
    const sent = notificationsSince(h, mark);
    assert.equal(sent.find((s) => s.to === personalChatOf(ADELE))?.headline, `${LEE.name} a passé votre ticket #${one.number} à Résolu`);
    assert.equal(sent.find((s) => s.to === personalChatOf(ALEX))?.headline, `${LEE.name} moved your ticket #${two.number} to Resolved`);
  });
});
