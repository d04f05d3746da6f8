/**
 * End to end: `report` in the Agents Playground, as Adele in her personal chat. The figures on the
 * card are checked against a count made on the sandbox's own records; Download CSV answers her
 * with the link, and the CSV it points at reads back.
 */
import assert from 'node:assert/strict';
import { isResolvedStatus } from '../../src/sandbox/workflows.js';
import { E2eStack } from './support/stack.js';
import { PlaygroundUi } from './support/playgroundUi.js';

describe('e2e: report in the Microsoft 365 Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);
  const stack = new E2eStack();
  let ui: PlaygroundUi;

  before(async function () {
    this.timeout(60_000);
    await stack.start();
    ui = new PlaygroundUi(stack.page);
    await ui.open(stack.playground.url);
    await stack.page.getByText('Adele Vance', { exact: true }).first().waitFor();
  });
  after(() => stack.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`bot log (last 30 lines):\n${stack.logs.slice(-30).join('\n')}`);
  });

  it('report 92d: the card shows the open backlog the sandbox holds, by state and priority, and the flow', async () => {
    // The hand count, on the sandbox's records: every ticket its workflow does not count as resolved.
    const open = stack.sandbox.store.all().filter((t) => !isResolvedStatus(t.workflowId, t.status));
    const card = ui.card(await ui.say('report 92d', 'Helpdesk report · last 92 days'));
    await card.getByText('Open backlog').waitFor();
    await card.getByText(String(open.length), { exact: true }).first().waitFor();
    await card.getByText(/^Figures as of /).waitFor();
    await ui.shot('20-report', card);
    const shown = await card.innerText();
    // The Playground draws Teams' charts (a client that cannot shows their text fallback): their labels are on the card.
    for (const label of ['In Progress', 'Urgent', 'Important', 'Medium', 'Low']) assert.ok(shown.includes(label), `${label} on the card`);
    // Created in the period, counted on the sandbox's records: the period starts at midnight UTC (the Playground's zone) 91 days ago.
    const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 91 * 86_400_000;
    const created = stack.sandbox.store.all().filter((t) => Date.parse(t.createdOn) >= start).length;
    assert.match(shown, new RegExp(`Created and resolved, ${created} created, \\d+ resolved, by week`));
    assert.match(shown, /First response/);

    const messagesBefore = await ui.messages().count();
    await card.getByRole('button', { name: 'Download CSV', exact: true }).click();
    await card.getByText(/^Your CSV of the period's tickets, for you alone/).waitFor();
    await ui.shot('21-report-csv-link', card);
    assert.match(await card.innerText(), /Open the CSV/);
    assert.ok(await ui.messages().count() >= messagesBefore, 'the report card changed for Adele; nothing was posted in its place');
    assert.ok(!stack.logs.some((r) => ['error', 'fatal'].includes(r.level)), 'the bot logged no failure');
  });
});
