import type { Storage } from 'botbuilder';
import type { TicketSnapshot } from './ticketChanges.js';

const CURSOR_KEY = 'notify/cursor';
const FIRST_READING_KEY = 'notify/first-reading';
const snapshotKey = (ticketId: string) => `notify/ticket/${ticketId.toLowerCase()}`;

/** Where a reading of many pages stopped: the token of its next page, and the newest `lastUpdatedOn` read before it. */
export interface ReadingProgress {
  continuationToken: string;
  newest?: string;
}

/**
 * Where the poller keeps what must survive a restart: its cursor (the newest `lastUpdatedOn` it
 * has read, the API's own clock), how far its first reading got, and what it last knew of each
 * ticket. In the shared store (Redis), so that a restart or another replica reports nothing twice.
 */
export class PollerState {
  constructor(private readonly storage: Storage) {}

  /** The newest `lastUpdatedOn` read; undefined before the first read of every ticket. */
  async cursor(): Promise<string | undefined> {
    const items = await this.storage.read([CURSOR_KEY]);
    const value: unknown = (items[CURSOR_KEY] as { lastUpdatedOn?: unknown } | undefined)?.lastUpdatedOn;
    return typeof value === 'string' ? value : undefined;
  }

  async setCursor(lastUpdatedOn: string): Promise<void> {
    await this.storage.write({ [CURSOR_KEY]: { lastUpdatedOn, eTag: '*' } });
  }

  /** How far a first reading cut short got: where it goes on from. */
  async firstReading(): Promise<ReadingProgress | undefined> {
    const items = await this.storage.read([FIRST_READING_KEY]);
    const item = items[FIRST_READING_KEY] as Partial<ReadingProgress> | undefined;
    if (typeof item?.continuationToken !== 'string') return undefined;
    return { continuationToken: item.continuationToken, ...(typeof item.newest === 'string' ? { newest: item.newest } : {}) };
  }

  /** Keeps the first reading's progress; undefined forgets it (done, or to start over). */
  async setFirstReading(progress: ReadingProgress | undefined): Promise<void> {
    if (progress === undefined) await this.storage.delete([FIRST_READING_KEY]);
    else await this.storage.write({ [FIRST_READING_KEY]: { ...progress, eTag: '*' } });
  }

  /** What was last known of these tickets (those never seen are left out). */
  async snapshots(ticketIds: readonly string[]): Promise<Map<string, TicketSnapshot>> {
    const found = new Map<string, TicketSnapshot>();
    if (ticketIds.length === 0) return found;
    const items = await this.storage.read(ticketIds.map(snapshotKey));
    for (const id of ticketIds) {
      const item = items[snapshotKey(id)] as (TicketSnapshot & { eTag?: string }) | undefined;
      if (item) {
        const { eTag: _eTag, ...snapshot } = item;
        found.set(id.toLowerCase(), snapshot);
      }
    }
    return found;
  }

  async saveSnapshots(snapshots: ReadonlyMap<string, TicketSnapshot>): Promise<void> {
    if (snapshots.size === 0) return;
    const changes: Record<string, object> = {};
    for (const [id, snapshot] of snapshots) changes[snapshotKey(id)] = { ...snapshot, eTag: '*' };
    await this.storage.write(changes);
  }
}
