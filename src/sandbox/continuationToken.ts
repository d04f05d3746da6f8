/**
 * Continuation tokens. Opaque to callers: base64url JSON holding where the last page ended (its
 * sort key and ticket number, so tickets created meanwhile neither repeat nor vanish) and a
 * fingerprint of the filters and order it was issued for. A token presented with other filters
 * or order, or that does not decode, is refused.
 */
import { createHash } from 'node:crypto';
import { ApiError } from './errors.js';

export type SortValue = string | number | null;

export interface Cursor {
  /** The sort key of the last ticket served. */
  key: SortValue;
  /** Its number, the tie-breaker. */
  number: number;
}

interface TokenPayload {
  v: 1;
  f: string;
  k: SortValue;
  n: number;
}

const invalidToken = (): ApiError =>
  new ApiError(400, 'InvalidContinuationToken', 'The continuationToken is not valid for this query; start again without it.');

/** A short stable hash of what a token is bound to. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

export function encodeToken(cursor: Cursor, queryFingerprint: string): string {
  const payload: TokenPayload = { v: 1, f: queryFingerprint, k: cursor.key, n: cursor.number };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeToken(token: string, queryFingerprint: string): Cursor {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(token)) throw invalidToken();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (typeof payload !== 'object' || payload === null) throw invalidToken();
  const { v, f, k, n } = payload as Record<string, unknown>;
  const keyOk = k === null || typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k));
  if (v !== 1 || f !== queryFingerprint || !keyOk || typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw invalidToken();
  }
  return { key: k as SortValue, number: n };
}
