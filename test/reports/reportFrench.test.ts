/**
 * `rapport` for a French person beside `report` for an English one, through the real bot server,
 * against the hand-seeded helpdesk of reportSeed.ts: its problems, its periods and its durations
 * in the reader's language, and the CSV export's headers and refusals in the asker's.
 */
import assert from 'node:assert/strict';
import { ExportLinks } from '../../src/reports/exportLinks.js';
import { TicketingClient } from '../../src/ticketing/client.js';
import { ADELE, ALEX, cardAction, message, type Person } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { cardIn, eventually, invokeCard, readable } from '../bot/botAssertions.js';
import { clock, seedReport } from './reportSeed.js';

const SECRET = 'a-test-signing-secret-of-at-least-32-characters';

describe('report in the reader\'s language, through the real server', () => {
  const h = new Harness({ sandbox: { seed: false, now: () => new Date(clock.at), rateLimit: 100_000 }, env: { EXPORT_SIGNING_SECRET: SECRET } });

  before(async () => {
    await h.start();
    const client = new TicketingClient({ baseUrl: h.sandbox.baseUrl, apiKey: h.sandbox.primaryKey, rateLimit: { limit: 100_000, windowMs: 60_000 } });
    await seedReport(h.sandbox, client);
  });
  after(() => h.stop());

  /** The text of the one card answered to `text`, said by `who` in a personal chat whose Teams is in `locale`. */
  async function say(who: Person, locale: string, text: string): Promise<string> {
    const before = h.connector.messages().length;
    const res = await h.post({ ...message(who, text, { serviceUrl: h.serviceUrl }), locale });
    assert.equal(res.status, 200);
    const replies = h.connector.messages().slice(before);
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return readable(cardIn(replies[0]));
  }

  it('says what it did not understand in French, with a usage whose French words run when typed', async () => {
    assert.match(await say(ADELE, 'fr-FR', 'rapport 400j'), /Un rapport couvre de 1 à 92 jours\./);
    assert.match(await say(ALEX, 'en-US', 'report 400d'), /A report covers 1 to 92 days\./);

    const french = await say(ADELE, 'fr-FR', 'rapport hier');
    assert.match(french, /Je n'ai pas compris « hier » dans le rapport\. Essayez rapport 7j \(ou 30j, jusqu'à 92j, aujourd'hui, ce mois\), étiquette:vpn, assignés à moi/);
    assert.doesNotMatch(french, /I did not understand/);
    assert.match(await say(ALEX, 'en-US', 'report yesterday'),
      /I did not understand "yesterday" in the report\. Try report 7d \(or 30d, up to 92d, today, this month\), tag:vpn, assigned to me or to an agent \(assigned to Lee\)\./);

    const long = 'x'.repeat(300);
    assert.match(await say(ADELE, 'fr-FR', `rapport étiquette:${long}`), /C'est trop long pour une étiquette ou un nom ; le maximum est de 255 caractères\./);
    assert.match(await say(ALEX, 'en-US', `report tag:${long}`), /That is too long for a tag or a name; the most is 255 characters\./);
  });

  it('names the period in French ("30 derniers jours", "aujourd\'hui", "ce mois-ci") and in English word for word', async () => {
    const periods: Array<[string, RegExp, string, RegExp]> = [
      ['rapport 30j', /Rapport du service d'assistance · 30 derniers jours/, 'report 30d', /Helpdesk report · last 30 days/],
      ['rapport aujourd\'hui', /Rapport du service d'assistance · aujourd'hui/, 'report today', /Helpdesk report · today/],
      ['rapport ce mois', /Rapport du service d'assistance · ce mois-ci/, 'report this month', /Helpdesk report · this month/],
    ];
    for (const [french, frenchTitle, english, englishTitle] of periods) {
      const shown = await say(ADELE, 'fr-FR', french);
      assert.match(shown, frenchTitle, shown);
      assert.doesNotMatch(shown, /last \d+ days|today|this month/);
      assert.match(await say(ALEX, 'en-US', english), englishTitle);
    }
    // "assignés à moi" is Adele's own tickets, as "assigned to me" is.
    assert.match(await say(ADELE, 'fr-FR', 'rapport 7j assignés à moi'), /Rapport du service d'assistance · 7 derniers jours\nTickets qui vous sont assignés/);
  });

  it('gives durations and the chart\'s grouping in French: "j" for days, a decimal comma, "par semaine"', async () => {
    const french = await say(ADELE, 'fr-FR', 'rapport 92j');
    // First responses 0.5 h, 2 h and 192 h (8 days).
    assert.match(french, /médiane 2 h · 90e centile 8 j \(3 tickets\)/);
    assert.match(french, /Âge médian: \d+(,\d)? j/);
    assert.match(french, /créés, \d+ résolus, par semaine/);
    const english = await say(ALEX, 'en-US', 'report 92d');
    assert.match(english, /median 2 h · 90th percentile 8 d \(3 tickets\)/);
    assert.match(english, /created, \d+ resolved, by week/);
    // Each day of the chart's text fallback, day first in French ("05/11"), month first in English ("11-05").
    const week = await say(ADELE, 'fr-FR', 'rapport 7j');
    assert.match(week, /par jour/);
    const frenchDays = [...week.matchAll(/^(\d{2})\/(\d{2}): \d+ créés, \d+ résolus$/gm)].map((m) => `${m[2]}-${m[1]}`);
    const englishDays = [...(await say(ALEX, 'en-US', 'report 7d')).matchAll(/^(\d{2}-\d{2}): \d+ created, \d+ resolved$/gm)].map((m) => m[1]);
    assert.equal(frenchDays.length, 7, week);
    assert.deepEqual(frenchDays, englishDays);
  });

  /** The signed link a Download CSV click answers `who` (whose Teams is in `locale`) with. */
  async function exportLink(who: Person, locale: string): Promise<string> {
    const res = await h.post({ ...cardAction(who, 'exportReport', { report: 'report 92d' }, { serviceUrl: h.serviceUrl, channel: true }), locale });
    const url = /"url":"(http:\/\/[^"]+\/exports\/[^"]+)"/.exec(JSON.stringify(invokeCard(res)))?.[1];
    assert.ok(url, 'the invoke answer holds the link');
    return url;
  }

  it('heads the CSV in the language of the person who asked, the values as the API gives them', async () => {
    const french = await fetch(await exportLink(ADELE, 'fr-FR'));
    assert.equal(french.status, 200);
    assert.match(french.headers.get('content-disposition') ?? '', /^attachment; filename="tickets-du-\d{4}-\d{2}-\d{2}-au-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await french.text()).replace(/^\uFEFF/, '').split('\r\n');
    // The instance's custom fields sit between, headed as the instance names them.
    assert.match(lines[0]!, new RegExp('^Numéro,Titre,État,Priorité,Demandeur,E-mail du demandeur,Agent assigné,E-mail de l\'agent assigné,Étiquettes,'
      + 'Category,.*,Créé,Première réponse,Première résolution,Dernière résolution,Dernière mise à jour,Date attendue,Résolution,'
      + 'Première réponse escaladée,Résolution escaladée$'));
    assert.ok(lines.some((l) => /,In Progress,Important,/.test(l)), 'the state and priority as the API gives them, for the models that read them');

    const english = await fetch(await exportLink(ALEX, 'en-US'));
    assert.ok((await english.text()).replace(/^\uFEFF/, '').startsWith('Number,Title,State,Priority,Requestor,Requestor email,Assignee,'));
  });

  it('refuses an expired French link in French, and a forged one in English', async () => {
    const url = await exportLink(ADELE, 'fr-FR');
    const token = url.slice(url.lastIndexOf('/') + 1);
    const base = url.slice(0, url.lastIndexOf('/') + 1);
    // Signed with the bot's secret, as if two hours ago: its language is known, its time is up.
    const expired = new ExportLinks(Buffer.from(SECRET), 60_000, () => Date.now() - 7_200_000)
      .sign({ request: { period: { kind: 'days', days: 7 } }, start: 0, utcOffset: 0, language: 'fr' }, ADELE.aadObjectId);
    const refusedFrench = await fetch(base + expired);
    assert.equal(refusedFrench.status, 404);
    assert.deepEqual(await refusedFrench.json(), { error: 'Cet export n\'existe pas, ou son lien a expiré. Cliquez à nouveau sur Télécharger le CSV dans le rapport.' });

    // The payload changed (its language among it): the signature no longer holds, so nothing in it is believed.
    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    assert.equal(payload.l, 'fr', 'the link carries the asker\'s language, under the signature');
    const forged = `${Buffer.from(JSON.stringify({ ...payload, s: 0 })).toString('base64url')}.${signature}`;
    const refusedEnglish = await fetch(base + forged);
    assert.equal(refusedEnglish.status, 404);
    assert.deepEqual(await refusedEnglish.json(), { error: 'No such export, or its link has expired. Click Download CSV on the report again.' });
    assert.equal((await fetch(url)).status, 200, 'the real link still works');
  });

  it('offers the file in a French personal chat with a French description, in English to an English one', async () => {
    const offerTo = async (who: Person, locale: string) => {
      const before = h.connector.messages().length;
      const res = await h.post({ ...cardAction(who, 'exportReport', { report: 'report 7d' }, { serviceUrl: h.serviceUrl }), locale });
      assert.equal(res.status, 200);
      const offered = () => h.connector.messages().slice(before).find((m) => Array.isArray(m.body.attachments));
      await eventually(() => offered() !== undefined, 'the file consent card');
      const offer = offered()?.body.attachments as Array<{ contentType: string; content: { description: string } }> | undefined;
      assert.equal(offer?.[0]?.contentType, 'application/vnd.microsoft.teams.card.file.consent');
      return offer[0]!.content.description;
    };
    assert.equal(await offerTo(ADELE, 'fr-FR'), 'Les tickets du rapport, en CSV pour Excel ou Power BI');
    assert.equal(await offerTo(ALEX, 'en-US'), 'The report\'s tickets, as CSV for Excel or Power BI');
  });
});

describe('a report too large for the API budget left, for a French person', () => {
  // Three requests a minute: start-up's instance and tags reads take two; the report's first page the third.
  const budget = new Harness({ sandbox: { seed: false, now: () => new Date(clock.at), rateLimit: 100_000 }, rateLimit: { limit: 3, windowMs: 60_000 } });
  before(() => budget.start());
  after(() => budget.stop());

  it('offers the shorter period as a French command', async () => {
    await budget.post({ ...message(ADELE, 'rapport 30j', { serviceUrl: budget.serviceUrl }), locale: 'fr-FR' });
    const text = readable(cardIn(budget.connector.messages()[0]));
    assert.match(text, /Ce rapport demande plus d'appels au service d'assistance qu'il n'en reste cette minute/);
    assert.match(text, /Essayez « rapport 7j », ou le CSV d'une période plus courte\./);
  });
});
