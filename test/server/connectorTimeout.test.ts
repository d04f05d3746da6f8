import assert from 'node:assert/strict';
import { ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { BotAuthenticator } from '../../src/auth/botAuthentication.js';
import { ADELE, message } from '../support/activities.js';
import { ConnectorRecorder } from '../support/connector.js';

/**
 * The connector clients the SDK makes, through the real HTTP stack, against a connector stand-in
 * that never answers posts to one conversation: the call fails with the SDK's AbortError once the
 * limit is reached (mocha's timeout would end the test otherwise), and other calls read as before.
 */
describe('calls to Teams\' connector give up after a time limit', () => {
  const connector = new ConnectorRecorder();
  const authenticator = new BotAuthenticator(undefined, 300);
  before(async () => {
    await connector.start();
    connector.addPeople([ADELE]);
    connector.silent.add('a:hanging');
  });
  after(() => connector.stop());

  const makers: Array<[string, () => Promise<ConnectorClient>]> = [
    ['a turn\'s client', async () => {
      const result = await authenticator.sdk.authenticateRequest(message(ADELE, 'help', { serviceUrl: connector.url }) as never, '');
      return result.connectorFactory!.create(connector.url, result.audience);
    }],
    ['a proactive message\'s client', () => authenticator.sdk.createConnectorFactory(new ClaimsIdentity([], true)).create(connector.url)],
  ];
  for (const [what, make] of makers) {
    it(`${what}: a post never answered fails with AbortError; answers and refusals read as before`, async () => {
      const client = await make();
      await assert.rejects(client.conversations.sendToConversation('a:hanging', { type: 'message', text: 'hello' }), (error: Error) => error.name === 'AbortError');
      const sent = await client.conversations.sendToConversation('a:answering', { type: 'message', text: 'hello' });
      assert.match(sent.id ?? '', /^reply-/);
      await assert.rejects(client.conversations.getConversationMember('a:answering', 'nobody'), (error: Error & { statusCode?: number }) => error.statusCode === 404);
      assert.equal((await client.conversations.getConversationMember('a:answering', ADELE.id)).name, ADELE.name);
    });
  }
});
