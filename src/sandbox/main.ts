/**
 * `npm run sandbox`: the sandbox API alone on 127.0.0.1, for poking at with curl. Settings come
 * from SANDBOX_* variables and LOG_FORMAT; a bad one stops start-up with one line naming it.
 */
import { z } from 'zod';
import { LOG_FORMATS } from '../config.js';
import { createLogger } from '../log.js';
import { ConfigError, oneOf, setting, wholeNumber, type Setting } from '../settings.js';
import {
  DEFAULT_PRIMARY_KEY, DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW_S, DEFAULT_SECONDARY_KEY, DIALECTS, startSandbox,
} from './index.js';

const DEFAULT_PORT = 3980;

/** The app's one logger: readable lines (a person runs this in a terminal) unless LOG_FORMAT=json. */
let log = createLogger({ format: 'text' });

// A key goes into the curl line's query string as it is typed.
const key: Setting<string> = z.string().refine((raw) => !/\s/.test(raw), 'must not contain spaces');

async function main(): Promise<void> {
  const env = process.env;
  log = createLogger({ format: setting(env, 'LOG_FORMAT', oneOf(LOG_FORMATS)) ?? 'text' });
  const port = setting(env, 'SANDBOX_PORT', wholeNumber(0, 65535)) ?? DEFAULT_PORT;
  const primaryKey = setting(env, 'SANDBOX_PRIMARY_KEY', key) ?? DEFAULT_PRIMARY_KEY;
  const secondaryKey = setting(env, 'SANDBOX_SECONDARY_KEY', key) ?? DEFAULT_SECONDARY_KEY;
  if (primaryKey === secondaryKey) throw new ConfigError('SANDBOX_PRIMARY_KEY and SANDBOX_SECONDARY_KEY must differ');
  const rateLimit = setting(env, 'SANDBOX_RATE_LIMIT', wholeNumber(1, 1_000_000)) ?? DEFAULT_RATE_LIMIT;
  const rateWindowS = setting(env, 'SANDBOX_RATE_WINDOW_S', wholeNumber(1, 86_400)) ?? DEFAULT_RATE_WINDOW_S;
  const dialect = setting(env, 'SANDBOX_DIALECT', oneOf(DIALECTS)) ?? 'live';

  const sandbox = await startSandbox({
    port, host: '127.0.0.1', primaryKey, secondaryKey, rateLimit, rateWindowS, dialect, recordRequests: false,
    log: (line) => log.info(line),
  });
  // The keys are the sandbox's own, made for trying it out: saying them is the point.
  log.info(`Ticketing sandbox API at ${sandbox.baseUrl} (${sandbox.dialect} dialect)`);
  log.info(`primary key (read/write): ${sandbox.primaryKey}; secondary key (read-only): ${sandbox.secondaryKey}`);
  log.info(`${sandbox.store.size} tickets; ${rateLimit} requests per ${rateWindowS} s per key`);
  log.info(`try: curl "${sandbox.baseUrl}/tickets?key=${sandbox.primaryKey}&limit=5"`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping the sandbox`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log.error(error.message);
  else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    log.error(`SANDBOX_PORT: port ${process.env.SANDBOX_PORT ?? DEFAULT_PORT} is already in use`);
  } else log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
