/**
 * `npm run sandbox`: the sandbox API alone on 127.0.0.1, for poking at with curl. Settings come
 * from SANDBOX_* variables and LOG_FORMAT; a bad one stops start-up with one line naming it.
 */
import type { LogFormat } from '../config.js';
import { createLogger } from '../log.js';
import {
  DEFAULT_PRIMARY_KEY, DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW_S, DEFAULT_SECONDARY_KEY, DIALECTS, isDialect,
  startSandbox, type Dialect,
} from './index.js';

const DEFAULT_PORT = 3980;

/** The app's one logger: readable lines (a person runs this in a terminal) unless LOG_FORMAT=json. */
let log = createLogger({ format: 'text' });

class SettingError extends Error {}

function integerSetting(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new SettingError(`${name} must be a whole number from ${min} to ${max} (got "${text}").`);
  }
  return value;
}

function keySetting(name: string, fallback: string): string {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  if (/\s/.test(text)) throw new SettingError(`${name} must not contain spaces.`);
  return text;
}

function logFormatSetting(name: string): LogFormat {
  const text = process.env[name];
  if (text === undefined || text === '') return 'text';
  if (text !== 'text' && text !== 'json') throw new SettingError(`${name} must be text or json (got "${text.slice(0, 40)}").`);
  return text;
}

function dialectSetting(name: string): Dialect {
  const text = process.env[name];
  if (text === undefined || text === '') return 'live';
  if (!isDialect(text)) throw new SettingError(`${name} must be one of ${DIALECTS.join(', ')} (got "${text.slice(0, 40)}").`);
  return text;
}

async function main(): Promise<void> {
  log = createLogger({ format: logFormatSetting('LOG_FORMAT') });
  const port = integerSetting('SANDBOX_PORT', DEFAULT_PORT, 0, 65535);
  const primaryKey = keySetting('SANDBOX_PRIMARY_KEY', DEFAULT_PRIMARY_KEY);
  const secondaryKey = keySetting('SANDBOX_SECONDARY_KEY', DEFAULT_SECONDARY_KEY);
  if (primaryKey === secondaryKey) throw new SettingError('SANDBOX_PRIMARY_KEY and SANDBOX_SECONDARY_KEY must differ.');
  const rateLimit = integerSetting('SANDBOX_RATE_LIMIT', DEFAULT_RATE_LIMIT, 1, 1_000_000);
  const rateWindowS = integerSetting('SANDBOX_RATE_WINDOW_S', DEFAULT_RATE_WINDOW_S, 1, 86_400);
  const dialect = dialectSetting('SANDBOX_DIALECT');

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
  if (error instanceof SettingError) log.error(error.message);
  else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    log.error(`SANDBOX_PORT: port ${process.env.SANDBOX_PORT ?? DEFAULT_PORT} is already in use.`);
  } else log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
