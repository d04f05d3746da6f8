/**
 * Teams' file consent flow, for a report's CSV in a personal chat: the bot sends a consent card,
 * the person accepts or declines (a `fileConsent/invoke`), and on accept the bot uploads the file
 * to the OneDrive URL Teams gives and posts a file card.
 */
import { BadInvokeError } from './features/messageExtension.js';
import type { FileOffer } from './features/context.js';
import { isRecord } from './ticketing/validate.js';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** Where Teams asks the file to go once the person accepted. */
export interface UploadInfo {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

export type FileConsent =
  | { action: 'accept'; token: string; upload: UploadInfo }
  | { action: 'decline'; token: string };

/** The consent card's attachment; the signed export token rides in its contexts and comes back on either answer. */
export function fileConsentAttachment(file: FileOffer) {
  return {
    contentType: FILE_CONSENT_CARD,
    name: file.name,
    content: {
      description: "The report's tickets, as CSV for Excel or Power BI",
      sizeInBytes: file.bytes,
      acceptContext: { token: file.token },
      declineContext: { token: file.token },
    },
  };
}

function text(value: unknown, max: number): string {
  if (typeof value !== 'string' || value === '' || value.length > max) throw new BadInvokeError({ key: 'invoke.badFileAnswer' });
  return value;
}

/**
 * Teams' upload URL is a OneDrive one (https); plain http is allowed to this machine only (tests,
 * local mode), so a forged activity cannot make the bot send the file anywhere else.
 */
function uploadUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(text(value, 4096));
  } catch {
    throw new BadInvokeError({ key: 'invoke.badFileAnswer' });
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new BadInvokeError({ key: 'invoke.badFileAnswer' });
  return url.toString();
}

/** A `fileConsent/invoke` value, checked; anything else throws BadInvokeError. */
export function parseFileConsent(value: unknown): FileConsent {
  if (!isRecord(value) || !isRecord(value.context)) throw new BadInvokeError({ key: 'invoke.badFileAnswer' });
  const token = text(value.context.token, 4096);
  if (value.action === 'decline') return { action: 'decline', token };
  if (value.action !== 'accept' || !isRecord(value.uploadInfo)) throw new BadInvokeError({ key: 'invoke.badFileAnswer' });
  const u = value.uploadInfo;
  return {
    action: 'accept',
    token,
    upload: {
      name: text(u.name, 255), uploadUrl: uploadUrl(u.uploadUrl), contentUrl: text(u.contentUrl, 4096),
      uniqueId: text(u.uniqueId, 255), fileType: text(u.fileType, 32),
    },
  };
}

/** Puts the whole file in one request, as Teams' upload session takes a small file. */
export async function uploadFile(url: string, bytes: Buffer, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-length': String(bytes.length), 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`upload answered ${response.status}`);
}

/** The card that shows the uploaded file in the chat. */
export function fileInfoAttachment(upload: UploadInfo) {
  return { contentType: FILE_INFO_CARD, contentUrl: upload.contentUrl, name: upload.name, content: { uniqueId: upload.uniqueId, fileType: upload.fileType } };
}
