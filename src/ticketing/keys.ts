/** The API keys a request may carry. */
export interface ApiKeys {
  /** The primary (read/write) key. */
  apiKey?: string;
  /** The secondary (read-only) key: used for every read when set. */
  readOnlyKey?: string;
}

/**
 * Where the client takes its keys from. `current()` is read for every request, so a key rotated
 * in the source (e.g. Key Vault) is sent from the next request on, with no restart.
 */
export interface KeySource {
  current(): ApiKeys;
  /**
   * Called when the API answers 401: read the keys again. When the key then differs from the one
   * refused, the request is sent once more with it (a 401 means the service did not act on it).
   */
  refresh?(): Promise<void>;
}

/** Keys that never change: the ones given in the environment. */
export function fixedKeys(keys: ApiKeys): KeySource {
  const frozen = Object.freeze({ ...keys });
  return { current: () => frozen };
}
