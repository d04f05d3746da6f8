import type { Pipeline } from '@azure/core-rest-pipeline';
import type { ConnectorClient, ConnectorFactory } from 'botframework-connector';

/**
 * No call to Teams' connector (a reply, a card update, a member look-up, a notification) waits
 * longer than this for its answer. The SDK sets no limit: a connector that never answered would
 * hold the turn, or a conversation's notifications, until TCP gave up.
 */
export const CONNECTOR_TIMEOUT_MS = 10_000;

/**
 * The SDK's connector clients with the time limit. It has no option for one (its factory
 * replaces the request policies it is given), so each client it makes gets a pipeline policy.
 */
export function timedConnectors(factory: ConnectorFactory, timeoutMs: number): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      const client = await factory.create(serviceUrl, audience);
      // The azure client inside botbuilder's compat layer; its shape is tested (test/server/connectorTimeout.test.ts).
      const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
      if (!pipeline) throw new Error('the connector client has no pipeline to add its time limit to');
      pipeline.addPolicy({
        name: 'connectorTimeout',
        sendRequest: (request, next) => {
          if (!request.timeout) request.timeout = timeoutMs;
          return next(request);
        },
      });
      return client;
    },
  };
}
