/**
 * Keeping the API key out of everything the client hands out. The client never builds an error or
 * a log line from a URL or a response body; this is the second line of defence for the few strings
 * that do leave it (log lines, error codes read from a body).
 */

const REDACTED = '***';

/** `text` with every occurrence of each secret (and of its URL-encoded form) replaced by `***`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}
