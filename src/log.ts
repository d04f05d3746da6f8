/**
 * The app's one logger (pino). JSON records, one a line, for App Service's log stream and Log
 * Analytics; pino-pretty's readable lines only for local use (LOG_FORMAT=text, the default
 * without Teams credentials). Keys and tokens in a record's fields are censored by pino's redact.
 * A record holds what happened, never a person's text, a key, a token or a stack trace.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat, LogLevel } from './config.js';

export type { Logger } from 'pino';

/** Fields that may hold a secret, in a record or one level down; pino writes `[redacted]` instead. */
const SECRET_FIELDS = ['key', 'apiKey', 'readOnlyKey', 'token', 'authorization', 'password', 'secret', 'clientSecret'];
export const REDACTED_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`)];

export interface LoggerOptions {
  format: LogFormat;
  /** Default `info`. */
  level?: LogLevel;
  /** Default stdout, written synchronously so that a record before process.exit is kept. */
  destination?: DestinationStream;
}

export function createLogger({ format, level = 'info', destination }: LoggerOptions): Logger {
  const options: PinoOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (format === 'text') {
    return pino(options, pretty({ destination: destination ?? 1, sync: true, colorize: false, singleLine: true, translateTime: 'SYS:isoDateTime' }));
  }
  // The level as its name ("info"), which a person querying the log stream reads more easily than 30.
  const json: PinoOptions = { ...options, formatters: { level: (label) => ({ level: label }) } };
  return pino(json, destination ?? pino.destination({ dest: 1, sync: true }));
}
