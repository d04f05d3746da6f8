import { LRUCache } from 'lru-cache';
import type { JWK } from 'jose';

/** A signing key as Bot Framework's metadata lists it: a JWK, with the channels it may sign for. */
export type EndorsedKey = JWK & { kid?: string; endorsements?: string[] };

export class MetadataUnavailable extends Error {
  override name = 'MetadataUnavailable';
}

export interface OpenIdKeysOptions {
  /** The most one metadata or key-set request may take, in ms; default 3000 (Teams waits 5 s for an invoke). */
  timeoutMs?: number;
  /** How long a key set is used before it is read again, in ms; default 24 h, as the SDK does. */
  ttlMs?: number;
  /** After a failed load, how long every token is refused without asking again, in ms; default 30 s. */
  failureCooldownMs?: number;
  /** An unknown key id reloads the set at most this often, in ms; default 5 min (a forged kid must not cost a request each). */
  unknownKidCooldownMs?: number;
}

function isKeySet(body: unknown): body is { keys: EndorsedKey[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { keys?: unknown }).keys);
}

/**
 * The signing keys behind OpenID metadata URLs (Bot Framework's channel and emulator metadata).
 * One load at a time per URL (concurrent callers share it), with a timeout; a failed load is not
 * kept but makes callers fail fast for a cooldown, so neither a flood of forged tokens nor an
 * unreachable or hanging sign-in service turns into a request per token.
 */
export class OpenIdKeys {
  private readonly timeoutMs: number;
  private readonly failureCooldownMs: number;
  private readonly unknownKidCooldownMs: number;
  private readonly sets: LRUCache<string, EndorsedKey[]>;
  private readonly failedUntil = new Map<string, number>();
  private readonly loadedAt = new Map<string, number>();

  constructor(options: OpenIdKeysOptions = {}, private readonly now: () => number = Date.now) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.failureCooldownMs = options.failureCooldownMs ?? 30_000;
    this.unknownKidCooldownMs = options.unknownKidCooldownMs ?? 5 * 60_000;
    this.sets = new LRUCache<string, EndorsedKey[]>({
      max: 8,
      ttl: options.ttlMs ?? 24 * 60 * 60_000,
      fetchMethod: (url, _stale, { signal }) => this.load(url, signal),
    });
  }

  /** The key `kid` of the metadata at `metadataUrl`, or undefined when the set has none. Throws MetadataUnavailable. */
  async key(metadataUrl: string, kid: string): Promise<EndorsedKey | undefined> {
    let key = (await this.keys(metadataUrl, false)).find((k) => k.kid === kid);
    if (key === undefined && this.now() - (this.loadedAt.get(metadataUrl) ?? 0) >= this.unknownKidCooldownMs) {
      // Keys roll over: a new kid may be real. Read again, but not more often than the cooldown.
      key = (await this.keys(metadataUrl, true)).find((k) => k.kid === kid);
    }
    return key;
  }

  private async keys(metadataUrl: string, forceRefresh: boolean): Promise<EndorsedKey[]> {
    if ((this.failedUntil.get(metadataUrl) ?? 0) > this.now()) throw new MetadataUnavailable('sign-in metadata unavailable (cooling down)');
    try {
      const keys = await this.sets.fetch(metadataUrl, { forceRefresh });
      if (keys === undefined) throw new MetadataUnavailable('sign-in metadata unavailable');
      return keys;
    } catch (error) {
      this.failedUntil.set(metadataUrl, this.now() + this.failureCooldownMs);
      throw error instanceof MetadataUnavailable ? error : new MetadataUnavailable('sign-in metadata unavailable');
    }
  }

  private async load(metadataUrl: string, signal: AbortSignal): Promise<EndorsedKey[]> {
    const metadata = await this.getJson(metadataUrl, signal);
    const jwksUri = typeof metadata === 'object' && metadata !== null ? (metadata as { jwks_uri?: unknown }).jwks_uri : undefined;
    if (typeof jwksUri !== 'string') throw new MetadataUnavailable('sign-in metadata has no jwks_uri');
    const set = await this.getJson(jwksUri, signal);
    if (!isKeySet(set)) throw new MetadataUnavailable('sign-in key set has no keys');
    this.loadedAt.set(metadataUrl, this.now());
    this.failedUntil.delete(metadataUrl);
    return set.keys;
  }

  private async getJson(url: string, signal: AbortSignal): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]), redirect: 'error' });
    if (!response.ok) throw new MetadataUnavailable(`sign-in metadata answered ${response.status}`);
    return response.json();
  }
}
