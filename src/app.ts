import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TicketBot } from './bot.js';
import type { Config } from './config.js';
import { RecentCache } from './cache/recentCache.js';
import { TicketCache } from './cache/ticketCache.js';
import { ConversationStore } from './conversations.js';
import { IdentityResolver } from './identity.js';
import { readiness, sharedStateCheck, ticketingApiCheck } from './readiness.js';
import { DEFAULT_GRACE_MS, startServer, type BotServer } from './server.js';
import { cacheNamespace, openSharedState } from './store/sharedState.js';
import { TicketingClient } from './ticketing/client.js';
import type { KeySource } from './ticketing/keys.js';
import { Reports } from './reports/reports.js';
import { settingsFor } from './notify/notificationSettings.js';
import { startNotifications, type Notifications } from './notify/notifications.js';
import { RecentActions } from './notify/recentActions.js';
import { SubscriptionStore } from './notify/subscriptions.js';
import type { Logger } from './log.js';

export interface App {
  server: BotServer;
  client: TicketingClient;
  /** The conversations the bot heard from, and their settings. */
  conversations: ConversationStore;
  /** The notification poller and its messages; unset when NOTIFY_BUDGET_PERCENT is 0. */
  notifications?: Notifications;
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
  log: Logger,
  host?: string,
): Promise<App> {
  // With REDIS_URL, what replicas must agree on lives in Redis; without it, in this process.
  const state = await openSharedState(config.redis, log.child({ component: 'redis' }));
  if (config.redis) log.info(`shared state on Redis (${state.mode()}), ${config.redis.replicas} replica(s) sharing the API key`);
  const conversations = new ConversationStore(state.storage);
  state.onRestored(() => conversations.putBack());
  const subscriptions = config.notify.budgetPercent > 0 ? new SubscriptionStore(state.storage) : undefined;
  const keys = config.ticketing.keys?.current() ?? config.ticketing;
  const sharedCache = state.cache && { cache: state.cache, prefix: cacheNamespace(config.ticketing.baseUrl, keys.readOnlyKey || keys.apiKey || '') };
  const recentActions = new RecentActions(sharedCache && { cache: sharedCache.cache, prefix: `${sharedCache.prefix}recent:` });
  const client = new TicketingClient({
    baseUrl: config.ticketing.baseUrl,
    apiKey: config.ticketing.apiKey,
    readOnlyKey: config.ticketing.readOnlyKey,
    ...(config.ticketing.keys ? { keys: config.ticketing.keys } : {}),
    timezoneDefault: config.ticketing.timezoneDefault,
    rateLimit: config.ticketing.rateLimit,
    dialect: config.ticketing.dialect,
    ...(state.limiterFor ? { limiterFor: state.limiterFor } : {}),
    ...(sharedCache ? { sharedCache } : {}),
    log: log.child({ component: 'api' }),
    onWrite: (ticketId, user, at, origin) => recentActions.record(ticketId, user.id, at, origin),
  });
  let server: BotServer | undefined;
  const reports = new Reports({
    client,
    cacheTtlMs: config.reports.cacheTtlMs,
    maxTickets: config.reports.maxTickets,
    // Unset: made now, so that no link outlives this process.
    exportSecret: config.reports.exportSecret === undefined ? randomBytes(32) : Buffer.from(config.reports.exportSecret),
    exportTtlMs: config.reports.exportTtlMs,
    publicUrl: () => config.reports.publicUrl ?? server?.url ?? '',
  });
  const bot = new TicketBot({
    client,
    tickets: new TicketCache(undefined, undefined, sharedCache),
    pages: new RecentCache(undefined, sharedCache ? { shared: { ...sharedCache, prefix: `${sharedCache.prefix}page:` } } : {}),
    identity: new IdentityResolver(sharedCache ? { shared: { ...sharedCache, prefix: `${sharedCache.prefix}user:` } } : {}),
    conversations,
    replayClaims: state.claims,
    timezoneDefault: config.ticketing.timezoneDefault,
    linkDomains: config.linkDomains,
    allowedTenants: config.allowedTenants,
    teamsOnly: config.bot !== undefined,
    reports,
    roles: config.roles,
    replayFile: config.stateDir === undefined ? undefined : join(config.stateDir, `replay-claims-${config.port}.log`),
    ...(subscriptions ? { notificationSettings: (activity) => settingsFor(activity, subscriptions, conversations) } : {}),
    log,
  });
  const checks = [ticketingApiCheck(client), ...(config.redis ? [sharedStateCheck(state.mode)] : [])];
  server = await startServer({ port: config.port, host: host ?? config.host, bot, auth: config.bot, log, readiness: () => readiness(checks), reports });
  // Warm the cache the create form and ticket cards read, so the first person does not wait for it.
  client.getInstance().catch(() => undefined);
  client.getTags().catch(() => undefined);
  const notifications = subscriptions && startNotifications({
    config: config.notify, state, client, conversations, subscriptions, recent: recentActions,
    utcOffset: config.ticketing.timezoneDefault, log: log.child({ component: 'notify' }),
  }, server.adapter, config.bot?.appId ?? '');
  return {
    server, client, conversations, ...(notifications ? { notifications } : {}),
    close: async (graceMs = DEFAULT_GRACE_MS) => {
      // Notifications queued go out while the turns in flight finish, in the same grace.
      const notifying = notifications?.stop(graceMs);
      await server.close(graceMs);
      await notifying;
      await state.close();
    },
  };
}
