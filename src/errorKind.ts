/**
 * What a log line may say of an error: its kind, and the status a service answered with. Never
 * its message, which may hold a URL, a payload or a token.
 */

/** The error's class name (`RestError`, `TimeoutError`), or what was thrown when it is not an Error. */
export function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** The HTTP status in an error thrown by the Bot Framework SDK (Teams' connector answered), if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A record's fields for an error: `{ error: 'RestError', status: 403 }`. */
export function errorFields(error: unknown): { error: string; status?: number } {
  const status = statusOf(error);
  return { error: errorKind(error), ...(status === undefined ? {} : { status }) };
}
