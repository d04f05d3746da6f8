import pino from 'pino';
import type { LogFormat } from './config.js';

/** One line of what happened; never a key, token, URL with a query, or stack trace. */
export type Log = (line: string) => void;

export interface Logger {
  info: Log;
  error: Log;
}

/**
 * `json`: one object a line on stdout (`{"level":"info","time":"…","msg":"…"}`), what App Service's
 * log stream and Log Analytics read; written synchronously so a line before process.exit is kept.
 * `text`: `<ISO time> <line>` for a terminal, errors on stderr.
 */
export function createLogger(
  format: LogFormat,
  destination: NodeJS.WritableStream = process.stdout,
  errors: NodeJS.WritableStream = destination === process.stdout ? process.stderr : destination,
): Logger {
  if (format === 'text') {
    const to = (stream: NodeJS.WritableStream) => (line: string) => void stream.write(`${new Date().toISOString()} ${line}\n`);
    return { info: to(destination), error: to(errors) };
  }
  const logger = pino({
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }, destination === process.stdout ? pino.destination({ dest: 1, sync: true }) : destination);
  return { info: (line) => logger.info(line), error: (line) => logger.error(line) };
}
