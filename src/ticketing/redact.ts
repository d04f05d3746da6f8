/**
 * Keeping the API key out of everything the client hands out. The client never builds an error or
 * a log line from a URL or a response body; this is the second line of defence for the few strings
 * that do leave it (log lines, error codes read from a body).
 */

const REDACTED = '***';

/**
 * What to look for: each secret as given and URL-encoded, longest first (so that a secret holding
 * another is hidden whole). Made once per client, not per line.
 */
export function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each form replaced by `***`. */
export function redact(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) {
    if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  return out;
}
