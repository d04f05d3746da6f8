/**
 * End to end, in French: the Playground sends every activity with locale "en-US", so Adele's French
 * Teams is played with "Mock an Activity" → "Custom activity" (locale fr-FR, zone Europe/Paris),
 * beside what she types in the compose box, which stays English. Screenshots in test/e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { E2eStack } from './support/stack.js';
import { PlaygroundUi } from './support/playgroundUi.js';

/** Adele and the personal chat of .m365agentsplayground.yml. */
const ADELE = { id: '00000000-0000-0000-0000-0000000000a1', aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: 'Adele Vance' };
const TENANT = '72f988bf-0000-0000-0000-000000000001';
const PERSONAL_CHAT = 'a:personal-chat-adele-tickets';

describe('e2e: a French Teams in the Microsoft 365 Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);
  const stack = new E2eStack();
  let ui: PlaygroundUi;
  let sent = 0;

  /** What Teams would send for Adele typing `text` in her French Teams, in Paris. */
  const inFrench = (text: string) => ({
    type: 'message', id: `french-${++sent}`, channelId: 'msteams', serviceUrl: `${stack.playground.url}/_connector`,
    recipient: { id: '28:tickets-bot', name: 'Tickets' },
    conversation: { id: PERSONAL_CHAT, conversationType: 'personal', tenantId: TENANT },
    from: ADELE, channelData: { tenant: { id: TENANT } },
    text, locale: 'fr-FR', localTimezone: 'Europe/Paris', timestamp: new Date().toISOString(),
  });

  before(async function () {
    this.timeout(60_000);
    await stack.start();
    ui = new PlaygroundUi(stack.page);
    await ui.open(stack.playground.url);
  });

  after(async () => {
    await stack.stop();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`bot log (last 30 lines):\n${stack.logs.slice(-30).join('\n')}`);
  });

  it('aide: the help in French, with its buttons in French', async () => {
    const card = ui.card(await ui.sendCustomActivity(inFrench('aide'), 'Ce que je sais faire'));
    for (const text of ['liste urgent ouvert moi', 'résoudre 123 Toner remplacé', 'assigner 123 moi', 'étiquettes']) {
      await card.getByText(text, { exact: true }).waitFor();
    }
    for (const button of ['Mes tickets', 'Urgents', 'Nouveau ticket']) await card.getByRole('button', { name: button, exact: true }).waitFor();
    await ui.shot('20-french-help', card);
  });

  it('afficher <n>: a date of Paris summer time shows UTC+2 in French, read in winter', async () => {
    const ticket = stack.sandbox.store.allTickets().find((t) => Date.parse(t.createdOn) < Date.parse('2026-10-25T01:00:00Z'));
    assert.ok(ticket, 'a ticket created before the end of summer time');
    const card = ui.card(await ui.sendCustomActivity(inFrench(`afficher ${ticket.ticketId}`), `#${ticket.ticketId}`));
    const shown = await card.innerText();
    // The ticket card's labels and its date are French.
    assert.match(shown, /Créé:?\s+\d{1,2} [a-zéû]+\.? 2026, \d{2}:\d{2} UTC\+2\n/, shown);
    await ui.shot('21-french-ticket-date', card);
  });

  it('a French command typed in the Playground\'s own (English) compose box is understood, and answered in English', async () => {
    const answer = ui.card(await ui.say('aide', 'What I can do'));
    await answer.getByText('list urgent open mine', { exact: true }).waitFor();
    assert.equal(await answer.getByText('Ce que je sais faire').count(), 0);
    await ui.shot('22-french-word-english-teams', answer);
  });

  it('the bot logged no failure', () => {
    assert.deepEqual(stack.logs.filter((r) => ['warn', 'error', 'fatal'].includes(r.level)), []);
  });
});
