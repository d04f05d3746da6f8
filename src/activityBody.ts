import type { IncomingMessage } from 'node:http';
import contentType from 'content-type';
import getRawBody from 'raw-body';

/**
 * The body of a POST to /api/messages, read before the Bot Framework SDK or authentication sees
 * anything. Teams and Azure Bot Service send one uncompressed JSON activity of a few kilobytes, so
 * that is all this accepts: no compression (a gzip bomb or a broken stream could otherwise take
 * memory or crash restify's parser), no multipart (restify's parser writes uploads to disk), no
 * form bodies (a plain HTML form on any web page could post one).
 */
export class BodyRefused extends Error {
  override name = 'BodyRefused';

  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
  }
}

/** Parses the JSON body of `req`, reading at most `maxBytes`; anything else is a BodyRefused. */
export async function readActivityBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    throw new BodyRefused(415, 'Compressed bodies are not accepted.');
  }
  let type: contentType.ParsedMediaType;
  try {
    type = contentType.parse(req);
  } catch {
    throw new BodyRefused(415, 'Expected Content-Type: application/json.');
  }
  const charset = type.parameters.charset?.toLowerCase();
  if (type.type !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new BodyRefused(415, 'Expected Content-Type: application/json.');
  }

  let text: string;
  try {
    text = await getRawBody(req, { limit: maxBytes, length: req.headers['content-length'], encoding: 'utf-8' });
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    throw status === 413 ? new BodyRefused(413, 'The body is too large.') : new BodyRefused(400, 'The body could not be read.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyRefused(400, 'The body is not JSON.');
  }
}
