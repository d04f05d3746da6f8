import { join } from 'node:path';
import { TicketBot } from './bot.js';
import type { Config } from './config.js';
import { RecentCache } from './cache/recentCache.js';
import { TicketCache } from './cache/ticketCache.js';
import { ConversationStore } from './conversations.js';
import { IdentityResolver } from './identity.js';
import { readiness, sharedStateCheck, ticketingApiCheck } from './readiness.js';
import { startServer, type BotServer } from './server.js';
import { openSharedState } from './store/sharedState.js';
import { TicketingClient } from './ticketing/client.js';
import type { KeySource } from './ticketing/keys.js';

export interface App {
  server: BotServer;
  client: TicketingClient;
  /** The conversations the bot heard from, and their settings. */
  conversations: ConversationStore;
  /** Stops taking turns, lets those in flight finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The bot wired to a Ticketing API: what `npm start` runs and what the HTTP tests start, with
 * the same parts. `ticketing.baseUrl` and a key must be set here (index.ts fills them from the
 * embedded sandbox when the configuration leaves them out); `ticketing.keys`, when given (Key
 * Vault), is where the keys come from instead.
 */
export async function startApp(
  config: Config & { ticketing: { baseUrl: string; keys?: KeySource } },
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
    ...(config.ticketing.keys ? { keys: config.ticketing.keys } : {}),
    timezoneDefault: config.ticketing.timezoneDefault,
    rateLimit: config.ticketing.rateLimit,
    dialect: config.ticketing.dialect,
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
    roles: config.roles,
    replayFile: config.stateDir === undefined ? undefined : join(config.stateDir, `replay-claims-${config.port}.log`),
    log,
  });
  const checks = [ticketingApiCheck(client), ...(config.redis ? [sharedStateCheck(state.mode)] : [])];
  const server = await startServer({ port: config.port, host: host ?? config.host, bot, auth: config.bot, log, readiness: () => readiness(checks) });
  // Warm the cache the create form and ticket cards read, so the first person does not wait for it.
  client.getInstance().catch(() => undefined);
  client.getTags().catch(() => undefined);
  return {
    server, client, conversations,
    close: async (graceMs) => {
      await server.close(graceMs);
      await state.close();
    },
  };
}
