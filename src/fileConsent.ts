/**
 * Teams' file consent flow, for a report's CSV in a personal chat: the bot sends a consent card,
 * the person accepts or declines (a `fileConsent/invoke`), and on accept the bot uploads the file
 * to the OneDrive URL Teams gives and posts a file card.
 */
import { z } from 'zod';
import { BadInvokeError } from './features/messageExtension.js';
import type { FileOffer } from './features/context.js';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** The consent card's attachment; the signed export token rides in its contexts and comes back on either answer. */
export function fileConsentAttachment(file: FileOffer) {
  return {
    contentType: FILE_CONSENT_CARD,
    name: file.name,
    content: {
      description: file.description,
      sizeInBytes: file.bytes,
      acceptContext: { token: file.token },
      declineContext: { token: file.token },
    },
  };
}

/** A text Teams fills in, never empty, of at most `max` characters. */
const text = (max: number) => z.string().min(1).max(max);

/**
 * Teams' upload URL is a OneDrive one (https); plain http is allowed to this machine only (tests,
 * local mode), so a forged activity cannot make the bot send the file anywhere else.
 */
const uploadUrl = text(4096).refine((raw) => {
  const url = URL.parse(raw);
  return url?.protocol === 'https:' || (url?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}).transform((raw) => new URL(raw).toString());

const uploadInfo = z.object({ name: text(255), uploadUrl, contentUrl: text(4096), uniqueId: text(255), fileType: text(32) });

/** Where Teams asks the file to go once the person accepted. */
export type UploadInfo = z.infer<typeof uploadInfo>;

export type FileConsent =
  | { action: 'accept'; token: string; upload: UploadInfo }
  | { action: 'decline'; token: string };

/** Both answers carry back the token the consent card rode out with; an accept says where to upload. */
const consentInvoke = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), context: z.object({ token: text(4096) }), uploadInfo }),
  z.object({ action: z.literal('decline'), context: z.object({ token: text(4096) }) }),
]);

/** A `fileConsent/invoke` value, checked; anything else throws BadInvokeError. */
export function parseFileConsent(value: unknown): FileConsent {
  const parsed = consentInvoke.safeParse(value);
  if (!parsed.success) throw new BadInvokeError({ key: 'invoke.badFileAnswer' });
  const consent = parsed.data;
  const { token } = consent.context;
  return consent.action === 'accept' ? { action: 'accept', token, upload: consent.uploadInfo } : { action: 'decline', token };
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
