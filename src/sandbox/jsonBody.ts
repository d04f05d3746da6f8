/**
 * Reads a request body as one JSON object. Anything else (not JSON, not an object, not UTF-8)
 * is a 400 MalformedBody; more than the cap is a 413, without buffering the rest.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.js';
import { isRecord } from '../ticketing/validate.js';

/** Largest body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (): ApiError =>
  new ApiError(413, 'PayloadTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { Connection: 'close' });
const malformed = (message: string): ApiError => new ApiError(400, 'MalformedBody', message);

/** The raw body, refused once it passes the cap; what follows is discarded, not buffered. */
function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) settle(() => reject(tooLarge()));
      else chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    req.on('error', () => settle(() => reject(malformed('The request body ended before it was complete.'))));
    req.on('close', () => settle(() => reject(malformed('The request body ended before it was complete.'))));
  });
}

export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readBytes(req);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed('The request body is not valid UTF-8 text.');
  }
  if (text.trim() === '') throw malformed('The request body is empty; it must be a JSON object.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed('The request body is not valid JSON.');
  }
  if (!isRecord(parsed)) throw malformed('The request body must be a JSON object.');
  return parsed;
}
