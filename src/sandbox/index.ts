/**
 * The embedded sandbox: an in-memory emulator of the Ticketing as a Service API, for tests, for
 * `npm start` without a configured API, and for `npm run sandbox`.
 */
import { BASE_PATH, createApp, type RecordedRequest } from './app.js';
import { isDialect, type Dialect } from './dialect.js';
import { FaultSwitch } from './faults.js';
import { SlidingWindowLimiter } from './rateLimit.js';
import { SandboxStore } from './store.js';

export { BASE_PATH, type RecordedRequest } from './app.js';
export { FaultSwitch, type Fault, type FaultKind, type FaultMatch } from './faults.js';
export { SandboxStore } from './store.js';
export type { WireTicket } from './wire.js';
export { AGENTS, PEOPLE, FIELD, CATEGORY, SYSTEM, TAG_CATEGORY, INSTANCE_ID } from './seedInstance.js';
export { SEED_NOW, SEED_TICKET_COUNT } from './seedTickets.js';
export { STATUS_IDS } from './query.js';
export { HARDWARE_STATE, HARDWARE_WORKFLOW, statusText } from './workflows.js';
export { DIALECTS, isDialect, statusLabel, type Dialect } from './dialect.js';

/** The sandbox's development keys, used when none are given. */
export const DEFAULT_PRIMARY_KEY = 'sandbox-primary-key-0000';
export const DEFAULT_SECONDARY_KEY = 'sandbox-secondary-key-0000';
export const DEFAULT_RATE_LIMIT = 100;
export const DEFAULT_RATE_WINDOW_S = 60;

export interface SandboxOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The read/write key; default DEFAULT_PRIMARY_KEY. */
  primaryKey?: string;
  /** The read-only key; default DEFAULT_SECONDARY_KEY. */
  secondaryKey?: string;
  /** Requests allowed per key per window; default 100. */
  rateLimit?: number;
  /** The rate-limit window in seconds; default 60. */
  rateWindowS?: number;
  /**
   * `live` (the default): the service as it runs today; `documented`: the vendor's page to the
   * letter. Each refuses the other's write forms.
   */
  dialect?: Dialect;
  /** Load the seeded tickets (default true); false keeps the instance and tags but no tickets. */
  seed?: boolean;
  /**
   * The seeded instance's required fields (Category, VIP) stay required (default true); false makes
   * every custom field optional: a helpdesk whose form asks for nothing, where chat `create` writes at once.
   */
  fieldsRequired?: boolean;
  /** The clock for timestamps and the rate limit; default the system clock. */
  now?: () => Date;
  /** One line per request (never with the key); default silent. */
  log?: (line: string) => void;
  /**
   * Keep every request in `requests` (default true: tests and the bench read it). A long-running
   * sandbox (`npm start`, `npm run sandbox`) keeps none, so that its memory does not grow with traffic.
   */
  recordRequests?: boolean;
}

export interface Sandbox {
  /** E.g. 'http://127.0.0.1:PORT/ticketing/v1'. */
  baseUrl: string;
  dialect: Dialect;
  primaryKey: string;
  secondaryKey: string;
  store: SandboxStore;
  faults: FaultSwitch;
  /**
   * Every request received below the base path, in order (none when `recordRequests` is false);
   * `requests.length = 0` clears it.
   */
  requests: RecordedRequest[];
  /** Changes the rate limit and resets every key's count. */
  setRateLimit(limit: number, windowS: number): void;
  close(): Promise<void>;
}

function checkLimit(limit: number, windowS: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('rateLimit must be a whole number of at least 1');
  if (!Number.isFinite(windowS) || windowS <= 0) throw new RangeError('rateWindowS must be a number of seconds above 0');
}

/** Starts a sandbox on loopback and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const primaryKey = options.primaryKey ?? DEFAULT_PRIMARY_KEY;
  const secondaryKey = options.secondaryKey ?? DEFAULT_SECONDARY_KEY;
  if (primaryKey === '' || secondaryKey === '' || primaryKey === secondaryKey) {
    throw new RangeError('primaryKey and secondaryKey must be two different, non-empty strings');
  }
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const rateWindowS = options.rateWindowS ?? DEFAULT_RATE_WINDOW_S;
  checkLimit(rateLimit, rateWindowS);
  const dialect = options.dialect ?? 'live';
  if (!isDialect(dialect)) throw new RangeError('dialect must be "live" or "documented"');
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';

  const store = new SandboxStore(options.seed ?? true, now, dialect, options.fieldsRequired ?? true);
  const faults = new FaultSwitch();
  const limiter = new SlidingWindowLimiter(rateLimit, rateWindowS * 1000, now);
  const requests: RecordedRequest[] = [];
  const app = createApp({
    primaryKey, secondaryKey, store, faults, limiter, requests, dialect, recordRequests: options.recordRequests ?? true,
    log: options.log ?? (() => undefined),
  });
  const http = app.server.server;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    http.once('error', onError);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('the sandbox is not listening on a TCP port');
  const { port } = address;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${urlHost}:${port}${BASE_PATH}`,
    dialect,
    primaryKey,
    secondaryKey,
    store,
    faults,
    requests,
    setRateLimit(limit, windowS) {
      checkLimit(limit, windowS);
      limiter.reset(limit, windowS);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        app.cancelPending();
        http.close(() => resolve());
        http.closeAllConnections();
      });
      return closing;
    },
  };
}
