/**
 * Signed export links: `/exports/<payload>.<signature>`, the payload a report's question, the
 * period's start, an expiry and a random nonce, signed with HMAC-SHA256 under a secret only the
 * bot holds. Nothing in a link is secret (no API key, no signing key); without the secret none
 * can be made or altered, and each expires within minutes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isRecord } from '../ticketing/validate.js';
import type { PeriodSpec, ReportRequest } from './reportRequest.js';
import { MAX_DAYS } from './reportRequest.js';
import { LANGUAGES, type Language } from '../i18n/translate.js';

/** What an export link lets its holder download. */
export interface ExportGrant {
  request: ReportRequest;
  /** Epoch ms of the period's start, as the report card showed it. */
  start: number;
  /** The asker's hours from UTC (the file's name and day buckets). */
  utcOffset: number;
  /** `assigned to me`: the asker's AAD object id, which the export filters by. */
  assigneeId?: string;
  /** The asker's language, for the file's column headers and the download's refusals; absent: English. */
  language?: Language;
}

interface Payload {
  r: ReportRequest;
  s: number;
  o: number;
  a?: string;
  /** The asker's language, when not English. */
  l?: Language;
  /** A keyed hash of the asker's AAD object id: the file consent flow checks it; the id itself is not shown. */
  u: string;
  /** Expiry, epoch seconds. */
  x: number;
  n: string;
}

const TOKEN = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/;
/** The longest text a report's tag or assignee may hold in a link. */
const MAX_WORD = 255;

function isPeriod(v: unknown): v is PeriodSpec {
  if (!isRecord(v)) return false;
  if (v.kind === 'month') return true;
  return v.kind === 'days' && Number.isInteger(v.days) && (v.days as number) >= 1 && (v.days as number) <= MAX_DAYS;
}

function optionalWord(v: unknown): boolean {
  return v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= MAX_WORD);
}

function isPayload(v: unknown): v is Payload {
  return isRecord(v) && isRecord(v.r) && isPeriod(v.r.period) && optionalWord(v.r.tag) && optionalWord(v.r.assignee)
    && Number.isSafeInteger(v.s) && optionalWord(v.a) && typeof v.o === 'number' && v.o >= -12 && v.o <= 14
    && typeof v.u === 'string' && Number.isSafeInteger(v.x) && typeof v.n === 'string'
    && (v.l === undefined || LANGUAGES.some((l) => l === v.l));
}

export class ExportLinks {
  /**
   * @param secret the signing key, at least 32 bytes.
   * @param ttlMs how long a link works, in ms.
   */
  constructor(private readonly secret: Buffer, readonly ttlMs: number, private readonly now: () => number = Date.now) {
    if (secret.length < 32) throw new RangeError('the export signing secret must be at least 32 bytes');
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.secret).update(text).digest();
  }

  private personTag(aadObjectId: string): string {
    return this.mac(`person:${aadObjectId.toLowerCase()}`).subarray(0, 16).toString('base64url');
  }

  /** A token for `grant`, usable by whoever holds it until it expires; `asker`: the AAD object id of who asked. */
  sign(grant: ExportGrant, asker: string): string {
    const payload: Payload = {
      r: grant.request, s: grant.start, o: grant.utcOffset, ...(grant.assigneeId === undefined ? {} : { a: grant.assigneeId }),
      ...(grant.language === undefined || grant.language === 'en' ? {} : { l: grant.language }), u: this.personTag(asker),
      x: Math.ceil((this.now() + this.ttlMs) / 1000), n: randomBytes(16).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(`export:${body}`).toString('base64url')}`;
  }

  /**
   * The grant of a token this bot signed that has not expired; undefined for anything else (forged,
   * altered, expired, malformed). With `asker`, also undefined unless it was signed for them.
   */
  verify(token: unknown, asker?: string): ExportGrant | undefined {
    const payload = this.signedPayload(token);
    if (payload === undefined || payload.x * 1000 <= this.now()) return undefined;
    if (asker !== undefined && payload.u !== this.personTag(asker)) return undefined;
    return {
      request: payload.r, start: payload.s, utcOffset: payload.o, ...(payload.a === undefined ? {} : { assigneeId: payload.a }),
      ...(payload.l === undefined ? {} : { language: payload.l }),
    };
  }

  /** The language a token this bot signed was made for, expired or not: to refuse it in that language. Undefined for a forged one. */
  languageOf(token: unknown): Language | undefined {
    return this.signedPayload(token)?.l;
  }

  /** The payload of a well-formed token this bot signed, whether or not it has expired. */
  private signedPayload(token: unknown): Payload | undefined {
    const m = typeof token === 'string' ? TOKEN.exec(token) : null;
    if (!m) return undefined;
    const [, body, signature] = m as unknown as [string, string, string];
    // Compared as text: two spellings of one base64 value must not both pass.
    if (!timingSafeEqual(Buffer.from(signature), Buffer.from(this.mac(`export:${body}`).toString('base64url')))) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    return isPayload(payload) ? payload : undefined;
  }
}
