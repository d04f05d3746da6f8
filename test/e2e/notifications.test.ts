/**
 * End to end, as a person: in the Agents Playground, Adele subscribes the helpdesk channel with
 * `@Tickets notify all`; a ticket then changed directly at the sandbox (as the helpdesk's own app
 * would, not through the bot) shows up in that channel as a notification card.
 */
import assert from 'node:assert/strict';
import { AGENTS } from '../../src/sandbox/index.js';
import { call } from '../sandbox/http.js';
import { E2eStack } from './support/stack.js';
import { PlaygroundUi } from './support/playgroundUi.js';

const LEE = AGENTS.find((a) => a.name === 'Lee Gu')!;

describe('e2e: a change at the sandbox shows up as a notification in the Playground\'s channel', function () {
  this.timeout(120_000);
  const stack = new E2eStack();
  let ui: PlaygroundUi;

  before(async function () {
    this.timeout(60_000);
    await stack.start();
    ui = new PlaygroundUi(stack.page);
  });
  after(() => stack.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`bot log (last 30 lines):\n${stack.logs.slice(-30).join('\n')}`);
  });

  it('@Tickets notify all, then a ticket moved at the sandbox: its card appears in the channel, saying who did what', async () => {
    await ui.open(stack.playground.url);
    await ui.openConversation('Contoso IT - Helpdesk');
    const thread = await ui.postInChannel('notify all');
    await thread.answer.getByText('I will post every ticket change to this channel', { exact: false }).waitFor();
    await ui.shot('n1-channel-subscribed', thread.post);

    const notifications = stack.app.notifications;
    assert.ok(notifications, 'notifications run by default');
    // The poller's first reading of every ticket (its timer would do it within NOTIFY_POLL_S).
    await notifications.pollOnce();
    const ticket = stack.sandbox.store.all().find((t) => t.status === 'Open' && t.workflowId === undefined)!;
    const res = await call(stack.sandbox, `/tickets/${ticket.id}/status`, { method: 'PUT', body: { status: 'In Progress', user: LEE } });
    assert.equal(res.status, 200);
    await notifications.pollOnce();
    await notifications.idle();

    const headline = `Lee Gu moved #${ticket.number} to In Progress`;
    const card = stack.page.locator('.ac-preview-panel').filter({ hasText: headline }).first();
    await card.waitFor();
    await card.getByText(ticket.title).first().waitFor();
    await ui.shot('n2-channel-notification', card);
    assert.deepEqual(stack.logs.filter((r) => ['warn', 'error', 'fatal'].includes(r.level)), []);
  });
});
