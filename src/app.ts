import { join } from 'node:path';
import { TicketBot } from './bot.js';
import type { Config } from './config.js';
import { ConversationStore } from './conversations.js';
import { RecentCache } from './features/recentCache.js';
import { TicketCache } from './features/ticketCache.js';
import { IdentityResolver } from './identity.js';
import { startServer, type BotServer } from './server.js';
import { openSharedState } from './store/sharedState.js';
import { TicketingClient } from './ticketing/client.js';

export interface App {
  server: BotServer;
  client: TicketingClient;
  /** The conversations the bot heard from, and their settings. */
  conversations: ConversationStore;
  close(): Promise<void>;
}

/**
 * The bot wired to a Ticketing API: what `npm start` runs and what the HTTP tests start, with
 * the same parts. `ticketing.baseUrl` and a key must be set here (index.ts fills them from the
 * embedded sandbox when the configuration leaves them out).
 */
export async function startApp(
  config: Config & { ticketing: { baseUrl: string } },
  log: (line: string) => void,
  host?: string,
): Promise<App> {
  // With REDIS_URL, what replicas must agree on lives in Redis; without it, in this process.
  const state = await openSharedState(config.redis, log);
  if (config.redis) log(`shared state on Redis (${state.mode()}), ${config.redis.replicas} replica(s) sharing the API key`);
  const conversations = new ConversationStore(state.storage);
  state.onRestored(() => conversations.putBack());
  const client = new TicketingClient({
    baseUrl: config.ticketing.baseUrl,
    apiKey: config.ticketing.apiKey,
    readOnlyKey: config.ticketing.readOnlyKey,
    timezoneDefault: config.ticketing.timezoneDefault,
    rateLimit: config.ticketing.rateLimit,
    ...(state.limiterFor ? { limiterFor: state.limiterFor } : {}),
    log: (line) => log(`api ${line}`),
  });
  const bot = new TicketBot({
    client,
    tickets: new TicketCache(),
    pages: new RecentCache(),
    identity: new IdentityResolver({ shared: state.users }),
    conversations,
    replayClaims: state.claims,
    timezoneDefault: config.ticketing.timezoneDefault,
    linkDomains: config.linkDomains,
    allowedTenants: config.allowedTenants,
    replayFile: config.stateDir === undefined ? undefined : join(config.stateDir, `replay-claims-${config.port}.log`),
    log,
  });
  const server = await startServer({ port: config.port, host: host ?? config.host, bot, auth: config.bot, log, stateMode: state.mode });
  // Warm the cache the create form and ticket cards read, so the first person does not wait for it.
  client.getInstance().catch(() => undefined);
  client.getTags().catch(() => undefined);
  return {
    server, client, conversations,
    close: async () => {
      await server.close();
      await state.close();
    },
  };
}
