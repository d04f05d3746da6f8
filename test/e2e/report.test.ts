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
    // The Playground draws no Teams charts: their text fallback shows the same figures.
    const urgent = open.filter((t) => t.priority === 'Urgent').length;
    await card.getByText(new RegExp(`By priority: Urgent ${urgent}\\b`)).waitFor();
    await card.getByText(/^By state: /).waitFor();
    await card.getByText(/created, \d+ resolved, by week$/).waitFor();
    await card.getByText('First response', { exact: true }).waitFor();
    await card.getByText(/^Figures as of /).waitFor();
    await ui.shot('20-report', card);

    const messagesBefore = await ui.messages().count();
    await card.getByRole('button', { name: 'Download CSV', exact: true }).click();
    await card.getByText(/^Your CSV of the period's tickets, for you alone/).waitFor();
    await card.getByRole('button', { name: 'Open the CSV', exact: true }).waitFor();
    await ui.shot('21-report-csv-link', card);
    assert.ok(await ui.messages().count() >= messagesBefore, 'the report card changed for Adele; nothing was posted in its place');
    assert.ok(!stack.logs.some((l) => / FAILED /.test(l)), 'the bot logged no failure');
  });
});
