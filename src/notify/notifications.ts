import type { CloudAdapter } from 'botbuilder';
import pTimeout from 'p-timeout';
import type { NotifyConfig } from '../config.js';
import type { ConversationStore } from '../conversations.js';
import type { Logger } from '../log.js';
import { BoundedMemoryStorage } from '../store/memoryStorage.js';
import type { SharedState } from '../store/sharedState.js';
import type { TicketingClient } from '../ticketing/client.js';
import { Notifier } from './notifier.js';
import { Poller } from './poller.js';
import { PollerState } from './pollerState.js';
import type { RecentActions } from './recentActions.js';
import type { SubscriptionStore } from './subscriptions.js';

/** In memory, what the poller knows of every ticket is kept apart, so that it never pushes conversations out. */
const MEMORY_TICKETS = 100_000;

export interface Notifications {
  /** One poll now, after any in progress (tests, instead of waiting for the timer). */
  pollOnce(): Promise<void>;
  /** Resolves once every notification queued is sent. */
  idle(): Promise<void>;
  /** Stops polling, then lets what is queued go out for up to `graceMs`; the rest is dropped. */
  stop(graceMs: number): Promise<void>;
}

export interface NotificationParts {
  config: NotifyConfig;
  state: SharedState;
  client: TicketingClient;
  conversations: ConversationStore;
  subscriptions: SubscriptionStore;
  recent: RecentActions;
  utcOffset: number;
  log: Logger;
}

const POLLER_LEASE = 'notify-poller';

/** Starts the poller and the notifier on `adapter`; the poller starts on its own timer. */
export function startNotifications(parts: NotificationParts, adapter: CloudAdapter, appId: string): Notifications {
  const { state, client, conversations, subscriptions, log } = parts;
  const notifier = new Notifier({
    adapter, appId, client, subscriptions, conversations, recent: parts.recent, utcOffset: parts.utcOffset,
    log,
  });
  const poller = new Poller({
    client,
    // Without Redis, in this process's memory, bounded: nothing outlives a restart there anyway.
    state: new PollerState(state.mode() === 'memory' ? new BoundedMemoryStorage(MEMORY_TICKETS) : state.storage),
    // One poller across replicas (without Redis, this process holds every lease).
    lease: { acquire: (ttlMs) => state.leases.hold(POLLER_LEASE, ttlMs), release: () => state.leases.release(POLLER_LEASE) },
    budgetPercent: parts.config.budgetPercent,
    pollMs: parts.config.pollMs,
    onChanges: (changes, call) => notifier.deliver(changes, call),
    log,
  });
  poller.start();
  return {
    pollOnce: () => poller.pollOnce(),
    idle: () => notifier.idle(),
    stop: async (graceMs) => {
      const until = Date.now() + graceMs;
      await poller.stop();
      // What is queued is past the cursor: dropped now, it would never be told.
      await pTimeout(notifier.idle(), { milliseconds: Math.max(1, until - Date.now()), fallback: () => undefined });
      notifier.queue.clear();
    },
  };
}
