import assert from 'node:assert/strict';
import { ADELE, message } from './activities.js';
import type { ConnectorRecorder } from './connector.js';

/** Posts `list` as Teams would (local mode: no token) and checks the bot answered it with a list card through the connector. */
export async function servesATurn(botUrl: string, connector: ConnectorRecorder): Promise<void> {
  const before = connector.messages().length;
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message(ADELE, 'list', { serviceUrl: connector.url })),
  });
  assert.equal(response.status, 200);
  const replies = connector.messages().slice(before);
  assert.equal(replies.length, 1, 'one reply sent to the connector');
  assert.match(JSON.stringify(replies[0]!.body), /application\/vnd\.microsoft\.card\.adaptive/);
}
