/** Calls to a running sandbox over real HTTP, as any client would make them. */
import type { Sandbox } from '../../src/sandbox/index.js';

export interface CallOptions {
  method?: string;
  /** 'primary' (default), 'secondary', 'none', or a literal key. */
  key?: 'primary' | 'secondary' | 'none' | { literal: string };
  /** JSON-encoded unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined when empty). */
  json: unknown;
  text: string;
}

export async function call(sandbox: Sandbox, pathAndQuery: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(sandbox.baseUrl + pathAndQuery);
  const key = options.key ?? 'primary';
  if (key === 'primary') url.searchParams.set('key', sandbox.primaryKey);
  else if (key === 'secondary') url.searchParams.set('key', sandbox.secondaryKey);
  else if (key !== 'none') url.searchParams.set('key', key.literal);
  const init: RequestInit = { method: options.method ?? 'GET', headers: { ...options.headers } };
  if (options.body !== undefined) {
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    init.headers = { 'content-type': 'application/json', ...options.headers };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined, text };
}

/** The `error.code` of an error body, failing loudly when the body is not one. */
export function errorCode(result: CallResult): string {
  const body = result.json as { error?: { code?: unknown; message?: unknown } } | undefined;
  if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body: ${result.text.slice(0, 200)}`);
  }
  return body.error.code;
}

export function errorMessage(result: CallResult): string {
  errorCode(result);
  return (result.json as { error: { message: string } }).error.message;
}

export type Json = Record<string, unknown>;

export function items(result: CallResult): Json[] {
  const body = result.json as { items?: unknown } | undefined;
  if (!Array.isArray(body?.items)) throw new Error(`no items in: ${result.text.slice(0, 200)}`);
  return body.items as Json[];
}

export function item(result: CallResult): Json {
  const body = result.json as { item?: unknown } | undefined;
  if (typeof body?.item !== 'object' || body.item === null) throw new Error(`no item in: ${result.text.slice(0, 200)}`);
  return body.item as Json;
}

export const USER = { id: '00000000-0000-0000-0000-0000000000a1', name: 'Adele Vance', email: 'adele.vance@contoso.com' };
export const REQUESTOR = { id: '00000000-0000-0000-0000-0000000000a7', name: 'Megan Bowen', email: 'megan.bowen@contoso.com' };
