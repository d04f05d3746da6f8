/** Log records as the app writes them, collected as objects for tests to read. */
import { createLogger, type Logger } from '../../src/log.js';

/** One JSON record: level (its name), time, msg, and the fields of the logger and the call. */
export interface LogRecord {
  level: string;
  time: string;
  msg: string;
  [field: string]: unknown;
}

/** The app's JSON logger (redaction included), writing each record into `records` (and to `onRecord` as it comes). */
export function recordingLogger(records: LogRecord[], onRecord?: (record: LogRecord) => void): Logger {
  return createLogger({
    format: 'json',
    destination: {
      write: (line: string) => {
        const record = JSON.parse(line) as LogRecord;
        records.push(record);
        onRecord?.(record);
      },
    },
  });
}

/** The app's logger, writing nothing: for parts whose records a test does not read. */
export function quietLogger(): Logger {
  return createLogger({ format: 'json', level: 'silent' });
}

/** The whole record as one string, for checks that nothing in it shows what it must not. */
export const recordText = (record: LogRecord): string => JSON.stringify(record);
