import { htmlToText } from '../htmlToText.js';
import type { MessageSource } from './createForm.js';
import type { SearchQuery } from './findTicket.js';
import { MAX_TITLE_LENGTH } from '../ticketing/limits.js';
import { isRecord } from '../ticketing/validate.js';
import { SentenceError } from '../i18n/sentence.js';

/** The message-extension command ids, as the app manifest names them. */
export const ME_COMMANDS = { createTicket: 'createTicket', findTicket: 'findTicket' } as const;

/** Where an action command was opened: the compose box, the command box, or a message's "..." menu. */
export type CommandContext = 'compose' | 'commandBox' | 'message';

/** An invoke whose value cannot be used: answered as a typed error, said in the sender's language. */
export class BadInvokeError extends SentenceError {
  override name = 'BadInvokeError';
}


function commandId(value: Record<string, unknown>, expected: string): void {
  // Only a string is repeated back: String() of a forged object can throw (its toString need not be a function).
  if (value.commandId !== expected) throw new BadInvokeError(typeof value.commandId === 'string' ? { key: 'invoke.unknownCommandNamed', vars: { command: value.commandId.slice(0, 40) } } : { key: 'invoke.unknownCommand' });
}

/** composeExtension/fetchTask and submitAction for "Create ticket". */
export function parseCreateInvoke(value: unknown): { context: CommandContext; source?: MessageSource; data: Record<string, unknown> } {
  if (!isRecord(value)) throw new BadInvokeError({ key: 'invoke.expectedAction' });
  commandId(value, ME_COMMANDS.createTicket);
  // The manifest says "commandBox"; Bot Framework's schema gives invokes "commandbox".
  const named = typeof value.commandContext === 'string' ? value.commandContext.toLowerCase() : '';
  const context: CommandContext = named === 'message' ? 'message' : named === 'commandbox' ? 'commandBox' : 'compose';
  let source: MessageSource | undefined;
  const payload = value.messagePayload;
  if (context === 'message' && isRecord(payload)) {
    const body = isRecord(payload.body) ? payload.body : {};
    const content = typeof body.content === 'string' ? body.content : '';
    const text = body.contentType === 'text' ? content.trim() : htmlToText(content);
    const from = isRecord(payload.from) && isRecord(payload.from.user) ? payload.from.user : {};
    source = {
      text,
      authorId: typeof from.id === 'string' ? from.id : undefined,
      authorName: typeof from.displayName === 'string' ? from.displayName : undefined,
    };
  }
  return { context, source, data: isRecord(value.data) ? value.data : {} };
}

/** composeExtension/query for "Find ticket": the `search` parameter and Teams' paging. */
export function parseSearchInvoke(value: unknown): SearchQuery {
  if (!isRecord(value)) throw new BadInvokeError({ key: 'invoke.expectedQuery' });
  commandId(value, ME_COMMANDS.findTicket);
  const parameters = Array.isArray(value.parameters) ? value.parameters.filter(isRecord) : [];
  const initialRun = parameters.some((p) => p.name === 'initialRun');
  const search = parameters.find((p) => p.name === 'search');
  const text = !initialRun && typeof search?.value === 'string' && search.value.trim() !== '' ? search.value.trim().slice(0, MAX_TITLE_LENGTH) : undefined;
  const options = isRecord(value.queryOptions) ? value.queryOptions : {};
  const int = (v: unknown, fallback: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? Math.min(v, max) : fallback;
  return { text, skip: int(options.skip, 0, 10_000), count: int(options.count, 25, 25) || 25 };
}

/** composeExtension/queryLink: the pasted URL. */
export function parseLinkInvoke(value: unknown): string {
  if (!isRecord(value) || typeof value.url !== 'string' || value.url.length > 2048) throw new BadInvokeError({ key: 'invoke.expectedLink' });
  return value.url;
}
