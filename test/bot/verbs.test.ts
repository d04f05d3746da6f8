import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CARDS_DIR } from '../../src/cards/render.js';
import { VERBS } from '../../src/features/parseAction.js';
import { verbRoutes } from '../../src/features/router.js';
import { CATEGORY, DIALECTS, FIELD, HARDWARE_STATE, type WireTicket } from '../../src/sandbox/index.js';
import { ADELE, cardAction } from '../support/activities.js';
import {
  CARD_TYPE, MESSAGE_TYPE, SentCards, cardIn, isErrorCard, readable, textsOf, startedBot,
} from './botAssertions.js';

/** Every `"verb"` in the card templates, with the files it appears in. */
function templateVerbs(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (node: unknown, file: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, file));
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'verb' && typeof value === 'string') found.set(value, [...(found.get(value) ?? []), file]);
      walk(value, file);
    }
  };
  for (const file of readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8')), file);
  }
  return found;
}

for (const dialect of DIALECTS) describe(`bot verbs: the card templates and the routes agree (${dialect} dialect)`, () => {
  const routes = Object.keys(verbRoutes).sort();

  it('finds the card templates and verbs in them', () => {
    assert.ok(templateVerbs().size >= 5, `verbs found in ${CARDS_DIR}`);
  });

  it('has a route for every verb a card template uses', () => {
    const missing = [...templateVerbs()].filter(([verb]) => !routes.includes(verb)).map(([verb, files]) => `${verb} (${files.join(', ')})`);
    assert.deepEqual(missing, [], 'verbs in cards/*.json without a route in verbRoutes');
  });

  it('has every route used by some card template', () => {
    const used = templateVerbs();
    assert.deepEqual(routes.filter((verb) => !used.has(verb)), [], 'routes no card template uses');
  });

  it('exports the same verbs as constants as it routes', () => {
    assert.deepEqual(Object.values(VERBS).sort(), routes);
  });

  describe('every verb through the real bot', () => {
    const { h, tickets } = startedBot({ sandbox: { dialect } });
    const sent = new SentCards();

    /** Data a real card would carry for the verb, and what the answer must show. */
    const cases: Record<string, () => { data: unknown; shows: (t: string[]) => boolean; newMessage?: boolean }> = {
      refresh: () => ticketCase(tickets.inStatus('Closed')),
      show: () => ticketCase(tickets.inStatus('Closed')),
      open: () => ({ ...ticketCase(tickets.inStatus('Closed')), newMessage: true }),
      history: () => {
        const t = tickets.inStatus('Closed');
        return { data: { ticketId: t.id }, shows: (texts) => texts[0] === `#${t.ticketId} · History` };
      },
      start: () => ticketCase(tickets.inStatus('Open'), h.label('Started')),
      resolve: () => ticketCase(tickets.inStatus('Started'), 'Resolved', { resolution: 'fixed', comment: 'Fixed it' }),
      close: () => ticketCase(tickets.inStatus('Resolved'), 'Closed'),
      reopen: () => ticketCase(tickets.inStatus('Closed'), 'Reopened'),
      comment: () => ticketCase(tickets.inStatus('Started'), undefined, { comment: 'A comment' }),
      // Live, a custom workflow's state by its id; documented, a state of the page's workflow by label.
      move: () => (dialect === 'live'
        ? ticketCase(tickets.inStatus(HARDWARE_STATE.new), 'Waiting for vendor', { moveTo: HARDWARE_STATE.waiting })
        : ticketCase(tickets.inStatus('Open'), 'Started', { moveTo: 'Started' })),
      priority: () => ticketCase(tickets.take('not low', (t) => t.priority !== 'Low'), 'Low', { priority: 'Low' }),
      assignMe: () => ticketCase(tickets.inStatus('Open'), 'Assignee: Adele Vance'),
      listPage: () => ({ data: { filters: { status: 'Open' } }, shows: (texts) => texts[0] === 'Open tickets' }),
      // The seeded helpdesk requires a Category: New ticket opens the form with the title typed.
      create: () => ({ data: { title: 'Made by a button' }, shows: (texts) => texts.some((t) => t.includes('"Made by a button"')), newMessage: true }),
      createFromForm: () => ({ data: { title: 'Made from a form', [`cf_${FIELD.category}`]: CATEGORY.Other.id }, shows: (texts) => texts.includes('Made from a form') }),
      help: () => ({ data: undefined, shows: (texts) => texts.includes('What I can do') }),
      report: () => ({ data: undefined, shows: (texts) => texts[0]?.startsWith('Helpdesk report · last 7 days') === true, newMessage: true }),
      exportReport: () => ({ data: { report: 'report 7d' }, shows: (texts) => texts.some((t) => t.startsWith('Your CSV of the period')) }),
      editForm: () => {
        const t = tickets.inStatus('Open');
        return { data: { ticketId: t.id }, shows: (texts) => texts[0] === `#${t.ticketId}` && texts.includes(t.title ?? '') };
      },
      edit: () => ticketCase(tickets.inStatus('Open'), 'Edited by a button', { editTitle: 'Edited by a button', editExpectedDate: '2026-12-24' }),
    };

    function ticketCase(t: WireTicket, alsoShows?: string, extra: object = {}) {
      return {
        data: { ticketId: t.id, ...extra },
        shows: (texts: string[]) => texts.includes(`#${t.ticketId}`) && (alsoShows === undefined || texts.some((x) => x === alsoShows || x.startsWith(alsoShows))),
      };
    }

    it('covers every verb', () => {
      assert.deepEqual(Object.keys(cases).sort(), Object.values(VERBS).sort());
    });

    for (const verb of Object.values(VERBS)) {
      it(`answers "${verb}" with its card, not an error`, async () => {
        const { data, shows, newMessage } = cases[verb]!();
        sent.collect(h);
        h.resetCounts();
        const res = await h.post(cardAction(ADELE, verb, data, { serviceUrl: h.serviceUrl }));
        sent.fromInvoke(res);
        assert.equal(res.status, 200);
        const body = res.body as { statusCode?: unknown; type?: unknown; value?: unknown };
        assert.equal(body.statusCode, 200);
        assert.equal(body.type, newMessage ? MESSAGE_TYPE : CARD_TYPE);
        const card = newMessage ? cardIn(h.connector.messages()[0]) : (body.value as Record<string, unknown>);
        const texts = textsOf(card);
        assert.ok(!isErrorCard(card), `not the error card: ${readable(card).slice(0, 200)}`);
        assert.ok(shows(texts), `the ${verb} answer shows what it should: ${texts.slice(0, 8).join(' | ')}`);
        sent.collect(h);
      });
    }

    it('sent only cards under 28 KB that declare version 1.5', () => {
      sent.assertAllSendable(Object.keys(VERBS).length);
    });
  });
});
