/**
 * The Ticketing API keys read from Azure Key Vault, kept fresh: read at start-up, again every
 * `refreshMs`, and again when the API refuses the key (a 401), so that a key rotated in the vault
 * is used without a restart.
 */
import type { TokenCredential } from '@azure/identity';
import { SecretClient, type SecretClientOptions } from '@azure/keyvault-secrets';
import type { ApiKeys, KeySource } from '../ticketing/keys.js';
import type { Logger } from '../log.js';

export interface KeyVaultKeysOptions {
  /** e.g. `https://contoso-tickets-kv.vault.azure.net` */
  vaultUrl: string;
  /** The secret holding the primary (read/write) key. */
  apiKeySecret: string;
  /** The secret holding the secondary (read-only) key, if one is kept. */
  readOnlyKeySecret?: string;
  credential: TokenCredential;
  /** How often the secrets are read again, in ms; default 300_000 (5 min). */
  refreshMs?: number;
  /** A 401 reads the vault again only if the last read is older than this, in ms; default 10_000. */
  minRereadMs?: number;
  log: Logger;
  /** The HTTP transport to the vault (tests send the vault's address to a local fake). */
  httpClient?: SecretClientOptions['httpClient'];
}

export const DEFAULT_KEY_REFRESH_MS = 5 * 60_000;
const DEFAULT_MIN_REREAD_MS = 10_000;

/** Key Vault could not give the keys; the message is one line, with no token or secret in it. */
export class KeyVaultError extends Error {
  override name = 'KeyVaultError';
}

/** What went wrong, in words safe for a log line: the status and service code, or the error's kind. */
function why(error: unknown): string {
  if (error instanceof KeyVaultError) return error.message;
  const e = error as { statusCode?: unknown; code?: unknown; name?: unknown };
  if (typeof e?.statusCode === 'number') return `HTTP ${e.statusCode}${typeof e.code === 'string' ? ` ${e.code}` : ''}`;
  // No answer: a network code such as ECONNREFUSED says more than the error's class.
  if (typeof e?.code === 'string' && /^[A-Z_]+$/.test(e.code)) return e.code;
  return typeof e?.name === 'string' ? e.name : 'unknown error';
}

export class KeyVaultKeys implements KeySource {
  readonly #client: SecretClient;
  readonly #options: KeyVaultKeysOptions;
  #keys: ApiKeys = {};
  #lastReadAt = 0;
  #reading: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  private constructor(options: KeyVaultKeysOptions) {
    this.#options = options;
    this.#client = new SecretClient(options.vaultUrl, options.credential, {
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
      // The SDK's own retries would hold a turn waiting on the vault for a minute; ours are the timer and the next 401.
      retryOptions: { maxRetries: 1 },
    });
  }

  /** Reads the keys once (throws KeyVaultError if it cannot), then keeps them fresh until close(). */
  static async load(options: KeyVaultKeysOptions): Promise<KeyVaultKeys> {
    const keys = new KeyVaultKeys(options);
    try {
      await keys.#read();
    } catch (error) {
      const secrets = [options.apiKeySecret, options.readOnlyKeySecret].filter(Boolean).join(', ');
      throw new KeyVaultError(`could not read ${secrets} from ${options.vaultUrl} (${why(error)})`);
    }
    const every = options.refreshMs ?? DEFAULT_KEY_REFRESH_MS;
    keys.#timer = setInterval(() => void keys.#readLogged('scheduled'), every).unref();
    return keys;
  }

  current(): ApiKeys {
    return this.#keys;
  }

  /** After a 401: read again, unless the keys were read moments ago; concurrent callers share one read. */
  async refresh(): Promise<void> {
    if (this.#reading) return this.#reading;
    if (Date.now() - this.#lastReadAt < (this.#options.minRereadMs ?? DEFAULT_MIN_REREAD_MS)) return;
    await this.#readLogged('after a 401');
  }

  close(): void {
    clearInterval(this.#timer);
  }

  /** A read that keeps the keys it had when the vault cannot answer, and says so in one line. */
  async #readLogged(reason: string): Promise<void> {
    try {
      await this.#read(reason);
    } catch (error) {
      this.#options.log.warn({ reason, why: why(error) }, 'Key Vault: keys not read again; keeping the ones read before');
    }
  }

  #read(reason?: string): Promise<void> {
    this.#reading ??= (async () => {
      try {
        const { apiKeySecret, readOnlyKeySecret } = this.#options;
        const [apiKey, readOnlyKey] = await Promise.all([
          this.#secret(apiKeySecret),
          readOnlyKeySecret === undefined ? undefined : this.#secret(readOnlyKeySecret),
        ]);
        const changed = apiKey !== this.#keys.apiKey || readOnlyKey !== this.#keys.readOnlyKey;
        // A new object only when a key changed: the client compares keys, not objects, but logs stay quiet.
        if (changed) {
          this.#keys = Object.freeze({ apiKey, ...(readOnlyKey === undefined ? {} : { readOnlyKey }) });
          if (reason !== undefined) this.#options.log.info({ reason }, 'Key Vault: new API key read');
        }
        this.#lastReadAt = Date.now();
      } finally {
        this.#reading = undefined;
      }
    })();
    return this.#reading;
  }

  async #secret(name: string): Promise<string> {
    const secret = await this.#client.getSecret(name);
    if (!secret.value) throw new KeyVaultError(`secret ${name} is empty`);
    return secret.value;
  }
}
